import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { checkFinite, checkMatrix, rangeScale, type MatrixInput } from './arguments.js';
import { setSingularVectors } from './svd-backend.js';

/** The thin SVD of a `rows × cols` matrix, row-major, with `k = min(rows, cols)`. */
export interface SvdResult {
  /** `rows × k`, orthonormal columns (the left singular vectors). */
  readonly u: Float64Array;
  /** The k singular values, non-negative and descending. */
  readonly s: Float64Array;
  /** `cols × k`, orthonormal columns (the right singular vectors). */
  readonly v: Float64Array;
}

/**
 * Thin singular value decomposition `A = U·diag(s)·Vᵀ`, computed by ml-matrix (Golub–Kahan
 * bidiagonalization and implicit-shift QR, from JAMA): U is `rows × k`, V is `cols × k`, s holds
 * the k singular values in descending order, `k = min(rows, cols)`.
 *
 * ml-matrix's JAMA algorithm needs rows ≥ cols; wide matrices go through its `autoTranspose`
 * option, which factors the transpose and swaps U and V back, so the thin shapes above hold for
 * tall, square and wide input alike. The signs of singular vector pairs are ml-matrix's choice.
 * Inputs whose largest entry lies outside [2^-128, 2^128] are scaled by an exact power of two
 * before and after, so ml-matrix never sees values that overflow when squared.
 *
 * Deterministic (same input, same output, bit for bit). `a` is never modified; u, s and v are new
 * Float64Arrays.
 *
 * @param a - The matrix, row-major: a Float64Array, a Float32Array or an array of numbers, of
 *   length `rows · cols`.
 * @param rows - The number of rows, a non-negative safe integer.
 * @param cols - The number of columns, a non-negative safe integer.
 * @returns `{ u, s, v }`, row-major; all empty-sized when rows or cols is 0.
 * @throws TypeError when `a` is not one of the accepted array types or a dimension is not a number.
 * @throws RangeError when a dimension is negative, fractional or unsafe, when `a.length` is not
 *   `rows · cols`, or when an element of `a` is not a finite number.
 * @see G. H. Golub and C. Reinsch, "Singular value decomposition and least squares solutions",
 *   Numerische Mathematik 14 (1970).
 * Exported by `@init/linalg/svd`, not by the package's main entry, so that ml-matrix is loaded and
 * bundled only where an SVD is asked for.
 *
 * @example
 * ```ts
 * import { svd } from '@init/linalg/svd';
 *
 * const { s } = svd(new Float64Array([3, 0, 0, -4]), 2, 2);
 * // s = Float64Array [4, 3]
 * ```
 */
export function svd(a: MatrixInput, rows: number, cols: number): SvdResult {
  const maxAbs = checkMatrix('svd', a, rows, cols);
  const k = Math.min(rows, cols);
  if (k === 0) {
    return { u: new Float64Array(0), s: new Float64Array(0), v: new Float64Array(0) };
  }
  const scale = rangeScale(maxAbs);
  const decomposition = decompose(a, rows, cols, scale, true, true);
  const values = decomposition.diagonal;
  const s = new Float64Array(k);
  const unscale = 1 / scale;
  for (let index = 0; index < k; index++) s[index] = values[index]! * unscale;
  checkFinite('svd', 's', s);
  return {
    u: readColumns(decomposition.leftSingularVectors, rows, k),
    s,
    v: readColumns(decomposition.rightSingularVectors, cols, k),
  };
}

/**
 * Enables `orthogonalize(…, { method: 'svd' })` (TensorFlow 1's orthogonal initializer, and
 * `@init/core`'s `Orthogonal({ method: 'svd' })`, which calls it): hands ml-matrix's SVD to
 * `orthogonalize`, which does not import it itself, so that the default method `'qr'` never
 * carries ml-matrix into a bundle. Call it once, before the first `'svd'` orthogonalization, in
 * every thread that runs one; calling it again does nothing more. Without it, method `'svd'`
 * throws a TypeError that says to call it.
 *
 * Importing this function is what brings ml-matrix (about 19 KB gzipped) into a bundle; the
 * import alone enables nothing (bundlers may drop imports kept only for their side effects).
 *
 * @example
 * ```ts
 * import { orthogonalize } from '@init/linalg';
 * import { enableSvd } from '@init/linalg/svd';
 *
 * enableSvd();
 * orthogonalize(new Float64Array([3, 1, 4, 2]), 2, 2, { method: 'svd' });
 * // ≈ Float64Array [0.9145142956773045, 0.4045535848337569, 0.4045535848337569, -0.9145142956773045]
 * ```
 */
export function enableSvd(): void {
  setSingularVectors(singularVectors);
}

/**
 * The left (`rows × k`) or right (`cols × k`) singular vectors alone, row-major, for
 * `orthogonalize`'s 'svd' method; ml-matrix skips accumulating the other side. `a` must already
 * have passed `checkMatrix` (whose maximum is `maxAbs`) with rows, cols > 0.
 */
export function singularVectors(
  a: MatrixInput,
  rows: number,
  cols: number,
  maxAbs: number,
  side: 'left' | 'right',
): Float64Array {
  const k = Math.min(rows, cols);
  const left = side === 'left';
  // Singular vectors do not change under scaling, so the scale is not undone.
  const decomposition = decompose(a, rows, cols, rangeScale(maxAbs), left, !left);
  return left
    ? readColumns(decomposition.leftSingularVectors, rows, k)
    : readColumns(decomposition.rightSingularVectors, cols, k);
}

function decompose(
  a: MatrixInput,
  rows: number,
  cols: number,
  scale: number,
  computeLeftSingularVectors: boolean,
  computeRightSingularVectors: boolean,
): SingularValueDecomposition {
  const matrix = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) matrix.set(i, j, (a[offset + j] as number) * scale);
  }
  // autoTranspose: without it ml-matrix computes wrong vectors for wide matrices and writes a
  // console warning, which library code must not do.
  return new SingularValueDecomposition(matrix, {
    computeLeftSingularVectors,
    computeRightSingularVectors,
    autoTranspose: true,
  });
}

/** The first `k` columns of an ml-matrix Matrix with `rows` rows, as a row-major Float64Array. */
function readColumns(matrix: Matrix, rows: number, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    const offset = i * k;
    for (let j = 0; j < k; j++) out[offset + j] = matrix.get(i, j);
  }
  return out;
}
