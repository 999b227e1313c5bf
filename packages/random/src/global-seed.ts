/**
 * Where unseeded calls get their keys: fresh entropy from `crypto.getRandomValues`, or, after
 * `setGlobalSeed`, a reproducible sequence derived from the global seed.
 */

import { InitTypeError } from './errors.js';
import { DOMAIN_GLOBAL_SEQUENCE, deriveKey, keyFromSeedAt, keyWords, makeKey } from './keys.js';
import type { Key, Seed } from './keys.js';

/** Mutable module state, set only by setGlobalSeed (never at import time). */
let globalWords: readonly [number, number] | undefined;
let globalCounter = 0;

/**
 * Makes every later unseeded call reproducible: after `setGlobalSeed(s)`, the n-th call of
 * {@link freshKey} (and so the n-th unseeded fill or initializer) returns the same key in every run.
 * `setGlobalSeed(null)` returns to fresh keys from `crypto.getRandomValues`.
 *
 * The n-th key (n = 0, 1, …) is `Threefry2x32-20(keyFromSeed(s), (n mod 2^32, 0xE0000000 | ⌊n / 2^32⌋))`.
 * Calling it again with the same seed restarts the sequence.
 *
 * @param seed - A seed as {@link keyFromSeed} takes it, or `null`.
 * @throws InitRangeError / InitTypeError for a seed keyFromSeed rejects.
 * @example
 * ```ts
 * setGlobalSeed(7);
 * const a = keyToString(freshKey());
 * setGlobalSeed(7);
 * keyToString(freshKey()) === a; // true
 * setGlobalSeed(null);
 * ```
 */
export function setGlobalSeed(seed: Seed | null): void {
  if (seed === null) {
    globalWords = undefined;
    globalCounter = 0;
    return;
  }
  globalWords = keyWords(keyFromSeedAt('setGlobalSeed', 'seed', seed));
  globalCounter = 0;
}

/**
 * The key an unseeded call uses: 64 bits from `crypto.getRandomValues`, or the next key of the
 * reproducible sequence after {@link setGlobalSeed}.
 *
 * @returns A new frozen key.
 * @throws InitTypeError (`ERR_INIT_INVALID_CONFIG`) if no global seed is set and the runtime has no
 *   `crypto.getRandomValues` (Node ≥ 19 and every current browser have it).
 * @example
 * ```ts
 * setGlobalSeed(0);
 * keyToString(freshKey()); // the same text in every run
 * setGlobalSeed(null);
 * ```
 */
export function freshKey(): Key {
  if (globalWords !== undefined) {
    const index = globalCounter++;
    return deriveKey(globalWords, index % 4294967296, DOMAIN_GLOBAL_SEQUENCE | Math.floor(index / 4294967296));
  }
  const cryptoObject = (globalThis as { crypto?: { getRandomValues?: <T extends Uint32Array>(array: T) => T } }).crypto;
  if (cryptoObject === undefined || typeof cryptoObject.getRandomValues !== 'function') {
    throw new InitTypeError(
      'freshKey: crypto.getRandomValues must be available for unseeded use. Received: a runtime without it; pass a seed or call setGlobalSeed.',
      'ERR_INIT_INVALID_CONFIG',
    );
  }
  const words = cryptoObject.getRandomValues(new Uint32Array(2));
  return makeKey(words[0]!, words[1]!);
}
