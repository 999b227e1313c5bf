/**
 * Normals truncated to any interval (a, b) of standard units, a < b, either end possibly infinite:
 * z ~ N(0, 1) conditioned on a < z < b, stored as mean + stddev·z.
 *
 * One sampler cannot serve every interval. Rejection from the full normal accepts Φ(b) − Φ(a) of its
 * attempts — about 1e-15 for [8, 9] — and the inverse CDF that PyTorch uses loses all accuracy in
 * float32 once Φ(a) rounds to 1. So each call picks, from the bounds alone, the proposal whose
 * envelope over the target density exp(−z²/2) has the least area, i.e. the highest acceptance rate
 * (the same idea as Botev 2017's choice between normal rejection and a Rayleigh tail sampler):
 *
 * | regime | interval | proposal | envelope area (× √(2π)) | acceptance |
 * | --- | --- | --- | --- | --- |
 * | `normal` | a < 0 < b | the ziggurat normal, sign included | √(2π) | P(a < Z < b) |
 * | `half-normal` | 0 ≤ a < b (or mirrored) | the ziggurat's magnitude only | √(2π)/2 | 2·P(a < Z < b) |
 * | `uniform` | b − a narrow | z uniform on [a, b), accepted with probability exp((m² − z²)/2) | (b − a)·exp(−m²/2) | P(a < Z < b)·√(2π)·exp(m²/2)/(b − a) |
 * | `rayleigh` | 0 < a, in a tail | z² − a² exponential, cut at b (exact inverse), accepted with probability a/z | (exp(−a²/2) − exp(−b²/2))/a | P(a < Z < b)·√(2π)·a/(exp(−a²/2) − exp(−b²/2)) |
 *
 * m is the point of [a, b] nearest 0. An interval below 0 (b ≤ 0) is mirrored onto (−b, −a) and the
 * sign restored on output, so the one-sided regimes only ever see 0 ≤ a. The Rayleigh proposal is
 * Marsaglia's (1964) tail method in the form of Botev (2017), the optimal-rate exponential proposal
 * of Robert (1995) with the exponent taken in z²; its acceptance tends to 1 as a grows (0.66 at a = 1,
 * 0.98 at a = 8), so a bound 10σ or 40σ out costs no more than a bound at 2σ.
 *
 * Every uniform these samplers draw is the stream's 53-bit `u53` in (0, 1] (two words), every
 * logarithm and exponential is the deterministic one, so the values are identical on every engine;
 * the draws happen inside the element's block generator like every other fill (STREAMS.md §4), so
 * element i is still a function of (key, i) and slices are exact.
 *
 * @see Robert, "Simulation of truncated normal variables", Statistics and Computing 5, 1995. https://arxiv.org/abs/0907.4010
 * @see Chopin, "Fast simulation of truncated Gaussian distributions", Statistics and Computing 21, 2011. https://arxiv.org/abs/1201.6140
 * @see Botev, "The normal law under linear restrictions: simulation and estimation via minimax tilting", JRSS B 79, 2017. https://arxiv.org/abs/1603.04166
 */

import { InitRangeError, argumentMessage, describeValue } from '../errors.js';
import { fillBlocks, fillBlocksAsHalf } from '../engines/block-stream.js';
import { nextOpenClosed53, nextXoshiro128 } from '../engines/xoshiro128.js';
import { deterministicExp, deterministicLog } from '../math/deterministic-math.js';
import { halfEncoder, representableAbove, representableBelow, roundToFormat, storedValue } from '../math/float-bits.js';
import type { FloatFormat } from '../math/float-bits.js';
import type { FloatArray } from './arguments.js';
import type { ResolvedNormal } from './normal.js';
import { acceptWedge, sampleTail, ZIGGURAT_R, zigguratTables } from './ziggurat.js';

/** The sampler a truncation interval uses; see the table at the top of this file. */
export type TruncationRegime = 'normal' | 'half-normal' | 'uniform' | 'rayleigh';

/** What {@link planTruncation} chooses for an interval. */
export interface TruncationPlan {
  readonly regime: TruncationRegime;
  /** The interval the sampler draws z from, mirrored onto z ≥ 0 when it lay below 0: (low, high). */
  readonly low: number;
  readonly high: number;
  /** The output is mean + stddev·sign·z: −1 for a mirrored interval, else 1. */
  readonly sign: 1 | -1;
}

const SQRT_2PI = 2.5066282746310002;
const LN_SQRT_2PI = 0.9189385332046728;

/**
 * After this many attempts for one element the fill gives up with an error instead of hanging. At an
 * acceptance rate p a correct element needs more with probability (1 − p)^(2^20): e^-105 at p = 1e-4.
 * Only bounds whose representable values carry almost none of the law's mass (a bound far out in a
 * tail, in a format too coarse to resolve it) get there.
 */
const MAX_ATTEMPTS = 1048576;

/** 1 − exp(−d) for d ≥ 0, accurate also for tiny d (where 1 − exp(−d) would cancel). */
function oneMinusExp(d: number): number {
  if (d < 1e-3) return d * (1 - (d / 2) * (1 - (d / 3) * (1 - d / 4)));
  return 1 - deterministicExp(-d);
}

/**
 * Chooses the sampler for the standard interval (a, b): the proposal whose envelope has the least
 * area, so the highest acceptance rate. Depends on a and b alone, computed with the deterministic
 * logarithm and exponential, so the choice — part of the stream — is the same on every engine.
 * Ties go to the earlier of normal/half-normal, uniform, rayleigh.
 *
 * @example
 * ```ts
 * planTruncation(-2, 2);        // { regime: 'normal', low: -2, high: 2, sign: 1 }
 * planTruncation(-0.5, 0.5);    // { regime: 'uniform', … }
 * planTruncation(-Infinity, -10); // { regime: 'rayleigh', low: 10, high: Infinity, sign: -1 }
 * ```
 */
export function planTruncation(a: number, b: number): TruncationPlan {
  if (a < 0 && b > 0) {
    // Envelope areas in units of the normal density's peak: the normal's √(2π), the uniform's b − a.
    return { regime: b - a < SQRT_2PI ? 'uniform' : 'normal', low: a, high: b, sign: 1 };
  }
  const sign = b <= 0 ? -1 : 1;
  const low = sign === 1 ? a : -b;
  const high = sign === 1 ? b : -a;
  // Logarithms of the envelope areas, the standard normal density's √(2π) factored out as ln √(2π).
  const halfNormal = LN_SQRT_2PI - Math.LN2;
  const uniform = high === Infinity ? Infinity : deterministicLog(high - low) - 0.5 * low * low;
  const rayleigh =
    low > 0
      ? -0.5 * low * low + deterministicLog(oneMinusExp(0.5 * (high - low) * (high + low))) - deterministicLog(low)
      : Infinity;
  let regime: TruncationRegime = 'half-normal';
  let best = halfNormal;
  if (uniform < best) {
    regime = 'uniform';
    best = uniform;
  }
  if (rayleigh < best) regime = 'rayleigh';
  return { regime, low, high, sign };
}

/** Everything a bounded kernel needs, checked once per call. */
interface BoundedParams {
  readonly mean: number;
  readonly stddev: number;
  /** mean + a·stddev and mean + b·stddev (possibly infinite): stored values lie strictly between. */
  readonly lower: number;
  readonly upper: number;
  /** The extreme values of the format strictly inside (lower, upper): anything between them is safe. */
  readonly lowerSafe: number;
  readonly upperSafe: number;
  readonly format: FloatFormat;
  readonly plan: TruncationPlan;
  /** For the ziggurat regimes, indexed by the sign bit: the open magnitude interval and the output sign. */
  readonly magnitudeLow: Float64Array;
  readonly magnitudeHigh: Float64Array;
  readonly multiplier: Float64Array;
  /** 1 where the tail beyond R can land inside (the tail sampler is run), 0 where it is redrawn at once. */
  readonly tail: Uint8Array;
  /** uniform: the point of [low, high] nearest 0; rayleigh: unused. */
  readonly peak: number;
  /** rayleigh: 1 − exp(−(high² − low²)/2), the Rayleigh mass of [low, high] relative to [low, ∞). */
  readonly rayleighMass: number;
  /** What the give-up error reports. */
  readonly bounds: readonly [number, number];
}

/** True when v, rounded to the output format, lies strictly inside (lower, upper). */
function roundedInside(v: number, params: BoundedParams): boolean {
  const rounded = roundToFormat(v, params.format);
  return rounded > params.lower && rounded < params.upper;
}

function giveUp(params: BoundedParams): never {
  const [a, b] = params.bounds;
  throw new InitRangeError(
    `fillTruncatedNormal: lower and upper must leave measurable probability on ${params.format} values strictly between ` +
      `mean + lower·stddev and mean + upper·stddev (mean ${params.mean}, stddev ${params.stddev}); an element was redrawn ` +
      `${MAX_ATTEMPTS} times. Received: lower=${a}, upper=${b}.`,
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

/**
 * The ziggurat regimes ('normal', 'half-normal'), one word per attempt (float32, float16, bfloat16).
 * Layer, sign and 23-bit magnitude come from the word exactly as in the normal kernel; the magnitude
 * must lie in the sign's open interval. A tail attempt (layer 0 beyond R) or a wedge candidate that
 * cannot land inside is redrawn without spending words on it. With (−2, 2) this is, decision for
 * decision, the (−2, 2) kernel of normal.ts.
 */
function zigguratKernel23(
  out: Float32Array | Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: BoundedParams,
): void {
  const tables = zigguratTables();
  const accept = tables.accept23;
  const scale = tables.scale23;
  const { mean, stddev, lowerSafe, upperSafe, magnitudeLow, magnitudeHigh, multiplier, tail } = params;
  let index = start;
  let attempts = 0;
  while (index < end) {
    if (++attempts > MAX_ATTEMPTS) giveUp(params);
    const word = nextXoshiro128(state);
    const layer = word & 255;
    const side = (word >>> 8) & 1;
    const magnitude = word >>> 9;
    let x = magnitude * scale[layer]!;
    if (magnitude >= accept[layer]!) {
      if (layer === 0) {
        if (tail[side] === 0) continue;
        x = sampleTail(state);
      } else {
        if (x >= magnitudeHigh[side]! || x <= magnitudeLow[side]!) continue;
        if (!acceptWedge(state, layer, x, tables.heights)) continue;
      }
    }
    if (!(x > magnitudeLow[side]! && x < magnitudeHigh[side]!)) continue;
    const v = mean + stddev * (x * multiplier[side]!);
    if ((v < lowerSafe || v > upperSafe) && !roundedInside(v, params)) continue;
    out[index++] = v;
    attempts = 0;
  }
}

/** The ziggurat regimes for float64: two words per attempt, a 52-bit magnitude, as fillNormal's float64 kernel. */
function zigguratKernel52(
  out: Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: BoundedParams,
): void {
  const tables = zigguratTables();
  const accept = tables.accept52;
  const scale = tables.scale52;
  const { mean, stddev, lowerSafe, upperSafe, magnitudeLow, magnitudeHigh, multiplier, tail } = params;
  let index = start;
  let attempts = 0;
  while (index < end) {
    if (++attempts > MAX_ATTEMPTS) giveUp(params);
    const first = nextXoshiro128(state);
    const second = nextXoshiro128(state);
    const layer = first & 255;
    const side = (first >>> 8) & 1;
    const magnitude = (first >>> 12) * 4294967296 + second;
    let x = magnitude * scale[layer]!;
    if (magnitude >= accept[layer]!) {
      if (layer === 0) {
        if (tail[side] === 0) continue;
        x = sampleTail(state);
      } else {
        if (x >= magnitudeHigh[side]! || x <= magnitudeLow[side]!) continue;
        if (!acceptWedge(state, layer, x, tables.heights)) continue;
      }
    }
    if (!(x > magnitudeLow[side]! && x < magnitudeHigh[side]!)) continue;
    const v = mean + stddev * (x * multiplier[side]!);
    if ((v < lowerSafe || v > upperSafe) && !roundedInside(v, params)) continue;
    out[index++] = v;
    attempts = 0;
  }
}

/**
 * The uniform regime, every dtype: z = high − (high − low)·u1 on [low, high), accepted when
 * u2 ≤ 1 − q or u2 ≤ exp(−q), q = (z − m)(z + m)/2 ≥ 0 (the first test is a squeeze, since
 * 1 − q ≤ exp(−q): it spares most exponentials and accepts nothing the second would refuse, up to
 * rounding).
 */
function uniformKernel(
  out: Float32Array | Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: BoundedParams,
): void {
  const { mean, stddev, lowerSafe, upperSafe, peak } = params;
  const { low, high, sign } = params.plan;
  const width = high - low;
  let index = start;
  let attempts = 0;
  while (index < end) {
    if (++attempts > MAX_ATTEMPTS) giveUp(params);
    const z = high - width * nextOpenClosed53(state);
    const excess = 0.5 * (z - peak) * (z + peak);
    const u = nextOpenClosed53(state);
    if (!(u <= 1 - excess) && !(u <= deterministicExp(-excess))) continue;
    if (!(z > low && z < high)) continue;
    const v = mean + stddev * (sign * z);
    if ((v < lowerSafe || v > upperSafe) && !roundedInside(v, params)) continue;
    out[index++] = v;
    attempts = 0;
  }
}

/**
 * The Rayleigh regime, every dtype: t = −2·ln(1 − M·u1) with M = 1 − exp(−(high² − low²)/2), so that
 * z = √(low² + t) has density ∝ z·exp(−z²/2) on [low, high] exactly (inverse CDF, no rejection at
 * high); accepted when u2·z ≤ low, i.e. with probability low/z. z is formed as low + t/(low + √(low² + t)),
 * which keeps the excess over low accurate when low is large.
 */
function rayleighKernel(
  out: Float32Array | Float64Array,
  start: number,
  end: number,
  state: Int32Array,
  params: BoundedParams,
): void {
  const { mean, stddev, lowerSafe, upperSafe, rayleighMass } = params;
  const { low, high, sign } = params.plan;
  const lowSquared = low * low;
  let index = start;
  let attempts = 0;
  while (index < end) {
    if (++attempts > MAX_ATTEMPTS) giveUp(params);
    const t = -2 * deterministicLog(1 - rayleighMass * nextOpenClosed53(state));
    const z = low + t / (low + Math.sqrt(lowSquared + t));
    const u = nextOpenClosed53(state);
    if (!(u * z <= low)) continue;
    if (!(z > low && z < high)) continue;
    const v = mean + stddev * (sign * z);
    if ((v < lowerSafe || v > upperSafe) && !roundedInside(v, params)) continue;
    out[index++] = v;
    attempts = 0;
  }
}

/**
 * The largest |z| a regime can return on an unbounded side: the ziggurat's tail gives R − ln(u)/R
 * with u ≥ 2^-53; the Rayleigh sampler √(low² − 2·ln u). (The uniform regime has no unbounded side.)
 */
function widestSample(plan: TruncationPlan): number {
  const widestLog = 53 * Math.LN2; // −ln(2^-53)
  if (plan.regime === 'rayleigh') return Math.sqrt(plan.low * plan.low + 2 * widestLog) * (1 + 2 ** -40);
  return ZIGGURAT_R + widestLog / ZIGGURAT_R;
}

/**
 * Checks `lower` and `upper` (standard units, default −2 and 2): numbers, not NaN, lower < upper;
 * `-Infinity` and `Infinity` are allowed for an open side.
 */
export function resolveTruncationBounds(where: string, lower: unknown, upper: unknown): readonly [number, number] {
  // Only undefined means the default: null is refused below, as for every number option.
  const a = lower === undefined ? -2 : lower;
  const b = upper === undefined ? 2 : upper;
  for (const [name, value] of [
    ['lower', a],
    ['upper', b],
  ] as const) {
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new InitRangeError(
        argumentMessage(
          where,
          name,
          'be a number of standard deviations (-Infinity or Infinity for an open side)',
          value,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
  }
  if (!((a as number) < (b as number))) {
    throw new InitRangeError(
      argumentMessage(where, 'lower', `be less than upper (${String(b)})`, a),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return [a as number, b as number];
}

/** Writes mean, rounded to the format, everywhere: the law with stddev 0. No words are drawn. */
export function fillMean(out: FloatArray, format: FloatFormat, mean: number): void {
  out.fill(storedValue(mean, format));
}

/** What {@link requireBoundedFits} found: the sampling plan and the value-space bounds. */
export interface BoundedCheck {
  readonly plan: TruncationPlan;
  readonly lower: number;
  readonly upper: number;
  readonly lowerSafe: number;
  readonly upperSafe: number;
}

/**
 * How the caller wrote the arguments of a bounded truncated normal, for the messages of
 * {@link requireBoundedFits}: the names of the mean and the standard deviation, and each bound's
 * name and the value the caller gave (a caller such as PyTorch's `trunc_normal_` gives absolute
 * bounds `a`, `b` where the rule sees standard units). Absent ones read `mean`, `stddev`, `lower`,
 * `upper` with the standard-unit bounds.
 */
export interface BoundNames {
  readonly mean?: string;
  readonly stddev?: string;
  readonly lower?: { readonly name: string; readonly value: unknown };
  readonly upper?: { readonly name: string; readonly value: unknown };
}

/**
 * The rule of a truncated normal with bounds (a, b) in standard units: each finite bound (and, on an
 * open side, the widest sample) finite in the format, so no sample can round to an infinity (which
 * would be redrawn: a silently narrower law), and at least one value of the format strictly inside.
 * `where` is the caller's name (fillTruncatedNormal, or the class the caller wrote); `names` how the
 * caller wrote the arguments.
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT) naming `lower` or `upper` (or the caller's names).
 */
export function requireBoundedFits(
  where: string,
  mean: number,
  stddev: number,
  a: number,
  b: number,
  format: FloatFormat,
  names: BoundNames = {},
): BoundedCheck {
  const meanName = names.mean ?? 'mean';
  const stddevName = names.stddev ?? 'stddev';
  const given = {
    lower: names.lower ?? { name: 'lower', value: a },
    upper: names.upper ?? { name: 'upper', value: b },
  };
  // The bound as the rule states it: `mean + lower·stddev` for bounds in standard units, or the
  // caller's own name when the caller gave it otherwise (then its value shows what it became).
  const boundText = (side: 'lower' | 'upper', value: number): string =>
    given[side].name === side ? `${meanName} + ${side}·${stddevName}` : `${given[side].name} (${value})`;
  const context = `${meanName} ${mean}, ${stddevName} ${stddev}`;
  const boundError = (side: 'lower' | 'upper', rule: string): InitRangeError =>
    new InitRangeError(argumentMessage(where, given[side].name, rule, given[side].value), 'ERR_INIT_INVALID_ARGUMENT');
  const plan = planTruncation(a, b);
  const widest = widestSample(plan);
  // The value-space bounds; an open side is checked through the widest sample it can produce.
  const lower = mean + a * stddev;
  const upper = mean + b * stddev;
  for (const [side, bound, extreme] of [
    ['lower', lower, mean - widest * stddev],
    ['upper', upper, mean + widest * stddev],
  ] as const) {
    const finiteBound = Number.isFinite(bound);
    if (!Number.isFinite(roundToFormat(finiteBound ? bound : extreme, format))) {
      throw boundError(
        side,
        finiteBound
          ? `keep ${boundText(side, bound)} within the finite range of ${format} (${context})`
          : `be finite when ${meanName} ± ${widest.toFixed(2)}·${stddevName} (the widest sample) leaves the finite range of ${format} (${context})`,
      );
    }
  }
  const lowerSafe = Number.isFinite(lower) ? representableAbove(lower, format) : -Infinity;
  const upperSafe = Number.isFinite(upper) ? representableBelow(upper, format) : Infinity;
  if (!(lowerSafe <= upperSafe)) {
    throw boundError(
      'lower',
      `leave at least one ${format} value strictly between ${boundText('lower', lower)} and ${boundText('upper', upper)} (${context}, ${given.upper.name} ${describeValue(given.upper.value)})`,
    );
  }
  return { plan, lower, upper, lowerSafe, upperSafe };
}

/**
 * Whether a fill with these bounds can give up (an element redrawn {@link MAX_ATTEMPTS} times), so
 * must draw into scratch memory and copy into `out` only once every element is in: a call that
 * throws leaves `out` unchanged. False only when the give-up is proven impossible in practice, which
 * is every interval but the few whose bounds sit in a tail the format barely resolves; the default
 * (−2, 2) at any usable stddev is far from it.
 *
 * The proof: every regime's envelope accepts at least 0.49 of its attempts (the minimum over the
 * table at the top of this file). A sample v in [lowerSafe, upperSafe] is always kept; only samples
 * within gLow = (lowerSafe − lower)/stddev above a and gHigh = (upper − upperSafe)/stddev below b
 * (plus the rounding of mean + stddev·z, a few units in the last place) can be refused for landing
 * outside after rounding. With m the point of [a, b] nearest 0 and d = min(L, 1/(|m| + 1)), L the
 * length of [a, b] on one side of m, exp(−z²/2) stays above exp(−m²/2 − 3/2) on [m, m + d], so the
 * truncated density is at most e^1.5/d and those strips hold at most (gLow + gHigh)·e^1.5/d of the
 * law's mass. When that is at most 1/2, each attempt succeeds with probability at least 0.24, and an
 * element needs more than 2^20 attempts with probability below e^-280000.
 */
export function truncationMayGiveUp(check: BoundedCheck, mean: number, stddev: number, a: number, b: number): boolean {
  const { plan, lower, upper, lowerSafe, upperSafe } = check;
  const twoSided = a < 0 && b > 0;
  const nearest = twoSided ? 0 : plan.low;
  const length = twoSided ? Math.max(b, -a) : plan.high - plan.low;
  const reach = Math.min(length, 1 / (nearest + 1));
  // The rounding of mean + stddev·z, in standard units: a few units in the last place of float64.
  const ratio = Math.abs(mean) / stddev;
  const gapLow = Number.isFinite(lower) ? (lowerSafe - lower) / stddev + 2 ** -48 * (ratio + Math.abs(a)) : 0;
  const gapHigh = Number.isFinite(upper) ? (upper - upperSafe) / stddev + 2 ** -48 * (ratio + Math.abs(b)) : 0;
  // 2·e^1.5 = 8.96; NaN (an overflowing gap) counts as able to give up.
  return !((gapLow + gapHigh) * 9 <= reach);
}

/**
 * fillTruncatedNormal for bounds other than (−2, 2) (and, in tests, for (−2, 2) through the general
 * kernels). `resolved` holds the checked key, format, offset, mean and stddev > 0; `where` is the
 * entry the caller called (fillTruncatedNormal or prepareTruncatedNormal), which errors name.
 */
export function fillTruncatedNormalBounded<T extends FloatArray>(
  where: string,
  out: T,
  resolved: ResolvedNormal,
  a: number,
  b: number,
): T {
  const { mean, stddev, format } = resolved;
  const check = requireBoundedFits(where, mean, stddev, a, b, format);
  if (out.length === 0) return out;
  if (!truncationMayGiveUp(check, mean, stddev, a, b)) {
    drawBounded(out, resolved, check, a, b);
    return out;
  }
  // An element may be redrawn MAX_ATTEMPTS times and the fill give up: draw aside, so that `out`
  // is written only once every element is in.
  const scratch = sameKind(out, out.length);
  drawBounded(scratch, resolved, check, a, b);
  out.set(scratch as never);
  return out;
}

/** A new typed array of out's kind and realm (float16/bfloat16 bits stay a Uint16Array), `length` zeros. */
function sameKind<T extends FloatArray>(out: T, length: number): T {
  return new (out.constructor as new (length: number) => T)(length);
}

/**
 * The runs of {@link fillTruncatedNormalBounded} for a prepared sampler's `fillRuns` (runs are
 * triples: start in out, offset in the stream, length). When the fill can give up, every run is drawn
 * aside first and `out` written only once all succeeded.
 */
export function fillTruncatedNormalBoundedRuns<T extends FloatArray>(
  where: string,
  out: T,
  resolved: ResolvedNormal,
  a: number,
  b: number,
  runs: ArrayLike<number>,
): T {
  const { mean, stddev, format } = resolved;
  const check = requireBoundedFits(where, mean, stddev, a, b, format);
  const direct = !truncationMayGiveUp(check, mean, stddev, a, b);
  const drawn: T[] = [];
  for (let run = 0; run + 2 < runs.length; run += 3) {
    const local = runs[run]!;
    const length = runs[run + 2]!;
    if (length === 0) continue;
    const target = direct ? (out.subarray(local, local + length) as T) : sameKind(out, length);
    drawBounded(target, { ...resolved, offset: runs[run + 1]! }, check, a, b);
    if (!direct) drawn.push(target);
  }
  if (!direct) {
    let next = 0;
    for (let run = 0; run + 2 < runs.length; run += 3) {
      if (runs[run + 2]! === 0) continue;
      out.set(drawn[next++] as never, runs[run]!);
    }
  }
  return out;
}

/** Draws every element of `out` (length > 0) from the checked interval, straight into `out`. */
function drawBounded(out: FloatArray, resolved: ResolvedNormal, check: BoundedCheck, a: number, b: number): void {
  const { mean, stddev, format, offset, words } = resolved;
  const { plan, lower, upper, lowerSafe, upperSafe } = check;
  const twoSided = plan.regime === 'normal';
  const params: BoundedParams = {
    mean,
    stddev,
    lower,
    upper,
    lowerSafe,
    upperSafe,
    format,
    plan,
    // Sign bit 0 is +, bit 1 is −. Two-sided: z = ±x with x < b or x < −a; one-sided: the magnitude
    // alone in (low, high), the sign bit ignored and the plan's sign applied.
    magnitudeLow: Float64Array.of(twoSided ? -Infinity : plan.low, twoSided ? -Infinity : plan.low),
    magnitudeHigh: Float64Array.of(twoSided ? b : plan.high, twoSided ? -a : plan.high),
    multiplier: Float64Array.of(twoSided ? 1 : plan.sign, twoSided ? -1 : plan.sign),
    tail: Uint8Array.of(0, 1).map((bit) => ((twoSided ? (bit === 0 ? b : -a) : plan.high) > ZIGGURAT_R ? 1 : 0)),
    // biome-ignore lint/complexity/useMathMinMax: NaN maps to 0 here, where Math.max would give NaN.
    peak: plan.low > 0 ? plan.low : 0,
    rayleighMass: plan.regime === 'rayleigh' ? oneMinusExp(0.5 * (plan.high - plan.low) * (plan.high + plan.low)) : 0,
    bounds: [a, b],
  };
  const ziggurat = plan.regime === 'normal' || plan.regime === 'half-normal';
  const kernel23 = ziggurat ? zigguratKernel23 : plan.regime === 'uniform' ? uniformKernel : rayleighKernel;
  switch (format) {
    case 'float32':
      fillBlocks(out as Float32Array, offset, words, kernel23, params);
      break;
    case 'float64':
      fillBlocks(out as Float64Array, offset, words, ziggurat ? zigguratKernel52 : kernel23, params);
      break;
    case 'float16':
    case 'bfloat16':
      fillBlocksAsHalf(out as Uint16Array, offset, words, kernel23, params, halfEncoder(format));
      break;
  }
}
