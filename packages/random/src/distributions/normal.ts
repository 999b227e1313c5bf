/**
 * Normal and truncated normal floats from the default engine, by the 256-layer ziggurat
 * (see ziggurat.ts). About 98.5% of attempts take the fast path: one word, one table comparison,
 * one multiplication.
 *
 * float32, float16 and bfloat16 use one word per attempt — layer from bits 0–7, sign from bit 8,
 * a 23-bit magnitude from bits 9–31 (NumPy's float32 layout); float64 uses two words per attempt —
 * layer and sign from the first word's low bits, a 52-bit magnitude from its top 20 bits and the
 * whole second word. Only the rare tail and wedge paths use logarithms and exponentials, and those
 * are the deterministic ones, so values are identical on every engine.
 */

import { InitRangeError, argumentMessage } from '../errors.js';
import { requireKeyWords } from '../keys.js';
import type { Key } from '../keys.js';
import { fillBlocks, fillBlocksAsHalf } from '../engines/block-stream.js';
import {
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  representableAbove,
  representableBelow,
  roundToFormat,
} from '../math/float-bits.js';
import type { FloatFormat } from '../math/float-bits.js';
import { fillMean, fillTruncatedNormalBounded, resolveTruncationBounds } from './truncated-normal.js';
import { acceptWedge, sampleTail, ZIGGURAT_R, zigguratTables } from './ziggurat.js';
import { optionsRecord, resolveFinite, resolveFloatFormat, resolveOffset, resolveStddev } from './arguments.js';
import type { FillDType, FloatArray } from './arguments.js';

/** Options of {@link fillNormal} and {@link fillTruncatedNormal}. */
export interface NormalOptions {
  /** Mean, default 0. */
  mean?: number;
  /** Standard deviation (of the untruncated normal), default 1; must be ≥ 0 and finite. */
  stddev?: number;
  /** Flat index of `out[0]` in the whole tensor, default 0. */
  offset?: number;
  /** Element type; defaults from the array (Uint16Array needs 'float16' or 'bfloat16'). */
  dtype?: FillDType;
}

interface NormalParams {
  readonly mean: number;
  readonly stddev: number;
}

interface TruncatedParams extends NormalParams {
  /** mean − 2·stddev and mean + 2·stddev: stored values lie strictly between them. */
  readonly lower: number;
  readonly upper: number;
  /** The extreme representable values strictly inside (lower, upper): anything between them is safe. */
  readonly lowerSafe: number;
  readonly upperSafe: number;
  readonly format: FloatFormat;
}

/**
 * The rare path of the normal kernels, kept out of line so the fast loop stays small: for layer 0 a
 * tail sample (always accepted), otherwise the wedge test of candidate |x|. Leaves the magnitude in
 * result[0] and returns false when the wedge test rejects (the kernel starts over).
 */
function normalSlowPath(state: Int32Array, layer: number, x: number): boolean {
  if (layer === 0) {
    zigguratTables().result[0] = sampleTail(state);
    return true;
  }
  zigguratTables().result[0] = x;
  return acceptWedge(state, layer, x, zigguratTables().heights);
}

/** The wedge test alone (the truncated kernels never need the tail). */
function wedgeSlowPath(state: Int32Array, layer: number, x: number): boolean {
  return acceptWedge(state, layer, x, zigguratTables().heights);
}

function normal23Kernel(
  out: Float32Array | Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: NormalParams,
): void {
  const tables = zigguratTables();
  const accept = tables.accept23;
  const scale = tables.scale23;
  const mean = params.mean;
  const stddev = params.stddev;
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  let index = start;
  while (index < end) {
    const multiplied = Math.imul(s1, 5);
    const word = Math.imul((multiplied << 7) | (multiplied >>> 25), 9);
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    const layer = word & 255;
    const magnitude = word >>> 9;
    let z: number;
    if (magnitude < accept[layer]!) {
      z = magnitude * scale[layer]!;
    } else {
      // Rare path, out of line: hand the state over, then take it back.
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      const accepted = normalSlowPath(state, layer, magnitude * scale[layer]!);
      s0 = state[0]!;
      s1 = state[1]!;
      s2 = state[2]!;
      s3 = state[3]!;
      if (!accepted) continue;
      z = tables.result[0]!;
    }
    // Bit 8 is the sign; 1 − ((word >>> 7) & 2) is ±1 without a branch, which a random sign
    // would mispredict half the time. Negation is exact, so the value is the same as a branch's.
    out[index++] = mean + stddev * (z * (1 - ((word >>> 7) & 2)));
  }
}

function normal52Kernel(out: Float64Array, start: number, end: number, state: Int32Array, params: NormalParams): void {
  const tables = zigguratTables();
  const accept = tables.accept52;
  const scale = tables.scale52;
  const mean = params.mean;
  const stddev = params.stddev;
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
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
    const layer = first & 255;
    const magnitude = (first >>> 12) * 4294967296 + (second >>> 0);
    let z: number;
    if (magnitude < accept[layer]!) {
      z = magnitude * scale[layer]!;
    } else {
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      const accepted = normalSlowPath(state, layer, magnitude * scale[layer]!);
      s0 = state[0]!;
      s1 = state[1]!;
      s2 = state[2]!;
      s3 = state[3]!;
      if (!accepted) continue;
      z = tables.result[0]!;
    }
    out[index++] = mean + stddev * (z * (1 - ((first >>> 7) & 2)));
  }
}

/**
 * True when v, rounded to the output format, lies strictly inside (lower, upper). Called only for
 * the rare v outside [lowerSafe, upperSafe].
 */
function roundedInside(v: number, params: TruncatedParams): boolean {
  const rounded = roundToFormat(v, params.format);
  return rounded > params.lower && rounded < params.upper;
}

function truncated23Kernel(
  out: Float32Array | Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: TruncatedParams,
): void {
  const tables = zigguratTables();
  const accept = tables.accept23;
  const scale = tables.scale23;
  const mean = params.mean;
  const stddev = params.stddev;
  const lowerSafe = params.lowerSafe;
  const upperSafe = params.upperSafe;
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  let index = start;
  while (index < end) {
    const multiplied = Math.imul(s1, 5);
    const word = Math.imul((multiplied << 7) | (multiplied >>> 25), 9);
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = (s3 << 11) | (s3 >>> 21);
    const layer = word & 255;
    const magnitude = word >>> 9;
    let z = magnitude * scale[layer]!;
    if (magnitude >= accept[layer]!) {
      // The tail (layer 0) lies beyond R ≈ 3.65 and a wedge candidate at |z| ≥ 2 would be cut anyway:
      // redraw without spending words on them.
      if (layer === 0 || z >= 2) continue;
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      const accepted = wedgeSlowPath(state, layer, z);
      s0 = state[0]!;
      s1 = state[1]!;
      s2 = state[2]!;
      s3 = state[3]!;
      if (!accepted) continue;
    }
    // TensorFlow's rule on the standard sample: |z| < 2, redrawn otherwise.
    if (z >= 2) continue;
    z *= 1 - ((word >>> 7) & 2); // the sign from bit 8, without a branch
    const v = mean + stddev * z;
    // And the stored value itself must lie strictly inside, after rounding to the output format.
    if ((v < lowerSafe || v > upperSafe) && !roundedInside(v, params)) continue;
    out[index++] = v;
  }
}

function truncated52Kernel(
  out: Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: TruncatedParams,
): void {
  const tables = zigguratTables();
  const accept = tables.accept52;
  const scale = tables.scale52;
  const mean = params.mean;
  const stddev = params.stddev;
  const lowerSafe = params.lowerSafe;
  const upperSafe = params.upperSafe;
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
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
    const layer = first & 255;
    const magnitude = (first >>> 12) * 4294967296 + (second >>> 0);
    let z = magnitude * scale[layer]!;
    if (magnitude >= accept[layer]!) {
      if (layer === 0 || z >= 2) continue;
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      const accepted = wedgeSlowPath(state, layer, z);
      s0 = state[0]!;
      s1 = state[1]!;
      s2 = state[2]!;
      s3 = state[3]!;
      if (!accepted) continue;
    }
    if (z >= 2) continue;
    z *= 1 - ((first >>> 7) & 2);
    const v = mean + stddev * z;
    if ((v < lowerSafe || v > upperSafe) && !roundedInside(v, params)) continue;
    out[index++] = v;
  }
}

/** The checked arguments of a normal fill. */
export interface ResolvedNormal {
  readonly words: readonly [number, number];
  readonly format: FillDType;
  readonly offset: number;
  readonly mean: number;
  readonly stddev: number;
}

function resolveNormal(where: string, out: unknown, key: unknown, options: unknown): ResolvedNormal {
  const record = optionsRecord(where, options);
  const words = requireKeyWords(where, key);
  const format = resolveFloatFormat(where, out, record.dtype);
  const offset = resolveOffset(where, record.offset, (out as FloatArray).length);
  const mean = resolveFinite(where, 'mean', record.mean, 0);
  const stddev = resolveStddev(where, record.stddev);
  if (!Number.isFinite(roundToFormat(mean, format))) {
    throw new InitRangeError(
      argumentMessage(where, 'mean', `be within the finite range of ${format}`, mean),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return { words, format, offset, mean, stddev };
}

/**
 * The largest |z| the ziggurat can return: its tail sampler gives R − ln(u)/R with u ≥ 2^-53.
 * `mean ± Z_MAX·stddev` finite in the output format means no sample can overflow to infinity.
 */
const Z_MAX = ZIGGURAT_R + (53 * Math.LN2) / ZIGGURAT_R;

function runFloatKernel<P>(
  out: FloatArray,
  resolved: ResolvedNormal,
  kernel23: (out: Float32Array | Float64Array, start: number, end: number, state: Int32Array, params: P) => void,
  kernel52: (out: Float64Array, start: number, end: number, state: Int32Array, params: P) => void,
  params: P,
): void {
  const { words, offset } = resolved;
  switch (resolved.format) {
    case 'float32':
      fillBlocks(out as Float32Array, offset, words, kernel23, params);
      break;
    case 'float64':
      fillBlocks(out as Float64Array, offset, words, kernel52, params);
      break;
    case 'float16':
      fillBlocksAsHalf(out as Uint16Array, offset, words, kernel23, params, float32ToFloat16Bits);
      break;
    case 'bfloat16':
      fillBlocksAsHalf(out as Uint16Array, offset, words, kernel23, params, float32ToBfloat16Bits);
      break;
  }
}

/**
 * Fills `out` with normal samples from the default counter-based engine (256-layer ziggurat).
 * Element i of the whole tensor depends only on (key, i), so any slice filled with its `offset`
 * equals the same slice of the whole.
 *
 * `x = mean + stddev·z`, z ~ N(0, 1), rounded once to the output format.
 *
 * @param out - Float32Array, Float64Array, or Uint16Array with dtype 'float16' | 'bfloat16'. May be empty.
 * @param key - The key of the whole tensor.
 * @param options - mean (default 0), stddev (default 1), offset (default 0), dtype.
 * @returns `out`.
 * @throws InitRangeError if mean is not finite, stddev is negative or not finite, or offset is invalid.
 * @throws InitTypeError if key is not a key or out does not fit dtype.
 * @see https://www.jstatsoft.org/v05/i08/ (Marsaglia & Tsang 2000)
 * @example
 * ```ts
 * fillNormal(new Float32Array(3), keyFromSeed(42));
 * // Float32Array [1.1743378639221191, -0.7825480103492737, -0.6067344546318054]
 * ```
 */
export function fillNormal<T extends FloatArray>(out: T, key: Key, options?: NormalOptions): T {
  const resolved = resolveNormal('fillNormal', out, key, options);
  if (!Number.isFinite(roundToFormat(Math.abs(resolved.mean) + Z_MAX * resolved.stddev, resolved.format))) {
    throw new InitRangeError(
      argumentMessage(
        'fillNormal',
        'stddev',
        `keep mean ± ${Z_MAX.toFixed(2)}·stddev (the widest sample) within the finite range of ${resolved.format}`,
        resolved.stddev,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (out.length === 0) return out;
  runFloatKernel(out, resolved, normal23Kernel, normal52Kernel, { mean: resolved.mean, stddev: resolved.stddev });
  return out;
}

/** Options of {@link fillTruncatedNormal}: those of the normal, and the bounds. */
export interface TruncatedNormalOptions extends NormalOptions {
  /**
   * The lower bound in standard deviations from the mean, default −2; `-Infinity` for none.
   * Values are strictly greater than `mean + lower·stddev`.
   */
  lower?: number;
  /** The upper bound in standard deviations from the mean, default 2; `Infinity` for none. */
  upper?: number;
}

/**
 * Fills `out` with samples of a normal truncated to `lower < (x − mean)/stddev < upper`, by default
 * |x − mean| < 2·stddev (TensorFlow's `truncated_normal` rule): samples outside are redrawn, never
 * clamped, and the bounds hold for the stored value after rounding to the output format too.
 * `stddev` is that of the untruncated normal, so with the default bounds the result's standard
 * deviation is about 0.88·stddev. With stddev = 0 every element is `mean`.
 *
 * `x = mean + stddev·z`, z ~ N(0, 1) conditioned on lower < z < upper and on the rounded x lying
 * strictly inside (mean + lower·stddev, mean + upper·stddev).
 *
 * Any interval is sampled exactly — wide, narrow, one-sided, or far in a tail such as [8, 9] or
 * (−∞, −10] — by the sampler with the highest acceptance rate for it (normal or half-normal
 * rejection through the ziggurat, uniform rejection, or a Rayleigh tail proposal; the README's table
 * gives the regimes and rates). The default (−2, 2) keeps the stream of version 1.
 *
 * @param out - Float32Array, Float64Array, or Uint16Array with dtype 'float16' | 'bfloat16'. May be empty.
 * @param key - The key of the whole tensor.
 * @param options - mean (default 0), stddev (default 1), lower (default −2), upper (default 2),
 *   offset (default 0), dtype.
 * @returns `out`.
 * @throws InitRangeError if mean is not finite, stddev is negative or not finite, offset is invalid,
 *   lower or upper is not a number or lower ≥ upper, a bound (or, on an open side, the widest sample)
 *   is beyond the format's finite range, no value of the format lies strictly inside the bounds, or
 *   the values inside carry almost none of the law's probability (an element redrawn 2^20 times).
 * @throws InitTypeError if key is not a key or out does not fit dtype.
 * @see https://arxiv.org/abs/1603.04166 (Botev 2017, the Rayleigh tail sampler)
 * @example
 * ```ts
 * fillTruncatedNormal(new Float32Array(3), keyFromSeed(42));
 * // Float32Array [1.1743378639221191, -0.7825480103492737, -0.6067344546318054]
 * fillTruncatedNormal(new Float64Array(2), keyFromSeed(42), { lower: 8, upper: 9 }); // far in the tail
 * ```
 */
export function fillTruncatedNormal<T extends FloatArray>(out: T, key: Key, options?: TruncatedNormalOptions): T {
  const where = 'fillTruncatedNormal';
  const resolved = resolveNormal(where, out, key, options);
  const record = optionsRecord(where, options);
  const [a, b] = resolveTruncationBounds(where, record.lower, record.upper);
  const { mean, stddev, format } = resolved;
  if (stddev === 0) {
    // Degenerate: TensorFlow returns mean. No words are drawn.
    fillMean(out, format, mean);
    return out;
  }
  // Any other interval takes the general samplers; (−2, 2) keeps its own kernels (stream version 1).
  if (a !== -2 || b !== 2) return fillTruncatedNormalBounded(out, resolved, a, b);
  const lower = mean - 2 * stddev;
  const upper = mean + 2 * stddev;
  if (!Number.isFinite(roundToFormat(lower, format)) || !Number.isFinite(roundToFormat(upper, format))) {
    // Samples beyond the format's range would be redrawn until they fit: a silently narrower law.
    throw new InitRangeError(
      argumentMessage(where, 'stddev', `keep mean ± 2·stddev within the finite range of ${format}`, stddev),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const lowerSafe = representableAbove(lower, format);
  const upperSafe = representableBelow(upper, format);
  if (!(lowerSafe <= upperSafe) || !Number.isFinite(lower) || !Number.isFinite(upper)) {
    throw new InitRangeError(
      argumentMessage(
        where,
        'stddev',
        `leave at least one ${format} value strictly between mean - 2*stddev and mean + 2*stddev (mean ${mean})`,
        stddev,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (out.length === 0) return out;
  runFloatKernel(out, resolved, truncated23Kernel, truncated52Kernel, {
    mean,
    stddev,
    lower,
    upper,
    lowerSafe,
    upperSafe,
    format,
  });
  return out;
}
