/**
 * One property suite run against every fill function of the default engine and every output type:
 * same key → same values; any slice filled with its offset equals the slice of the whole (also far
 * out in the index space); values in range; no NaN.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { keyFromSeed } from '../keys.js';
import type { Key } from '../keys.js';
import { bfloat16BitsToNumber, float16BitsToNumber } from '../math/float-bits.js';
import { fillNormal, fillTruncatedNormal } from './normal.js';
import { fillUniform } from './uniform.js';
import { fillUniformInt } from './uniform-int.js';

type Target = Float32Array | Float64Array | Uint16Array | Int32Array;

interface Case {
  readonly name: string;
  readonly make: (length: number) => Target;
  readonly fill: (out: Target, key: Key, offset: number) => Target;
  readonly decode: (out: Target) => number[];
  readonly inRange: (value: number) => boolean;
}

const decodeDirect = (out: Target): number[] => Array.from(out);
const decodeHalf = (out: Target): number[] => Array.from(out, float16BitsToNumber);
const decodeBfloat = (out: Target): number[] => Array.from(out, bfloat16BitsToNumber);

const floatTargets = [
  { dtype: 'float32', make: (n: number) => new Float32Array(n), decode: decodeDirect },
  { dtype: 'float64', make: (n: number) => new Float64Array(n), decode: decodeDirect },
  { dtype: 'float16', make: (n: number) => new Uint16Array(n), decode: decodeHalf },
  { dtype: 'bfloat16', make: (n: number) => new Uint16Array(n), decode: decodeBfloat },
] as const;

const cases: Case[] = floatTargets.flatMap(({ dtype, make, decode }) => [
  {
    name: `fillUniform [-0.1, 0.3) ${dtype}`,
    make,
    fill: (out, key, offset) => fillUniform(out as Float32Array, key, { low: -0.1, high: 0.3, offset, dtype }),
    decode,
    inRange: (x) => x >= -0.1 && x < 0.3,
  },
  {
    name: `fillUniform [1, 2) ${dtype}`,
    make,
    fill: (out, key, offset) => fillUniform(out as Float32Array, key, { low: 1, high: 2, offset, dtype }),
    decode,
    inRange: (x) => x >= 1 && x < 2,
  },
  {
    name: `fillNormal mean 3 stddev 0.5 ${dtype}`,
    make,
    fill: (out, key, offset) => fillNormal(out as Float32Array, key, { mean: 3, stddev: 0.5, offset, dtype }),
    decode,
    inRange: (x) => Number.isFinite(x),
  },
  {
    name: `fillTruncatedNormal mean 0.1 stddev 0.05 ${dtype}`,
    make,
    fill: (out, key, offset) =>
      fillTruncatedNormal(out as Float32Array, key, { mean: 0.1, stddev: 0.05, offset, dtype }),
    decode,
    inRange: (x) => x > 0.1 - 2 * 0.05 && x < 0.1 + 2 * 0.05,
  },
  // One interval per regime of the bounded truncated normal (see truncated-normal.ts).
  ...(
    [
      ['normal', -1, 3],
      ['uniform', -0.3, 0.7],
      ['half-normal', -Infinity, 0],
      ['rayleigh', 8, 9],
    ] as const
  ).map(([regime, lower, upper]) => ({
    name: `fillTruncatedNormal (${lower}, ${upper}) [${regime}] mean 1 stddev 0.25 ${dtype}`,
    make,
    fill: (out: Target, key: Key, offset: number) =>
      fillTruncatedNormal(out as Float32Array, key, { mean: 1, stddev: 0.25, lower, upper, offset, dtype }),
    decode,
    inRange: (x: number) => x > 1 + 0.25 * lower && x < 1 + 0.25 * upper,
  })),
]);

for (const [name, make] of [
  ['Int32Array', (n: number) => new Int32Array(n)],
  ['Float32Array', (n: number) => new Float32Array(n)],
  ['Float64Array', (n: number) => new Float64Array(n)],
] as const) {
  cases.push({
    name: `fillUniformInt [-3, 7) ${name}`,
    make,
    fill: (out, key, offset) => fillUniformInt(out as Int32Array, key, { low: -3, high: 7, offset }),
    decode: decodeDirect,
    inRange: (x) => Number.isInteger(x) && x >= -3 && x < 7,
  });
}
cases.push({
  name: 'fillUniformInt [0, 2^40 + 5) Float64Array',
  make: (n) => new Float64Array(n),
  fill: (out, key, offset) => fillUniformInt(out as Float64Array, key, { low: 0, high: 2 ** 40 + 5, offset }),
  decode: decodeDirect,
  inRange: (x) => Number.isInteger(x) && x >= 0 && x < 2 ** 40 + 5,
});

const seeds = fc.oneof(fc.nat(), fc.string({ maxLength: 12 }));
// Offsets near 0, and far out (2^40 and beyond) where whole tensors could never be materialized.
const bases = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 5000 }),
  fc.integer({ min: 2 ** 40, max: 2 ** 40 + 1000 }),
);

describe.each(cases)('$name', ({ make, fill, decode, inRange }) => {
  test('the same key gives the same values; values are in range and never NaN', () => {
    fc.assert(
      fc.property(seeds, fc.integer({ min: 0, max: 700 }), bases, (seed, length, base) => {
        const first = decode(fill(make(length), keyFromSeed(seed), base));
        const second = decode(fill(make(length), keyFromSeed(seed), base));
        expect(second).toEqual(first);
        for (const value of first) {
          expect(Number.isNaN(value)).toBe(false);
          expect(inRange(value)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  test('any slice filled with its offset equals the slice of the whole', () => {
    fc.assert(
      fc.property(
        seeds,
        bases,
        fc
          .integer({ min: 1, max: 900 })
          .chain((length) =>
            fc.tuple(fc.constant(length), fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length })),
          ),
        (seed, base, [length, a, b]) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          const key = keyFromSeed(seed);
          const whole = decode(fill(make(length), key, base));
          const slice = decode(fill(make(end - start), key, base + start));
          expect(slice).toEqual(whole.slice(start, end));
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  test('an empty output is accepted and returned', () => {
    const out = make(0);
    expect(fill(out, keyFromSeed(1), 0)).toBe(out);
  });
});
