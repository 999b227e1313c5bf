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
 * before and after, so ml-matrix never sees values that overflow when squared. Singular vectors
 * whose singular value is at most `max(rows, cols)·ε·s[0]` (zero to working precision; ml-matrix
 * may compute them through subnormal numbers and return them wrong) are replaced by an
 * orthonormal completion of the others, so U and V always have orthonormal columns and
 * `A = U·diag(s)·Vᵀ` still holds within that tolerance.
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
  const first = firstNegligible(values, rows, cols);
  return {
    u: completeBasis(readColumns(decomposition.leftSingularVectors, rows, k), rows, k, first),
    s,
    v: completeBasis(readColumns(decomposition.rightSingularVectors, cols, k), cols, k, first),
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
  const first = firstNegligible(decomposition.diagonal, rows, cols);
  return left
    ? completeBasis(readColumns(decomposition.leftSingularVectors, rows, k), rows, k, first)
    : completeBasis(readColumns(decomposition.rightSingularVectors, cols, k), cols, k, first);
}

/**
 * The index of the first singular value that is zero to working precision: at most
 * `max(rows, cols) · ε · σ_max` (NumPy's and LAPACK's rank tolerance), or k when there is none.
 * Singular vectors of such values are not determined by the input (any orthonormal completion of
 * the others is a valid SVD, and `A = U·diag(s)·Vᵀ` holds within that tolerance), and ml-matrix may
 * return them wrong: computed through subnormal intermediate values they lose bits, and a 3 × 4
 * matrix with entries down to 5e-324 gave a vector of length √2.
 */
function firstNegligible(values: readonly number[], rows: number, cols: number): number {
  const k = Math.min(rows, cols);
  const tolerance = Math.max(rows, cols) * Number.EPSILON * values[0]!;
  for (let index = 0; index < k; index++) {
    if (!(values[index]! > tolerance)) return index;
  }
  return k;
}

/**
 * Makes columns `first … k − 1` of the row-major `n × k` matrix `q` orthonormal to each other and
 * to columns `0 … first − 1` (which ml-matrix computed from singular values above the rank
 * tolerance, orthonormal to working precision), in place, and returns `q`. Each column keeps
 * ml-matrix's direction where that direction is not (numerically) in the span of the columns
 * before it: it is projected out of them twice (Gram–Schmidt with reorthogonalization, which
 * leaves it orthogonal to working precision) and normalized. Otherwise (the part left is shorter
 * than half its largest entry, or not finite) the unit vector e_i farthest from that span (the
 * first on ties) takes its place, the same way, so the completion is deterministic and has a
 * positive component along e_i (the QR sign rule). Nothing changes when `first = k`, the
 * case of every matrix of full numerical rank.
 */
function completeBasis(q: Float64Array, n: number, k: number, first: number): Float64Array {
  const column = new Float64Array(n);
  for (let j = first; j < k; j++) {
    for (let i = 0; i < n; i++) column[i] = q[i * k + j]!;
    let norm = orthogonalComplement(q, n, k, j, column);
    if (!(norm > 0.5)) {
      // The parts of e_0 … e_{n−1} outside a span of j < n orthonormal columns have squared
      // norms that add up to n − j ≥ 1, so the largest of them is at least 1/√n.
      let best = 0;
      let bestNorm = -1;
      for (let unit = 0; unit < n; unit++) {
        column.fill(0);
        column[unit] = 1;
        const candidate = orthogonalComplement(q, n, k, j, column);
        if (candidate > bestNorm) {
          best = unit;
          bestNorm = candidate;
        }
      }
      column.fill(0);
      column[best] = 1;
      norm = orthogonalComplement(q, n, k, j, column);
    }
    for (let i = 0; i < n; i++) q[i * k + j] = column[i]! / norm;
  }
  return q;
}

/**
 * Projects `column` (length n, finite or not) out of columns `0 … j − 1` of the row-major `n × k`
 * matrix `q`, twice, in place; returns the norm of what is left (NaN when `column` was not finite).
 * The norm is computed with a scale, so a remainder as small as a subnormal does not underflow.
 */
function orthogonalComplement(q: Float64Array, n: number, k: number, j: number, column: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(column[i]!));
  if (!Number.isFinite(largest) || largest === 0) return largest === 0 ? 0 : Number.NaN;
  // Scale the start to a largest entry of 1 (the direction is all that matters).
  for (let i = 0; i < n; i++) column[i] = column[i]! / largest;
  for (let pass = 0; pass < 2; pass++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i * k + p]! * column[i]!;
      for (let i = 0; i < n; i++) column[i] = column[i]! - dot * q[i * k + p]!;
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += column[i]! * column[i]!;
  return Math.sqrt(sum);
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
