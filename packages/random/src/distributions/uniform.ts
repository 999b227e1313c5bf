/**
 * Uniform floats on [low, high) from the default engine.
 *
 * float32, float16 and bfloat16 draw one word per attempt and use its top 24 bits, k = w >>> 8;
 * float64 draws two words per attempt for 53 bits, k = (w1 >>> 5)·2^26 + (w2 >>> 6). The value is
 * `low + k·step` with `step = (high − low)·2^-bits`, rounded once to the output format. Grid points
 * whose rounded value would fall outside [low, high) — high itself after rounding, or a value below a
 * low that the format cannot represent — are redrawn, never clamped, so every stored value x
 * satisfies low ≤ x < high. For the default [0, 1) nothing is ever redrawn.
 */

import { InitRangeError, argumentMessage } from '../errors.js';
import { requireKeyWords } from '../keys.js';
import type { Key } from '../keys.js';
import { fillBlocks, fillBlocksAsHalf } from '../engines/block-stream.js';
import { float32ToBfloat16Bits, float32ToFloat16Bits, roundToFormat } from '../math/float-bits.js';
import type { FloatFormat } from '../math/float-bits.js';
import { optionsRecord, requireInterval, resolveFinite, resolveFloatFormat, resolveOffset } from './arguments.js';
import type { FillDType, FloatArray } from './arguments.js';

/** Options of {@link fillUniform}. */
export interface UniformOptions {
  /** Inclusive lower bound, default 0. */
  low?: number;
  /** Exclusive upper bound, default 1. */
  high?: number;
  /** Flat index of `out[0]` in the whole tensor, default 0. */
  offset?: number;
  /** Element type; defaults from the array (Uint16Array needs 'float16' or 'bfloat16'). */
  dtype?: FillDType;
}

interface UniformParams {
  readonly low: number;
  readonly step: number;
  /** Smallest grid index whose rounded value is ≥ low. */
  readonly kMin: number;
  /** Largest grid index whose rounded value is < high. */
  readonly kMax: number;
  /** kMax − kMin, for the single unsigned comparison of the 24-bit kernel. */
  readonly kSpan: number;
}

/**
 * Finds the grid indices [kMin, kMax] whose values round into [low, high) in `format`, by binary
 * search (the map k ↦ round(low + k·step) is non-decreasing).
 */
export function uniformGrid(where: string, low: number, high: number, format: FloatFormat): UniformParams {
  // Bounds the format cannot hold would leave only a sliver of the grid inside them (every other
  // draw rejected: a near-hang, and a distribution that is not the one asked for).
  for (const [argument, bound] of [
    ['low', low],
    ['high', high],
  ] as const) {
    if (!Number.isFinite(roundToFormat(bound, format))) {
      throw new InitRangeError(
        argumentMessage(where, argument, `be within the finite range of ${format}`, bound),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
  }
  const bits = format === 'float64' ? 53 : 24;
  const size = 2 ** bits;
  const step = (high - low) / size;
  const value = (k: number): number => roundToFormat(low + k * step, format);
  // Largest k with value(k) < high.
  let kMax = -1;
  if (value(0) < high) {
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = lo + Math.ceil((hi - lo) / 2);
      if (value(mid) < high) lo = mid;
      else hi = mid - 1;
    }
    kMax = lo;
  }
  // Smallest k with value(k) ≥ low.
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (value(mid) >= low) hi = mid;
    else lo = mid + 1;
  }
  const kMin = lo;
  if (kMin > kMax) {
    throw new InitRangeError(
      argumentMessage(where, 'low', `leave room for at least one ${format} value below high (${high})`, low),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return { low, step, kMin, kMax, kSpan: kMax - kMin };
}

/** 24-bit uniform kernel (float32 output, or float64 scratch for float16/bfloat16). */
function uniform24Kernel(
  out: Float32Array | Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: UniformParams,
): void {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const low = params.low;
  const step = params.step;
  const kMin = params.kMin;
  const kSpan = params.kSpan;
  let index = start;
  while (index < end) {
    // xoshiro128** step, inlined (see engines/xoshiro128.ts).
    const multiplied = Math.imul(s1, 5);
    const word = Math.imul((multiplied << 7) | (multiplied >>> 25), 9);
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    const k = word >>> 8;
    // One unsigned comparison tests kMin ≤ k ≤ kMax.
    if ((k - kMin) >>> 0 > kSpan) continue;
    out[index++] = low + k * step;
  }
}

/** 53-bit uniform kernel (float64 output). */
function uniform53Kernel(
  out: Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: UniformParams,
): void {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const low = params.low;
  const step = params.step;
  const kMin = params.kMin;
  const kMax = params.kMax;
  let index = start;
  while (index < end) {
    let multiplied = Math.imul(s1, 5);
    const first = Math.imul((multiplied << 7) | (multiplied >>> 25), 9);
    let shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    multiplied = Math.imul(s1, 5);
    const second = Math.imul((multiplied << 7) | (multiplied >>> 25), 9);
    shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    const k = (first >>> 5) * 67108864 + (second >>> 6);
    if (k < kMin || k > kMax) continue;
    out[index++] = low + k * step;
  }
}

/**
 * Fills `out` with uniform samples on [low, high) from the default counter-based engine. Element i of
 * the whole tensor depends only on (key, i), so `fillUniform(out.subarray(a, b), key, { offset: a })`
 * equals `fillUniform(out, key).subarray(a, b)`.
 *
 * `x = low + k·(high − low)·2^-24` (float32/16, bfloat16) or `·2^-53` (float64), k a uniform integer,
 * grid points that round outside [low, high) redrawn.
 *
 * @param out - Float32Array, Float64Array, or Uint16Array with dtype 'float16' | 'bfloat16'. May be empty.
 * @param key - The key of the whole tensor.
 * @param options - low (default 0), high (default 1), offset (default 0), dtype.
 * @returns `out`.
 * @throws InitRangeError if low ≥ high, a bound is not finite, high − low overflows, no value of
 *   the format lies in [low, high), or offset is invalid (`ERR_INIT_INVALID_PARTITION`).
 * @throws InitTypeError if key is not a key or out does not fit dtype (`ERR_INIT_INVALID_DTYPE`).
 * @example
 * ```ts
 * fillUniform(new Float32Array(3), keyFromSeed(42));
 * // Float32Array [0.9962380528450012, 0.868065357208252, 0.14790159463882446]
 * ```
 */
export function fillUniform<T extends FloatArray>(out: T, key: Key, options?: UniformOptions): T {
  const where = 'fillUniform';
  const record = optionsRecord(where, options);
  const words = requireKeyWords(where, key);
  const format = resolveFloatFormat(where, out, record.dtype);
  const offset = resolveOffset(where, record.offset, out.length);
  const low = resolveFinite(where, 'low', record.low, 0);
  const high = resolveFinite(where, 'high', record.high, 1);
  requireInterval(where, low, high);
  const params = uniformGrid(where, low, high, format);
  if (out.length === 0) return out;
  switch (format) {
    case 'float32':
      fillBlocks(out as Float32Array, offset, words, uniform24Kernel, params);
      break;
    case 'float64':
      fillBlocks(out as Float64Array, offset, words, uniform53Kernel, params);
      break;
    case 'float16':
      fillBlocksAsHalf(out as Uint16Array, offset, words, uniform24Kernel, params, float32ToFloat16Bits);
      break;
    case 'bfloat16':
      fillBlocksAsHalf(out as Uint16Array, offset, words, uniform24Kernel, params, float32ToBfloat16Bits);
      break;
  }
  return out;
}
