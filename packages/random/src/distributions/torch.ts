/**
 * The 'torch' engine: PyTorch's CPU `uniform_` and `normal_`, value for value, drawing from a
 * {@link TorchGenerator} (see `engines/torch-generator.ts`). Sequential, like PyTorch's own.
 *
 * What PyTorch's CPU kernels do (ATen `uniform_real_distribution`, `normal_kernel`), and what these
 * functions therefore do:
 * - uniform_ float32: `from` and `to` are rounded to float32; each value takes one 32-bit output
 *   `w`, `x = (w & (2^24 − 1))·2^−24`, and returns `x·(to − from) + from` in float32 with the
 *   multiply-add fused (one rounding; the kernel is compiled with FMA contraction).
 * - uniform_ float64: each value takes `random64()` (two outputs, the first high),
 *   `x = (r & (2^53 − 1))·2^−53`, and returns `x·(to − from) + from` in double.
 * - normal_ on 16 or more contiguous float32 elements: first a float32 uniform [0, 1) per element,
 *   then each block of 16 is turned into normals by Box–Muller, pairing element j with j + 8:
 *   `u1 = 1 − data[j]`, `r = √(−2·log u1)`, `θ = 2π·data[j + 8]`, `data[j] = fma(r·cos θ, std, mean)`,
 *   `data[j + 8] = fma(r·sin θ, std, mean)`, with log, sin and cos the AVX polynomials of
 *   `avx_mathfun.h` (see `torch-math.ts`). When the size is not a multiple of 16, 16 more uniforms
 *   are drawn into the last 16 elements (overwriting some finished normals) and that block is
 *   transformed again.
 * - normal_ on float64 tensors of 16 or more elements: the same blocks in double, with the C
 *   library's log, cos and sin.
 * - normal_ on fewer than 16 elements (any float dtype): one value at a time from the scalar
 *   sampler, in double: `u1`, `u2` two double uniforms, `r = √(−2·log(1 − u2))`, `θ = 2π·u1`,
 *   returns `r·cos θ·std + mean` and caches `r·sin θ` in the generator for the next scalar draw.
 *
 * Bit for bit: every float32 result, and float64 uniform_. The float64 normal paths call the C
 * library's `log`, `sin` and `cos` (glibc's, in PyTorch's Linux builds); JavaScript's Math.log,
 * Math.sin and Math.cos (V8's fdlibm) round a few results differently, so float64 normal_ values
 * can differ in the last bit or two (the package README gives the measured rate). A difference
 * that small almost never survives the rounding of the scalar path to float32.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { TorchGenerator } from '../engines/torch-generator.js';
import { outputKind } from '../rules.js';
import { optionsRecord, requireInterval, resolveFinite, resolveStddev } from './arguments.js';
import { requireNormalFits } from './normal.js';
import { requireBoundsFit } from './uniform.js';
import { erf, fma, fmaf, logAvx, sinCosAvx } from './torch-math.js';

/** The typed arrays the torch engine fills: PyTorch's float32 and float64. */
export type TorchFloatArray = Float32Array | Float64Array;

/** Options of {@link fillUniformTorch}. */
export interface UniformTorchOptions {
  /** `from`, default 0. */
  low?: number;
  /** `to`, default 1. */
  high?: number;
}

/** Options of {@link fillNormalTorch}. */
export interface NormalTorchOptions {
  /** Default 0. */
  mean?: number;
  /** Default 1. */
  stddev?: number;
}

const TWO_POW_MINUS_24 = 5.9604644775390625e-8;
/** `2.0f * c10::pi<double>` stored as float32, as the kernels' constant vector holds it. */
const TWO_PI_FLOAT = Math.fround(2 * Math.PI);

function requireGenerator(where: string, generator: unknown): TorchGenerator {
  if (TorchGenerator.isInstance(generator)) return generator;
  throw new InitTypeError(
    argumentMessage(where, 'generator', 'be a TorchGenerator from createTorchGenerator(seed)', generator),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

function requireTorchArray(where: string, out: unknown): 'float32' | 'float64' {
  // A detached buffer is refused as in every fill (it reads as empty, and writes to it are lost).
  const kind = outputKind(where, 'out', out);
  if (kind === 'Float32Array') return 'float32';
  if (kind === 'Float64Array') return 'float64';
  throw new InitTypeError(
    argumentMessage(
      where,
      'out',
      "be a Float32Array or a Float64Array (the 'torch' engine makes PyTorch's float32 and float64)",
      out,
    ),
    'ERR_INIT_INVALID_DTYPE',
  );
}

/**
 * The rule of the 'torch' engine's uniform: both bounds finite in the dtype and, in float32, the
 * width `high − low` too, since PyTorch computes `from + u·(to − from)` in float32 (a width that
 * overflows would write ±Infinity or NaN). `names` are the arguments the caller wrote.
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireUniformTorchFits(
  where: string,
  low: number,
  high: number,
  format: 'float32' | 'float64',
  names: readonly [string, string] = ['low', 'high'],
): void {
  requireBoundsFit(where, low, high, format, names);
  if (format === 'float32' && !Number.isFinite(Math.fround(Math.fround(high) - Math.fround(low)))) {
    throw new InitRangeError(
      `${where}: ${names[1]} - ${names[0]} must be within the finite range of float32 (PyTorch computes the width in float32). ` +
        `Received: ${names[0]}=${low}, ${names[1]}=${high}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/** One float32 uniform of PyTorch: 24 bits of one output times 2^−24, then `x·range + from` fused. */
function uniformFloat(generator: TorchGenerator, from: number, range: number): number {
  const x = (generator.random() & 0xffffff) * TWO_POW_MINUS_24;
  return fmaf(x, range, from);
}

/**
 * Fills `out` as PyTorch's `tensor.uniform_(low, high)` fills a contiguous CPU tensor of the same
 * dtype, continuing `generator`'s stream.
 *
 * @example
 * ```ts
 * const generator = createTorchGenerator(0);
 * fillUniformTorch(new Float32Array(2), generator, { low: -1, high: 1 }); // torch.manual_seed(0); torch.empty(2).uniform_(-1, 1)
 * // Float32Array [-0.007486820220947266, 0.5364435911178589]
 * ```
 * @throws InitTypeError when out is not a Float32Array or Float64Array or generator is not a
 *   TorchGenerator; InitRangeError when low ≥ high or a bound is not finite.
 */
export function fillUniformTorch<T extends TorchFloatArray>(
  out: T,
  generator: TorchGenerator,
  options?: UniformTorchOptions,
): T {
  const where = 'fillUniformTorch';
  const dtype = requireTorchArray(where, out);
  const rng = requireGenerator(where, generator);
  const record = optionsRecord(where, options, ['low', 'high']);
  const low = resolveFinite(where, 'low', record.low, 0);
  const high = resolveFinite(where, 'high', record.high, 1);
  requireInterval(where, low, high);
  requireUniformTorchFits(where, low, high, dtype);
  uniformTorchInto(out, rng, dtype, low, high);
  return out;
}

/** `normal_fill_16` in float32 with the AVX polynomials, on data[start .. start + 16). */
function boxMullerBlockFloat(
  data: Float32Array,
  start: number,
  mean: number,
  stddev: number,
  sinCos: Float64Array,
): void {
  const f = Math.fround;
  for (let j = 0; j < 8; j++) {
    const u1 = f(1 - data[start + j]!);
    const u2 = data[start + j + 8]!;
    const radius = f(Math.sqrt(f(-2 * logAvx(u1))));
    sinCosAvx(f(TWO_PI_FLOAT * u2), sinCos);
    data[start + j] = fmaf(f(radius * sinCos[1]!), stddev, mean);
    data[start + j + 8] = fmaf(f(radius * sinCos[0]!), stddev, mean);
  }
}

/** `normal_fill_16` in double with the C library's functions, on data[start .. start + 16). */
function boxMullerBlockDouble(data: Float64Array, start: number, mean: number, stddev: number): void {
  // 2.0f * c10::pi<double>: the float 2 times the double π, in double.
  const twoPi = 2 * Math.PI;
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - data[start + j]!;
    const u2 = data[start + j + 8]!;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = twoPi * u2;
    data[start + j] = fma(radius * Math.cos(theta), stddev, mean);
    data[start + j + 8] = fma(radius * Math.sin(theta), stddev, mean);
  }
}

/** The scalar sampler `at::normal_distribution<double>`: one value, using and refilling the cache. */
function scalarNormal(generator: TorchGenerator, mean: number, stddev: number): number {
  const cached = generator.takeCachedNormal();
  if (cached !== undefined) return fma(cached, stddev, mean);
  const u1 = generator.randomDouble53();
  const u2 = generator.randomDouble53();
  const radius = Math.sqrt(-2 * Math.log(1 - u2));
  const theta = 2 * Math.PI * u1;
  generator.setCachedNormal(radius * Math.sin(theta));
  return fma(radius * Math.cos(theta), stddev, mean);
}

/**
 * Fills `out` as PyTorch's `tensor.normal_(mean, std)` fills a contiguous CPU tensor of the same
 * dtype and size, continuing `generator`'s stream (see the module notes for the three paths).
 *
 * @example
 * ```ts
 * const generator = createTorchGenerator(0);
 * fillNormalTorch(new Float32Array(20), generator); // torch.manual_seed(0); torch.randn(20)
 * // Float32Array(20) [-1.1258398294448853, -1.152360200881958, -0.2505785822868347, …]
 * ```
 * @throws InitTypeError when out is not a Float32Array or Float64Array or generator is not a
 *   TorchGenerator; InitRangeError for a negative or non-finite stddev or a non-finite mean.
 */
export function fillNormalTorch<T extends TorchFloatArray>(
  out: T,
  generator: TorchGenerator,
  options?: NormalTorchOptions,
): T {
  const where = 'fillNormalTorch';
  const dtype = requireTorchArray(where, out);
  const rng = requireGenerator(where, generator);
  const record = optionsRecord(where, options, ['mean', 'stddev']);
  const mean = resolveFinite(where, 'mean', record.mean, 0);
  const stddev = resolveStddev(where, record.stddev);
  // The same rule as every normal fill (the widest sample finite in the dtype), so no value is
  // ever ±Infinity; PyTorch's Box–Muller reaches at most 8.6σ, within the rule's 13.7σ.
  requireNormalFits(where, mean, stddev, dtype, 'counter');
  normalTorchInto(out, rng, dtype, mean, stddev);
  return out;
}

/** `uniform_(low, high)` into out, its arguments already checked. */
function uniformTorchInto(
  out: TorchFloatArray,
  rng: TorchGenerator,
  dtype: 'float32' | 'float64',
  low: number,
  high: number,
): void {
  const n = out.length;
  if (dtype === 'float32') {
    // `static_cast<float>` of both bounds, and their difference in float32.
    const from = Math.fround(low);
    const range = Math.fround(Math.fround(high) - from);
    for (let i = 0; i < n; i++) out[i] = uniformFloat(rng, from, range);
  } else {
    // The same fused multiply-add, in double.
    const range = high - low;
    for (let i = 0; i < n; i++) out[i] = fma(rng.randomDouble53(), range, low);
  }
}

/** `normal_(mean, stddev)` into out, its arguments already checked. */
function normalTorchInto(
  out: TorchFloatArray,
  rng: TorchGenerator,
  dtype: 'float32' | 'float64',
  mean: number,
  stddev: number,
): void {
  const n = out.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = scalarNormal(rng, mean, stddev);
    return;
  }
  if (dtype === 'float32') {
    const data = out as Float32Array;
    const meanFloat = Math.fround(mean);
    const stddevFloat = Math.fround(stddev);
    const sinCos = new Float64Array(2);
    for (let i = 0; i < n; i++) data[i] = uniformFloat(rng, 0, 1);
    for (let i = 0; i + 16 <= n; i += 16) boxMullerBlockFloat(data, i, meanFloat, stddevFloat, sinCos);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) data[i] = uniformFloat(rng, 0, 1);
      boxMullerBlockFloat(data, n - 16, meanFloat, stddevFloat, sinCos);
    }
  } else {
    const data = out as Float64Array;
    for (let i = 0; i < n; i++) data[i] = rng.randomDouble53();
    for (let i = 0; i + 16 <= n; i += 16) boxMullerBlockDouble(data, i, mean, stddev);
    if (n % 16 !== 0) {
      for (let i = n - 16; i < n; i++) data[i] = rng.randomDouble53();
      boxMullerBlockDouble(data, n - 16, mean, stddev);
    }
  }
}

/** Options of {@link fillTruncatedNormalTorch}: PyTorch's `trunc_normal_` arguments. */
export interface TruncatedNormalTorchOptions {
  /** Default 0. */
  mean?: number;
  /** Default 1. */
  stddev?: number;
  /** The lower bound, absolute (not in standard deviations), as PyTorch's `a`. Default −2. */
  a?: number;
  /** The upper bound, absolute, as PyTorch's `b`. Default 2. */
  b?: number;
}

/**
 * The lowest acceptance rate per draw the rejection sampler of {@link fillTruncatedNormalTorch} is
 * let run at: below it, PyTorch's loop (which redraws the whole tensor each round) would take more
 * than 2^16 rounds per value — in practice never end — so the parameters are refused instead.
 */
const MIN_ACCEPTANCE = 2 ** -16;

/**
 * Refuses truncations whose sampler could not finish: a point mass (stddev 0) outside [a, b], or
 * an acceptance rate below {@link MIN_ACCEPTANCE}. The rate of the uniform-proposal regime is
 * `∫ exp(−(z² − z_m²)/2) dz / (z_b − z_a)` over [z_a, z_b] (z_m the mode); it is bounded above here
 * (by `√(2π)` times the mass for a mode inside, by `(1 − e^{−|z_m|·w})/(|z_m|·w)` for one at a bound),
 * so only truncations that surely cannot finish are refused. The normal regime (p > 0.3) always can.
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
function requireTruncationReachable(where: string, mean: number, stddev: number, a: number, b: number): void {
  let reachable: boolean;
  if (stddev === 0) reachable = mean >= a && mean <= b;
  else {
    const za = (a - mean) / stddev;
    const zb = (b - mean) / stddev;
    const width = zb - za;
    let bound: number;
    if (za <= 0 && zb >= 0)
      bound = 1; // the mode is inside: the peak is accepted with certainty
    else {
      const edge = Math.min(Math.abs(za), Math.abs(zb));
      bound = width === Number.POSITIVE_INFINITY ? 0 : -Math.expm1(-edge * width) / (edge * width);
    }
    reachable = Number.isFinite(width) && bound >= MIN_ACCEPTANCE;
  }
  if (!reachable) {
    throw new InitRangeError(
      `${where}: [a, b] must hold enough of the normal's mass, near enough to its mean, for PyTorch's rejection sampler ` +
        `to finish (an acceptance rate of at least 2^-16 per draw; with stddev 0, a ≤ mean ≤ b). ` +
        `Received: mean=${mean}, stddev=${stddev}, a=${a}, b=${b}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/** Φ(x), the standard normal CDF, as PyTorch's `norm_cdf`: `(1 + erf(x/√2))/2`. */
function normCdf(x: number): number {
  return (1 + erf(x / Math.SQRT2)) / 2;
}

/**
 * Fills `out` as `torch.nn.init.trunc_normal_(tensor, mean, std, a, b)` of **PyTorch ≥ 2.12**
 * fills a CPU tensor of the same dtype and size, continuing `generator`'s stream. (PyTorch ≤ 2.11
 * used the inverse CDF through a float32 `erfinv_`; see the package README.)
 *
 * PyTorch's algorithm, step for step: with `p = Φ((b − mean)/std) − Φ((a − mean)/std)`,
 * - p > 0.3: `normal_(mean, std)` on the whole tensor, then, while any value lies outside
 *   `[a, b]` (bounds rounded to the dtype), a fresh `normal_` of the whole size whose values
 *   replace the outside ones;
 * - p ≤ 0.3: `uniform_(a, b)`, accepted where `log u > −((x − mean)/std)²/2 − logPeak` for a second
 *   `uniform_()` `u` (logPeak the log-density at the mode); rounds of both draws, over the whole
 *   size, replace the pending values until none is pending.
 *
 * Bit for bit in the first regime. In the second, the acceptance test uses float32 `log` (PyTorch's
 * vectorized one, here Math.log rounded to float32), so a value whose test is decided within one
 * float32 ulp could go the other way — about one element in ten million.
 *
 * @throws InitTypeError for an out or generator of the wrong kind; InitRangeError for a negative
 *   or non-finite stddev, a non-finite mean or bound, or a ≥ b.
 */
export function fillTruncatedNormalTorch<T extends TorchFloatArray>(
  out: T,
  generator: TorchGenerator,
  options?: TruncatedNormalTorchOptions,
): T {
  const where = 'fillTruncatedNormalTorch';
  const dtype = requireTorchArray(where, out);
  const rng = requireGenerator(where, generator);
  const record = optionsRecord(where, options, ['mean', 'stddev', 'a', 'b']);
  const mean = resolveFinite(where, 'mean', record.mean, 0);
  const stddev = resolveStddev(where, record.stddev);
  const a = resolveFinite(where, 'a', record.a, -2);
  const b = resolveFinite(where, 'b', record.b, 2);
  requireInterval(where, a, b, ['a', 'b']);
  // The second regime draws uniform_(a, b) in the dtype: its rule holds for a and b.
  requireUniformTorchFits(where, a, b, dtype, ['a', 'b']);
  requireTruncationReachable(where, mean, stddev, a, b);
  const n = out.length;
  if (n === 0) return out;
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const fresh = (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)) as T;
  const p = normCdf((b - mean) / stddev) - normCdf((a - mean) / stddev);
  // stddev 0 with the mean on a bound: PyTorch's p is NaN (0/0) and its rejection loop never ends;
  // the law is the point mass at the mean, which normal_ draws.
  if (p > 0.3 || stddev === 0) {
    const lo = round(a);
    const hi = round(b);
    normalTorchInto(out, rng, dtype, mean, stddev);
    for (;;) {
      let outside = false;
      for (let i = 0; i < n; i++) {
        if ((out[i] as number) < lo || (out[i] as number) > hi) {
          outside = true;
          break;
        }
      }
      if (!outside) return out;
      normalTorchInto(fresh, rng, dtype, mean, stddev);
      for (let i = 0; i < n; i++) {
        if ((out[i] as number) < lo || (out[i] as number) > hi) out[i] = fresh[i] as number;
      }
    }
  }
  const mode = Math.max(a, Math.min(mean, b));
  const logPeak = -0.5 * ((mode - mean) / stddev) ** 2;
  const meanRounded = round(mean);
  const stddevRounded = round(stddev);
  const logPeakRounded = round(logPeak);
  // candidates.sub_(mean).div_(std).pow_(2).mul_(-0.5).sub_(log_peak), each step in the dtype.
  const logDensity = (x: number): number => {
    const z = round(round(x - meanRounded) / stddevRounded);
    return round(round(round(z * z) * -0.5) - logPeakRounded);
  };
  const accept = (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)) as T;
  const pending = new Uint8Array(n);
  uniformTorchInto(out, rng, dtype, a, b);
  uniformTorchInto(accept, rng, dtype, 0, 1);
  let anyPending = false;
  for (let i = 0; i < n; i++) {
    pending[i] = round(Math.log(accept[i] as number)) > logDensity(out[i] as number) ? 1 : 0;
    anyPending ||= pending[i] === 1;
  }
  while (anyPending) {
    uniformTorchInto(fresh, rng, dtype, a, b);
    uniformTorchInto(accept, rng, dtype, 0, 1);
    anyPending = false;
    for (let i = 0; i < n; i++) {
      if (pending[i] === 0) continue;
      out[i] = fresh[i] as number;
      pending[i] = round(Math.log(accept[i] as number)) > logDensity(fresh[i] as number) ? 1 : 0;
      anyPending ||= pending[i] === 1;
    }
  }
  return out;
}
