// Moment checks with a stated false-alarm rate, for the statistical tests of the initializers.
import { expect } from 'vitest';

/**
 * A check at 5 standard errors has a two-sided false-alarm rate of about 5.7e-7 under the normal
 * approximation of the sample mean and variance (n ≥ 4096 here). Every statistical test in this
 * package runs with a fixed seed, so it is deterministic; the rate says how unlucky a seed would
 * have to be for a correct implementation to fail.
 */
export const Z_LIMIT = 5;

export interface Moments {
  readonly mean: number;
  readonly variance: number;
  /** The fourth central moment, which sets the standard error of the sample variance. */
  readonly fourth: number;
}

export function uniformMoments(low: number, high: number): Moments {
  const width = high - low;
  return { mean: (low + high) / 2, variance: (width * width) / 12, fourth: width ** 4 / 80 };
}

export function normalMoments(mean: number, stddev: number): Moments {
  return { mean, variance: stddev ** 2, fourth: 3 * stddev ** 4 };
}

// Φ(2) − Φ(−2), and the density φ(2) = e^{-2}/√(2π).
const MASS_2 = 0.9544997361036416;
const DENSITY_2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);

/** A normal N(mean, stddev²) truncated to |x − mean| < 2·stddev. */
export function truncatedNormalMoments(mean: number, stddev: number): Moments {
  // For a standard normal truncated to [−a, a]: E[X²] = 1 − 2aφ(a)/Z, E[X⁴] = 3 − 2(a³ + 3a)φ(a)/Z.
  const second = 1 - (2 * 2 * DENSITY_2) / MASS_2;
  const fourth = 3 - (2 * (8 + 6) * DENSITY_2) / MASS_2;
  return { mean, variance: stddev ** 2 * second, fourth: stddev ** 4 * fourth };
}

export function sampleMoments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += ((values[i] as number) - mean) ** 2;
  return { mean, variance: squares / (values.length - 1) };
}

/**
 * Expects the sample mean and variance within Z_LIMIT standard errors of theory. `resolution`
 * widens the variance tolerance for 16-bit formats, whose rounding adds about resolution²/12.
 */
export function expectMoments(values: ArrayLike<number>, theory: Moments, resolution = 0): void {
  const n = values.length;
  const sample = sampleMoments(values);
  const meanError = Math.sqrt(theory.variance / n);
  const varianceError = Math.sqrt(Math.max(theory.fourth - theory.variance ** 2, 0) / n) + resolution ** 2;
  expect(Math.abs(sample.mean - theory.mean)).toBeLessThanOrEqual(Z_LIMIT * meanError + resolution);
  expect(Math.abs(sample.variance - theory.variance)).toBeLessThanOrEqual(Z_LIMIT * varianceError);
}

/** The variance of a standard normal truncated to (−2, 2): 1 − 4φ(2)/(Φ(2) − Φ(−2)) ≈ 0.774. */
export const TRUNCATED_VARIANCE = truncatedNormalMoments(0, 1).variance;

/** The sample standard deviation (n − 1 in the denominator). */
export function sampleStd(values: ArrayLike<number>): number {
  return Math.sqrt(sampleMoments(values).variance);
}

/**
 * Expects the sample standard deviation of a ±2σ truncated normal within Z_LIMIT standard errors of
 * `expected`, its standard deviation. The standard error of a sample standard deviation is
 * σ·√((k − 1) / (4n)), k the kurtosis of the truncated normal.
 */
export function expectTruncatedStd(values: ArrayLike<number>, expected: number): void {
  const { variance, fourth } = truncatedNormalMoments(0, 1);
  const standardError = expected * Math.sqrt((fourth / variance ** 2 - 1) / (4 * values.length));
  expect(Math.abs(sampleStd(values) - expected)).toBeLessThan(Z_LIMIT * standardError);
}
