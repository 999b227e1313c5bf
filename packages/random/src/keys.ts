/**
 * Keys: opaque, immutable 64-bit values from which every stream of the default engine is derived.
 *
 * A key is two 32-bit words (k0, k1). `keyFromSeed(s)` for an integer s < 2^64 is the key
 * (k0, k1) = (s >> 32, s mod 2^32), as JAX's `PRNGKey` lays out a 64-bit seed; strings are hashed.
 * Derivations (`foldIn`, `split`, the global sequence) encrypt a counter under the parent key with
 * Threefry2x32-20. The high three bits of the counter's second word name the derivation, so
 * derived keys never coincide by construction with block seeds of the parent's stream (whose
 * counters stay below 2^47). STREAMS.md is the contract for all of this.
 */

import { InitRangeError, InitTypeError, argumentMessage } from './errors.js';
import { readOptions } from './rules.js';
import { threefry2x32x20 } from './engines/threefry.js';

/** The seeds `keyFromSeed` and `setGlobalSeed` accept. */
export type Seed = number | bigint | string;

declare const keyBrand: unique symbol;

/**
 * An opaque, immutable (frozen) 64-bit key. Create one with {@link keyFromSeed},
 * {@link keyFromString}, {@link foldIn}, {@link split} or {@link freshKey}; print it with
 * {@link keyToString} (or `String(key)`, `JSON.stringify(key)`).
 */
export interface Key {
  /** Type-level brand only: keys cannot be forged from plain objects in TypeScript. */
  readonly [keyBrand]: true;
  /** The text form, as {@link keyToString} gives it. */
  toString(): string;
  /** The text form, so a key inside a config serializes as `"key:…"`. */
  toJSON(): string;
}

/**
 * Where a key keeps its words. A global symbol, so that a key made by one installed copy of
 * @init/random is accepted by another (two versions of core can meet in one application).
 */
const keyWordsSymbol = Symbol.for('@init/random.key-words');

interface KeyRecord {
  readonly [keyWordsSymbol]: readonly [number, number];
}

/** Counter domains: the high bits of the counter's second word, see STREAMS.md §2. */
export const DOMAIN_FOLD_INTEGER = 0x80000000 | 0;
export const DOMAIN_SPLIT = 0xa0000000 | 0;
export const DOMAIN_FOLD_STRING = 0xc0000000 | 0;
export const DOMAIN_GLOBAL_SEQUENCE = 0xe0000000 | 0;

/** Initial chaining values of the string hash, per use: ASCII "init" "seed" and "init" "fold". */
const STRING_SEED_IV = [0x696e6974, 0x73656564] as const;
const STRING_FOLD_IV = [0x696e6974, 0x666f6c64] as const;

const TWO_POW_32 = 4294967296;

const keyPrototype = {
  toString(this: Key): string {
    return keyToString(this);
  },
  toJSON(this: Key): string {
    return keyToString(this);
  },
};

/** Makes a frozen key from two words. Internal: callers outside this package go through the API. */
export function makeKey(word0: number, word1: number): Key {
  const key = Object.create(keyPrototype) as Record<symbol, unknown>;
  Object.defineProperty(key, keyWordsSymbol, { value: Object.freeze([word0 | 0, word1 | 0]), enumerable: false });
  return Object.freeze(key) as unknown as Key;
}

/** The two key words as signed 32-bit integers. Internal. */
export function keyWords(key: Key): readonly [number, number] {
  return (key as unknown as KeyRecord)[keyWordsSymbol];
}

/**
 * True when `value` is a key made by this or any other installed copy of @init/random.
 *
 * @param value - Anything.
 * @returns Whether `value` can be passed where a Key is expected.
 * @example
 * ```ts
 * isKey(keyFromSeed(42)); // true
 * isKey('key:000000000000002a'); // false (a string; use keyFromString)
 * ```
 */
export function isKey(value: unknown): value is Key {
  if (typeof value !== 'object' || value === null) return false;
  const words: unknown = (value as Record<symbol, unknown>)[keyWordsSymbol];
  return (
    Array.isArray(words) &&
    words.length === 2 &&
    Number.isInteger(words[0]) &&
    Number.isInteger(words[1]) &&
    (words[0] as number) === ((words[0] as number) | 0) &&
    (words[1] as number) === ((words[1] as number) | 0)
  );
}

/** Throws unless `key` is a key; returns its words. Internal, for the fill functions. */
export function requireKeyWords(where: string, key: unknown): readonly [number, number] {
  if (!isKey(key)) {
    throw new InitTypeError(
      argumentMessage(where, 'key', 'be a Key from keyFromSeed, keyFromString, foldIn, split or freshKey', key),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return keyWords(key);
}

function hex8(word: number): string {
  return (word >>> 0).toString(16).padStart(8, '0');
}

/**
 * Encodes a string as generalized UTF-8 (WTF-8): well-formed text gives its UTF-8 bytes, and a lone
 * surrogate is encoded as its own three bytes instead of U+FFFD, so distinct strings never share bytes.
 */
function encodeString(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index++;
      }
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return Uint8Array.from(bytes);
}

/**
 * A 64-bit hash of a string built from Threefry2x32-20 in Matyas–Meyer–Oseas mode: the chaining
 * value keys the cipher, each 8-byte message block (little-endian words, zero-padded) is encrypted and
 * XOR-ed back in, and a last block holds the byte length (Merkle–Damgård strengthening, so padding
 * cannot make two strings collide). Not a cryptographic hash: it has a 64-bit state.
 */
function hashString(text: string, iv: readonly [number, number], out: Int32Array): void {
  const bytes = encodeString(text);
  let h0 = iv[0] | 0;
  let h1 = iv[1] | 0;
  const blockCount = Math.ceil(bytes.length / 8);
  for (let block = 0; block <= blockCount; block++) {
    let m0: number;
    let m1: number;
    if (block < blockCount) {
      m0 = 0;
      m1 = 0;
      for (let byte = 0; byte < 4; byte++) {
        m0 |= (bytes[block * 8 + byte] ?? 0) << (8 * byte);
        m1 |= (bytes[block * 8 + 4 + byte] ?? 0) << (8 * byte);
      }
    } else {
      m0 = bytes.length | 0;
      m1 = Math.floor(bytes.length / TWO_POW_32) | 0;
    }
    threefry2x32x20(h0, h1, m0, m1, out, 0);
    h0 = out[0]! ^ m0;
    h1 = out[1]! ^ m1;
  }
  out[0] = h0;
  out[1] = h1;
}

/**
 * Turns a seed into a key. A non-negative safe integer or a bigint below 2^64 becomes the 64-bit key
 * of the same value (so `keyFromSeed(42)` and `keyFromSeed(42n)` are equal); a string is hashed
 * (generalized UTF-8, then the Threefry-based hash of STREAMS.md §1), so `'42'` and `42` differ.
 *
 * `key(s) = (⌊s / 2^32⌋, s mod 2^32)` for integers.
 *
 * @param seed - A non-negative safe integer, a bigint in [0, 2^64), or any string.
 * @returns A new frozen key.
 * @throws InitRangeError (`ERR_INIT_INVALID_ARGUMENT`) for a negative, fractional, non-finite or
 *   unsafe number, or a bigint outside [0, 2^64).
 * @throws InitTypeError (`ERR_INIT_INVALID_ARGUMENT`) for any other type.
 * @example
 * ```ts
 * keyToString(keyFromSeed(42)); // 'key:000000000000002a'
 * keyToString(keyFromSeed(2n ** 40n)); // 'key:0000010000000000'
 * keyToString(keyFromSeed('encoder')); // 'key:0d9fed2a972d2484'
 * ```
 */
export function keyFromSeed(seed: Seed): Key {
  return keyFromSeedAt('keyFromSeed', 'seed', seed);
}

/** keyFromSeed with the caller's class and argument in error messages: the one seed rule of every package. */
export function keyFromSeedAt(where: string, argument: string, seed: unknown, acceptsKey = false): Key {
  const requirement = `be a non-negative safe integer, a bigint below 2^64${acceptsKey ? ', a string or a Key' : ' or a string'}`;
  if (acceptsKey && isKey(seed)) return seed;
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new InitRangeError(argumentMessage(where, argument, requirement, seed), 'ERR_INIT_INVALID_ARGUMENT');
    }
    return makeKey(Math.floor(seed / TWO_POW_32), seed % TWO_POW_32);
  }
  if (typeof seed === 'bigint') {
    if (seed < 0n || seed >= 1n << 64n) {
      throw new InitRangeError(argumentMessage(where, argument, requirement, seed), 'ERR_INIT_INVALID_ARGUMENT');
    }
    return makeKey(Number(seed >> 32n), Number(seed & 0xffffffffn));
  }
  if (typeof seed === 'string') {
    const out = new Int32Array(2);
    hashString(seed, STRING_SEED_IV, out);
    return makeKey(out[0]!, out[1]!);
  }
  throw new InitTypeError(argumentMessage(where, argument, requirement, seed), 'ERR_INIT_INVALID_ARGUMENT');
}

/** Encrypts counter (c0, c1) under a key: the derivation step of foldIn, split and the global sequence. */
export function deriveKey(words: readonly [number, number], counter0: number, counter1: number): Key {
  const out = new Int32Array(2);
  threefry2x32x20(words[0], words[1], counter0, counter1, out, 0);
  return makeKey(out[0]!, out[1]!);
}

/**
 * Derives a child key from a key and an integer or a string, such as a layer index or a parameter
 * path (`'encoder/layer_3/kernel'`). Children for different data are independent, and adding a
 * child never changes another, which is what keeps a model's other weights fixed when a layer is added.
 *
 * Integer n: `Threefry2x32-20(key, (n mod 2^32, 0x80000000 | ⌊n / 2^32⌋))`; string s:
 * `Threefry2x32-20(key, (h0, 0xC0000000 | (h1 & 0x1FFFFFFF)))` with `(h0, h1)` the string hash.
 *
 * @param key - The parent key.
 * @param data - A non-negative safe integer or a string.
 * @returns A new frozen key.
 * @throws InitTypeError if `key` is not a key or `data` is neither a number nor a string.
 * @throws InitRangeError if `data` is a negative, fractional, non-finite or unsafe number.
 * @example
 * ```ts
 * const root = keyFromSeed(42);
 * keyToString(foldIn(root, 3)); // 'key:6319c7f8ec92357c'
 * keyToString(foldIn(root, 'encoder/layer_3/kernel')); // 'key:e55db0cab3bf613c'
 * ```
 */
export function foldIn(key: Key, data: number | string): Key {
  const words = requireKeyWords('foldIn', key);
  if (typeof data === 'number') {
    if (!Number.isSafeInteger(data) || data < 0) {
      throw new InitRangeError(
        argumentMessage('foldIn', 'data', 'be a non-negative safe integer or a string', data),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    return deriveKey(words, data % TWO_POW_32, DOMAIN_FOLD_INTEGER | Math.floor(data / TWO_POW_32));
  }
  if (typeof data === 'string') {
    const hash = new Int32Array(2);
    hashString(data, STRING_FOLD_IV, hash);
    // 29 bits of the hash: the top three bits of the counter's high word name the derivation.
    return deriveKey(words, hash[0]!, DOMAIN_FOLD_STRING | (hash[1]! & 0x1fffffff));
  }
  throw new InitTypeError(
    argumentMessage('foldIn', 'data', 'be a non-negative safe integer or a string', data),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

/**
 * The most keys one split makes: 2^22 (4 194 304). A key costs about 130 bytes of heap, so this is
 * about half a gigabyte; a larger n (say 1e8, 13 GB) would not fail with an error but kill the
 * process when the heap runs out. More keys come in batches with `options.offset`.
 */
export const MAX_SPLIT = 2 ** 22;

/** Options of {@link split}. */
export interface SplitOptions {
  /** The index of the first key: `split(key, n, { offset })` is `split(key, offset + n).slice(offset)`. Default 0. */
  readonly offset?: number;
}

/**
 * Derives `n` independent child keys. `split(key, n)[j]` does not depend on `n`, so asking for more
 * keys later extends the list without changing the first ones, and `offset` gives any window of the
 * endless list: `split(key, n, { offset })[j] = split(key, offset + n)[offset + j]`.
 *
 * `split(key, n)[j] = Threefry2x32-20(key, (j mod 2^32, 0xA0000000 | ⌊j / 2^32⌋))`
 *
 * @param key - The parent key.
 * @param n - How many keys, an integer in [0, MAX_SPLIT] (2^22); ask for more in batches with `offset`.
 * @param options - `offset`: the index of the first key, a non-negative integer with offset + n ≤ 2^53 − 1 (default 0).
 * @returns An array of `n` new frozen keys.
 * @throws InitTypeError if `key` is not a key or options is not a plain object with only `offset`.
 * @throws InitRangeError if `n` is negative, fractional, not finite or above MAX_SPLIT, or offset is invalid.
 * @example
 * ```ts
 * split(keyFromSeed(42), 2).map(keyToString); // ['key:fba0d14648c3b7a8', 'key:2b18afd031bc9cdb']
 * split(keyFromSeed(42), 1, { offset: 1 }).map(keyToString); // ['key:2b18afd031bc9cdb']
 * ```
 */
export function split(key: Key, n: number, options?: SplitOptions): Key[] {
  const words = requireKeyWords('split', key);
  const record = readOptions('split', options, ['offset']);
  // Bounded by the memory the keys take: a larger n could only exhaust the heap, which kills the
  // process instead of throwing.
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_SPLIT) {
    throw new InitRangeError(
      argumentMessage(
        'split',
        'n',
        `be an integer in [0, ${MAX_SPLIT}] (2^22 keys, about 550 MB; ask for more in batches with options.offset)`,
        n,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const offset = record.offset === undefined ? 0 : record.offset;
  if (
    typeof offset !== 'number' ||
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    offset > Number.MAX_SAFE_INTEGER - n
  ) {
    throw new InitRangeError(
      argumentMessage('split', 'offset', 'be a non-negative safe integer with offset + n ≤ 2^53 - 1', record.offset),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const keys: Key[] = [];
  for (let index = offset; index < offset + n; index++) {
    keys.push(deriveKey(words, index % TWO_POW_32, DOMAIN_SPLIT | Math.floor(index / TWO_POW_32)));
  }
  return keys;
}

/**
 * The stable text form of a key, for configs and logs: `"key:"` and 16 lowercase hex digits
 * (k0 then k1, big-endian). For an integer seed it is the seed in hex.
 *
 * @param key - A key.
 * @returns The text form, which {@link keyFromString} turns back into an equal key.
 * @throws InitTypeError if `key` is not a key.
 * @example
 * ```ts
 * keyToString(keyFromSeed(255)); // 'key:00000000000000ff'
 * ```
 */
export function keyToString(key: Key): string {
  const words = requireKeyWords('keyToString', key);
  return `key:${hex8(words[0])}${hex8(words[1])}`;
}

/**
 * Parses the text form of {@link keyToString}. Hex digits may be upper or lower case.
 *
 * @param text - `"key:"` followed by exactly 16 hex digits.
 * @returns A new frozen key.
 * @throws InitTypeError (`ERR_INIT_INVALID_ARGUMENT`) for anything else.
 * @example
 * ```ts
 * keyToString(keyFromString('key:000000000000002A')); // 'key:000000000000002a'
 * ```
 */
export function keyFromString(text: string): Key {
  if (typeof text !== 'string' || !/^key:[0-9a-fA-F]{16}$/.test(text)) {
    throw new InitTypeError(
      argumentMessage('keyFromString', 'text', 'be "key:" followed by 16 hex digits, as keyToString writes it', text),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return makeKey(Number.parseInt(text.slice(4, 12), 16), Number.parseInt(text.slice(12, 20), 16));
}
