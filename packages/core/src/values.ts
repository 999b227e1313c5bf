import {
  InitRangeError,
  InitTypeError,
  argumentMessage,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
} from '@init/random';
import type { DType } from './dtype.js';

// The largest finite values of the 16-bit formats; a value whose rounding overflows to infinity is
// an error rather than a silent inf in a weight.
const FLOAT16_MAX = 65504;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Converts one user-supplied value to what a `dtype` array stores: the number itself for float32,
 * float64, int32 and uint8 (after range and integer checks), 0/1 for bool, and the rounded-to-nearest-
 * even bit pattern for float16 and bfloat16.
 * @throws InitTypeError for a value of the wrong kind (a boolean for a number dtype, or the reverse);
 *   InitRangeError for a value the dtype cannot represent.
 */
export function encodeValue(where: string, argument: string, value: unknown, dtype: DType): number {
  if (dtype === 'bool') {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === 0 || value === 1) return value;
    throw new InitTypeError(
      argumentMessage(where, argument, "be true, false, 0 or 1 for dtype 'bool'", value),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (typeof value !== 'number') {
    throw new InitTypeError(
      argumentMessage(where, argument, `be a number for dtype '${dtype}'`, value),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (!Number.isFinite(value)) {
    // Infinities and NaN are not JSON-safe (configs would not round-trip) and in a weight are a bug.
    throw new InitRangeError(
      argumentMessage(where, argument, 'be a finite number', value),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  switch (dtype) {
    case 'int32':
      if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return value;
      throw new InitRangeError(
        argumentMessage(where, argument, "be an integer in [-2^31, 2^31) for dtype 'int32'", value),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    case 'uint8':
      if (Number.isInteger(value) && value >= 0 && value <= 255) return value;
      throw new InitRangeError(
        argumentMessage(where, argument, "be an integer in [0, 255] for dtype 'uint8'", value),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    case 'float32':
      assertFinite(where, argument, value, Math.fround(value), FLOAT32_MAX, dtype);
      return value;
    case 'float16':
      assertFinite(where, argument, value, Math.abs(value) < 65520 ? 0 : Infinity, FLOAT16_MAX, dtype);
      return float32ToFloat16Bits(value);
    case 'bfloat16': {
      const bits = float32ToBfloat16Bits(value);
      // An exponent field of all ones after rounding means the value overflowed to infinity.
      assertFinite(where, argument, value, (bits & 0x7f80) === 0x7f80 ? Infinity : 0, FLOAT32_MAX, dtype);
      return bits;
    }
    default:
      return value;
  }
}

function assertFinite(
  where: string,
  argument: string,
  value: number,
  rounded: number,
  max: number,
  dtype: DType,
): void {
  if (Number.isFinite(rounded)) return;
  throw new InitRangeError(
    argumentMessage(where, argument, `round to a finite ${dtype} (magnitude at most about ${max})`, value),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

/**
 * Converts a computed float to what a float `dtype` array stores: the value for float32/float64
 * (the typed array rounds float32), the rounded-to-nearest-even bits for float16 and bfloat16.
 */
export function floatStorer(dtype: DType): (value: number) => number {
  if (dtype === 'float16') return float32ToFloat16Bits;
  if (dtype === 'bfloat16') return float32ToBfloat16Bits;
  return (value) => value;
}
