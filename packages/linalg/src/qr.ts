import { checkFinite, checkMatrix, rangeScale, type MatrixInput } from './arguments.js';
import { accumulateQ, createWorkspace, DEFAULT_BLOCK_SIZE, householderFactor } from './householder.js';
import { columnMajorToRowMajor, transposeScaled } from './layout.js';

/** The reduced QR factors of a `rows × cols` matrix, row-major, with `k = min(rows, cols)`. */
export interface QrResult {
  /** `rows × k`, orthonormal columns: `QᵀQ = I_k`. */
  readonly q: Float64Array;
  /** `k × cols`, upper triangular (upper trapezoidal when cols > rows). */
  readonly r: Float64Array;
}

/**
 * Reduced QR decomposition by Householder reflections: `A = Q·R` with Q `rows × k` having
 * orthonormal columns and R `k × cols` upper triangular, `k = min(rows, cols)`.
 *
 * The signs follow LAPACK's convention (`R[j][j] = −sign(x_j)·‖x‖` for the column x being
 * reduced, so the diagonal of R may be negative); `orthogonalize` normalizes them. The
 * factorization is backward stable without pivoting, so it is accurate for rank-deficient and
 * badly scaled input too: `‖Q·R − A‖ / ‖A‖` and `‖QᵀQ − I‖` are a small multiple of `k·ε`.
 * Inputs whose largest entry lies outside [2^-128, 2^128] are scaled by an exact power of two
 * first, so neither squares nor column norms overflow or underflow on the way.
 *
 * The result is bit-identical on every run and platform for the same input; `a` is never
 * modified, and q and r are new Float64Arrays.
 *
 * @param a - The matrix, row-major: a Float64Array, a Float32Array (values are widened exactly to
 *   float64) or an array of numbers, of length `rows · cols`.
 * @param rows - The number of rows, a non-negative safe integer.
 * @param cols - The number of columns, a non-negative safe integer.
 * @returns `{ q, r }`, row-major; both are empty when rows or cols is 0.
 * @throws TypeError when `a` is not one of the accepted array types or a dimension is not a number.
 * @throws RangeError when a dimension is negative, fractional or unsafe, when `a.length` is not
 *   `rows · cols`, or when an element of `a` is not a finite number.
 * @see Golub & Van Loan, Matrix Computations (4th ed.), §5.2 (Householder QR) and §5.1.7
 *   (the compact WY representation used for the blocked updates).
 * @example
 * ```ts
 * import { qr } from '@init/linalg';
 *
 * const { q, r } = qr(new Float64Array([3, 1, 4, 2]), 2, 2);
 * // q ≈ [-0.6, -0.8, -0.8, 0.6]
 * // r ≈ [-5, -2.2, 0, 0.4]
 * ```
 */
export function qr(a: MatrixInput, rows: number, cols: number): QrResult {
  const maxAbs = checkMatrix('qr', a, rows, cols);
  const k = Math.min(rows, cols);
  if (k === 0) return { q: new Float64Array(0), r: new Float64Array(0) };
  const scale = rangeScale(maxAbs);
  const workspace = createWorkspace(rows, cols, DEFAULT_BLOCK_SIZE);
  const work = transposeScaled(a, rows, cols, scale, workspace.w);
  const tau = householderFactor(workspace);
  const q = columnMajorToRowMajor(accumulateQ(workspace, tau), rows, k);
  const r = new Float64Array(k * cols);
  const unscale = 1 / scale;
  for (let j = 0; j < cols; j++) {
    const column = j * rows;
    const last = Math.min(j, k - 1);
    for (let i = 0; i <= last; i++) r[i * cols + j] = work[column + i]! * unscale;
  }
  checkFinite('qr', 'r', r);
  return { q, r };
}
