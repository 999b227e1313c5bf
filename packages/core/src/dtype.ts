import {
  InitRangeError,
  InitTypeError,
  argumentMessage,
  describeValue,
  outputKind,
  typedArrayKind,
} from '@init/random';

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

/** Bytes per element of each dtype's array. */
export const BYTES_PER_ELEMENT: Readonly<Record<DType, number>> = Object.freeze({
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int32: 4,
  uint8: 1,
  bool: 1,
});

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

/**
 * Runs an allocation, turning the engine's bare `RangeError: Array buffer allocation failed` (the
 * machine has less memory than the budget allows) into an InitRangeError naming the class, shape,
 * dtype and bytes.
 * @throws InitRangeError (ERR_INIT_SIZE_LIMIT).
 */
export function allocating<T>(where: string, shape: readonly number[], dtype: DType, bytes: number, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof RangeError) || InitRangeError.isInstance(error)) throw error;
    throw new InitRangeError(
      `${where}: shape must fit in the memory this machine can allocate: ${bytes} bytes for dtype '${dtype}' failed (${error.message}); ` +
        `initialize a tensor this large in shards with partitionInfo. Received: [${shape.join(', ')}].`,
      'ERR_INIT_SIZE_LIMIT',
    );
  }
}

const ARRAY_KINDS: Readonly<Record<DType, string>> = Object.freeze({
  float32: 'Float32Array',
  float64: 'Float64Array',
  float16: 'Uint16Array',
  bfloat16: 'Uint16Array',
  int32: 'Int32Array',
  uint8: 'Uint8Array',
  bool: 'Uint8Array',
});

/** True when `array` is the typed array type that holds `dtype`, from any realm. */
export function arrayFitsDType(array: unknown, dtype: DType): boolean {
  return typedArrayKind(array) === ARRAY_KINDS[dtype];
}

/**
 * The dtype a caller's buffer implies when the call names none: the initializer's own dtype if the
 * buffer holds it, else the only dtype that buffer type holds. Uint16Array (float16 or bfloat16)
 * and Uint8Array (uint8 or bool) are ambiguous and need `dtype` unless the initializer's dtype fits.
 * @throws InitTypeError (ERR_INIT_INVALID_DTYPE) for a buffer of no known type or an ambiguous one.
 */
export function dtypeForArray(where: string, array: unknown, preferred: DType): DType {
  const kind = outputKind(where, 'out', array);
  if (kind === ARRAY_KINDS[preferred]) return preferred;
  if (kind === 'Float32Array') return 'float32';
  if (kind === 'Float64Array') return 'float64';
  if (kind === 'Int32Array') return 'int32';
  if (kind === 'Uint8Array') return 'uint8';
  if (kind === 'Uint16Array') {
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
  outputKind(where, 'out', array);
  if (arrayFitsDType(array, dtype)) return;
  const needed = ARRAY_KINDS[dtype];
  throw new InitTypeError(
    `${where}: out must be a ${needed} for dtype '${dtype}'. Received: ${describeValue(array)}.`,
    'ERR_INIT_INVALID_DTYPE',
  );
}
