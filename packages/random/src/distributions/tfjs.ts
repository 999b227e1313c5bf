/**
 * The 'tfjs' engine: TensorFlow.js 4.22's randomUniform, randomNormal and truncatedNormal, value
 * for value. It is sequential (element i depends on all elements before it), so it refuses offsets.
 *
 * What TensorFlow.js does, and what these functions therefore do:
 * - randomUniform: `UniformRandom(min, max, dtype = null, seed)` — seed `null`/`undefined` becomes
 *   `Math.random()`; a number is seeded as `seed.toString()` (so 0 is a real seed); each value is
 *   `min + (max − min)·alea()` in double precision, then stored into the tensor's array: Float32Array
 *   rounds, Int32Array truncates toward zero (ToInt32). tfjs passes dtype `null` to the generator, so
 *   its "range ≤ 1 with an int dtype" check never fires and `randomUniform([n], 0, 1, 'int32')` is all 0.
 * - randomNormal / truncatedNormal: `MPRandGauss` — `seed ? seed : Math.random()`, so a seed of 0
 *   (like undefined) means unseeded; Marsaglia's polar method draws pairs `v1 = 2·alea() − 1`,
 *   `v2 = 2·alea() − 1` until `0 < s = v1² + v2² < 1`, then `mul = √(−2·ln s / s)`,
 *   `x = mean + stddev·v1·mul`, `y = mean + stddev·v2·mul`; x is returned and y kept for the next
 *   call. Truncated: the pair is redrawn until x lies in the closed [mean − 2·stddev, mean + 2·stddev]
 *   (note: closed, unlike TensorFlow's open bound), and y is kept only if it does too.
 * Math.log and Math.sqrt are called exactly as TensorFlow.js calls them, so the values match
 * TensorFlow.js on the same JavaScript engine.
 *
 * Where this API differs on purpose: options use `??` defaults, so `low: 0` means 0 (tfjs-layers'
 * `minval || -0.05` does not apply at this level); low ≥ high, non-finite bounds, negative stddev and
 * non-finite seeds are errors instead of silent garbage; an unseeded call draws its seed from
 * freshKey() instead of Math.random(), so it is reproducible after setGlobalSeed.
 *
 * Other output types hold TensorFlow.js's float32 values converted: Float64Array widens them
 * exactly, float16/bfloat16 round them to nearest even.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { freshKey } from '../global-seed.js';
import { keyWords } from '../keys.js';
import { aleaState } from '../engines/alea.js';
import { halfDecoder, halfEncoder, representableAbove, representableBelow, roundToFormat } from '../math/float-bits.js';
import { optionsRecord, requireInterval, resolveFinite, resolveFloatFormat, resolveStddev } from './arguments.js';
import { outputKind } from '../rules.js';
import { requireNormalFits, requireTruncatedFits } from './normal.js';
import { requireBoundsFit, requireUniformFits } from './uniform.js';
import type { FillDType, FloatArray } from './arguments.js';

/** Options of {@link fillUniformTfjs}. */
export interface UniformTfjsOptions {
  /** tfjs's minval, default 0. */
  low?: number;
  /** tfjs's maxval, default 1. */
  high?: number;
  /** Must be 0 or absent: the engine is sequential. */
  offset?: number;
  /** Element type; defaults from the array. 'int32' needs an Int32Array. */
  dtype?: FillDType | 'int32';
}

/** Options of {@link fillNormalTfjs} and {@link fillTruncatedNormalTfjs}. */
export interface NormalTfjsOptions {
  /** Mean, default 0. */
  mean?: number;
  /** Standard deviation, default 1. */
  stddev?: number;
  /** Must be 0 or absent: the engine is sequential. */
  offset?: number;
  /** Element type; defaults from the array. */
  dtype?: FillDType;
}

const ALEA_MULTIPLIER = 2091639;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

function requireNoOffset(where: string, offset: unknown): void {
  if (offset !== undefined && offset !== 0) {
    throw new InitRangeError(
      argumentMessage(
        where,
        'offset',
        "be 0 or absent: the 'tfjs' engine is sequential and cannot fill a slice on its own (use the default engine for partitioned tensors)",
        offset,
      ),
      'ERR_INIT_INVALID_PARTITION',
    );
  }
}

/**
 * The rule of TensorFlow.js's uniform draw, `low + (high − low)·u` stored as the array stores it:
 * for floats, both bounds finite in float32 (tfjs's own arithmetic) and in the output format; for
 * Int32Array, both within [−2^31, 2^31], since the store wraps anything beyond (3e9 would become a
 * negative number); for float16 and bfloat16, whose values are kept inside [low, high) (see
 * clampToInterval), at least one value of the format in between.
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireUniformTfjsFits(
  where: string,
  low: number,
  high: number,
  format: FillDType | undefined,
  names: readonly [string, string] = ['low', 'high'],
): void {
  if (format === undefined) {
    for (const [argument, bound] of [
      [names[0], low],
      [names[1], high],
    ] as const) {
      if (bound < -(2 ** 31) || bound > 2 ** 31) {
        throw new InitRangeError(
          argumentMessage(where, argument, 'lie within [-2^31, 2^31] for an Int32Array', bound),
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
    }
    return;
  }
  requireBoundsFit(where, low, high, 'float32', names);
  requireBoundsFit(where, low, high, format, names);
  // The one rule for every caller (fillUniformTfjs, core's RandomUniform and VarianceScaling).
  if (format === 'float16' || format === 'bfloat16') requireUniformFits(where, low, high, format, names);
}

/** A positive integer seed in [1, 2^53] from a fresh key, standing in for tfjs's Math.random(). */
function freshSeed(): number {
  const words = keyWords(freshKey());
  return (words[0] >>> 11) * 4294967296 + (words[1] >>> 0) + 1;
}

function requireSeed(where: string, seed: unknown): void {
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    throw new InitRangeError(
      argumentMessage(where, 'seed', 'be a finite number or undefined', seed),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/** Stores double values the way the output type wants them (float32 values converted for the others). */
function storeConverted(out: Float64Array | Uint16Array, values: Float32Array, format: FillDType): void {
  if (format === 'float16' || format === 'bfloat16') {
    const toBits = halfEncoder(format);
    for (let i = 0; i < values.length; i++) out[i] = toBits(values[i]!);
  } else (out as Float64Array).set(values);
}

/**
 * Keeps 16-bit uniform values in [low, high): converting TensorFlow.js's float32 values rounds some
 * to high (or below low), which the interval excludes. Those become the nearest value of the format
 * inside it (requireUniformFits has checked that one exists). TensorFlow.js has no 16-bit dtypes,
 * so no value of its own changes.
 */
function clampToInterval(out: Uint16Array, low: number, high: number, format: 'float16' | 'bfloat16'): void {
  const read = halfDecoder(format);
  const toBits = halfEncoder(format);
  const top = toBits(representableBelow(high, format));
  const bottom = toBits(
    roundToFormat(low, format) >= low ? roundToFormat(low, format) : representableAbove(low, format),
  );
  for (let i = 0; i < out.length; i++) {
    const value = read(out[i]!);
    if (value >= high) out[i] = top;
    else if (value < low) out[i] = bottom;
  }
}

function uniformAlea(out: Float32Array | Int32Array, seed: string, low: number, range: number): void {
  const state = aleaState(seed);
  let c = state[0]!;
  let s0 = state[1]!;
  let s1 = state[2]!;
  let s2 = state[3]!;
  for (let i = 0; i < out.length; i++) {
    const t = ALEA_MULTIPLIER * s0 + c * TWO_POW_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    out[i] = low + range * s2;
  }
}

/**
 * TensorFlow.js's `tf.randomUniform(shape, low, high, dtype, seed).dataSync()`, bit for bit, into `out`.
 *
 * `x = low + (high − low)·alea()`, stored as the array type stores it (Int32Array truncates).
 *
 * @param out - Float32Array, Int32Array, Float64Array, or Uint16Array with dtype float16/bfloat16.
 * @param seed - As tfjs takes it; undefined draws a seed from freshKey() (reproducible after setGlobalSeed).
 * @param options - low (default 0), high (default 1), offset (0 only), dtype.
 * @returns `out`.
 * @throws InitRangeError (`ERR_INIT_INVALID_PARTITION`) if offset is given and not 0; InitRangeError
 *   if low ≥ high, a bound or the seed is not finite.
 * @throws InitTypeError if out does not fit dtype.
 * @example
 * ```ts
 * fillUniformTfjs(new Float32Array(3), 42);
 * // Float32Array [0.6848635077476501, 0.5463244915008545, 0.8455933332443237]
 * // (= tf.randomUniform([3], 0, 1, 'float32', 42).dataSync())
 * ```
 */
export function fillUniformTfjs<T extends FloatArray | Int32Array>(
  out: T,
  seed: number | undefined,
  options?: UniformTfjsOptions,
): T {
  const where = 'fillUniformTfjs';
  const record = optionsRecord(where, options, ['low', 'high', 'offset', 'dtype']);
  requireNoOffset(where, record.offset);
  requireSeed(where, seed);
  const low = resolveFinite(where, 'low', record.low, 0);
  const high = resolveFinite(where, 'high', record.high, 1);
  requireInterval(where, low, high);
  const dtype = record.dtype;
  const isInt = outputKind(where, 'out', out) === 'Int32Array';
  if (isInt || dtype === 'int32') {
    if (!isInt || (dtype !== undefined && dtype !== 'int32')) {
      throw new InitTypeError(
        argumentMessage(where, 'dtype', "be 'int32' exactly when out is an Int32Array", dtype),
        'ERR_INIT_INVALID_DTYPE',
      );
    }
  }
  const format = isInt ? undefined : resolveFloatFormat(where, out, dtype);
  requireUniformTfjsFits(where, low, high, format);
  if (out.length === 0) return out;
  const seedText = String(seed ?? freshSeed());
  if (format === undefined || format === 'float32') {
    uniformAlea(out as Float32Array | Int32Array, seedText, low, high - low);
  } else {
    const values = new Float32Array(out.length);
    uniformAlea(values, seedText, low, high - low);
    storeConverted(out as Float64Array | Uint16Array, values, format);
    if (format === 'float16' || format === 'bfloat16') clampToInterval(out as Uint16Array, low, high, format);
  }
  return out;
}

function polarAlea(out: Float32Array, seed: string, mean: number, stddev: number, truncated: boolean): void {
  const state = aleaState(seed);
  let c = state[0]!;
  let s0 = state[1]!;
  let s1 = state[2]!;
  let s2 = state[3]!;
  const upper = mean + stddev * 2;
  const lower = mean - stddev * 2;
  let hasSpare = false;
  let spare = 0;
  for (let i = 0; i < out.length; i++) {
    if (hasSpare) {
      out[i] = spare;
      hasSpare = false;
      continue;
    }
    let x: number;
    let y: number;
    for (;;) {
      let v1: number;
      let v2: number;
      let s: number;
      do {
        let t = ALEA_MULTIPLIER * s0 + c * TWO_POW_MINUS_32;
        s0 = s1;
        s1 = s2;
        c = t | 0;
        s2 = t - c;
        v1 = 2 * s2 - 1;
        t = ALEA_MULTIPLIER * s0 + c * TWO_POW_MINUS_32;
        s0 = s1;
        s1 = s2;
        c = t | 0;
        s2 = t - c;
        v2 = 2 * s2 - 1;
        s = v1 * v1 + v2 * v2;
      } while (s >= 1 || s === 0);
      // Math.log, not the deterministic log: this engine matches TensorFlow.js on the same engine.
      const multiplier = Math.sqrt((-2.0 * Math.log(s)) / s);
      x = mean + stddev * v1 * multiplier;
      y = mean + stddev * v2 * multiplier;
      if (!truncated || (x <= upper && x >= lower)) break;
    }
    if (!truncated || (y <= upper && y >= lower)) {
      spare = y;
      hasSpare = true;
    }
    out[i] = x;
  }
}

function fillPolar<T extends FloatArray>(
  where: string,
  out: T,
  seed: number | undefined,
  options: unknown,
  truncated: boolean,
): T {
  const record = optionsRecord(where, options, ['mean', 'stddev', 'offset', 'dtype']);
  requireNoOffset(where, record.offset);
  requireSeed(where, seed);
  const format = resolveFloatFormat(where, out, record.dtype);
  const mean = resolveFinite(where, 'mean', record.mean, 0);
  const stddev = resolveStddev(where, record.stddev);
  if (truncated) requireTruncatedFits(where, mean, stddev, format, 'tfjs');
  else requireNormalFits(where, mean, stddev, format, 'tfjs');
  if (out.length === 0) return out;
  // tfjs: `seed ? seed : Math.random()`, so 0 (and -0) are unseeded.
  const seedText = String(seed ? seed : freshSeed());
  if (format === 'float32') {
    polarAlea(out as Float32Array, seedText, mean, stddev, truncated);
  } else {
    const values = new Float32Array(out.length);
    polarAlea(values, seedText, mean, stddev, truncated);
    storeConverted(out as Float64Array | Uint16Array, values, format);
  }
  return out;
}

/**
 * TensorFlow.js's `tf.randomNormal(shape, mean, stddev, 'float32', seed).dataSync()`, bit for bit.
 * Note the tfjs quirk kept here: seed 0 means unseeded (a fresh seed is drawn).
 *
 * `x = mean + stddev·v1·√(−2·ln s / s)` (Marsaglia polar, pairs).
 *
 * @param out - Float32Array, Float64Array, or Uint16Array with dtype float16/bfloat16.
 * @param seed - As tfjs takes it; undefined or 0 draws a seed from freshKey().
 * @param options - mean (default 0), stddev (default 1), offset (0 only), dtype.
 * @returns `out`.
 * @throws InitRangeError (`ERR_INIT_INVALID_PARTITION`) if offset is given and not 0; InitRangeError
 *   if mean or the seed is not finite or stddev is negative or not finite.
 * @throws InitTypeError if out does not fit dtype.
 * @example
 * ```ts
 * fillNormalTfjs(new Float32Array(2), 42);
 * // Float32Array [1.9053093194961548, 0.4774465560913086]
 * // (= tf.randomNormal([2], 0, 1, 'float32', 42).dataSync())
 * ```
 */
export function fillNormalTfjs<T extends FloatArray>(out: T, seed: number | undefined, options?: NormalTfjsOptions): T {
  return fillPolar('fillNormalTfjs', out, seed, options, false);
}

/**
 * TensorFlow.js's `tf.truncatedNormal(shape, mean, stddev, 'float32', seed).dataSync()`, bit for bit:
 * pairs are redrawn until the first lies in the closed interval [mean − 2·stddev, mean + 2·stddev];
 * the second is kept only if it lies there too. Seed 0 means unseeded, as in tfjs.
 *
 * @param out - Float32Array, Float64Array, or Uint16Array with dtype float16/bfloat16.
 * @param seed - As tfjs takes it; undefined or 0 draws a seed from freshKey().
 * @param options - mean (default 0), stddev (default 1), offset (0 only), dtype.
 * @returns `out`.
 * @throws InitRangeError (`ERR_INIT_INVALID_PARTITION`) if offset is given and not 0; InitRangeError
 *   if mean or the seed is not finite or stddev is negative or not finite.
 * @throws InitTypeError if out does not fit dtype.
 * @example
 * ```ts
 * fillTruncatedNormalTfjs(new Float32Array(2), 42);
 * // Float32Array [1.9053093194961548, 0.4774465560913086]
 * // (= tf.truncatedNormal([2], 0, 1, 'float32', 42).dataSync())
 * ```
 */
export function fillTruncatedNormalTfjs<T extends FloatArray>(
  out: T,
  seed: number | undefined,
  options?: NormalTfjsOptions,
): T {
  return fillPolar('fillTruncatedNormalTfjs', out, seed, options, true);
}
