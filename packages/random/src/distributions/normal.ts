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
import type { Key } from '../keys.js';
import { ConstantFiller, Sampler } from '../kernels/sampler.js';
import type { RunFiller, SamplerOutput, StoreKind } from '../kernels/sampler.js';
import { representableAbove, representableBelow, roundToFormat, storedValue } from '../math/float-bits.js';
import {
  type BoundNames,
  fillTruncatedNormalBounded,
  fillTruncatedNormalBoundedRuns,
  requireBoundedFits,
  resolveTruncationBounds,
} from './truncated-normal.js';
import { ZIGGURAT_R } from './ziggurat.js';
import {
  normal23Kernel,
  normal52Kernel,
  truncated23Kernel,
  truncated52Kernel,
} from '../kernels/js-kernels.generated.js';
import { requireFiniteIn, resolveFinite, resolveStddev } from './arguments.js';
import type { FillDType, FloatArray } from './arguments.js';
import type { FloatFormat } from '../math/float-bits.js';
import { fillFloat, prepareFloat } from './prepared.js';
import type { FloatSamplerBuilder, PreparedSampler } from './prepared.js';

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

/** The checked arguments of a normal fill (the general truncated samplers take them). */
export interface ResolvedNormal {
  readonly words: readonly [number, number];
  readonly format: FillDType;
  readonly offset: number;
  readonly mean: number;
  readonly stddev: number;
}

/** Checks mean and stddev against the format (shared by the fill and prepare functions). */
function normalParameters(
  where: string,
  record: Record<string, unknown>,
  format: FillDType,
): { mean: number; stddev: number } {
  const mean = resolveFinite(where, 'mean', record.mean, 0);
  const stddev = resolveStddev(where, record.stddev);
  requireFiniteIn(where, 'mean', mean, format);
  return { mean, stddev };
}

/** The options of the normal fills (the prepare functions refuse `offset` with their own message). */
const NORMAL_KEYS = ['mean', 'stddev', 'offset', 'dtype'] as const;
const TRUNCATED_KEYS = ['mean', 'stddev', 'lower', 'upper', 'offset', 'dtype'] as const;

/**
 * The largest |z| the ziggurat can return: its tail sampler gives R − ln(u)/R with u ≥ 2^-53.
 * `mean ± Z_MAX·stddev` finite in the output format means no sample can overflow to infinity.
 */
const Z_MAX = ZIGGURAT_R + (53 * Math.LN2) / ZIGGURAT_R;

/**
 * The largest |z| TensorFlow.js's Marsaglia polar method can return: Alea's outputs are multiples of
 * 2^-32, so s = v1² + v2² ≥ 2^-62 and |z| ≤ |v1|·√(−2·ln s / s) ≤ √(−2·ln 2^-62) ≈ 9.27.
 */
const Z_MAX_TFJS = 9.3;

/** Which normal sampler a range check is for: each has its own widest possible sample. */
export type NormalSampler = 'counter' | 'tfjs';

/**
 * The mean must be finite in the output format and, for TensorFlow.js's sampler, in float32 too,
 * whatever the output: TensorFlow.js computes every sample in float32, so a mean beyond float32's
 * range is ±Infinity there even with stddev 0.
 */
function requireMeanFits(where: string, name: string, mean: number, format: FloatFormat, sampler: NormalSampler): void {
  requireFiniteIn(where, name, mean, format);
  if (sampler === 'tfjs') requireFiniteIn(where, name, mean, 'float32', 'TensorFlow.js computes in float32');
}

/**
 * The rule every normal fill and initializer applies: the widest sample the sampler can draw,
 * `mean ± z·stddev` (z ≈ 13.7 for the ziggurat, 9.3 for TensorFlow.js's polar method), must be finite
 * in the output format, so no sample can become ±Infinity. `names` are the arguments the caller
 * wrote (`mean`/`stddev`, or VarianceScaling's `scale` with the value it received).
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireNormalFits(
  where: string,
  mean: number,
  stddev: number,
  format: FloatFormat,
  sampler: NormalSampler,
  names: { readonly mean?: string; readonly stddev?: string; readonly received?: unknown } = {},
): void {
  const z = sampler === 'counter' ? Z_MAX : Z_MAX_TFJS;
  requireMeanFits(where, names.mean ?? 'mean', mean, format, sampler);
  const widest = Math.abs(mean) + z * stddev;
  // TensorFlow.js computes in float32 before any conversion, so its samples must fit float32 too.
  if (
    !Number.isFinite(roundToFormat(widest, format)) ||
    (sampler === 'tfjs' && !Number.isFinite(Math.fround(widest)))
  ) {
    throw new InitRangeError(
      argumentMessage(
        where,
        names.stddev ?? 'stddev',
        `keep mean ± ${z.toFixed(2)}·stddev (the widest sample) within the finite range of ${format}`,
        names.received ?? stddev,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/**
 * The rule of the truncated normal fills: `mean ± 2·stddev` finite in the output format (samples
 * beyond it would be redrawn until they fit: a silently narrower law) and at least one value of the
 * format strictly inside (else every draw is rejected). With `bounds` other than (−2, 2) (in standard
 * units), the bounded samplers' rule instead. `names` are the arguments the caller wrote, as for
 * {@link requireNormalFits}, and the bounds as the caller gave them (`lower`, `upper`).
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireTruncatedFits(
  where: string,
  mean: number,
  stddev: number,
  format: FloatFormat,
  sampler: NormalSampler,
  names: TruncatedNames = {},
  bounds: readonly [number, number] = [-2, 2],
): void {
  requireMeanFits(where, names.mean ?? 'mean', mean, format, sampler);
  if (stddev === 0) return;
  if (bounds[0] !== -2 || bounds[1] !== 2) {
    // Other bounds (the counter engine only): the bounded samplers' rule.
    requireBoundedFits(where, mean, stddev, bounds[0], bounds[1], format, names);
    return;
  }
  const lower = mean - 2 * stddev;
  const upper = mean + 2 * stddev;
  const stddevName = names.stddev ?? 'stddev';
  const received = names.received ?? stddev;
  if (
    !Number.isFinite(roundToFormat(lower, format)) ||
    !Number.isFinite(roundToFormat(upper, format)) ||
    (sampler === 'tfjs' && !(Number.isFinite(Math.fround(lower)) && Number.isFinite(Math.fround(upper))))
  ) {
    // Samples beyond the format's range would be redrawn until they fit: a silently narrower law.
    throw new InitRangeError(
      argumentMessage(where, stddevName, `keep mean ± 2·stddev within the finite range of ${format}`, received),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (!(representableAbove(lower, format) <= representableBelow(upper, format))) {
    throw new InitRangeError(
      argumentMessage(
        where,
        stddevName,
        `leave at least one ${format} value strictly between mean - 2*stddev and mean + 2*stddev (mean ${mean})`,
        received,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/**
 * How the caller wrote the arguments of a truncated normal, for the messages of
 * {@link requireTruncatedFits}: the names of the mean and the standard deviation, the value the
 * caller gave for the latter, and each bound's name and value (PyTorch's absolute `a` and `b`, say).
 */
export interface TruncatedNames extends BoundNames {
  readonly received?: unknown;
}

/** The float32/float16/bfloat16 kernels store as their format; float64 has its own kernels. */
function storeOf(format: FillDType): StoreKind {
  return format;
}

const normalSampler: FloatSamplerBuilder = (where, words, record, format) => {
  const { mean, stddev } = normalParameters(where, record, format);
  requireNormalFits(where, mean, stddev, format, 'counter');
  // Degenerate: every element is mean, −0 included (mean + 0·z would give −0 or +0 by z's sign).
  // No words are drawn; any other mean gives the same values as the kernels would.
  if (stddev === 0) return new ConstantFiller(storedValue(mean, format));
  const params = { mean, stddev };
  return new Sampler(
    words,
    format === 'float64'
      ? { kernel: 'normal52', js: normal52Kernel, params, store: 'float64' }
      : { kernel: 'normal23', js: normal23Kernel, params, store: storeOf(format) },
  );
};

/** Runs of a truncated normal with bounds other than (−2, 2), through the general samplers. */
class BoundedFiller implements RunFiller {
  constructor(
    private readonly where: string,
    private readonly resolved: ResolvedNormal,
    private readonly a: number,
    private readonly b: number,
  ) {
    // Checks the bounds against the format now, as the fill functions do before drawing; errors
    // name the entry the caller called.
    fillTruncatedNormalBounded(where, new Float64Array(0), resolved, a, b);
  }

  fill<T extends SamplerOutput>(out: T, offset: number): T {
    return fillTruncatedNormalBounded(this.where, out as FloatArray, { ...this.resolved, offset }, this.a, this.b) as T;
  }

  fillRuns<T extends SamplerOutput>(out: T, runs: ArrayLike<number>): T {
    // All runs or none: a give-up in a later run must not leave earlier runs written.
    return fillTruncatedNormalBoundedRuns(this.where, out as FloatArray, this.resolved, this.a, this.b, runs) as T;
  }
}

const truncatedSampler: FloatSamplerBuilder = (where, words, record, format) => {
  const { mean, stddev } = normalParameters(where, record, format);
  const [a, b] = resolveTruncationBounds(where, record.lower, record.upper);
  // Degenerate: every element is mean, −0 included. No words are drawn.
  if (stddev === 0) return new ConstantFiller(storedValue(mean, format));
  // Any other interval takes the general samplers (JavaScript); (−2, 2) keeps the kernels of stream
  // version 1, in WebAssembly SIMD where it runs.
  if (a !== -2 || b !== 2) return new BoundedFiller(where, { words, format, offset: 0, mean, stddev }, a, b);
  requireTruncatedFits(where, mean, stddev, format, 'counter');
  const lower = mean - 2 * stddev;
  const upper = mean + 2 * stddev;
  const lowerSafe = representableAbove(lower, format);
  const upperSafe = representableBelow(upper, format);
  const params = { mean, stddev, lower, upper, lowerSafe, upperSafe, format };
  return new Sampler(
    words,
    format === 'float64'
      ? { kernel: 'truncated52', js: truncated52Kernel, params, store: 'float64' }
      : { kernel: 'truncated23', js: truncated23Kernel, params, store: storeOf(format) },
  );
};

/**
 * Fills `out` with normal samples from the default counter-based engine (256-layer ziggurat).
 * Element i of the whole tensor depends only on (key, i), so any slice filled with its `offset`
 * equals the same slice of the whole.
 *
 * `x = mean + stddev·z`, z ~ N(0, 1), rounded once to the output format. With stddev = 0 every
 * element is `mean` (−0 included, where `mean + 0·z` would follow z's sign), as in
 * {@link fillTruncatedNormal}.
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
  return fillFloat('fillNormal', out, key, options, NORMAL_KEYS, normalSampler);
}

/** Options of {@link prepareNormal}. */
export type PrepareNormalOptions = Omit<NormalOptions, 'offset'>;

/** Options of {@link prepareTruncatedNormal}. */
export type PrepareTruncatedNormalOptions = Omit<TruncatedNormalOptions, 'offset'>;

/**
 * Prepares normal sampling for one key: options checked once, then `fill(out, offset)` and
 * `fillRuns(out, runs)` draw any part of the tensor, with {@link fillNormal}'s values.
 *
 * @param key - The key of the whole tensor.
 * @param options - mean (default 0), stddev (default 1), dtype (default 'float32').
 * @returns A {@link PreparedSampler}.
 * @throws As {@link fillNormal} for the options; InitTypeError if offset is given here.
 * @example
 * ```ts
 * prepareNormal(keyFromSeed(42)).fill(new Float32Array(2), 1); // Float32Array [-0.7825480103492737, -0.6067344546318054]
 * ```
 */
export function prepareNormal(key: Key, options?: PrepareNormalOptions): PreparedSampler<FloatArray> {
  return prepareFloat('prepareNormal', key, options, NORMAL_KEYS, normalSampler);
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
 * deviation is about 0.88·stddev. With stddev = 0 every element is `mean` (−0 included).
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
  return fillFloat('fillTruncatedNormal', out, key, options, TRUNCATED_KEYS, truncatedSampler);
}

/**
 * Prepares truncated normal sampling (lower < (x − mean)/stddev < upper, by default ±2) for one key: options checked once, then
 * `fill(out, offset)` and `fillRuns(out, runs)` draw any part of the tensor, with
 * {@link fillTruncatedNormal}'s values.
 *
 * @param key - The key of the whole tensor.
 * @param options - mean (default 0), stddev (default 1), lower (default −2), upper (default 2),
 *   dtype (default 'float32').
 * @returns A {@link PreparedSampler}.
 * @throws As {@link fillTruncatedNormal} for the options; InitTypeError if offset is given here.
 * @example
 * ```ts
 * prepareTruncatedNormal(keyFromSeed(42)).fill(new Float32Array(1), 2); // Float32Array [-0.6067344546318054]
 * ```
 */
export function prepareTruncatedNormal(key: Key, options?: PrepareTruncatedNormalOptions): PreparedSampler<FloatArray> {
  return prepareFloat('prepareTruncatedNormal', key, options, TRUNCATED_KEYS, truncatedSampler);
}
