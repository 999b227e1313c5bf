import { InitRangeError, InitTypeError, argumentMessage } from '@init/random';

/**
 * The most elements a typed array can hold in V8 (Node.js, Chromium): 2^32. A larger tensor has to
 * be initialized in shards, each a slice described by `partitionInfo`.
 */
export const MAX_ELEMENTS = 2 ** 32;

/** The most axes a shape may have: TensorFlow's limit (`TensorShape` allows 254 dimensions). */
export const MAX_RANK = 254;

/**
 * The most bytes one call may allocate, output and scratch together: 4 GiB, the largest ArrayBuffer
 * browsers and Node's Buffer allow (a float32 tensor of 2^30 elements). A larger tensor is
 * initialized in shards with `partitionInfo` (or written with `fill` into a caller's buffer, which
 * only counts scratch); a machine with less memory fails the allocation itself, which is reported as
 * an InitRangeError naming the class, shape, dtype and bytes too.
 */
export const MAX_BYTES = 2 ** 32;

/**
 * Checks a shape and returns a frozen copy: an array of non-negative safe integers (`[]` is a
 * scalar). The shape is read once (its length, then each element), so a getter or a Proxy cannot
 * change it between the check and its use.
 * @throws InitTypeError (ERR_INIT_INVALID_SHAPE) for a non-array;
 *   InitRangeError (ERR_INIT_INVALID_SHAPE) for a negative, fractional, unsafe or non-finite dim or
 *   more than MAX_RANK dims.
 */
export function assertShape(where: string, shape: unknown, argument = 'shape'): readonly number[] {
  if (!Array.isArray(shape)) {
    throw new InitTypeError(
      argumentMessage(where, argument, 'be an array of non-negative integers', shape),
      'ERR_INIT_INVALID_SHAPE',
    );
  }
  const length: unknown = shape.length;
  if (typeof length !== 'number' || !(length <= MAX_RANK)) {
    throw new InitRangeError(
      argumentMessage(
        where,
        `${argument}.length`,
        `be at most ${MAX_RANK} (the most dimensions a tensor may have)`,
        length,
      ),
      'ERR_INIT_INVALID_SHAPE',
    );
  }
  const copy: number[] = [];
  for (let axis = 0; axis < length; axis++) {
    const dim: unknown = shape[axis];
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw new InitRangeError(
        argumentMessage(where, `${argument}[${axis}]`, 'be a non-negative safe integer', dim),
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    copy.push(dim);
  }
  return Object.freeze(copy);
}

/**
 * Checks the bytes one call allocates (its output, if it makes one, and its scratch) against
 * MAX_BYTES before anything is allocated.
 * @throws InitRangeError (ERR_INIT_SIZE_LIMIT) naming the class, shape, dtype and bytes.
 */
export function requireByteBudget(where: string, shape: readonly number[], dtype: string, bytes: number): void {
  if (bytes <= MAX_BYTES) return;
  throw new InitRangeError(
    `${where}: shape must need at most ${MAX_BYTES} bytes (4 GiB) of output and scratch for dtype '${dtype}'; ` +
      `initialize a tensor this large in shards with partitionInfo. Received: [${shape.join(', ')}], which needs ${bytes} bytes.`,
    'ERR_INIT_SIZE_LIMIT',
  );
}

/**
 * The number of elements of a valid shape (1 for a scalar), checked against what one typed array
 * can hold.
 * @throws InitRangeError (ERR_INIT_SIZE_LIMIT) beyond MAX_ELEMENTS, pointing to partitionInfo.
 */
export function sizeOf(where: string, shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  // A zero dimension makes the product 0 however large the others are; otherwise an exact product
  // above MAX_ELEMENTS (2^32) is never needed, and floating-point overflow only makes it larger.
  if (size > MAX_ELEMENTS) {
    throw new InitRangeError(
      `${where}: shape must hold at most ${MAX_ELEMENTS} elements, the most one typed array can hold; ` +
        `initialize a tensor this large in shards with partitionInfo. Received: [${shape.join(', ')}].`,
      'ERR_INIT_SIZE_LIMIT',
    );
  }
  return size;
}

/**
 * Checks that every element of a (possibly huge, sharded) full shape has a flat index that is a
 * safe integer, which the counter-based streams need.
 * @throws InitRangeError (ERR_INIT_SIZE_LIMIT) beyond 2^53 − 1 elements.
 */
export function assertFlatIndexable(where: string, fullShape: readonly number[]): void {
  let size = 1;
  for (const dim of fullShape) size *= dim;
  if (size > Number.MAX_SAFE_INTEGER) {
    throw new InitRangeError(
      `${where}: partitionInfo.fullShape must hold at most 2^53 - 1 elements. Received: [${fullShape.join(', ')}].`,
      'ERR_INIT_SIZE_LIMIT',
    );
  }
}
