import { InitTypeError, argumentMessage, describeValue } from '@init/random';

/**
 * The element types an initializer can produce. float16 and bfloat16 are stored as their raw
 * 16-bit patterns in a Uint16Array (JavaScript has no 16-bit float array everywhere yet); bool is
 * stored as 0/1 bytes.
 */
export type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int32' | 'uint8' | 'bool';

/** The floating-point dtypes: the only ones random initializers accept. */
export type FloatDType = 'float32' | 'float64' | 'float16' | 'bfloat16';

/** The typed array that holds each dtype's elements. */
export interface DTypeArrayMap {
  float32: Float32Array;
  float64: Float64Array;
  float16: Uint16Array;
  bfloat16: Uint16Array;
  int32: Int32Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

/** Any typed array an initializer can write. */
export type TypedArray = DTypeArrayMap[DType];

/** Every dtype, in the order error messages list them. */
export const DTYPES: readonly DType[] = Object.freeze([
  'float32',
  'float64',
  'float16',
  'bfloat16',
  'int32',
  'uint8',
  'bool',
]);

const FLOAT_DTYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

/** True when `value` names a dtype. */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/** True for float32, float64, float16 and bfloat16. */
export function isFloatDType(dtype: DType): dtype is FloatDType {
  return FLOAT_DTYPES.includes(dtype);
}

/**
 * Checks that `dtype` names a dtype and returns it.
 * @throws InitTypeError (ERR_INIT_INVALID_DTYPE) listing the valid dtypes.
 */
export function assertDType(where: string, dtype: unknown): DType {
  if (isDType(dtype)) return dtype;
  throw new InitTypeError(
    argumentMessage(where, 'dtype', `be one of ${DTYPES.map((name) => `'${name}'`).join(', ')}`, dtype),
    'ERR_INIT_INVALID_DTYPE',
  );
}

/**
 * TF1's `_assert_float_dtype`: random initializers only make floating-point tensors.
 * @throws InitTypeError (ERR_INIT_INVALID_DTYPE) for int32, uint8, bool or an unknown name.
 */
export function assertFloatDType(where: string, dtype: unknown): FloatDType {
  const checked = assertDType(where, dtype);
  if (isFloatDType(checked)) return checked;
  throw new InitTypeError(
    argumentMessage(where, 'dtype', `be a floating-point dtype ('float32', 'float64', 'float16' or 'bfloat16')`, dtype),
    'ERR_INIT_INVALID_DTYPE',
  );
}

/** Allocates a zero-filled array of `size` elements for `dtype`. */
export function allocate<D extends DType>(dtype: D, size: number): DTypeArrayMap[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as DTypeArrayMap[D];
    case 'float64':
      return new Float64Array(size) as DTypeArrayMap[D];
    case 'float16':
    case 'bfloat16':
      return new Uint16Array(size) as DTypeArrayMap[D];
    case 'int32':
      return new Int32Array(size) as DTypeArrayMap[D];
    default:
      return new Uint8Array(size) as DTypeArrayMap[D];
  }
}

/** True when `array` is the typed array type that holds `dtype`. */
export function arrayFitsDType(array: unknown, dtype: DType): boolean {
  switch (dtype) {
    case 'float32':
      return array instanceof Float32Array;
    case 'float64':
      return array instanceof Float64Array;
    case 'float16':
    case 'bfloat16':
      return array instanceof Uint16Array;
    case 'int32':
      return array instanceof Int32Array;
    default:
      return array instanceof Uint8Array;
  }
}

/**
 * The dtype a caller's buffer implies when the call names none: the initializer's own dtype if the
 * buffer holds it, else the only dtype that buffer type holds. Uint16Array (float16 or bfloat16)
 * and Uint8Array (uint8 or bool) are ambiguous and need `dtype` unless the initializer's dtype fits.
 * @throws InitTypeError (ERR_INIT_INVALID_DTYPE) for a buffer of no known type or an ambiguous one.
 */
export function dtypeForArray(where: string, array: unknown, preferred: DType): DType {
  if (arrayFitsDType(array, preferred)) return preferred;
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof Uint8Array) return 'uint8';
  if (array instanceof Uint16Array) {
    throw new InitTypeError(
      `${where}: out is a Uint16Array, so options.dtype must say 'float16' or 'bfloat16'. Received: undefined.`,
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  throw new InitTypeError(
    argumentMessage(
      where,
      'out',
      'be a Float32Array, Float64Array, Uint16Array (float16/bfloat16), Int32Array or Uint8Array (uint8/bool)',
      array,
    ),
    'ERR_INIT_INVALID_DTYPE',
  );
}

/**
 * Checks that `array` can hold `dtype`.
 * @throws InitTypeError (ERR_INIT_INVALID_DTYPE) naming the array type the dtype needs.
 */
export function assertArrayFitsDType(where: string, array: unknown, dtype: DType): void {
  if (arrayFitsDType(array, dtype)) return;
  const needed = allocate(dtype, 0).constructor.name;
  throw new InitTypeError(
    `${where}: out must be a ${needed} for dtype '${dtype}'. Received: ${describeValue(array)}.`,
    'ERR_INIT_INVALID_DTYPE',
  );
}
