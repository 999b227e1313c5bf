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
import type { Key } from '../keys.js';
import { Sampler } from '../kernels/sampler.js';
import { uniform24Kernel, uniform53Kernel } from '../kernels/js-kernels.generated.js';
import { roundToFormat } from '../math/float-bits.js';
import type { FloatFormat } from '../math/float-bits.js';
import { requireFiniteIn, requireInterval, resolveFinite } from './arguments.js';
import type { FillDType, FloatArray } from './arguments.js';
import { fillFloat, prepareFloat } from './prepared.js';
import type { FloatSamplerBuilder, PreparedSampler } from './prepared.js';

/** The options of the uniform fills (the prepare function refuses `offset` with its own message). */
const UNIFORM_KEYS = ['low', 'high', 'offset', 'dtype'] as const;

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
 * The rule every uniform fill and initializer applies to its bounds: both finite in the output
 * format. Bounds the format cannot hold would leave only a sliver of the grid inside them (every
 * other draw rejected: a near-hang, and not the distribution asked for), or, in TensorFlow.js's
 * arithmetic, samples of ±Infinity. `names` are the arguments the caller wrote (minval, maxval).
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireBoundsFit(
  where: string,
  low: number,
  high: number,
  format: FloatFormat,
  names: readonly [string, string] = ['low', 'high'],
): void {
  requireFiniteIn(where, names[0], low, format);
  requireFiniteIn(where, names[1], high, format);
}

/**
 * The whole uniform rule, with the caller's argument names: bounds finite in the format and at
 * least one value of the format in [low, high).
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireUniformFits(
  where: string,
  low: number,
  high: number,
  format: FloatFormat,
  names: readonly [string, string] = ['low', 'high'],
): void {
  uniformGrid(where, low, high, format, names);
}

/**
 * Finds the grid indices [kMin, kMax] whose values round into [low, high) in `format`, by binary
 * search (the map k ↦ round(low + k·step) is non-decreasing).
 */
export function uniformGrid(
  where: string,
  low: number,
  high: number,
  format: FloatFormat,
  names: readonly [string, string] = ['low', 'high'],
): UniformParams {
  requireBoundsFit(where, low, high, format, names);
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
      argumentMessage(where, names[0], `leave room for at least one ${format} value below ${names[1]} (${high})`, low),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return { low, step, kMin, kMax, kSpan: kMax - kMin };
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
  return fillFloat('fillUniform', out, key, options, UNIFORM_KEYS, uniformSampler);
}

/** Checks low and high for a format and builds the sampler (shared by fillUniform and prepareUniform). */
const uniformSampler: FloatSamplerBuilder = (where, words, record, format) => {
  const low = resolveFinite(where, 'low', record.low, 0);
  const high = resolveFinite(where, 'high', record.high, 1);
  requireInterval(where, low, high);
  const params = uniformGrid(where, low, high, format);
  return new Sampler(
    words,
    format === 'float64'
      ? { kernel: 'uniform53', js: uniform53Kernel, params: { ...params }, store: 'float64' }
      : { kernel: 'uniform24', js: uniform24Kernel, params: { ...params }, store: format },
  );
};

/** Options of {@link prepareUniform}. */
export type PrepareUniformOptions = Omit<UniformOptions, 'offset'>;

/**
 * Prepares uniform sampling on [low, high) for one key: the options are checked and the grid found
 * once, then `fill(out, offset)` / `fillRuns(out, runs)` draw any part of the tensor. The values equal
 * {@link fillUniform}'s.
 *
 * @param key - The key of the whole tensor.
 * @param options - low (default 0), high (default 1), dtype (default 'float32').
 * @returns A {@link PreparedSampler}.
 * @throws As {@link fillUniform} for the options; InitTypeError if offset is given here.
 * @example
 * ```ts
 * const sampler = prepareUniform(keyFromSeed(42));
 * sampler.fill(new Float32Array(2), 1); // Float32Array [0.868065357208252, 0.14790159463882446]
 * ```
 */
export function prepareUniform(key: Key, options?: PrepareUniformOptions): PreparedSampler<FloatArray> {
  return prepareFloat('prepareUniform', key, options, UNIFORM_KEYS, uniformSampler);
}
