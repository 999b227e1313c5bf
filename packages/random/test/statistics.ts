/**
 * Reference distribution functions and test thresholds for the statistical tests. Test-only code:
 * it lives outside src so it is never shipped.
 */

/**
 * Φ(x), the standard normal CDF, by Marsaglia's (2004) series Φ(x) = ½ + φ(x)·Σ x^(2n+1)/(2n+1)!!,
 * absolute error about 1e-15 for |x| < 8. ("Evaluating the Normal Distribution", J. Stat. Softw. 11(4).)
 */
export function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  let sum = x;
  let previous = 0;
  let term = x;
  const square = x * x;
  for (let i = 1; sum !== previous; ) {
    previous = sum;
    i += 2;
    term *= square / i;
    sum = previous + term;
  }
  return 0.5 + sum * Math.exp(-0.5 * square - 0.91893853320467274178);
}

/** The inverse of Φ by bisection on normalCdf (only used for a handful of critical values). */
export function normalQuantile(p: number): number {
  let low = -8;
  let high = 8;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (normalCdf(mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** The Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of a sample against a continuous CDF. */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * The KS critical value for false-alarm rate alpha: P(D > d) ≈ 2·exp(−2·n·d²) (the first term of
 * Kolmogorov's series, an upper bound on the tail), so d = √(ln(2/alpha) / (2n)).
 */
export function ksCritical(n: number, alpha: number): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

/** The chi-square statistic of observed counts against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    const difference = observed[i]! - expected[i]!;
    sum += (difference * difference) / expected[i]!;
  }
  return sum;
}

/**
 * The upper-alpha quantile of chi-square with df degrees of freedom, by the Wilson–Hilferty cube
 * approximation (relative error well under 1% for df ≥ 2 at the rates used here).
 */
export function chiSquareCritical(df: number, alpha: number): number {
  const z = normalQuantile(1 - alpha);
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

/** Mean and (population) variance. */
export function moments(sample: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += sample[i]!;
  const mean = sum / sample.length;
  let squares = 0;
  for (let i = 0; i < sample.length; i++) squares += (sample[i]! - mean) ** 2;
  return { mean, variance: squares / sample.length };
}

/**
 * ln Q(x), Q(x) = 1 − Φ(x) the standard normal upper tail, accurate to about 1e-13 relative for any x:
 * from normalCdf below 5, and beyond from Mills' ratio Q(x)/φ(x) by its continued fraction
 * 1/(x + 1/(x + 2/(x + 3/(x + …)))) (Lentz's algorithm), which converges fast there.
 */
export function logNormalTail(x: number): number {
  if (x === Infinity) return -Infinity;
  if (x < 5) return Math.log(x < 0 ? normalCdf(-x) : 1 - normalCdf(x));
  // Lentz's method for the fraction b0 + a1/(b1 + a2/(b2 + …)), b = x, a_k = k (after the first 1).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = x + k * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + k / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -0.5 * x * x - 0.91893853320467274178 - Math.log(f);
}

/**
 * The CDF of the standard normal truncated to (a, b), accurate in the tails too: for an interval on
 * one side of 0 it is formed from ratios of tail probabilities, so [8, 9] or (−∞, −10] lose nothing
 * to 1 − Φ rounding to 0.
 */
export function truncatedNormalCdf(a: number, b: number): (x: number) => number {
  if (b <= 0) {
    const mirrored = truncatedNormalCdf(-b, -a);
    return (x) => 1 - mirrored(-x);
  }
  if (a >= 0) {
    const tailA = logNormalTail(a);
    const mass = -Math.expm1(logNormalTail(b) - tailA);
    return (x) => (x <= a ? 0 : x >= b ? 1 : -Math.expm1(logNormalTail(x) - tailA) / mass);
  }
  const low = normalCdf(a);
  const mass = normalCdf(b) - low;
  return (x) => (x <= a ? 0 : x >= b ? 1 : (normalCdf(x) - low) / mass);
}
