import {
  InitRangeError,
  InitTypeError,
  argumentMessage,
  freshKey,
  isKey,
  keyFromSeed,
  keyFromString,
  keyToString,
} from '@init/random';
import type { Key, Seed } from '@init/random';

/** What an initializer accepts as `seed`: a number, bigint or string seed, or a derived Key. */
export type InitializerSeed = Seed | Key;

/** How a seed appears in a config: JSON-safe. Keys and bigints travel as `{ key }` in their text form. */
export type SeedConfig = number | string | { readonly key: string } | null;

/**
 * Checks a seed: a non-negative safe integer, a bigint in [0, 2^64), a string or a Key.
 * @throws InitRangeError / InitTypeError (ERR_INIT_INVALID_ARGUMENT) naming the class.
 */
export function assertSeed(where: string, seed: unknown): InitializerSeed | undefined {
  if (seed === undefined || seed === null) return undefined;
  if (typeof seed === 'string' || isKey(seed)) return seed;
  if (typeof seed === 'number') {
    if (Number.isSafeInteger(seed) && seed >= 0) return seed;
    throw new InitRangeError(
      argumentMessage(where, 'seed', 'be a non-negative safe integer, a bigint below 2^64, a string or a Key', seed),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (typeof seed === 'bigint') {
    if (seed >= 0n && seed < 2n ** 64n) return seed;
    throw new InitRangeError(
      argumentMessage(where, 'seed', 'be a bigint in [0, 2^64)', seed),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  throw new InitTypeError(
    argumentMessage(where, 'seed', 'be a non-negative safe integer, a bigint below 2^64, a string or a Key', seed),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

/** The key of a seeded initializer, made once; undefined for an unseeded one. */
export function keyOf(seed: InitializerSeed | undefined): Key | undefined {
  if (seed === undefined) return undefined;
  return isKey(seed) ? seed : keyFromSeed(seed);
}

/** The key for one call: the initializer's own key, or a fresh one per call when it has none. */
export function callKey(key: Key | undefined): Key {
  return key ?? freshKey();
}

/** The config form of a seed. */
export function seedToConfig(seed: InitializerSeed | undefined): SeedConfig {
  if (seed === undefined) return null;
  if (typeof seed === 'number' || typeof seed === 'string') return seed;
  return { key: keyToString(isKey(seed) ? seed : keyFromSeed(seed)) };
}

/** Reads a seed back from a config (the inverse of {@link seedToConfig}). */
export function seedFromConfig(where: string, value: unknown): InitializerSeed | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const key: unknown = (value as { key?: unknown }).key;
    if (Object.keys(value).length === 1 && typeof key === 'string') return keyFromString(key);
    throw new InitTypeError(
      argumentMessage(where, 'seed', 'be a number, a string, null or { key: string }', value),
      'ERR_INIT_INVALID_CONFIG',
    );
  }
  return assertSeed(where, value);
}
