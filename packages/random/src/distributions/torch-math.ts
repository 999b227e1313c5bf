/**
 * The float32 arithmetic of PyTorch's vectorized Box–Muller (the AVX2 build of
 * `aten/src/ATen/native/cpu/DistributionTemplates.h`), one lane at a time.
 *
 * PyTorch's AVX2 kernels take `log` and `sincos` from `avx_mathfun.h` (Julien Pommier's AVX port
 * of the Cephes single-precision `logf`/`sinf`/`cosf`): a range reduction by bit manipulation and
 * short polynomials, every step an IEEE float32 operation. Here each step is a double operation
 * rounded with `Math.fround`, which gives the float32 result exactly (a float32 sum, difference or
 * product is exact in a double before rounding, and rounding a double to float32 is the same as
 * rounding the exact value, because a double carries more than 2·24 + 2 bits).
 *
 * The kernels are compiled with `-mfma` and GCC contracts `a·b + c` into one fused multiply-add
 * (one rounding) where the product has no other use. Which pairs are fused follows GCC's rule (of a
 * sum of two single-use products, the product computed first is fused) and was confirmed on 3·2^20
 * values of PyTorch 1.13 (the fixtures in `src/__fixtures__/torch-generator-*.json` pin it).
 */

const f = Math.fround;

let fmaBuffer: { float: Float64Array; words: Uint32Array; low: number; high: number } | undefined;

function fmaScratch(): { float: Float64Array; words: Uint32Array; low: number; high: number } {
  if (fmaBuffer !== undefined) return fmaBuffer;
  const float = new Float64Array(1);
  const words = new Uint32Array(float.buffer);
  float[0] = 1;
  const high = words[1] === 0x3ff00000 ? 1 : 0;
  fmaBuffer = { float, words, low: 1 - high, high };
  return fmaBuffer;
}

/**
 * `sum` moved one ulp toward `error` when `error ≠ 0` and the last bit of `sum` is 0: the sum
 * "rounded to odd" (`sum + error` being the exact value, `sum` its round-to-nearest).
 */
function roundToOdd(sum: number, error: number): number {
  if (error === 0 || !Number.isFinite(sum)) return sum;
  const { float, words, low, high } = fmaScratch();
  float[0] = sum;
  const lowWord = words[low]!;
  if ((lowWord & 1) !== 0) return sum;
  if (error > 0 === sum > 0) {
    // One ulp away from zero: the last bit was 0, so no carry.
    words[low] = lowWord | 1;
  } else if (lowWord !== 0) {
    words[low] = lowWord - 1;
  } else {
    // One ulp toward zero across a word boundary.
    words[low] = 0xffffffff;
    words[high] = words[high]! - 1;
  }
  return float[0]!;
}

/** Knuth's TwoSum: `a + b = sum + error` exactly, `sum` the rounded sum. */
function sumError(a: number, b: number, sum: number): number {
  const virtualB = sum - a;
  return a - (sum - virtualB) + (b - virtualB);
}

/**
 * `fmaf(a, b, c)` for float32 a, b, c: `a·b + c` rounded once to float32.
 *
 * `a·b` of two float32 values is exact in a double (48 significant bits). The sum with c is done
 * in double with its rounding error recovered exactly (TwoSum); rounding the double sum to odd
 * and then to float32 gives the correctly rounded result, because a double has more than 24 + 2
 * bits (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using
 * rounding to odd", IEEE Trans. Computers 57(4), 2008).
 */
export function fmaf(a: number, b: number, c: number): number {
  const product = a * b;
  const sum = product + c;
  return f(roundToOdd(sum, sumError(product, c, sum)));
}

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's constant for splitting a double in two halves.
const FMA_SCALE_LIMIT = 2 ** 995; // SPLITTER times a factor up to this stays finite.

/**
 * `fma(a, b, c)` in double: `a·b + c` rounded once. The exact product is `high + low` (Dekker's
 * TwoProduct); then, as Boldo & Melquiond prove, `c + high` exactly as `th + tl`, `tl + low`
 * rounded to odd, and that added to `th` with one rounding to nearest. Factors beyond 2^995 are
 * scaled first, so bounds near the float64 limit (`uniform_(0, 1e300)`) give finite values.
 */
export function fma(a: number, b: number, c: number): number {
  // A zero factor: the product is exactly ±0 (and Dekker's split below would turn a huge other
  // factor into NaN).
  if (a === 0 || b === 0) return a * b + c;
  // Veltkamp's split multiplies a factor by 2^27 + 1: beyond 2^995 that overflows, so scale the
  // large factor and c down by 2^128 and the result back up (exact, but for a c below 2^-894,
  // which cannot move a product that large).
  if (Math.abs(a) > FMA_SCALE_LIMIT) return fma(a * 2 ** -128, b, c * 2 ** -128) * 2 ** 128;
  if (Math.abs(b) > FMA_SCALE_LIMIT) return fma(a, b * 2 ** -128, c * 2 ** -128) * 2 ** 128;
  const high = a * b;
  if (!Number.isFinite(high)) return high + c;
  let t = SPLITTER * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  t = SPLITTER * b;
  const bHigh = t - (t - b);
  const bLow = b - bHigh;
  const low = aHigh * bHigh - high + aHigh * bLow + aLow * bHigh + aLow * bLow;
  const th = c + high;
  const tl = sumError(c, high, th);
  const v = tl + low;
  return th + roundToOdd(v, sumError(tl, low, v));
}

// Cephes' single-precision constants as avx_mathfun.h rounds them to float32.
const SQRT_HALF = f(0.707106781186547524);
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
// ln 2 split into a part with few bits (exact products with small exponents) and a correction.
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);
const MIN_NORMAL = 2 ** -126;

let bitBuffer: { single: Float32Array; word: Uint32Array } | undefined;

function bits(): { single: Float32Array; word: Uint32Array } {
  if (bitBuffer !== undefined) return bitBuffer;
  const single = new Float32Array(1);
  bitBuffer = { single, word: new Uint32Array(single.buffer) };
  return bitBuffer;
}

/**
 * `log256_ps` for one positive float32 lane: x = m·2^e with m in [√½, √2), then
 * `log x = (m − 1) − (m − 1)²/2 + (m − 1)³·P(m − 1) + e·ln 2`, ln 2 in two parts.
 */
export function logAvx(input: number): number {
  if (!(input > 0)) return Number.NaN;
  const { single, word } = bits();
  single[0] = Math.max(input, MIN_NORMAL);
  const raw = word[0]!;
  // Keep the mantissa, set the exponent of 0.5: x in [0.5, 1).
  word[0] = (raw & ~0x7f800000) | 0x3f000000;
  let x = single[0]!;
  let e = f((raw >>> 23) - 127 + 1);
  const below = x < SQRT_HALF;
  const tmp0 = below ? x : 0;
  x = f(x - 1);
  if (below) e = f(e - 1);
  x = f(x + tmp0);
  const z = f(x * x);
  let y = LOG_P[0]!;
  for (let k = 1; k < 9; k++) y = fmaf(y, x, LOG_P[k]!);
  y = f(y * x);
  // `y = y·z; tmp = e·q1; y = y + tmp`: GCC fuses the first product of the pair (y·z) into the add.
  y = fmaf(y, z, f(e * LOG_Q1));
  y = fmaf(-z, 0.5, y);
  x = f(x + y);
  return fmaf(e, LOG_Q2, x);
}

const FOUR_OVER_PI = f(1.27323954473516);
const MINUS_DP1 = f(-0.78515625);
const MINUS_DP2 = f(-2.4187564849853515625e-4);
const MINUS_DP3 = f(-3.77489497744594108e-8);
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);

/**
 * `sincos256_ps` for one float32 lane: reduce |x| by multiples of π/4 (π/4 in three parts, the
 * Cody–Waite "extended precision modular arithmetic"), evaluate the sine and cosine polynomials
 * on [−π/4, π/4], and pick and sign them by the octant. Writes `[sin, cos]` into `out`.
 */
export function sinCosAvx(input: number, out: Float64Array): void {
  const negative = input < 0 || Object.is(input, -0);
  let x = Math.abs(input);
  let j = Math.trunc(f(x * FOUR_OVER_PI)) | 0;
  j = (j + 1) & ~1;
  const y = j; // an even integer far below 2^24: exact in float32
  const sinNegative = negative !== ((j & 4) !== 0);
  // Octants 0 and 1 (mod 4 after the rounding up to even): sine from the sine polynomial.
  const direct = (j & 2) === 0;
  const cosNegative = (~(j - 2) & 4) !== 0;
  x = fmaf(y, MINUS_DP1, x);
  x = fmaf(y, MINUS_DP2, x);
  x = fmaf(y, MINUS_DP3, x);
  const z = f(x * x);
  let c = fmaf(COS_P0, z, COS_P1);
  c = fmaf(c, z, COS_P2);
  c = f(c * z);
  // `y = y·z; tmp = z·0.5; y = y − tmp`: again the first product is the fused one.
  c = fmaf(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = fmaf(SIN_P0, z, SIN_P1);
  s = fmaf(s, z, SIN_P2);
  s = f(s * z);
  s = fmaf(s, x, x);
  let sine = direct ? s : c;
  let cosine = direct ? c : s;
  if (sinNegative) sine = -sine;
  if (cosNegative) cosine = -cosine;
  out[0] = sine;
  out[1] = cosine;
}

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * erf(x) to about 1e−13 (absolute): the Maclaurin series for |x| < 2.5 (terms grow to about
 * e^(x²) ≈ 500 before they shrink, costing three of the sixteen digits) and Lentz's continued
 * fraction of erfc beyond. PyTorch calls the C library's `erf` only to choose a branch of
 * trunc_normal_ (is the interval's probability above 0.3?), for which this is far more accurate
 * than needed.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x);
  if (z < 2.5) {
    const z2 = z * z;
    let term = z;
    let sum = z;
    for (let n = 1; n < 200; n++) {
      term *= -z2 / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * sum;
  }
  if (z > 6) return Math.sign(x);
  // erfc(z) = exp(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + …))))), evaluated by Lentz.
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = z + an * d;
    d = d === 0 ? tiny : 1 / d;
    c = z + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-z * z) / (f * Math.sqrt(Math.PI));
  return Math.sign(x) * (1 - erfc);
}
