/**
 * Exact bit-level helpers on doubles, and rounding to the storage formats the fills write
 * (float64, float32, float16, bfloat16), all round-to-nearest-even.
 *
 * Only exactly specified operations are used (IEEE arithmetic, Math.floor, Math.fround, DataView),
 * never Math.log2 or Math.pow, whose results ECMAScript leaves to each engine.
 */

let scratch: DataView | undefined;

/** An 8-byte DataView, created on first use (no work at import time). Big-endian accesses throughout. */
function view(): DataView {
  scratch ??= new DataView(new ArrayBuffer(8));
  return scratch;
}

interface Aliases {
  readonly float: Float64Array;
  readonly words: Uint32Array;
  /** Index in `words` of the double's high word (sign, exponent, top of the mantissa). */
  readonly high: number;
  /** powers[k + 1074] = 2^k for k in [−1074, 1023]. */
  readonly powers: Float64Array;
  /** A Float32Array and a Uint32Array over the same 4 bytes. */
  readonly single: Float32Array;
  readonly singleWord: Uint32Array;
}

let aliases: Aliases | undefined;

/**
 * A Float64Array and a Uint32Array over the same 8 bytes (typed-array access is much faster than
 * DataView in the hot conversions), with the platform's word order detected once, and a table of
 * exact powers of two built by repeated halving and doubling. Created on first use.
 */
function bitAliases(): Aliases {
  if (aliases !== undefined) return aliases;
  const buffer = new ArrayBuffer(8);
  const float = new Float64Array(buffer);
  const words = new Uint32Array(buffer);
  float[0] = 1; // 0x3FF00000_00000000: the high word is the non-zero one.
  const high = words[1] === 0x3ff00000 ? 1 : 0;
  const powers = new Float64Array(1074 + 1024);
  let power = 1;
  for (let k = 0; k <= 1023; k++, power *= 2) powers[k + 1074] = power;
  power = 1;
  for (let k = 0; k >= -1074; k--, power /= 2) powers[k + 1074] = power;
  const singleBuffer = new ArrayBuffer(4);
  aliases = {
    float,
    words,
    high,
    powers,
    single: new Float32Array(singleBuffer),
    singleWord: new Uint32Array(singleBuffer),
  };
  return aliases;
}

/** The unbiased binary exponent ⌊log2 |x|⌋ of a finite, non-zero, normal double. */
export function exponentOf(x: number): number {
  const { float, words, high } = bitAliases();
  float[0] = x;
  return ((words[high]! >>> 20) & 0x7ff) - 1023;
}

/** 2^k as an exact double for integer k in [−1074, 1023]. */
export function powerOfTwo(k: number): number {
  return bitAliases().powers[k + 1074]!;
}

/** Rounds a non-negative double to the nearest integer, ties to even. */
function roundHalfEven(m: number): number {
  const floor = Math.floor(m);
  const fraction = m - floor;
  return fraction > 0.5 || (fraction === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}

/** 2^-14, the smallest normal float16. */
const FLOAT16_MIN_NORMAL = 6.103515625e-5;
/** Halfway between float16's largest finite value 65504 and 2^16: at or above it, rounding gives ∞. */
const FLOAT16_OVERFLOW = 65520;
/** 2^-126, the smallest normal float32 and bfloat16. */
const BFLOAT16_MIN_NORMAL = 1.1754943508222875e-38;
/** 2^128 − 2^119, halfway between bfloat16's largest finite value and 2^128. */
const BFLOAT16_OVERFLOW = 3.3961775292304606e38;

function isNegative(x: number): boolean {
  return x < 0 || (x === 0 && 1 / x < 0);
}

/**
 * Rounds a number to the nearest float16 (IEEE 754 binary16), ties to even, and returns its 16 bits.
 * The input is rounded once, whether it is a float32 value or a wider double. NaN becomes the quiet
 * NaN 0x7E00; magnitudes from 65520 up become ±∞; the sign of zero is kept.
 *
 * `bits = sign·2^15 + (e + 15)·2^10 + (round(|x|·2^(10−e)) − 2^10)` for normal results.
 *
 * @param x - Any number.
 * @returns The float16 bit pattern, in [0, 0xFFFF].
 * @example
 * ```ts
 * float32ToFloat16Bits(1).toString(16); // '3c00'
 * float32ToFloat16Bits(65504).toString(16); // '7bff'
 * float32ToFloat16Bits(1 + 2 ** -11).toString(16); // '3c00' (a tie: rounds to even)
 * ```
 */
export function float32ToFloat16Bits(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = isNegative(x) ? 0x8000 : 0;
  const magnitude = Math.abs(x);
  if (magnitude >= FLOAT16_OVERFLOW) return sign | 0x7c00;
  if (magnitude < FLOAT16_MIN_NORMAL) {
    // Subnormal: a multiple of 2^-24. A result of 1024 is the smallest normal, which the bit layout gives.
    return sign | roundHalfEven(magnitude * 16777216);
  }
  const exponent = exponentOf(magnitude);
  const mantissa = roundHalfEven(magnitude * powerOfTwo(10 - exponent));
  // A mantissa that rounds up to 2^11 carries into the exponent field, as the addition does.
  return sign | (((exponent + 15) << 10) + mantissa - 1024);
}

/**
 * The value of a float16 bit pattern.
 *
 * `(−1)^s · 2^(e−15) · (1 + m/2^10)`, subnormals `(−1)^s · 2^-24 · m`, e = 31 → ±∞ or NaN.
 *
 * @param bits - A 16-bit pattern (higher bits are ignored).
 * @returns The number it encodes.
 * @example
 * ```ts
 * float16BitsToNumber(0x3c00); // 1
 * float16BitsToNumber(0x0001); // 5.960464477539063e-8
 * ```
 */
export function float16BitsToNumber(bits: number): number {
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  let magnitude: number;
  if (exponent === 0) magnitude = mantissa * 5.960464477539063e-8;
  else if (exponent === 0x1f) magnitude = mantissa === 0 ? Infinity : NaN;
  else magnitude = (1024 + mantissa) * powerOfTwo(exponent - 25);
  return bits & 0x8000 ? -magnitude : magnitude;
}

/**
 * Rounds a number to the nearest bfloat16 (the top half of a float32), ties to even, and returns its
 * 16 bits. The input is rounded once (not first to float32). NaN becomes 0x7FC0; magnitudes from
 * 2^128 − 2^119 up become ±∞.
 *
 * `bits = sign·2^15 + (e + 127)·2^7 + (round(|x|·2^(7−e)) − 2^7)` for normal results.
 *
 * @param x - Any number.
 * @returns The bfloat16 bit pattern, in [0, 0xFFFF].
 * @example
 * ```ts
 * float32ToBfloat16Bits(1).toString(16); // '3f80'
 * float32ToBfloat16Bits(Math.PI).toString(16); // '4049'
 * ```
 */
export function float32ToBfloat16Bits(x: number): number {
  if (Number.isNaN(x)) return 0x7fc0;
  const sign = isNegative(x) ? 0x8000 : 0;
  const magnitude = Math.abs(x);
  if (magnitude >= BFLOAT16_OVERFLOW) return sign | 0x7f80;
  if (magnitude < BFLOAT16_MIN_NORMAL) {
    // Subnormal: a multiple of 2^-133, built as two exact power-of-two scalings.
    return sign | roundHalfEven(magnitude * powerOfTwo(100) * powerOfTwo(33));
  }
  const exponent = exponentOf(magnitude);
  const mantissa = roundHalfEven(magnitude * powerOfTwo(7 - exponent));
  return sign | (((exponent + 127) << 7) + mantissa - 128);
}

/**
 * The value of a bfloat16 bit pattern (the float32 whose high 16 bits these are).
 *
 * @param bits - A 16-bit pattern (higher bits are ignored).
 * @returns The number it encodes.
 * @example
 * ```ts
 * bfloat16BitsToNumber(0x4049); // 3.140625
 * ```
 */
export function bfloat16BitsToNumber(bits: number): number {
  const { single, singleWord } = bitAliases();
  singleWord[0] = (bits & 0xffff) << 16;
  return single[0]!;
}

/** The storage formats of the fills. */
export type FloatFormat = 'float32' | 'float64' | 'float16' | 'bfloat16';

/** Rounds x to the nearest value of a format (ties to even), returned as a number. */
export function roundToFormat(x: number, format: FloatFormat): number {
  switch (format) {
    case 'float64':
      return x;
    case 'float32':
      return Math.fround(x);
    case 'float16':
      return float16BitsToNumber(float32ToFloat16Bits(x));
    case 'bfloat16':
      return bfloat16BitsToNumber(float32ToBfloat16Bits(x));
  }
}

/** The 16-bit encoder of a half format: {@link float32ToFloat16Bits} or {@link float32ToBfloat16Bits}. */
export function halfEncoder(format: 'float16' | 'bfloat16'): (x: number) => number {
  return format === 'float16' ? float32ToFloat16Bits : float32ToBfloat16Bits;
}

/** The 16-bit decoder of a half format: {@link float16BitsToNumber} or {@link bfloat16BitsToNumber}. */
export function halfDecoder(format: 'float16' | 'bfloat16'): (bits: number) => number {
  return format === 'float16' ? float16BitsToNumber : bfloat16BitsToNumber;
}

/** x as an element of the format's array: rounded to the format, or its bit pattern for a 16-bit format. */
export function storedValue(x: number, format: FloatFormat): number {
  return format === 'float16' || format === 'bfloat16' ? halfEncoder(format)(x) : roundToFormat(x, format);
}

/** The smallest value of the format strictly greater than v, for v a finite value of the format or −∞. */
function nextUp(v: number, format: FloatFormat): number {
  if (v === Infinity) return v;
  const data = view();
  switch (format) {
    case 'float64': {
      if (v === 0) return 5e-324;
      data.setFloat64(0, v);
      const bits = data.getBigUint64(0);
      data.setBigUint64(0, v > 0 ? bits + 1n : bits - 1n);
      return data.getFloat64(0);
    }
    case 'float32': {
      if (v === 0) return 1.401298464324817e-45;
      data.setFloat32(0, v);
      const bits = data.getUint32(0);
      data.setUint32(0, v > 0 ? bits + 1 : bits - 1);
      return data.getFloat32(0);
    }
    case 'float16':
    case 'bfloat16': {
      const toBits = halfEncoder(format);
      const toNumber = halfDecoder(format);
      if (v === 0) return toNumber(1);
      const bits = toBits(v);
      return toNumber(v > 0 ? bits + 1 : bits - 1);
    }
  }
}

/** The largest value of the format strictly below x (−∞ if none is finite). */
export function representableBelow(x: number, format: FloatFormat): number {
  const rounded = roundToFormat(x, format);
  return rounded < x ? rounded : -nextUp(-rounded, format);
}

/** The smallest value of the format strictly above x (+∞ if none is finite). */
export function representableAbove(x: number, format: FloatFormat): number {
  const rounded = roundToFormat(x, format);
  return rounded > x ? rounded : nextUp(rounded, format);
}
