/**
 * Test-only dense helpers on row-major Float64Arrays: products, norms and the residuals the tests
 * bound. Deliberately naive (triple loops), so that they share no code with what they check.
 */

/** Machine epsilon of float64, 2^-52. */
export const EPSILON = Number.EPSILON;

/** `a (r × s) · b (s × t)`. */
export function multiply(a: Float64Array, b: Float64Array, r: number, s: number, t: number): Float64Array {
  const out = new Float64Array(r * t);
  for (let i = 0; i < r; i++) {
    for (let p = 0; p < s; p++) {
      const x = a[i * s + p]!;
      if (x === 0) continue;
      for (let j = 0; j < t; j++) out[i * t + j]! += x * b[p * t + j]!;
    }
  }
  return out;
}

/** The transpose of a row-major rows × cols matrix. */
export function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

/** Frobenius norm, scaled so that entries near 1e±300 neither overflow nor underflow. */
export function frobenius(a: ArrayLike<number>): number {
  let scale = 0;
  for (let index = 0; index < a.length; index++) scale = Math.max(scale, Math.abs(a[index]!));
  if (scale === 0) return 0;
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index]! / scale) ** 2;
  return scale * Math.sqrt(sum);
}

/** `‖x − y‖_F / ‖y‖_F` (or `‖x − y‖_F` when y is zero). */
export function relativeError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const difference = new Float64Array(x.length);
  for (let index = 0; index < x.length; index++) difference[index] = x[index]! - y[index]!;
  const denominator = frobenius(y);
  return denominator === 0 ? frobenius(difference) : frobenius(difference) / denominator;
}

/** `‖QᵀQ − I‖_F` for a rows × cols Q (orthonormal columns expected). */
export function columnOrthogonalityError(q: Float64Array, rows: number, cols: number): number {
  const gram = multiply(transpose(q, rows, cols), q, cols, rows, cols);
  for (let j = 0; j < cols; j++) gram[j * cols + j]! -= 1;
  return frobenius(gram);
}

/** `‖QQᵀ − I‖_F` for a rows × cols Q (orthonormal rows expected). */
export function rowOrthogonalityError(q: Float64Array, rows: number, cols: number): number {
  return columnOrthogonalityError(transpose(q, rows, cols), cols, rows);
}

/** The determinant of a square matrix by Gaussian elimination with partial pivoting. */
export function determinant(a: Float64Array, n: number): number {
  const m = a.slice();
  let det = 1;
  for (let j = 0; j < n; j++) {
    let pivot = j;
    for (let i = j + 1; i < n; i++) if (Math.abs(m[i * n + j]!) > Math.abs(m[pivot * n + j]!)) pivot = i;
    if (m[pivot * n + j] === 0) return 0;
    if (pivot !== j) {
      for (let c = 0; c < n; c++) {
        const swap = m[j * n + c]!;
        m[j * n + c] = m[pivot * n + c]!;
        m[pivot * n + c] = swap;
      }
      det = -det;
    }
    const diagonal = m[j * n + j]!;
    det *= diagonal;
    for (let i = j + 1; i < n; i++) {
      const factor = m[i * n + j]! / diagonal;
      for (let c = j; c < n; c++) m[i * n + c]! -= factor * m[j * n + c]!;
    }
  }
  return det;
}

/** True when x and y hold the same float64 values bit for bit (Object.is per element, so −0 ≠ +0). */
export function bitIdentical(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let index = 0; index < x.length; index++) if (!Object.is(x[index], y[index])) return false;
  return true;
}

/**
 * The tolerance for the backward-error and orthogonality identities of an m × n problem:
 * `10 · max(m, n) · ε`, capped at the 1e-12. Householder QR's error bounds grow like
 * `c · m · n · ε` in the worst case; in practice the residuals are near `√n · ε`, so this leaves a
 * wide margin while still catching a lost sign or a skipped reflector (errors of order 1).
 */
export function tolerance(m: number, n: number): number {
  return Math.min(1e-12, 10 * Math.max(m, n, 1) * EPSILON);
}
