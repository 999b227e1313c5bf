/**
 * The 256-layer ziggurat of Marsaglia & Tsang (2000), "The Ziggurat Method for Generating Random
 * Variables", J. Stat. Softw. 5(8), with a separate layer index (Doornik 2005's fix for the original's
 * reuse of the same bits for layer and value) laid out as in NumPy's `random_standard_normal_f`.
 *
 * The tables are computed on first use, with the deterministic logarithm and exponential, so they are
 * bit-identical on every engine (they are part of the stream contract, STREAMS.md §4).
 */

import { deterministicExp, deterministicLog } from '../math/deterministic-math.js';
import { nextOpenClosed53 } from '../engines/xoshiro128.js';

/** Right edge of the base layer (the tail starts here), for 256 layers of equal area. */
export const ZIGGURAT_R = 3.6541528853610088;
/** The common area of the 256 layers under f(x) = exp(−x²/2) on x ≥ 0. */
const ZIGGURAT_V = 0.00492867323399;

export interface ZigguratTables {
  /** X[0..256]: layer i spans [0, X[i]] horizontally; X[0] = V/f(R) is the base layer's virtual width. */
  readonly edges: Float64Array;
  /** F[i] = f(X[i]) = exp(−X[i]²/2), F[256] = 1. */
  readonly heights: Float64Array;
  /** F[i + 1], i = 0..255: the wedge test's upper height, indexed by layer like the others. */
  readonly heightsNext: Float64Array;
  /** ⌈2^23·X[i+1]/X[i]⌉: a 23-bit magnitude below it lies inside the layer's core rectangle. */
  readonly accept23: Int32Array;
  /** X[i]·2^-23, the value of one unit of a 23-bit magnitude in layer i. */
  readonly scale23: Float64Array;
  /** ⌈2^52·X[i+1]/X[i]⌉, for 52-bit magnitudes. */
  readonly accept52: Float64Array;
  /** X[i]·2^-52. */
  readonly scale52: Float64Array;
  /** Where the out-of-line slow path leaves its sample (returning a double from a call would box it). */
  readonly result: Float64Array;
}

let tables: ZigguratTables | undefined;

function density(x: number): number {
  return deterministicExp(-0.5 * x * x);
}

/** The tables, built once. */
export function zigguratTables(): ZigguratTables {
  if (tables !== undefined) return tables;
  const edges = new Float64Array(257);
  const heights = new Float64Array(257);
  edges[0] = ZIGGURAT_V / density(ZIGGURAT_R);
  edges[1] = ZIGGURAT_R;
  for (let i = 1; i < 255; i++) {
    const x = edges[i]!;
    // Layer i has area V: X[i]·(f(X[i+1]) − f(X[i])) = V, solved for X[i+1].
    edges[i + 1] = Math.sqrt(-2 * deterministicLog(ZIGGURAT_V / x + density(x)));
  }
  edges[256] = 0;
  for (let i = 0; i < 257; i++) heights[i] = i === 256 ? 1 : density(edges[i]!);
  const accept23 = new Int32Array(256);
  const scale23 = new Float64Array(256);
  const accept52 = new Float64Array(256);
  const scale52 = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const ratio = edges[i + 1]! / edges[i]!;
    accept23[i] = Math.ceil(ratio * 8388608);
    scale23[i] = edges[i]! * 1.1920928955078125e-7; // 2^-23
    accept52[i] = Math.ceil(ratio * 4503599627370496);
    scale52[i] = edges[i]! * 2.220446049250313e-16; // 2^-52
  }
  tables = {
    edges,
    heights,
    heightsNext: heights.subarray(1),
    accept23,
    scale23,
    accept52,
    scale52,
    result: new Float64Array(1),
  };
  return tables;
}

/**
 * A sample from the tail x > R of the normal, by Marsaglia's (1964) method: x = R − ln(u1)/R,
 * accepted when −2·ln(u2) > (x − R)². Each attempt draws two 53-bit uniforms (four words).
 */
export function sampleTail(state: Int32Array): number {
  for (;;) {
    const excess = -deterministicLog(nextOpenClosed53(state)) / ZIGGURAT_R;
    const exponential = -deterministicLog(nextOpenClosed53(state));
    if (exponential + exponential > excess * excess) return ZIGGURAT_R + excess;
  }
}

/**
 * The wedge test of layer i ≥ 1 for a candidate |x| in [X[i+1], X[i]): draws a 53-bit uniform u
 * (two words) and accepts when F[i] + u·(F[i+1] − F[i]) < exp(−x²/2).
 */
export function acceptWedge(state: Int32Array, layer: number, x: number, heights: Float64Array): boolean {
  const floor = heights[layer]!;
  const y = floor + nextOpenClosed53(state) * (heights[layer + 1]! - floor);
  return y < density(x);
}
