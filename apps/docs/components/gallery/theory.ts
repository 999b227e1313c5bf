// What an initializer's values should look like, computed from the formulas on the pages, not from
// the library: the gallery draws this density over the histogram of what the library returned, and
// puts these moments beside the sample's. If the two disagree, one of them is wrong.

/** √(2π), for the normal density. */
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * P(|Z| < 2) for a standard normal Z, erf(√2): the mass a ±2σ truncation keeps, so the truncated
 * density is the normal one divided by it.
 */
export const TRUNCATED_MASS = 0.9544997361036416;

/**
 * The standard deviation of a standard normal truncated to (−2, 2):
 * √(1 − 4·φ(2) / 0.9544997361036416). TensorFlow divides σ by it to undo the truncation's shrinkage.
 */
export const TRUNCATED_STDDEV = 0.87962566103423978;

/** A distribution with a density on an interval (possibly unbounded). */
export interface ContinuousTheory {
  readonly kind: 'continuous';
  /** One line: which distribution, with its parameters. */
  readonly label: string;
  readonly pdf: (x: number) => number;
  readonly mean: number;
  readonly std: number;
  /** The infimum and supremum of the support (±Infinity when unbounded). */
  readonly min: number;
  readonly max: number;
  /** The x range worth plotting: the support, or mean ± 4.5σ when it is unbounded. */
  readonly domain: readonly [number, number];
}

/** A distribution on finitely many values (constants, the identity, integers). */
export interface DiscreteTheory {
  readonly kind: 'discrete';
  readonly label: string;
  readonly atoms: readonly { readonly value: number; readonly probability: number }[];
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** No closed form to compare with (TF1's SVD orthogonal matrices); `label` says why. */
export interface NoTheory {
  readonly kind: 'none';
  readonly label: string;
}

export type Theory = ContinuousTheory | DiscreteTheory | NoTheory;

/** Uniform on [low, high). */
export function uniformTheory(
  low: number,
  high: number,
  label = `uniform on [${fmt(low)}, ${fmt(high)})`,
): ContinuousTheory {
  const density = 1 / (high - low);
  return {
    kind: 'continuous',
    label,
    pdf: (x) => (x >= low && x <= high ? density : 0),
    mean: (low + high) / 2,
    std: (high - low) / Math.sqrt(12),
    min: low,
    max: high,
    domain: [low, high],
  };
}

/** Normal N(mean, stddev²), untruncated. */
export function normalTheory(
  mean: number,
  stddev: number,
  label = `normal, mean ${fmt(mean)}, σ ${fmt(stddev)}`,
): ContinuousTheory {
  return {
    kind: 'continuous',
    label,
    pdf: (x) => Math.exp(-0.5 * ((x - mean) / stddev) ** 2) / (stddev * SQRT_2PI),
    mean,
    std: stddev,
    min: -Infinity,
    max: Infinity,
    domain: [mean - 4.5 * stddev, mean + 4.5 * stddev],
  };
}

/**
 * N(mean, stddev²) conditioned on |x − mean| < 2·stddev: the normal density divided by the mass it
 * keeps (0.9544997361036416), zero outside. Its standard deviation is 0.8796… · stddev.
 */
export function truncatedNormalTheory(
  mean: number,
  stddev: number,
  label = `normal, mean ${fmt(mean)}, σ ${fmt(stddev)}, truncated at ±2σ`,
): ContinuousTheory {
  const low = mean - 2 * stddev;
  const high = mean + 2 * stddev;
  return {
    kind: 'continuous',
    label,
    pdf: (x) =>
      x > low && x < high ? Math.exp(-0.5 * ((x - mean) / stddev) ** 2) / (stddev * SQRT_2PI * TRUNCATED_MASS) : 0,
    mean,
    std: stddev * TRUNCATED_STDDEV,
    min: low,
    max: high,
    domain: [low, high],
  };
}

/**
 * Φ(x) by Marsaglia's (2004) series ½ + φ(x)·Σ x^(2n+1)/(2n+1)!!, absolute error about 1e-15 for
 * |x| < 8 ("Evaluating the Normal Distribution", J. Stat. Softw. 11(4)).
 */
function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  let sum = x;
  let previous = 0;
  let term = x;
  for (let i = 1; sum !== previous; ) {
    previous = sum;
    i += 2;
    term *= (x * x) / i;
    sum = previous + term;
  }
  return 0.5 + (sum * Math.exp(-0.5 * x * x)) / SQRT_2PI;
}

/**
 * ln Q(x), Q = 1 − Φ the upper tail, for any x: from the series below 5, and beyond from Mills'
 * ratio Q(x)/φ(x) = 1/(x + 1/(x + 2/(x + …))) (Lentz's algorithm), so far tails keep their digits.
 */
function logNormalTail(x: number): number {
  if (x === Infinity) return -Infinity;
  if (x < 5) return Math.log(x < 0 ? normalCdf(-x) : 1 - normalCdf(x));
  let fraction = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    d = 1 / (x + k * d);
    c = x + k / c;
    const delta = c * d;
    fraction *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -0.5 * x * x - Math.log(SQRT_2PI) - Math.log(fraction);
}

/**
 * N(mean, stddev²) conditioned on lower < (x − mean)/stddev < upper (either bound may be infinite):
 * density φ(z)/(stddev·P), P = Φ(upper) − Φ(lower), with the truncated normal's mean
 * `mean + stddev·(φ(lower) − φ(upper))/P` and variance
 * `stddev²·(1 + (lower·φ(lower) − upper·φ(upper))/P − ((φ(lower) − φ(upper))/P)²)`. An interval on one
 * side of 0 is computed from ratios of tail probabilities, so [8, 9] is as exact as (−2, 2).
 */
export function boundedNormalTheory(
  mean: number,
  stddev: number,
  lower: number,
  upper: number,
  label?: string,
): ContinuousTheory {
  // Mirror an interval below 0 onto the positive side: z ↦ −z.
  const sign = upper <= 0 ? -1 : 1;
  const [a, b] = sign === 1 ? [lower, upper] : [-upper, -lower];
  let logMass: number;
  if (a >= 0) {
    const tailA = logNormalTail(a);
    logMass = tailA + Math.log(-Math.expm1(logNormalTail(b) - tailA));
  } else {
    logMass = Math.log(normalCdf(b) - normalCdf(a));
  }
  // φ(t)/P as exp(−t²/2 − ln√(2π) − ln P); t·φ(t) is 0 at an infinite bound.
  const ratio = (t: number): number => (Number.isFinite(t) ? Math.exp(-0.5 * t * t - Math.log(SQRT_2PI) - logMass) : 0);
  const [ra, rb] = [ratio(a), ratio(b)];
  const shift = ra - rb;
  const weighted = (Number.isFinite(a) ? a * ra : 0) - (Number.isFinite(b) ? b * rb : 0);
  const standardMean = sign * shift;
  const standardVariance = Math.max(0, 1 + weighted - shift * shift);
  const theoryMean = mean + stddev * standardMean;
  const theoryStd = stddev * Math.sqrt(standardVariance);
  const low = mean + stddev * lower;
  const high = mean + stddev * upper;
  return {
    kind: 'continuous',
    label: label ?? `normal, mean ${fmt(mean)}, σ ${fmt(stddev)}, truncated to (${fmt(lower)}σ, ${fmt(upper)}σ)`,
    pdf: (x) => {
      const z = (x - mean) / stddev;
      return z > lower && z < upper ? Math.exp(-0.5 * z * z - Math.log(SQRT_2PI) - logMass) / stddev : 0;
    },
    mean: theoryMean,
    std: theoryStd,
    min: low,
    max: high,
    domain: [Math.max(low, theoryMean - 4.5 * theoryStd), Math.min(high, theoryMean + 4.5 * theoryStd)],
  };
}

/**
 * One coordinate of a unit vector drawn uniformly from the sphere in ℝⁿ, times `gain`: the entries of
 * a Haar-distributed n × k frame. Its density is Γ(n/2) / (√π·Γ((n−1)/2)) · (1 − x²)^((n−3)/2) on
 * (−1, 1), with variance 1/n.
 */
export function sphereCoordinateTheory(n: number, gain: number): Theory {
  const label = `a coordinate of a uniform unit vector in ℝ^${n}, times ${fmt(gain)}`;
  if (n === 1) {
    return {
      kind: 'discrete',
      label,
      atoms: [
        { value: -gain, probability: 0.5 },
        { value: gain, probability: 0.5 },
      ],
      mean: 0,
      std: gain,
      min: -gain,
      max: gain,
    };
  }
  const logConstant = logGamma(n / 2) - 0.5 * Math.log(Math.PI) - logGamma((n - 1) / 2);
  return {
    kind: 'continuous',
    label,
    pdf: (x) => {
      const t = x / gain;
      if (!(t > -1 && t < 1)) return 0;
      return Math.exp(logConstant + ((n - 3) / 2) * Math.log1p(-t * t)) / gain;
    },
    mean: 0,
    std: gain / Math.sqrt(n),
    min: -gain,
    max: gain,
    // For large n nearly all the mass is within a few 1/√n of 0; plot where it is.
    domain: n > 30 ? [(-5 * gain) / Math.sqrt(n), (5 * gain) / Math.sqrt(n)] : [-gain, gain],
  };
}

/** Finitely many values with their probabilities. */
export function discreteTheory(
  label: string,
  atoms: readonly { value: number; probability: number }[],
): DiscreteTheory {
  let mean = 0;
  let largest = 0;
  for (const atom of atoms) {
    mean += atom.value * atom.probability;
    largest = Math.max(largest, Math.abs(atom.value));
  }
  // Probabilities like 1/7 do not sum exactly: a symmetric support gives 5.6e-17, not 0.
  if (Math.abs(mean) < 1e-12 * largest) mean = 0;
  let variance = 0;
  for (const atom of atoms) variance += (atom.value - mean) ** 2 * atom.probability;
  const present = atoms.filter((atom) => atom.probability > 0).map((atom) => atom.value);
  return {
    kind: 'discrete',
    label,
    atoms,
    mean,
    std: Math.sqrt(variance),
    min: Math.min(...present),
    max: Math.max(...present),
  };
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** A number as the pages print it: up to `digits` significant digits, no trailing zeros. */
export function fmt(value: number, digits = 6): string {
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value).replaceAll('-', '−');
  const text =
    Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6
      ? String(Number(value.toPrecision(digits)))
      : value.toExponential(Math.max(1, digits - 2));
  return text.replaceAll('-', '−');
}
