/**
 * Natural logarithm and exponential built from IEEE arithmetic alone.
 *
 * ECMAScript leaves Math.log and Math.exp "implementation-approximated": V8, SpiderMonkey and
 * JavaScriptCore may differ in the last bit. The default engine promises the same values on every
 * platform, so wherever a logarithm or exponential can influence an output (the ziggurat tables,
 * its tail and wedge tests) it uses these functions, whose every step is exactly rounded and so
 * identical everywhere. Accuracy is within a few units in the last place (tests check ≤ 4 ulp).
 */

import { exponentOf, powerOfTwo } from './float-bits.js';

/** ln 2 split so that k·LN2_HIGH is exact for |k| < 2^11 (fdlibm's ln2_hi / ln2_lo). */
const LN2_HIGH = 6.9314718036912381649e-1;
const LN2_LOW = 1.90821492927058770002e-10;
const LOG2_E = Math.LOG2E;
const SQRT_2 = Math.SQRT2;

/**
 * ln x for x > 0. Writes x = m·2^e with m in [√½, √2), then `ln m = 2·atanh(s)`, s = (m−1)/(m+1),
 * summed as the odd series `2s(1 + s²/3 + s⁴/5 + … + s²²/23)`; |s| ≤ 0.1716 makes the first omitted
 * term below 2^-60 relative.
 *
 * @param x - A positive finite number (0 gives −∞, negatives and NaN give NaN).
 * @returns ln x.
 * @example
 * ```ts
 * deterministicLog(Math.E); // 1
 * ```
 */
export function deterministicLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let exponentShift = 0;
  if (x < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first (exact).
    x *= 18014398509481984; // 2^54
    exponentShift = -54;
  }
  let exponent = exponentOf(x);
  let m = x * powerOfTwo(-exponent);
  if (m > SQRT_2) {
    m *= 0.5;
    exponent += 1;
  }
  exponent += exponentShift;
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  const series =
    1 +
    s2 *
      (1 / 3 +
        s2 *
          (1 / 5 +
            s2 *
              (1 / 7 +
                s2 *
                  (1 / 9 +
                    s2 *
                      (1 / 11 +
                        s2 * (1 / 13 + s2 * (1 / 15 + s2 * (1 / 17 + s2 * (1 / 19 + s2 * (1 / 21 + s2 / 23))))))))));
  return exponent * LN2_HIGH + (exponent * LN2_LOW + 2 * s * series);
}

let inverseFactorials: Float64Array | undefined;

/** 1/n! for n = 0..14, each the correctly rounded quotient of the previous by n. Built on first use. */
function coefficients(): Float64Array {
  if (inverseFactorials !== undefined) return inverseFactorials;
  inverseFactorials = new Float64Array(15);
  inverseFactorials[0] = 1;
  for (let n = 1; n < 15; n++) inverseFactorials[n] = inverseFactorials[n - 1]! / n;
  return inverseFactorials;
}

/**
 * e^x. Reduces x = k·ln2 + r with |r| ≤ ½ln2 (k = round(x·log2 e), ln 2 in two parts), sums the Taylor
 * series of e^r to degree 14 by Horner's rule (first omitted term below 2^-58 relative), and scales by
 * 2^k exactly.
 *
 * @param x - Any number.
 * @returns e^x (0 below −745.2, ∞ above 709.79).
 * @example
 * ```ts
 * deterministicExp(1); // 2.7182818284590455 (Math.exp(1) is 1 ulp lower in V8)
 * ```
 */
export function deterministicExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const c = coefficients();
  const k = Math.round(x * LOG2_E);
  const r = x - k * LN2_HIGH - k * LN2_LOW;
  let sum = c[14]!;
  for (let n = 13; n >= 0; n--) sum = sum * r + c[n]!;
  // 2^k may be outside the normal range; split it in two exact factors.
  const half = k >> 1;
  return sum * powerOfTwo(half) * powerOfTwo(k - half);
}
