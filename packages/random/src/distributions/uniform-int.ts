/**
 * Uniform integers on [low, high) from the default engine, by masked rejection: draw the fewest bits
 * that cover range − 1 and redraw results ≥ range. No modulo bias, and on average fewer than two
 * attempts. Ranges up to 2^32 take one word per attempt; larger ones (Float64Array only) take two,
 * the first masked to the high bits.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { requireKeyWords } from '../keys.js';
import type { Key } from '../keys.js';
import { Sampler } from '../kernels/sampler.js';
import { PreparedSampler, preparedRecord } from './prepared.js';
import { int32Kernel, int53Kernel } from '../kernels/js-kernels.generated.js';
import { optionsRecord, resolveOffset } from './arguments.js';
import { outputKind } from '../rules.js';

/** Options of {@link fillUniformInt}. */
export interface UniformIntOptions {
  /** Inclusive lower bound, an integer. */
  low: number;
  /** Exclusive upper bound, an integer greater than low. */
  high: number;
  /** Flat index of `out[0]` in the whole tensor, default 0. */
  offset?: number;
}

/** The smallest 2^b − 1 ≥ value, for value in [0, 2^32). */
function coveringMask(value: number): number {
  let mask = 0;
  while (mask < value) mask = mask * 2 + 1;
  return mask;
}

/** Inclusive limits of the integers each array type stores exactly. */
const LIMITS: Record<string, readonly [number, number]> = {
  Int32Array: [-2147483648, 2147483647],
  Float32Array: [-16777216, 16777216],
  Float64Array: [-9007199254740991, 9007199254740991],
};

/**
 * Fills `out` with integers uniform on [low, high), without modulo bias, from the default engine.
 * Slices filled with their `offset` equal the same slices of the whole.
 *
 * `x = low + k`, k uniform on [0, high − low) by masked rejection.
 *
 * @param out - Int32Array, Float32Array (values within ±2^24) or Float64Array (safe integers). May be empty.
 * @param key - The key of the whole tensor.
 * @param options - low and high (required integers, low < high), offset (default 0).
 * @returns `out`.
 * @throws InitRangeError if low or high is not an integer, low ≥ high, a value of [low, high) does not
 *   fit the array type exactly, high − low exceeds 2^53 − 1, or offset is invalid.
 * @throws InitTypeError if key is not a key or out is another type.
 * @example
 * ```ts
 * fillUniformInt(new Int32Array(5), keyFromSeed(42), { low: 0, high: 10 });
 * // Int32Array [8, 3, 0, 2, 0]
 * ```
 */
export function fillUniformInt<T extends Int32Array | Float32Array | Float64Array>(
  out: T,
  key: Key,
  options: UniformIntOptions,
): T {
  const where = 'fillUniformInt';
  const record = optionsRecord(where, options, ['low', 'high', 'offset']);
  const words = requireKeyWords(where, key);
  const kind = outputKind(where, 'out', out);
  const limits = kind === undefined ? undefined : LIMITS[kind];
  if (limits === undefined) {
    throw new InitTypeError(
      argumentMessage(where, 'out', 'be an Int32Array, a Float32Array or a Float64Array', out),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  const offset = resolveOffset(where, record.offset, out.length);
  const sampler = intSampler(where, words, record, kind!, limits);
  return out.length === 0 ? out : sampler.fill(out, offset);
}

/** Checks low and high for an array kind and builds the sampler (fillUniformInt, prepareUniformInt). */
function intSampler(
  where: string,
  words: readonly [number, number],
  record: Record<string, unknown>,
  kind: string,
  limits: readonly [number, number],
): Sampler {
  const low = record.low;
  const high = record.high;
  if (typeof low !== 'number' || !Number.isSafeInteger(low)) {
    throw new InitRangeError(argumentMessage(where, 'low', 'be a safe integer', low), 'ERR_INIT_INVALID_ARGUMENT');
  }
  if (typeof high !== 'number' || !Number.isSafeInteger(high)) {
    throw new InitRangeError(argumentMessage(where, 'high', 'be a safe integer', high), 'ERR_INIT_INVALID_ARGUMENT');
  }
  if (!(low < high)) {
    throw new InitRangeError(
      argumentMessage(where, 'low', `be less than high (${high})`, low),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (low < limits[0] || high - 1 > limits[1]) {
    throw new InitRangeError(
      argumentMessage(where, '[low, high)', `lie within [${limits[0]}, ${limits[1]}] for a ${kind}`, [low, high]),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const range = high - low;
  if (!Number.isSafeInteger(range)) {
    throw new InitRangeError(
      argumentMessage(where, 'high - low', 'be at most 2^53 - 1', range),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (range <= 4294967296) {
    return new Sampler(words, {
      kernel: 'int32',
      js: int32Kernel,
      params: { low, range, mask: coveringMask(range - 1) },
      store: 'number',
    });
  }
  const highRange = Math.floor((range - 1) / 4294967296);
  return new Sampler(words, {
    kernel: 'int53',
    js: int53Kernel,
    params: { low, range, mask: coveringMask(highRange) },
    store: 'number',
  });
}

/** Options of {@link prepareUniformInt}. */
export interface PrepareUniformIntOptions {
  /** Inclusive lower bound, an integer. */
  low: number;
  /** Exclusive upper bound, an integer greater than low. */
  high: number;
  /** The array the sampler fills: 'int32' (Int32Array, default), 'float32' or 'float64'. */
  dtype?: 'int32' | 'float32' | 'float64';
}

const INT_DTYPE_KINDS: Readonly<Record<string, string>> = {
  int32: 'Int32Array',
  float32: 'Float32Array',
  float64: 'Float64Array',
};

/**
 * Prepares uniform integer sampling on [low, high) for one key: options checked once, then
 * `fill(out, offset)` and `fillRuns(out, runs)` draw any part of the tensor, with
 * {@link fillUniformInt}'s values.
 *
 * @param key - The key of the whole tensor.
 * @param options - low and high (required integers, low < high), dtype (default 'int32').
 * @returns A {@link PreparedSampler}.
 * @throws As {@link fillUniformInt}; InitTypeError for an unknown dtype or an offset given here.
 * @example
 * ```ts
 * prepareUniformInt(keyFromSeed(42), { low: 0, high: 10 }).fill(new Int32Array(3), 2); // Int32Array [0, 2, 0]
 * ```
 */
export function prepareUniformInt(
  key: Key,
  options: PrepareUniformIntOptions,
): PreparedSampler<Int32Array | Float32Array | Float64Array> {
  const where = 'prepareUniformInt';
  const record = preparedRecord(where, options, ['low', 'high', 'offset', 'dtype']);
  const words = requireKeyWords(where, key);
  // Only undefined means the default: null is refused below.
  const dtype = record.dtype === undefined ? 'int32' : record.dtype;
  const kind = typeof dtype === 'string' && Object.hasOwn(INT_DTYPE_KINDS, dtype) ? INT_DTYPE_KINDS[dtype] : undefined;
  if (kind === undefined) {
    throw new InitTypeError(
      argumentMessage(where, 'dtype', "be one of 'int32', 'float32', 'float64'", dtype),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  return new PreparedSampler(where, dtype as string, intSampler(where, words, record, kind, LIMITS[kind]!), [kind]);
}
