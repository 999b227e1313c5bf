import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_BLOCK_SIZE, setWasmKernelsEnabled } from './householder.js';
import { orthogonalize } from './orthogonalize.js';
import { qr } from './qr.js';
import { svd } from './svd.js';
import { TestRandom } from './testing/gaussian.js';
import { andTransposed, expectCallThrows, gaussianCase, SMALL_SHAPES } from './testing/cases.js';
import { bitIdentical, columnOrthogonalityError, multiply, relativeError, tolerance } from './testing/matrix.js';

afterEach(() => setWasmKernelsEnabled(true));

/** Checks every promise of `qr` on one input and returns the two residuals. */
function checkQr(a: Float64Array, rows: number, cols: number): { reconstruction: number; orthogonality: number } {
  const before = a.slice();
  const { q, r } = qr(a, rows, cols);
  const k = Math.min(rows, cols);
  expect(bitIdentical(a, before)).toBe(true);
  expect(q).toBeInstanceOf(Float64Array);
  expect(r).toBeInstanceOf(Float64Array);
  expect(q.length).toBe(rows * k);
  expect(r.length).toBe(k * cols);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < Math.min(i, cols); j++) expect(r[i * cols + j]).toBe(0);
  }
  const reconstruction = relativeError(multiply(q, r, rows, k, cols), a);
  const orthogonality = columnOrthogonalityError(q, rows, k);
  expect(reconstruction).toBeLessThanOrEqual(tolerance(rows, cols));
  expect(orthogonality).toBeLessThanOrEqual(tolerance(rows, cols));
  return { reconstruction, orthogonality };
}

describe('qr', () => {
  test('factors the documented 2 × 2 example', () => {
    const { q, r } = qr(new Float64Array([3, 1, 4, 2]), 2, 2);
    const expected = { q: [-0.6, -0.8, -0.8, 0.6], r: [-5, -2.2, 0, 0.4] };
    for (let index = 0; index < 4; index++) {
      expect(q[index]).toBeCloseTo(expected.q[index]!, 14);
      expect(r[index]).toBeCloseTo(expected.r[index]!, 14);
    }
  });

  // Sizes straddle the panel width qr uses (DEFAULT_BLOCK_SIZE, 8 columns): one panel, one and a
  // bit, two and a bit; and the kernels' odd-row and odd-column tails.
  const panel = DEFAULT_BLOCK_SIZE;
  test.each(
    andTransposed([
      ...SMALL_SHAPES,
      [panel, panel],
      [panel + 1, panel + 1],
      [2 * panel, panel + 1],
      [2 * panel + 1, 2 * panel + 1],
      [33, 33],
      [64, 64],
      [100, 37],
      [129, 65],
      [200, 200],
      [301, 77],
    ]),
  )('Gaussian %i × %i: ‖QR − A‖/‖A‖ and ‖QᵀQ − I‖ within 10·max(m, n)·ε', (rows, cols) => {
    checkQr(new TestRandom(rows * 1000 + cols).gaussianMatrix(rows, cols), rows, cols);
  });

  test.each([
    [80, 50, 10],
    [50, 80, 10],
    [70, 70, 1],
    [96, 96, 40],
  ])('rank-deficient %i × %i of rank %i', (rows, cols, rank) => {
    const random = new TestRandom(rank);
    const a = multiply(random.gaussianMatrix(rows, rank), random.gaussianMatrix(rank, cols), rows, rank, cols);
    checkQr(a, rows, cols);
    // The trailing diagonal of R collapses to rounding level relative to ‖A‖.
    const { r } = qr(a, rows, cols);
    const k = Math.min(rows, cols);
    const scale = Math.abs(r[0]!);
    for (let j = rank; j < k; j++) expect(Math.abs(r[j * cols + j]!)).toBeLessThan(1e-12 * scale);
  });

  test('zero, repeated and zero-column matrices', () => {
    checkQr(new Float64Array(40 * 30), 40, 30);
    const random = new TestRandom(3);
    const column = random.gaussianMatrix(45, 1);
    const repeated = new Float64Array(45 * 40);
    for (let i = 0; i < 45; i++) for (let j = 0; j < 40; j++) repeated[i * 40 + j] = column[i]!;
    checkQr(repeated, 45, 40);
    const holes = random.gaussianMatrix(50, 50);
    for (let i = 0; i < 50; i++) for (const j of [0, 17, 33, 49]) holes[i * 50 + j] = 0;
    checkQr(holes, 50, 50);
    // An already triangular input gives τ = 0 reflectors and returns the diagonal's own signs.
    const { q, r } = qr(new Float64Array([-2, 1, 0, 3]), 2, 2);
    expect(Array.from(q)).toEqual([1, 0, 0, 1]);
    expect(Array.from(r)).toEqual([-2, 1, 0, 3]);
  });

  test('badly scaled columns: each column reconstructed to its own relative accuracy', () => {
    const rows = 90;
    const cols = 60;
    const a = new TestRandom(11).gaussianMatrix(rows, cols);
    // Column scales from 1e-150 to 1e150: a normwise check alone would not see the small ones.
    for (let j = 0; j < cols; j++) {
      const scale = 10 ** (-150 + (300 * j) / (cols - 1));
      for (let i = 0; i < rows; i++) a[i * cols + j]! *= scale;
    }
    checkQr(a, rows, cols);
    const { q, r } = qr(a, rows, cols);
    const product = multiply(q, r, rows, cols, cols);
    for (let j = 0; j < cols; j++) {
      const got: number[] = [];
      const want: number[] = [];
      for (let i = 0; i < rows; i++) {
        got.push(product[i * cols + j]!);
        want.push(a[i * cols + j]!);
      }
      expect(relativeError(got, want)).toBeLessThanOrEqual(tolerance(rows, cols));
    }
  });

  test('badly scaled rows', () => {
    const rows = 80;
    const cols = 40;
    const a = new TestRandom(12).gaussianMatrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      const scale = 10 ** (-100 + (200 * i) / (rows - 1));
      for (let j = 0; j < cols; j++) a[i * cols + j]! *= scale;
    }
    checkQr(a, rows, cols);
  });

  /** `x · 2^exponent` in steps that are each exact, so only the final step may round. */
  const timesPowerOfTwo = (x: number, exponent: number): number =>
    Math.abs(exponent) > 1000 ? x * 2 ** (exponent / 2) * 2 ** (exponent / 2) : x * 2 ** exponent;

  test.each([-1060, -1040, -1000, 1000, 1020])(
    'entries near 2^%i (subnormal to near overflow): same Q, R exactly rescaled',
    (exponent) => {
      const rows = 40;
      const cols = 30;
      const unit = new TestRandom(13).gaussianMatrix(rows, cols);
      const a = unit.map((x) => timesPowerOfTwo(x, exponent));
      // Undo the scaling exactly (for subnormals this recovers a rounded copy of `unit`).
      const normal = a.map((x) => timesPowerOfTwo(x, -exponent));
      const result = qr(a, rows, cols);
      const reference = qr(normal, rows, cols);
      expect(columnOrthogonalityError(result.q, rows, cols)).toBeLessThanOrEqual(tolerance(rows, cols));
      expect(relativeError(multiply(reference.q, reference.r, rows, cols, cols), normal)).toBeLessThanOrEqual(
        tolerance(rows, cols),
      );
      expect(bitIdentical(result.q, reference.q)).toBe(true);
      expect(
        bitIdentical(
          result.r,
          reference.r.map((x) => timesPowerOfTwo(x, exponent)),
        ),
      ).toBe(true);
    },
  );

  test('scaling by a power of two scales R exactly and leaves Q bit-identical', () => {
    const a = new TestRandom(14).gaussianMatrix(70, 50);
    const base = qr(a, 70, 50);
    for (const exponent of [-900, -20, 3, 600]) {
      const factor = 2 ** exponent;
      const scaled = qr(
        a.map((x) => x * factor),
        70,
        50,
      );
      expect(bitIdentical(scaled.q, base.q)).toBe(true);
      expect(
        bitIdentical(
          scaled.r,
          base.r.map((x) => x * factor),
        ),
      ).toBe(true);
    }
  });

  test('Float32Array and number[] inputs factor the same values as Float64Array', () => {
    const random = new TestRandom(15);
    const single = Float32Array.from(random.gaussianMatrix(20, 12));
    const widened = Float64Array.from(single);
    const reference = qr(widened, 20, 12);
    for (const input of [single, Array.from(single)]) {
      const result = qr(input, 20, 12);
      expect(bitIdentical(result.q, reference.q)).toBe(true);
      expect(bitIdentical(result.r, reference.r)).toBe(true);
    }
  });

  test.each([
    [0, 0, 0, 0],
    [0, 5, 0, 0],
    [5, 0, 0, 0],
  ])('a %i × %i matrix gives empty factors', (rows, cols, qLength, rLength) => {
    const { q, r } = qr(new Float64Array(0), rows, cols);
    expect(q.length).toBe(qLength);
    expect(r.length).toBe(rLength);
  });

  test('is deterministic, and both kernel implementations agree bit for bit', () => {
    for (const [rows, cols] of [
      [97, 97],
      [150, 61],
      [61, 150],
      [258, 131],
    ] as const) {
      const a = new TestRandom(rows + cols).gaussianMatrix(rows, cols);
      const first = qr(a, rows, cols);
      const second = qr(a, rows, cols);
      setWasmKernelsEnabled(false);
      const scalar = qr(a, rows, cols);
      setWasmKernelsEnabled(true);
      for (const other of [second, scalar]) {
        expect(bitIdentical(other.q, first.q)).toBe(true);
        expect(bitIdentical(other.r, first.r)).toBe(true);
      }
    }
  });

  test('property: random shapes and entries satisfy the identities', () => {
    fc.assert(
      fc.property(gaussianCase(70), fc.integer({ min: -40, max: 40 }), ({ rows, cols, a }, exponent) => {
        checkQr(
          a.map((x) => x * 2 ** exponent),
          rows,
          cols,
        );
      }),
      { numRuns: 60, seed: 20240601 },
    );
  });
});

describe('qr argument errors', () => {
  test.each([
    [[new Float64Array(1), -1, 1], RangeError, 'qr: rows must be a non-negative safe integer. Received: -1.'],
    [[new Float64Array(1), 1.5, 1], RangeError, 'qr: rows must be a non-negative safe integer. Received: 1.5.'],
    [[new Float64Array(1), Number.NaN, 1], RangeError, 'qr: rows must be a non-negative safe integer. Received: NaN.'],
    [
      [new Float64Array(1), 1, 2 ** 53],
      RangeError,
      'qr: cols must be a non-negative safe integer. Received: 9007199254740992.',
    ],
    [[new Float64Array(1), '1', 1], TypeError, 'qr: rows must be a non-negative safe integer. Received: "1".'],
    [
      [new Float64Array(5), 2, 3],
      RangeError,
      'qr: a must have rows × cols = 2 × 3 = 6 elements. Received: a Float64Array of length 5.',
    ],
    [
      [new Int32Array(6), 2, 3],
      TypeError,
      'qr: a must be a Float64Array, a Float32Array or an array of numbers. Received: an Int32Array of length 6.',
    ],
    [[null, 2, 3], TypeError, 'qr: a must be a Float64Array, a Float32Array or an array of numbers. Received: null.'],
    [[new Float64Array([1, Number.NaN]), 1, 2], RangeError, 'qr: a[1] must be a finite number. Received: NaN.'],
    [[[1, 2, -Infinity, 4], 2, 2], RangeError, 'qr: a[2] must be a finite number. Received: -Infinity.'],
    [[[1, 'x'], 1, 2], RangeError, 'qr: a[1] must be a finite number. Received: "x".'],
  ])('%j throws %o', (args, ErrorClass, message) => expectCallThrows(qr, args, ErrorClass, message));
});

describe('factors beyond the double range', () => {
  test('qr and svd throw instead of returning Infinity; orthogonalize still works', () => {
    const rows = 20;
    const cols = 12;
    const a = new Float64Array(rows * cols).fill(1.7e308);
    expect(() => qr(a, rows, cols)).toThrow(RangeError);
    expect(() => qr(a, rows, cols)).toThrow(/qr: r must be finite, but a column norm of a exceeds the largest double/);
    expect(() => svd(a, rows, cols)).toThrow(/svd: s must be finite/);
    expect(orthogonalize(a, rows, cols).every(Number.isFinite)).toBe(true);
  });

  test('the documented example', () => {
    const { q, r } = qr(new Float64Array([3, 1, 4, 2]), 2, 2);
    expect(Array.from(q, (x) => Math.round(x * 1e12) / 1e12)).toEqual([-0.6, -0.8, -0.8, 0.6]);
    expect(Array.from(r, (x) => Math.round(x * 1e12) / 1e12)).toEqual([-5, -2.2, 0, 0.4]);
  });
});

test('accepts a Float64Array from another realm (a vm context)', async () => {
  const { runInNewContext } = await import('node:vm');
  const foreign = runInNewContext('new Float64Array([3, 1, 4, 2])') as Float64Array;
  expect(foreign instanceof Float64Array).toBe(false);
  expect(qr(foreign, 2, 2).r).toEqual(qr(new Float64Array([3, 1, 4, 2]), 2, 2).r);
});
