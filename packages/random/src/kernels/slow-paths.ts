/**
 * The rare paths of the ziggurat kernels and the rounding test at a truncation bound, written once in
 * JavaScript and called by both kernel backends: by the JavaScript kernels directly, and by the
 * WebAssembly kernels through an import, one lane at a time (wasm-kernels.ts). They run for about
 * 1.5% of normal attempts, so their cost is small either way, and keeping them here means the
 * deterministic logarithm and exponential (math/deterministic-math.ts) have one implementation.
 */

import { acceptWedge, sampleTail, zigguratTables } from '../distributions/ziggurat.js';
import { roundToFormat } from '../math/float-bits.js';
import type { FloatFormat } from '../math/float-bits.js';

/** What a kernel writes: the output array, or a Float64Array scratch block for float16/bfloat16. */
export type KernelOutput = Float32Array | Float64Array | Int32Array;

/** The bounds a truncated sample must lie strictly inside after rounding to the output format. */
export interface RoundingBounds {
  readonly lower: number;
  readonly upper: number;
  readonly format: FloatFormat;
}

/**
 * The normal's rare path: for layer 0 a tail sample with the sign of the candidate x (always
 * accepted; x is never zero there), otherwise the wedge test of candidate x, whose sign it ignores.
 * Leaves the signed sample for {@link slowResult} and returns false when the wedge test rejects (the
 * kernel starts a new attempt).
 */
export function normalSlow(state: Int32Array, layer: number, x: number): boolean {
  const tables = zigguratTables();
  if (layer === 0) {
    const tail = sampleTail(state);
    tables.result[0] = x < 0 ? -tail : tail;
    return true;
  }
  tables.result[0] = x;
  return acceptWedge(state, layer, x, tables.heights);
}

/** The wedge test alone (the truncated kernels never need the tail). */
export function wedgeSlow(state: Int32Array, layer: number, x: number): boolean {
  return acceptWedge(state, layer, x, zigguratTables().heights);
}

/**
 * The sample the last accepting {@link normalSlow} left. Passed through a Float64Array because a
 * double returned from a call that is not inlined would be boxed on the heap.
 */
export function slowResult(): number {
  return zigguratTables().result[0]!;
}

/** True when v, rounded to the output format, lies strictly inside (lower, upper). */
export function roundedInside(v: number, bounds: RoundingBounds): boolean {
  const rounded = roundToFormat(v, bounds.format);
  return rounded > bounds.lower && rounded < bounds.upper;
}
