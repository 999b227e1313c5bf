import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { svd } from './svd.js';
import { TestRandom } from './testing/gaussian.js';
import { andTransposed, expectCallThrows, SMALL_SHAPES } from './testing/cases.js';
import {
  bitIdentical,
  columnOrthogonalityError,
  multiply,
  relativeError,
  tolerance,
  transpose,
} from './testing/matrix.js';

/** `U·diag(s)·Vᵀ` for row-major U (rows × k) and V (cols × k). */
function reconstruct(u: Float64Array, s: Float64Array, v: Float64Array, rows: number, cols: number): Float64Array {
  const k = s.length;
  const scaled = u.map((x, index) => x * s[index % k]!);
  return multiply(scaled, transpose(v, cols, k), rows, k, cols);
}

function checkSvd(a: Float64Array, rows: number, cols: number): ReturnType<typeof svd> {
  const before = a.slice();
  const result = svd(a, rows, cols);
  const { u, s, v } = result;
  const k = Math.min(rows, cols);
  expect(bitIdentical(a, before)).toBe(true);
  expect([u.length, s.length, v.length]).toEqual([rows * k, k, cols * k]);
  for (let index = 0; index < k; index++) {
    expect(s[index]).toBeGreaterThanOrEqual(0);
    if (index > 0) expect(s[index]).toBeLessThanOrEqual(s[index - 1]!);
  }
  expect(relativeError(reconstruct(u, s, v, rows, cols), a)).toBeLessThanOrEqual(tolerance(rows, cols));
  expect(columnOrthogonalityError(u, rows, k)).toBeLessThanOrEqual(tolerance(rows, cols));
  expect(columnOrthogonalityError(v, cols, k)).toBeLessThanOrEqual(tolerance(rows, cols));
  return result;
}

describe('svd', () => {
  test('the documented diagonal example', () => {
    const { u, s, v } = svd(new Float64Array([3, 0, 0, -4]), 2, 2);
    expect(Array.from(s)).toEqual([4, 3]);
    expect(relativeError(reconstruct(u, s, v, 2, 2), [3, 0, 0, -4])).toBeLessThan(1e-15);
  });

  test.each(andTransposed([...SMALL_SHAPES, [40, 40], [70, 31], [120, 90]]))(
    'Gaussian %i × %i: thin shapes, reconstruction, orthonormal U and V, descending s',
    (rows, cols) => {
      checkSvd(new TestRandom(rows * 100 + cols).gaussianMatrix(rows, cols), rows, cols);
    },
  );

  test.each([
    [30, 20],
    [20, 30],
    [25, 25],
  ])("singular values of %i × %i equal ml-matrix's, and those of the transpose", (rows, cols) => {
    const a = new TestRandom(rows + 7 * cols).gaussianMatrix(rows, cols);
    const rowsOfA = Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));
    const direct = new SingularValueDecomposition(new Matrix(rowsOfA), { autoTranspose: true }).diagonal;
    const { s } = svd(a, rows, cols);
    expect(Array.from(s)).toEqual(direct);
    const fromTranspose = svd(transpose(a, rows, cols), cols, rows).s;
    expect(relativeError(fromTranspose, s)).toBeLessThan(tolerance(rows, cols));
  });

  test.each([
    [60, 40, 5],
    [40, 60, 5],
  ])('rank-deficient %i × %i of rank %i: trailing singular values vanish', (rows, cols, rank) => {
    const random = new TestRandom(rank * 31);
    const a = multiply(random.gaussianMatrix(rows, rank), random.gaussianMatrix(rank, cols), rows, rank, cols);
    const { s } = checkSvd(a, rows, cols);
    for (let index = rank; index < s.length; index++) expect(s[index]).toBeLessThan(1e-12 * s[0]!);
  });

  test.each([-1040, 1000])('entries near 2^%i are rescaled around ml-matrix', (exponent) => {
    const unit = new TestRandom(5).gaussianMatrix(12, 8);
    const half = 2 ** (exponent / 2);
    const a = unit.map((x) => x * half * half);
    const { u, s, v } = svd(a, 12, 8);
    // Subnormal entries were rounded on the way down; compare with the exact upscaled copy.
    const reference = svd(
      a.map((x) => x / half / half),
      12,
      8,
    );
    expect(columnOrthogonalityError(u, 12, 8)).toBeLessThan(tolerance(12, 8));
    expect(columnOrthogonalityError(v, 8, 8)).toBeLessThan(tolerance(12, 8));
    expect(s.every(Number.isFinite)).toBe(true);
    // Each value is within rounding of the reference, where rounding includes the subnormal
    // spacing 2^-1074 of the output itself.
    const spacing = 2 ** -1074 / half / half;
    s.forEach((x, index) => {
      const expected = reference.s[index]!;
      expect(Math.abs(x / half / half - expected)).toBeLessThanOrEqual(spacing + 1e-13 * expected);
    });
  });

  test('zero-sized matrices give empty factors', () => {
    for (const [rows, cols] of andTransposed([
      [0, 0],
      [0, 4],
    ])) {
      const { u, s, v } = svd(new Float64Array(0), rows, cols);
      expect([u.length, s.length, v.length]).toEqual([0, 0, 0]);
    }
  });

  test('is deterministic and accepts Float32Array and number[]', () => {
    const single = Float32Array.from(new TestRandom(8).gaussianMatrix(9, 6));
    const first = svd(single, 9, 6);
    for (const input of [single, Array.from(single), Float64Array.from(single)]) {
      const again = svd(input, 9, 6);
      expect(bitIdentical(again.u, first.u) && bitIdentical(again.s, first.s) && bitIdentical(again.v, first.v)).toBe(
        true,
      );
    }
  });

  test.each([
    [[new Float64Array(4), 2, -2], RangeError, 'svd: cols must be a non-negative safe integer. Received: -2.'],
    [
      [new Float64Array(4), 2, 3],
      RangeError,
      'svd: a must have rows × cols = 2 × 3 = 6 elements. Received: a Float64Array of length 4.',
    ],
    [[new Float64Array([0, Infinity]), 1, 2], RangeError, 'svd: a[1] must be a finite number. Received: Infinity.'],
    [
      [{ length: 1 }, 1, 1],
      TypeError,
      'svd: a must be a Float64Array, a Float32Array or an array of numbers. Received: an object.',
    ],
  ])('%j throws %o', (args, ErrorClass, message) => expectCallThrows(svd, args, ErrorClass, message));
});
