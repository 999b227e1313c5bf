/**
 * The snapshot ("no regression") cases of the default engine, shared by the generator script and the
 * test. Each case renders its output as exact bit patterns, so a fixture pins every bit. These vectors
 * are our own stream's: they change only with a new stream version (a major release).
 */
import {
  fillNormal,
  fillTruncatedNormal,
  fillUniform,
  fillUniformInt,
  foldIn,
  keyFromSeed,
  keyToString,
  split,
} from '../src/index.js';
import type { Key } from '../src/index.js';

function hex(words: ArrayLike<number>, digits: number): string[] {
  return Array.from(words, (word) => (word >>> 0).toString(16).padStart(digits, '0'));
}

/** Bit patterns of any output array, big-endian hex per element. */
function bits(out: Float32Array | Float64Array | Uint16Array | Int32Array): string[] {
  if (out instanceof Float32Array) return hex(new Uint32Array(out.buffer, out.byteOffset, out.length), 8);
  if (out instanceof Int32Array) return hex(out, 8);
  if (out instanceof Uint16Array) return hex(out, 4);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  return Array.from({ length: out.length }, (_, i) =>
    view
      .getBigUint64(i * 8, true)
      .toString(16)
      .padStart(16, '0'),
  );
}

/** FNV-1a over the bit strings of a larger output, so the fixture pins 4096 elements compactly. */
function checksum(patterns: string[]): string {
  let hash = 0x811c9dc5;
  for (const pattern of patterns) {
    for (let i = 0; i < pattern.length; i++) hash = Math.imul(hash ^ pattern.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

type Fill = (length: number, key: Key, offset: number) => Float32Array | Float64Array | Uint16Array | Int32Array;

const fills: Record<string, Fill> = {
  'uniform float32': (n, key, offset) => fillUniform(new Float32Array(n), key, { offset }),
  'uniform float32 [-0.1, 0.3)': (n, key, offset) =>
    fillUniform(new Float32Array(n), key, { low: -0.1, high: 0.3, offset }),
  'uniform float64': (n, key, offset) => fillUniform(new Float64Array(n), key, { offset }),
  'uniform float16': (n, key, offset) => fillUniform(new Uint16Array(n), key, { offset, dtype: 'float16' }),
  'uniform bfloat16': (n, key, offset) => fillUniform(new Uint16Array(n), key, { offset, dtype: 'bfloat16' }),
  'normal float32': (n, key, offset) => fillNormal(new Float32Array(n), key, { offset }),
  'normal float64 mean 1 stddev 2': (n, key, offset) =>
    fillNormal(new Float64Array(n), key, { mean: 1, stddev: 2, offset }),
  'normal float16': (n, key, offset) => fillNormal(new Uint16Array(n), key, { offset, dtype: 'float16' }),
  'normal bfloat16': (n, key, offset) => fillNormal(new Uint16Array(n), key, { offset, dtype: 'bfloat16' }),
  'truncated normal float32': (n, key, offset) => fillTruncatedNormal(new Float32Array(n), key, { offset }),
  'truncated normal float64': (n, key, offset) => fillTruncatedNormal(new Float64Array(n), key, { offset }),
  'truncated normal bfloat16': (n, key, offset) =>
    fillTruncatedNormal(new Uint16Array(n), key, { offset, dtype: 'bfloat16' }),
  'uniform int [0, 10) Int32Array': (n, key, offset) =>
    fillUniformInt(new Int32Array(n), key, { low: 0, high: 10, offset }),
  'uniform int [-2^31, 2^31) Int32Array': (n, key, offset) =>
    fillUniformInt(new Int32Array(n), key, { low: -(2 ** 31), high: 2 ** 31, offset }),
  'uniform int [0, 2^40 + 7) Float64Array': (n, key, offset) =>
    fillUniformInt(new Float64Array(n), key, { low: 0, high: 2 ** 40 + 7, offset }),
};

const keys: Record<string, () => Key> = {
  'keyFromSeed(0)': () => keyFromSeed(0),
  'keyFromSeed(42)': () => keyFromSeed(42),
  "keyFromSeed('encoder/layer_3/kernel')": () => keyFromSeed('encoder/layer_3/kernel'),
  "foldIn(keyFromSeed(42), 'dense/kernel')": () => foldIn(keyFromSeed(42), 'dense/kernel'),
};

export interface GoldenVectors {
  readonly streamVersion: 1;
  readonly keys: Record<string, string>;
  readonly streams: Record<string, Record<string, { first: string[]; atOffset1e12: string[]; checksum4096: string }>>;
}

/** Computes every golden vector from the current source. */
export function computeGoldenVectors(): GoldenVectors {
  const root = keyFromSeed(42);
  const keyTexts: Record<string, string> = {
    ...Object.fromEntries(Object.entries(keys).map(([name, make]) => [name, keyToString(make())])),
    "keyFromSeed('')": keyToString(keyFromSeed('')),
    'keyFromSeed(2n ** 64n - 1n)': keyToString(keyFromSeed(2n ** 64n - 1n)),
    'foldIn(keyFromSeed(42), 3)': keyToString(foldIn(root, 3)),
    'foldIn(keyFromSeed(42), 2 ** 40)': keyToString(foldIn(root, 2 ** 40)),
    'split(keyFromSeed(42), 3)': split(root, 3).map(keyToString).join(' '),
  };
  const streams: GoldenVectors['streams'] = {};
  for (const [keyName, makeKey] of Object.entries(keys)) {
    streams[keyName] = {};
    for (const [fillName, fill] of Object.entries(fills)) {
      streams[keyName]![fillName] = {
        first: bits(fill(8, makeKey(), 0)),
        atOffset1e12: bits(fill(4, makeKey(), 1e12)),
        checksum4096: checksum(bits(fill(4096, makeKey(), 0))),
      };
    }
  }
  return { streamVersion: 1, keys: keyTexts, streams };
}

/**
 * The bounded truncated normal, one interval per regime (STREAMS.md §4, "Truncated normal with
 * other bounds"). Kept in its own fixture so that golden-v1.json stays byte-identical.
 */
const boundedFills: Record<string, Fill> = {
  'normal (-1, 3) float32': (n, key, offset) =>
    fillTruncatedNormal(new Float32Array(n), key, { lower: -1, upper: 3, offset }),
  'normal (-inf, 0.5) float64': (n, key, offset) =>
    fillTruncatedNormal(new Float64Array(n), key, { lower: -Infinity, upper: 0.5, offset }),
  'uniform (-0.3, 0.7) float32': (n, key, offset) =>
    fillTruncatedNormal(new Float32Array(n), key, { lower: -0.3, upper: 0.7, offset }),
  'half-normal (0, inf) float64 mean 1 stddev 2': (n, key, offset) =>
    fillTruncatedNormal(new Float64Array(n), key, { mean: 1, stddev: 2, lower: 0, upper: Infinity, offset }),
  'rayleigh (8, 9) float64': (n, key, offset) =>
    fillTruncatedNormal(new Float64Array(n), key, { lower: 8, upper: 9, offset }),
  'rayleigh (-inf, -10) float32': (n, key, offset) =>
    fillTruncatedNormal(new Float32Array(n), key, { lower: -Infinity, upper: -10, offset }),
  'rayleigh (2, 3) bfloat16': (n, key, offset) =>
    fillTruncatedNormal(new Uint16Array(n), key, { lower: 2, upper: 3, offset, dtype: 'bfloat16' }),
};

export interface BoundedGoldenVectors {
  readonly streamVersion: 1;
  readonly streams: Record<string, Record<string, { first: string[]; atOffset1e12: string[]; checksum4096: string }>>;
}

/** Computes the bounded truncated normal's golden vectors from the current source. */
export function computeBoundedGoldenVectors(): BoundedGoldenVectors {
  const streams: BoundedGoldenVectors['streams'] = {};
  for (const [keyName, makeKey] of Object.entries(keys)) {
    streams[keyName] = {};
    for (const [fillName, fill] of Object.entries(boundedFills)) {
      streams[keyName]![fillName] = {
        first: bits(fill(8, makeKey(), 0)),
        atOffset1e12: bits(fill(4, makeKey(), 1e12)),
        checksum4096: checksum(bits(fill(4096, makeKey(), 0))),
      };
    }
  }
  return { streamVersion: 1, streams };
}
