import {
  InitTypeError,
  argumentMessage,
  freshKey,
  isKey,
  keyFromSeed,
  keyFromSeedAt,
  keyFromString,
  keyToString,
  numberError,
} from '@init/random';
import type { Key, Seed } from '@init/random';

/** What an initializer accepts as `seed`: a number, bigint or string seed, or a derived Key. */
export type InitializerSeed = Seed | Key;

/** How a seed appears in a config: JSON-safe. Keys and bigints travel as `{ key }` in their text form. */
export type SeedConfig = number | string | { readonly key: string } | null;

/**
 * Checks a seed with @init/random's one seed rule: a non-negative safe integer, a bigint in
 * [0, 2^64), a string or a Key; with engine 'tfjs', any finite number, as TensorFlow.js takes it
 * (−5 and 2.5 are seeds there: Alea hashes the seed's text). `null` is not a seed here (a config's
 * `seed: null` is read as absent by deserialize).
 * @throws InitRangeError / InitTypeError (ERR_INIT_INVALID_ARGUMENT) naming the class.
 */
export function assertSeed(where: string, seed: unknown, engine = 'counter'): InitializerSeed | undefined {
  if (seed === undefined) return undefined;
  if (engine === 'tfjs') {
    if (typeof seed === 'number' && Number.isFinite(seed)) return seed;
    throw numberError(
      where,
      'seed',
      "be a finite number (or absent) with engine 'tfjs', as TensorFlow.js takes it",
      seed,
    );
  }
  keyFromSeedAt(where, 'seed', seed, true);
  return seed as InitializerSeed;
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
  // null (Keras's "unseeded") is absent; a number or string is checked by the class, whose engine
  // decides which numbers are seeds.
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new InitTypeError(
    argumentMessage(where, 'seed', 'be a number, a string, null or { key: string }', value),
    'ERR_INIT_INVALID_CONFIG',
  );
}
