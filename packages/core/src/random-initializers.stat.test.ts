// Statistical tests of every random initializer, in every float dtype. Moments are checked at
// Z_LIMIT = 5 standard errors (two-sided false-alarm rate ≈ 5.7e-7 per check, see test/moments.ts);
// seeds are fixed, so each test is deterministic.
import { describe, expect, test } from 'vitest';
import {
  computeFans,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  type FloatDType,
} from './index.js';
import { DISTRIBUTIONS, FAN_MODES, TRUNCATED_NORMAL_STDDEV } from './variance-scaling.js';
import { expectMoments, normalMoments, truncatedNormalMoments, uniformMoments } from '../test/moments.js';
import { resolutionOf, valuesOf } from '../test/support.js';

const FLOATS: readonly FloatDType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const shape = [128, 256]; // 32768 values

describe.each(FLOATS)('%s', (dtype) => {
  test('RandomUniform: moments of U[-2, 3), and every value in range', () => {
    const values = valuesOf(new RandomUniform({ minval: -2, maxval: 3, seed: 11 }).apply(shape, dtype));
    expectMoments(values, uniformMoments(-2, 3), resolutionOf(dtype, 3));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...values)).toBeLessThan(3);
  });

  test('RandomUniform defaults to [0, 1)', () => {
    const values = valuesOf(new RandomUniform({ seed: 12 }).apply(shape, dtype));
    expectMoments(values, uniformMoments(0, 1), resolutionOf(dtype, 1));
    expect(Math.max(...values)).toBeLessThan(1);
  });

  test('RandomNormal: moments of N(1, 2²)', () => {
    const values = valuesOf(new RandomNormal({ mean: 1, stddev: 2, seed: 13 }).apply(shape, dtype));
    expectMoments(values, normalMoments(1, 2), resolutionOf(dtype, 4));
  });

  test('TruncatedNormal: moments of N(-1, 0.5²) truncated at ±2σ, and the bound holds', () => {
    const values = valuesOf(new TruncatedNormal({ mean: -1, stddev: 0.5, seed: 14 }).apply(shape, dtype));
    expectMoments(values, truncatedNormalMoments(-1, 0.5), resolutionOf(dtype, 2));
    // Strictly inside (−2, 0) before rounding; a 16-bit rounding may land on the bound itself.
    for (const value of values) expect(Math.abs(value + 1)).toBeLessThanOrEqual(1);
  });

  test('UniformUnitScaling: uniform on ±factor·√(3/inputSize) with inputSize from all dims but the last', () => {
    const bound = 1.43 * Math.sqrt(3 / (3 * 3 * 16));
    const values = valuesOf(new UniformUnitScaling({ factor: 1.43, seed: 15 }).apply([3, 3, 16, 256], dtype));
    expectMoments(values, uniformMoments(-bound, bound), resolutionOf(dtype, bound));
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
  });

  test("UniformUnitScaling with layout 'torch': inputSize from all dims but the first", () => {
    const bound = Math.sqrt(3 / (16 * 3 * 3));
    const init = new UniformUnitScaling({ layout: 'torch', seed: 16 });
    expect(init.maxVal([256, 16, 3, 3])).toBe(bound);
    const values = valuesOf(init.apply([256, 16, 3, 3], dtype));
    expectMoments(values, uniformMoments(-bound, bound), resolutionOf(dtype, bound));
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
  });

  describe.each(FAN_MODES)('VarianceScaling mode %s', (mode) => {
    const kernel = [3, 3, 32, 64];
    const { fanIn, fanOut } = computeFans(kernel);
    const n =
      mode === 'fan_in'
        ? fanIn
        : mode === 'fan_out'
          ? fanOut
          : mode === 'fan_avg'
            ? (fanIn + fanOut) / 2
            : Math.sqrt(fanIn * fanOut);
    const variance = 2 / n;

    test.each(DISTRIBUTIONS)('distribution %s', (distribution) => {
      const init = new VarianceScaling({ scale: 2, mode, distribution, seed: 16 });
      const values = valuesOf(init.apply(kernel, dtype));
      const sigma = Math.sqrt(variance);
      const theory = {
        uniform: uniformMoments(-Math.sqrt(3 * variance), Math.sqrt(3 * variance)),
        untruncated_normal: normalMoments(0, sigma),
        truncated_normal: truncatedNormalMoments(0, sigma / TRUNCATED_NORMAL_STDDEV),
        normal: truncatedNormalMoments(0, sigma),
      }[distribution];
      expectMoments(values, theory, resolutionOf(dtype, 3 * sigma));
      if (distribution === 'truncated_normal') {
        // The corrected form has exactly the requested variance.
        expect(theory.variance).toBeCloseTo(variance, 12);
      }
    });
  });
});

test('VarianceScaling with the torch layout reads fans from [out, in, ...kernel]', () => {
  const init = new VarianceScaling({ scale: 3, mode: 'fan_in', distribution: 'uniform', layout: 'torch', seed: 17 });
  const bound = Math.sqrt((3 * 3) / (32 * 9)); // fanIn = in · kh · kw = 32 · 9
  const values = valuesOf(init.apply([64, 32, 3, 3], 'float64'));
  expectMoments(values, uniformMoments(-bound, bound));
});

test('VarianceScaling with JAX axes: an attention kernel [512, 8, 64] gets fans 512/512', () => {
  // fan_geo_avg with fanIn = fanOut = 512 is 512 too: variance 1/512. A fixed 'tf' layout would read
  // fanIn 8·512 = 4096 and fanOut 64·512 = 32768 instead.
  const init = new VarianceScaling({
    scale: 1,
    mode: 'fan_geo_avg',
    distribution: 'untruncated_normal',
    inAxis: 0,
    outAxis: [1, 2],
    seed: 18,
  });
  expect(init.variance([512, 8, 64])).toBe(1 / 512);
  const values = valuesOf(init.apply([512, 8, 64], 'float64'));
  expectMoments(values, normalMoments(0, Math.sqrt(1 / 512)));
});

test('VarianceScaling with Keras axes counts only the listed axes', () => {
  const init = new VarianceScaling({
    scale: 2,
    mode: 'fan_in',
    distribution: 'uniform',
    inputAxes: [1],
    outputAxes: [2],
    seed: 19,
  });
  expect(init.variance([6, 10, 20])).toBe(2 / 10);
  const bound = Math.sqrt(3 * 0.2);
  expectMoments(valuesOf(init.apply([6, 10, 20], 'float64')), uniformMoments(-bound, bound));
});
