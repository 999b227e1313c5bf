/**
 * Statistical tests of the default engine. Every test uses a fixed seed, so it is deterministic; the
 * thresholds are set for a false-alarm rate of ALPHA = 1e-6 per test (the rate at which a correct
 * generator would fail it for a random seed), about 2e-5 for the whole file.
 */
import { describe, expect, test } from 'vitest';
import { keyFromSeed } from '../keys.js';
import { bfloat16BitsToNumber, float16BitsToNumber } from '../math/float-bits.js';
import {
  chiSquare,
  chiSquareCritical,
  ksCritical,
  ksStatistic,
  moments,
  normalCdf,
  truncatedNormalCdf,
} from '../../test/statistics.js';
import { fillNormal, fillTruncatedNormal } from './normal.js';
import { fillUniform } from './uniform.js';
import { fillUniformInt } from './uniform-int.js';

const ALPHA = 1e-6;
const N = 2 ** 20;
/** Two-sided z bound for ALPHA: P(|Z| > 4.89) = 1e-6. */
const Z = 4.891638475698;
const TIMEOUT = 120_000;

const truncatedCdf = (x: number): number => (normalCdf(x) - normalCdf(-2)) / (normalCdf(2) - normalCdf(-2));

describe(`Kolmogorov–Smirnov against the exact CDF, n = 2^20, false-alarm rate ${ALPHA}`, () => {
  const critical = ksCritical(N, ALPHA);

  test.each([
    [
      'uniform [0, 1) float32',
      () => fillUniform(new Float32Array(N), keyFromSeed(1)),
      (x: number) => Math.min(1, Math.max(0, x)),
    ],
    [
      'uniform [-3, 5) float64',
      () => fillUniform(new Float64Array(N), keyFromSeed(2), { low: -3, high: 5 }),
      (x: number) => (x + 3) / 8,
    ],
    ['normal float32', () => fillNormal(new Float32Array(N), keyFromSeed(3)), normalCdf],
    [
      'normal mean 2 stddev 3 float64',
      () => fillNormal(new Float64Array(N), keyFromSeed(4), { mean: 2, stddev: 3 }),
      (x: number) => normalCdf((x - 2) / 3),
    ],
    ['truncated normal float32', () => fillTruncatedNormal(new Float32Array(N), keyFromSeed(5)), truncatedCdf],
    [
      'truncated normal mean -1 stddev 0.5 float64',
      () => fillTruncatedNormal(new Float64Array(N), keyFromSeed(6), { mean: -1, stddev: 0.5 }),
      (x: number) => truncatedCdf((x + 1) / 0.5),
    ],
  ])(
    '%s',
    (_name, sample, cdf) => {
      expect(ksStatistic(sample(), cdf)).toBeLessThan(critical);
    },
    TIMEOUT,
  );
});

describe(`truncated normals with any bounds: Kolmogorov–Smirnov per regime against the exact truncated CDF, n = 2^20, false-alarm rate ${ALPHA}`, () => {
  // The CDF of each interval comes from ratios of tail probabilities (test/statistics.ts), exact
  // also at [8, 9] and (−∞, −10] where 1 − Φ underflows. Samples are standardized by (x − mean)/stddev.
  const critical = ksCritical(N, ALPHA);
  const float32 = (n: number) => new Float32Array(n);
  const float64 = (n: number) => new Float64Array(n);

  test.each([
    ['normal (wide, asymmetric) (−1.5, 3), mean 0.5 stddev 2, float32', -1.5, 3, 0.5, 2, float32],
    ['normal with the ziggurat tail (−∞, 0.5), float64', -Infinity, 0.5, 0, 1, float64],
    ['uniform (narrow, around 0) (−0.3, 0.7), float64', -0.3, 0.7, 0, 1, float64],
    ['uniform (narrow, one side) (0.2, 0.35), mean −1 stddev 0.1, float64', 0.2, 0.35, -1, 0.1, float64],
    ['half-normal (one-sided) (0, ∞), float32', 0, Infinity, 0, 1, float32],
    ['half-normal (one-sided, mirrored) (−∞, −0.25), float64', -Infinity, -0.25, 0, 1, float64],
    ['rayleigh (one-sided) (1, ∞), float64', 1, Infinity, 0, 1, float64],
    ['rayleigh (narrow) (2, 3), float32', 2, 3, 0, 1, float32],
    ['rayleigh (far tail) (8, 9), float64', 8, 9, 0, 1, float64],
    ['rayleigh (far tail, mirrored) (−∞, −10), float64', -Infinity, -10, 0, 1, float64],
    ['rayleigh (far tail) (8, 9), float32', 8, 9, 0, 1, float32],
  ] as const)(
    '%s',
    (_name, lower, upper, mean, stddev, make) => {
      const values = fillTruncatedNormal(make(N), keyFromSeed(15), { lower, upper, mean, stddev });
      const cdf = truncatedNormalCdf(lower, upper);
      expect(ksStatistic(values, (x) => cdf((x - mean) / stddev))).toBeLessThan(critical);
    },
    TIMEOUT,
  );
});

describe(`chi-square, false-alarm rate ${ALPHA}`, () => {
  /** Chi-square of a sample against equal-probability bins given by a bin function. */
  function binnedChiSquare(values: ArrayLike<number>, bins: number, binOf: (x: number) => number): number {
    const observed = new Float64Array(bins);
    for (let i = 0; i < values.length; i++) observed[binOf(values[i]!)]!++;
    return chiSquare(observed, new Float64Array(bins).fill(values.length / bins));
  }

  test(
    'integers in [0, 6) (Int32Array): every face equally likely',
    () => {
      const values = fillUniformInt(new Int32Array(N), keyFromSeed(7), { low: 0, high: 6 });
      expect(binnedChiSquare(values, 6, (x) => x)).toBeLessThan(chiSquareCritical(5, ALPHA));
    },
    TIMEOUT,
  );

  test(
    'integers in [-2^31, 2^30): thirds equally likely (modulo reduction of 32 bits would give 1/2, 1/4, 1/4)',
    () => {
      const values = fillUniformInt(new Int32Array(N), keyFromSeed(8), { low: -(2 ** 31), high: 2 ** 30 });
      expect(binnedChiSquare(values, 3, (x) => Math.floor((x + 2 ** 31) / 2 ** 30))).toBeLessThan(
        chiSquareCritical(2, ALPHA),
      );
    },
    TIMEOUT,
  );

  test(
    'integers in [0, 3·2^40) (Float64Array, two words): thirds equally likely',
    () => {
      const values = fillUniformInt(new Float64Array(N), keyFromSeed(9), { low: 0, high: 3 * 2 ** 40 });
      expect(binnedChiSquare(values, 3, (x) => Math.floor(x / 2 ** 40))).toBeLessThan(chiSquareCritical(2, ALPHA));
    },
    TIMEOUT,
  );

  test(
    'normal float32 in 128 equal-probability bins (sensitive to the ziggurat layers and wedges)',
    () => {
      const values = fillNormal(new Float32Array(N), keyFromSeed(10));
      expect(binnedChiSquare(values, 128, (x) => Math.min(127, Math.floor(normalCdf(x) * 128)))).toBeLessThan(
        chiSquareCritical(127, ALPHA),
      );
    },
    TIMEOUT,
  );

  test(
    'normal tail beyond the ziggurat base R = 3.654: the count matches 2·(1 − Φ(R))',
    () => {
      const n = 2 ** 22;
      const values = fillNormal(new Float32Array(n), keyFromSeed(11));
      let tail = 0;
      for (const x of values) if (Math.abs(x) > 3.6541528853610088) tail++;
      const p = 2 * (1 - normalCdf(3.6541528853610088));
      expect(Math.abs(tail - n * p)).toBeLessThan(Z * Math.sqrt(n * p * (1 - p)));
    },
    TIMEOUT,
  );
});

describe(`float16 / bfloat16 moments, n = 2^20, each bound at false-alarm rate ${ALPHA} plus the rounding error`, () => {
  // For a mean: |m − μ| < Z·σ/√n. For a variance of a normal: |v − σ²| < Z·σ²·√(2/n) (√((κ−1)/n) with κ
  // the kurtosis: 9/5 for the uniform, 3 for the normal, 2.36 for the 2σ-truncated normal). Rounding
  // to 8 (bfloat16) or 11 (float16) bits adds at most half an ulp of bias per value.
  const formats = [
    { dtype: 'float16', decode: float16BitsToNumber, ulp: 2 ** -10 },
    { dtype: 'bfloat16', decode: bfloat16BitsToNumber, ulp: 2 ** -7 },
  ] as const;

  test.each(formats)(
    '$dtype uniform [0, 1): mean 1/2, variance 1/12',
    ({ dtype, decode, ulp }) => {
      const { mean, variance } = moments(
        Array.from(fillUniform(new Uint16Array(N), keyFromSeed(12), { dtype }), decode),
      );
      expect(Math.abs(mean - 0.5)).toBeLessThan(Z * Math.sqrt(1 / 12 / N) + ulp / 2);
      expect(Math.abs(variance - 1 / 12)).toBeLessThan(Z * (1 / 12) * Math.sqrt(0.8 / N) + ulp);
    },
    TIMEOUT,
  );

  test.each(formats)(
    '$dtype normal: mean 0, variance 1',
    ({ dtype, decode, ulp }) => {
      const { mean, variance } = moments(
        Array.from(fillNormal(new Uint16Array(N), keyFromSeed(13), { dtype }), decode),
      );
      expect(Math.abs(mean)).toBeLessThan(Z / Math.sqrt(N) + ulp / 2);
      expect(Math.abs(variance - 1)).toBeLessThan(Z * Math.sqrt(2 / N) + 4 * ulp);
    },
    TIMEOUT,
  );

  test.each(formats)(
    '$dtype truncated normal: mean 0, variance 0.7737, all strictly inside ±2',
    ({ dtype, decode, ulp }) => {
      const values = Array.from(fillTruncatedNormal(new Uint16Array(N), keyFromSeed(14), { dtype }), decode);
      // Variance of N(0,1) truncated to ±2: 1 − 2·2·φ(2)/(Φ(2) − Φ(−2)).
      const expectedVariance = 1 - (4 * Math.exp(-2)) / Math.sqrt(2 * Math.PI) / (normalCdf(2) - normalCdf(-2));
      const { mean, variance } = moments(values);
      expect(Math.abs(mean)).toBeLessThan(Z * Math.sqrt(expectedVariance / N) + ulp / 2);
      expect(Math.abs(variance - expectedVariance)).toBeLessThan(Z * expectedVariance * Math.sqrt(1.36 / N) + 4 * ulp);
      expect(values.every((x) => x > -2 && x < 2)).toBe(true);
    },
    TIMEOUT,
  );
});
