/**
 * Uniform integers on [low, high) from the default engine, by masked rejection: draw the fewest bits
 * that cover range − 1 and redraw results ≥ range. No modulo bias, and on average fewer than two
 * attempts. Ranges up to 2^32 take one word per attempt; larger ones (Float64Array only) take two,
 * the first masked to the high bits.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { requireKeyWords } from '../keys.js';
import type { Key } from '../keys.js';
import { fillBlocks } from '../engines/block-stream.js';
import { optionsRecord, resolveOffset, typedArrayKind } from './arguments.js';

/** Options of {@link fillUniformInt}. */
export interface UniformIntOptions {
  /** Inclusive lower bound, an integer. */
  low: number;
  /** Exclusive upper bound, an integer greater than low. */
  high: number;
  /** Flat index of `out[0]` in the whole tensor, default 0. */
  offset?: number;
}

type IntTarget = Int32Array | Float32Array | Float64Array;

interface IntParams {
  readonly low: number;
  readonly range: number;
  /** For ranges ≤ 2^32: the mask of the single word. For larger: the mask of the high word. */
  readonly mask: number;
}

/** The smallest 2^b − 1 ≥ value, for value in [0, 2^32). */
function coveringMask(value: number): number {
  let mask = 0;
  while (mask < value) mask = mask * 2 + 1;
  return mask;
}

function int32Kernel(out: IntTarget, start: number, end: number, state: Int32Array, params: IntParams): void {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const low = params.low;
  const range = params.range;
  const mask = params.mask | 0;
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
    const k = (word & mask) >>> 0;
    if (k >= range) continue;
    out[index++] = low + k;
  }
}

function int53Kernel(out: IntTarget, start: number, end: number, state: Int32Array, params: IntParams): void {
  let s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const low = params.low;
  const range = params.range;
  const mask = params.mask | 0;
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
    const k = ((first & mask) >>> 0) * 4294967296 + (second >>> 0);
    if (k >= range) continue;
    out[index++] = low + k;
  }
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
  const record = optionsRecord(where, options);
  const words = requireKeyWords(where, key);
  const kind = typedArrayKind(out);
  const limits = kind === undefined ? undefined : LIMITS[kind];
  if (limits === undefined) {
    throw new InitTypeError(
      argumentMessage(where, 'out', 'be an Int32Array, a Float32Array or a Float64Array', out),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  const offset = resolveOffset(where, record.offset, out.length);
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
  if (out.length === 0) return out;
  if (range <= 4294967296) {
    fillBlocks<IntTarget, IntParams>(out, offset, words, int32Kernel, { low, range, mask: coveringMask(range - 1) });
  } else {
    const highRange = Math.floor((range - 1) / 4294967296);
    fillBlocks<IntTarget, IntParams>(out, offset, words, int53Kernel, { low, range, mask: coveringMask(highRange) });
  }
  return out;
}
