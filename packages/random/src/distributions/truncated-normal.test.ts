/**
 * Truncated normals with any bounds: the regime chosen per interval, the (−2, 2) stream untouched by
 * the general kernels, values strictly inside the bounds after rounding to every format (fast-check),
 * and the errors.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InitRangeError, isInitError } from '../errors.js';
import { keyFromSeed, requireKeyWords } from '../keys.js';
import { bfloat16BitsToNumber, float16BitsToNumber } from '../math/float-bits.js';
import type { FillDType } from './arguments.js';
import { fillTruncatedNormal, prepareTruncatedNormal } from './normal.js';
import { fillTruncatedNormalBounded, planTruncation } from './truncated-normal.js';

describe('planTruncation chooses the envelope of least area', () => {
  test.each([
    [-2, 2, 'normal', 1],
    [-Infinity, Infinity, 'normal', 1],
    [-Infinity, 0.5, 'normal', 1],
    [-1.25, 1.25, 'uniform', 1], // width 2.5 < √(2π)
    [-1.26, 1.26, 'normal', 1],
    [-0.3, 0.7, 'uniform', 1],
    [0, Infinity, 'half-normal', 1],
    [0, 1.25, 'uniform', 1], // width < √(2π)/2
    [0, 1.26, 'half-normal', 1],
    [-Infinity, -0.25, 'half-normal', -1],
    [0.6, Infinity, 'half-normal', 1], // φ(a)/a = 1/2 near a = 0.64
    [0.7, Infinity, 'rayleigh', 1],
    [1, Infinity, 'rayleigh', 1],
    [0.2, 0.35, 'uniform', 1],
    [1.2, 1.35, 'rayleigh', 1], // narrow: the two tie to first order; past a ≈ 1 the Rayleigh wins
    [2, 3, 'rayleigh', 1],
    [8, 9, 'rayleigh', 1],
    [-Infinity, -10, 'rayleigh', -1],
    [-3, -2.9, 'rayleigh', -1],
    [40, 40.001, 'rayleigh', 1],
  ] as const)('(%d, %d) → %s', (a, b, regime, sign) => {
    const plan = planTruncation(a, b);
    expect(plan.regime).toBe(regime);
    expect(plan.sign).toBe(sign);
    expect([plan.low, plan.high]).toEqual(sign === 1 ? [a, b] : [-b, -a]);
  });
});

describe('the (−2, 2) stream of version 1', () => {
  // The default bounds keep their own kernels; the general ziggurat kernel given (−2, 2) must make
  // the same decisions word for word. This pins both the claim and the general kernel.
  test.each(['float32', 'float64', 'float16', 'bfloat16'] as const)(
    'the general kernel reproduces it exactly (%s)',
    (dtype) => {
      const make = (n: number) =>
        dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : new Uint16Array(n);
      const key = keyFromSeed(2024);
      for (const [mean, stddev, offset] of [
        [0, 1, 0],
        [0.3, 0.7, 5],
        [-1, 0.02, 2 ** 40 + 3],
      ] as const) {
        const expected = fillTruncatedNormal(make(3000), key, { mean, stddev, offset, dtype });
        const general = fillTruncatedNormalBounded(
          'fillTruncatedNormal',
          make(3000),
          { words: requireKeyWords('test', key), format: dtype, offset, mean, stddev },
          -2,
          2,
        );
        expect(Array.from(general)).toEqual(Array.from(expected));
      }
    },
  );

  test('explicit lower: -2, upper: 2 is the default', () => {
    const key = keyFromSeed(3);
    expect(fillTruncatedNormal(new Float32Array(600), key, { lower: -2, upper: 2 })).toEqual(
      fillTruncatedNormal(new Float32Array(600), key),
    );
  });
});

const formats: readonly {
  dtype: FillDType;
  make: (n: number) => Float32Array | Float64Array | Uint16Array;
  decode: (x: number) => number;
}[] = [
  { dtype: 'float32', make: (n) => new Float32Array(n), decode: (x) => x },
  { dtype: 'float64', make: (n) => new Float64Array(n), decode: (x) => x },
  { dtype: 'float16', make: (n) => new Uint16Array(n), decode: float16BitsToNumber },
  { dtype: 'bfloat16', make: (n) => new Uint16Array(n), decode: bfloat16BitsToNumber },
];

// Bounds from every regime: around 0, one-sided, narrow, far in a tail, open on either side.
const bound = fc.oneof(
  fc.double({ min: -4, max: 4, noNaN: true }),
  fc.double({ min: -12, max: 12, noNaN: true }),
  fc.constantFrom(-2, -1, 0, 1, 2, 8, -10),
);
const interval = fc
  .tuple(
    bound,
    fc.oneof(
      fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
      fc.double({ min: 0.5, max: 8, noNaN: true }),
      fc.constant(Infinity),
    ),
    fc.boolean(),
  )
  .map(([start, width, mirrored]): [number, number] => (mirrored ? [-start - width, -start] : [start, start + width]));

describe('values never leave (lower, upper), after rounding to the output format (fast-check)', () => {
  test.each(formats)(
    '$dtype',
    ({ dtype, make, decode }) => {
      fc.assert(
        fc.property(
          interval,
          // Means and scales that put the bounds on grid points and between them, near 0 and far out.
          fc.oneof(fc.constantFrom(0, 1, -3, 100), fc.double({ min: -1000, max: 1000, noNaN: true })),
          fc.oneof(fc.constantFrom(1, 0.5, 0.02, 2 ** -8), fc.double({ min: 1e-3, max: 20, noNaN: true })),
          fc.nat(),
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 40 })),
          ([lower, upper], mean, stddev, seed, offset) => {
            let values: number[];
            try {
              values = Array.from(
                fillTruncatedNormal(make(300), keyFromSeed(seed), { mean, stddev, lower, upper, offset, dtype }),
                decode,
              );
            } catch (error) {
              // Bounds the format cannot serve are refused, never answered with values outside.
              expect(isInitError(error) && error instanceof InitRangeError).toBe(true);
              return;
            }
            const low = mean + lower * stddev;
            const high = mean + upper * stddev;
            for (const value of values) {
              expect(Number.isFinite(value)).toBe(true);
              expect(value > low && value < high).toBe(true);
            }
          },
        ),
        { numRuns: 150 },
      );
    },
    120_000,
  );
});

describe('bounds at the edge of a format are honoured, never rounded onto', () => {
  test.each([
    // A grid point of the format sits exactly on the bound: values that round onto it are redrawn.
    ['float16 [1, 1 + 2^-9]σ, mean 0', 'float16', float16BitsToNumber, 0, 1, 1, 1 + 2 ** -9],
    ['bfloat16 (−∞, −10]σ', 'bfloat16', bfloat16BitsToNumber, 0, 1, -Infinity, -10],
    ['bfloat16 [8, 9]σ', 'bfloat16', bfloat16BitsToNumber, 0, 1, 8, 9],
    ['bfloat16 trunc_normal_ std .02 at ±2 absolute', 'bfloat16', bfloat16BitsToNumber, 0, 0.02, -100, 100],
    ['float16 one-sided (0, ∞), mean 0', 'float16', float16BitsToNumber, 0, 1, 0, Infinity],
  ] as const)('%s', (_name, dtype, decode, mean, stddev, lower, upper) => {
    const values = Array.from(
      fillTruncatedNormal(new Uint16Array(20000), keyFromSeed(8), { mean, stddev, lower, upper, dtype }),
      decode,
    );
    const low = mean + lower * stddev;
    const high = mean + upper * stddev;
    expect(values.every((x) => x > low && x < high)).toBe(true);
  });
});

describe('errors', () => {
  const key = keyFromSeed(1);
  test.each([
    [
      'lower = upper',
      { lower: 1, upper: 1 },
      /^fillTruncatedNormal: lower must be less than upper \(1\)\. Received: 1\.$/,
    ],
    ['lower > upper', { lower: 3, upper: -Infinity }, /lower must be less than upper \(-Infinity\)/],
    [
      'NaN lower',
      { lower: NaN },
      /^fillTruncatedNormal: lower must be a number of standard deviations \(-Infinity or Infinity for an open side\)\. Received: NaN\.$/,
    ],
    ['string upper', { upper: '3' as never }, /upper must be a number of standard deviations/],
    ['lower = +∞', { lower: Infinity, upper: Infinity }, /lower must be less than upper/],
  ])('%s', (_name, options, message) => {
    expect(() => fillTruncatedNormal(new Float32Array(2), key, options)).toThrow(message);
  });

  test('a bound beyond the format is refused', () => {
    expect(() =>
      fillTruncatedNormal(new Uint16Array(2), key, { stddev: 1e4, lower: 7, upper: 8, dtype: 'float16' }),
    ).toThrow(/^fillTruncatedNormal: lower must keep mean \+ lower·stddev within the finite range of float16/);
  });

  test('an open side whose widest sample would overflow is refused', () => {
    expect(() =>
      fillTruncatedNormal(new Uint16Array(2), key, { stddev: 1e4, lower: 0, upper: Infinity, dtype: 'float16' }),
    ).toThrow(
      /^fillTruncatedNormal: upper must be finite when mean ± 13\.71·stddev \(the widest sample\) leaves the finite range of float16/,
    );
    // The same on float32 has room.
    expect(
      fillTruncatedNormal(new Float32Array(2), key, { stddev: 1e4, lower: 0, upper: Infinity }).every((x) => x > 0),
    ).toBe(true);
  });

  test('no value of the format strictly inside', () => {
    expect(() =>
      fillTruncatedNormal(new Uint16Array(2), key, { mean: 1, lower: 0, upper: 2 ** -12, dtype: 'float16' }),
    ).toThrow(
      /^fillTruncatedNormal: lower must leave at least one float16 value strictly between mean \+ lower·stddev and mean \+ upper·stddev/,
    );
  });

  test('a tail the format cannot resolve gives up with an error instead of hanging', () => {
    // bfloat16 has 100 and 100.5 around 100σ: values rounding strictly inside need z > 100.25, which
    // has probability e^-25 given z > 100.
    expect(() =>
      fillTruncatedNormal(new Uint16Array(2), key, { lower: 100, upper: Infinity, dtype: 'bfloat16' }),
    ).toThrow(
      /^fillTruncatedNormal: lower and upper must leave measurable probability on bfloat16 values strictly between mean \+ lower·stddev and mean \+ upper·stddev \(mean 0, stddev 1\); an element was redrawn 1048576 times\. Received: lower=100, upper=Infinity\.$/,
    );
    // float64 resolves the same tail.
    expect(
      fillTruncatedNormal(new Float64Array(4), key, { lower: 100, upper: Infinity }).every((x) => x > 100 && x < 100.5),
    ).toBe(true);
  });

  test('a give-up leaves out unchanged: fill, and a prepared sampler over several runs', () => {
    // float32 holds 24576 and 24576 + 2^-9 around 24576σ: with lower 24576.000413 a value rounds
    // strictly inside only for z > 24576 + 2^-10, probability e^-13.9 ≈ 2^-20 given z > lower, so each
    // element gives up with probability about 1/e. With this key element 0 succeeds and element 1
    // gives up: drawn straight into out, element 0 would already be written when the error is thrown.
    const bounds = { lower: 24576.000413, upper: Infinity };
    const giveUpKey = keyFromSeed(5);
    const message =
      /^fillTruncatedNormal: lower and upper must leave measurable probability on float32 values .* an element was redrawn 1048576 times\. Received: lower=24576\.000413, upper=Infinity\.$/;
    const sampler = prepareTruncatedNormal(giveUpKey, bounds);
    expect(sampler.fill(new Float32Array(1), 0)[0]).toBeGreaterThan(24576);
    const out = new Float32Array(4).fill(-7);
    expect(() => fillTruncatedNormal(out, giveUpKey, bounds)).toThrow(message);
    expect(Array.from(out)).toEqual([-7, -7, -7, -7]);
    // Run 0 (element 0) succeeds, run 1 (elements 1–3) gives up: run 0 must not be written either.
    const runs = new Float32Array(4).fill(-7);
    expect(() => sampler.fillRuns(runs, [0, 0, 1, 1, 1, 3])).toThrow(message);
    expect(Array.from(runs)).toEqual([-7, -7, -7, -7]);
  });

  test('stddev 0 fills the mean, whatever the bounds', () => {
    expect(
      Array.from(fillTruncatedNormal(new Float32Array(3), key, { mean: 2, stddev: 0, lower: 8, upper: 9 })),
    ).toEqual([2, 2, 2]);
  });
});
