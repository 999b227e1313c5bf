import { argumentMessage } from '@init/internal';
import { checkMatrix, rangeScale, readOptions, type MatrixInput } from './arguments.js';
import { columnMajorToRowMajor } from './layout.js';
import { signedQ } from './signed-q.js';
import { enabledSingularVectors } from './svd-backend.js';

/**
 * How `orthogonalize` makes a matrix orthogonal: `'qr'` (Householder QR with the sign of R's
 * diagonal moved into Q, Haar distributed for Gaussian input) or `'svd'` (the singular vectors,
 * TensorFlow 1's original algorithm).
 */
export type OrthogonalizeMethod = 'qr' | 'svd';

/** Options of `orthogonalize`. */
export interface OrthogonalizeOptions {
  /** `'qr'` (default) or `'svd'`. */
  readonly method?: OrthogonalizeMethod | undefined;
}

const METHODS: readonly OrthogonalizeMethod[] = ['qr', 'svd'];

/** What to do when method 'svd' is asked for before `enableSvd()` ran (see svd-backend.ts). */
const SVD_NOT_ENABLED = "be enabled first: import { enableSvd } from '@init/linalg/svd' and call enableSvd() once";

/**
 * Returns a `rows × cols` matrix with orthonormal columns (rows ≥ cols) or orthonormal rows
 * (rows < cols) derived from `a`: `QᵀQ = I` or `QQᵀ = I`.
 *
 * - `'qr'` (default): the reduced QR factor `Q` of `a` with column j multiplied by
 *   `sign(R[j][j])` (a zero counts as +1), i.e. the Q of the unique QR factorization whose R has a
 *   non-negative diagonal. When `a` has i.i.d. standard normal entries the result is distributed
 *   by Haar measure (uniformly) on the orthonormal frames (Mezzadri 2007), as in TensorFlow ≥ 1.x,
 *   Keras, PyTorch's `orthogonal_` and JAX. For rows < cols, the transpose of `a` is factored and
 *   the result transposed back.
 * - `'svd'`: TensorFlow 1's original `orthogonal_initializer` algorithm. With the thin SVD
 *   `a = U·diag(s)·Vᵀ` (ml-matrix), the result is `U` when rows > cols and `Vᵀ` otherwise. It is
 *   orthonormal but not Haar distributed. Opt-in: call `enableSvd()` from `@init/linalg/svd` once
 *   first, so that the default method does not carry ml-matrix into bundles.
 *
 * Same input, same output, bit for bit. `a` is never modified; the result is a new Float64Array.
 *
 * @param a - The matrix, row-major: a Float64Array, a Float32Array or an array of numbers, of
 *   length `rows · cols`.
 * @param rows - The number of rows, a non-negative safe integer.
 * @param cols - The number of columns, a non-negative safe integer.
 * @param options - `{ method }`, `'qr'` by default.
 * @returns A new row-major `rows × cols` Float64Array (empty when rows or cols is 0).
 * @throws TypeError when `a` is not an accepted array type, a dimension is not a number, or
 *   `options` is not an object or names an unknown method, or names `'svd'` before `enableSvd()`
 *   ran.
 * @throws RangeError when a dimension is negative, fractional or unsafe, when `a.length` is not
 *   `rows · cols`, or when an element of `a` is not a finite number.
 * @see F. Mezzadri, "How to generate random matrices from the classical compact groups",
 *   Notices of the AMS 54 (2007), on the sign correction; A. M. Saxe et al., "Exact solutions to
 *   the nonlinear dynamics of learning in deep linear neural networks" (2014), on orthogonal
 *   initialization.
 * @example
 * ```ts
 * import { orthogonalize } from '@init/linalg';
 *
 * orthogonalize(new Float64Array([3, 1, 4, 2]), 2, 2);
 * // ≈ Float64Array [0.6, -0.8, 0.8, 0.6]
 * enableSvd(); // import { enableSvd } from '@init/linalg/svd'
 * orthogonalize(new Float64Array([3, 1, 4, 2]), 2, 2, { method: 'svd' });
 * // ≈ Float64Array [0.9145142956773045, 0.4045535848337569, 0.4045535848337569, -0.9145142956773045]
 * ```
 */
export function orthogonalize(
  a: MatrixInput,
  rows: number,
  cols: number,
  options?: OrthogonalizeOptions,
): Float64Array {
  const read = readOptions('orthogonalize', options, ['method']);
  const method = (read.method === undefined ? 'qr' : read.method) as OrthogonalizeMethod;
  if (!METHODS.includes(method)) {
    throw new TypeError(argumentMessage('orthogonalize', 'method', "be one of 'qr', 'svd'", method));
  }
  const singularVectors = method === 'svd' ? enabledSingularVectors() : undefined;
  if (method === 'svd' && singularVectors === undefined) {
    throw new TypeError(argumentMessage('orthogonalize', "method 'svd'", SVD_NOT_ENABLED, method));
  }
  const maxAbs = checkMatrix('orthogonalize', a, rows, cols);
  if (rows === 0 || cols === 0) return new Float64Array(0);
  if (singularVectors !== undefined) {
    // The thin SVD's U is rows × k and V is cols × k, k = min(rows, cols); TF1 takes U when the
    // matrix is tall and Vᵀ (rows × cols) when it is square or wide.
    if (rows > cols) return singularVectors(a, rows, cols, maxAbs, 'left');
    const v = singularVectors(a, rows, cols, maxAbs, 'right');
    return columnMajorToRowMajor(v, rows, cols);
  }
  return signedQ(a, rows, cols, rangeScale(maxAbs));
}
