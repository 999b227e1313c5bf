import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { setWasmKernelsEnabled } from './householder.js';
import { orthogonalize } from './orthogonalize.js';
import { qr } from './qr.js';
import { enableSvd, svd } from './svd.js';
import { TestRandom } from './testing/gaussian.js';
import { andTransposed, expectCallThrows, gaussianCase } from './testing/cases.js';
import {
  bitIdentical,
  columnOrthogonalityError,
  determinant,
  multiply,
  rowOrthogonalityError,
  tolerance,
  transpose,
} from './testing/matrix.js';

// Method 'svd' is opt-in (svd-backend.ts); svd-backend.test.ts covers the state before enableSvd().
beforeAll(() => enableSvd());

afterEach(() => setWasmKernelsEnabled(true));

function orthogonalityError(q: Float64Array, rows: number, cols: number): number {
  return rows >= cols ? columnOrthogonalityError(q, rows, cols) : rowOrthogonalityError(q, rows, cols);
}

describe("orthogonalize, method 'qr'", () => {
  test('the documented 2 × 2 example', () => {
    const q = orthogonalize(new Float64Array([3, 1, 4, 2]), 2, 2);
    for (const [index, expected] of [0.6, -0.8, 0.8, 0.6].entries()) expect(q[index]).toBeCloseTo(expected, 14);
  });

  test.each([
    [1, 1],
    [6, 1],
    [1, 6],
    [5, 3],
    [3, 5],
    [64, 64],
    [100, 37],
    [37, 100],
    [129, 130],
  ])('%i × %i: orthonormal, and Qᵀ·A is upper triangular with a non-negative diagonal', (rows, cols) => {
    const a = new TestRandom(rows * 7 + cols).gaussianMatrix(rows, cols);
    const before = a.slice();
    const q = orthogonalize(a, rows, cols);
    expect(bitIdentical(a, before)).toBe(true);
    expect(q.length).toBe(rows * cols);
    expect(orthogonalityError(q, rows, cols)).toBeLessThanOrEqual(tolerance(rows, cols));
    // Tall: A = Q·R, so R = Qᵀ·A. Wide: Aᵀ = Qᵀ·R, so R = Q·Aᵀ. Either way R[j][j] ≥ 0.
    const r =
      rows >= cols
        ? multiply(transpose(q, rows, cols), a, cols, rows, cols)
        : multiply(q, transpose(a, rows, cols), rows, cols, rows);
    const k = Math.min(rows, cols);
    for (let j = 0; j < k; j++) expect(r[j * k + j]).toBeGreaterThanOrEqual(0);
  });

  test('tall: equals qr(a).q with column j multiplied by sign(R[j][j])', () => {
    const a = new TestRandom(21).gaussianMatrix(90, 45);
    const { q, r } = qr(a, 90, 45);
    const signed = q.map((x, index) => (r[(index % 45) * 45 + (index % 45)]! < 0 ? -x : x));
    expect(bitIdentical(orthogonalize(a, 90, 45), signed)).toBe(true);
  });

  test('wide: equals the transpose of the tall result for aᵀ', () => {
    const a = new TestRandom(22).gaussianMatrix(40, 75);
    const tall = orthogonalize(transpose(a, 40, 75), 75, 40);
    expect(bitIdentical(orthogonalize(a, 40, 75), transpose(tall, 75, 40))).toBe(true);
  });

  test('rank-deficient and zero input still give orthonormal results', () => {
    const random = new TestRandom(23);
    const lowRank = multiply(random.gaussianMatrix(50, 3), random.gaussianMatrix(3, 50), 50, 3, 50);
    expect(orthogonalityError(orthogonalize(lowRank, 50, 50), 50, 50)).toBeLessThanOrEqual(tolerance(50, 50));
    // All reflectors are the identity and every sign counts as +1: the leading identity columns.
    expect(Array.from(orthogonalize(new Float64Array(6), 3, 2))).toEqual([1, 0, 0, 1, 0, 0]);
  });

  test('power-of-two scaling, even far outside the normal range, leaves the result bit-identical', () => {
    const a = new TestRandom(24).gaussianMatrix(33, 20);
    const base = orthogonalize(a, 33, 20);
    for (const exponent of [-1000, -64, 7, 1000]) {
      expect(
        bitIdentical(
          orthogonalize(
            a.map((x) => x * 2 ** exponent),
            33,
            20,
          ),
          base,
        ),
      ).toBe(true);
    }
  });

  test('is deterministic, and both kernel implementations agree bit for bit', () => {
    for (const [rows, cols] of andTransposed([
      [200, 200],
      [131, 257],
    ])) {
      const a = new TestRandom(rows ^ cols).gaussianMatrix(rows, cols);
      const first = orthogonalize(a, rows, cols);
      expect(bitIdentical(orthogonalize(a, rows, cols), first)).toBe(true);
      setWasmKernelsEnabled(false);
      expect(bitIdentical(orthogonalize(a, rows, cols), first)).toBe(true);
      setWasmKernelsEnabled(true);
    }
  });

  test('zero-sized shapes give empty results', () => {
    expect(orthogonalize([], 0, 4).length).toBe(0);
    expect(orthogonalize([], 4, 0, { method: 'svd' }).length).toBe(0);
  });

  test('property: orthonormal for random shapes and scales', () => {
    fc.assert(
      fc.property(gaussianCase(60), fc.constantFrom<'qr' | 'svd'>('qr', 'svd'), ({ rows, cols, a }, method) => {
        const q = orthogonalize(a, rows, cols, { method });
        expect(orthogonalityError(q, rows, cols)).toBeLessThanOrEqual(tolerance(rows, cols));
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

/**
 * Haar test. For Q Haar distributed on O(n): Q00 has mean 0 and variance 1/n; E[Q00²] = 1/n with
 * Var(Q00²) = 3/(n(n+2)) − 1/n²; P(det Q > 0) = ½; tr Q has mean 0 and E[(tr Q)²] = 1 with
 * E[(tr Q)⁴] = 3 for n ≥ 4 (Diaconis & Shahshahani 1994), so Var((tr Q)²) = 2. Each sample mean is
 * compared with its expectation at 4.5 standard errors: a two-sided false-alarm rate of 6.8e-6 per
 * statistic, below 5e-5 for the seven checks together (Bonferroni). The seeds are fixed, so the test
 * is deterministic; the rate is the chance that a correct implementation fails for a seed.
 */
describe("orthogonalize, method 'qr': Haar distribution", () => {
  const Z = 4.5;
  const SAMPLES = 6000;

  function expectMean(values: number[], mean: number, variance: number): void {
    const sampleMean = values.reduce((sum, x) => sum + x, 0) / values.length;
    expect(Math.abs(sampleMean - mean)).toBeLessThan(Z * Math.sqrt(variance / values.length));
  }

  test('square 4 × 4: Q00, Q00², sign of det, tr Q and (tr Q)²', () => {
    const n = 4;
    const random = new TestRandom(20240601);
    const q00: number[] = [];
    const positive: number[] = [];
    const trace: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) {
      const q = orthogonalize(random.gaussianMatrix(n, n), n, n);
      q00.push(q[0]!);
      positive.push(determinant(q, n) > 0 ? 1 : 0);
      let t = 0;
      for (let i = 0; i < n; i++) t += q[i * n + i]!;
      trace.push(t);
    }
    expectMean(q00, 0, 1 / n);
    expectMean(
      q00.map((x) => x * x),
      1 / n,
      3 / (n * (n + 2)) - 1 / (n * n),
    );
    expectMean(positive, 0.5, 0.25);
    expectMean(trace, 0, 1);
    expectMean(
      trace.map((x) => x * x),
      1,
      2,
    );
  });

  test('tall 5 × 3 frames: Q00 and Q00²', () => {
    const random = new TestRandom(99);
    const q00: number[] = [];
    for (let sample = 0; sample < SAMPLES; sample++) q00.push(orthogonalize(random.gaussianMatrix(5, 3), 5, 3)[0]!);
    expectMean(q00, 0, 1 / 5);
    expectMean(
      q00.map((x) => x * x),
      1 / 5,
      3 / 35 - 1 / 25,
    );
  });

  test('without the sign correction (plain qr) the first entry is never positive', () => {
    // LAPACK's sign choice makes R00 = −sign(a00)·‖a0‖, so qr's Q00 = −|a00|/‖a0‖ ≤ 0: far from
    // Haar, which is why orthogonalize moves the signs of R's diagonal into Q.
    const random = new TestRandom(5);
    for (let sample = 0; sample < 200; sample++) {
      expect(qr(random.gaussianMatrix(4, 4), 4, 4).q[0]).toBeLessThanOrEqual(0);
    }
  });
});

describe("orthogonalize, method 'svd'", () => {
  test.each([
    [30, 12],
    [12, 30],
    [20, 20],
    [1, 5],
    [5, 1],
  ])('%i × %i: U when rows > cols, else Vᵀ, of the thin SVD', (rows, cols) => {
    const a = new TestRandom(rows + cols).uniformMatrix(rows, cols);
    const q = orthogonalize(a, rows, cols, { method: 'svd' });
    const { u, v } = svd(a, rows, cols);
    const expected = rows > cols ? u : transpose(v, cols, rows);
    expect(bitIdentical(q, expected)).toBe(true);
    expect(orthogonalityError(q, rows, cols)).toBeLessThanOrEqual(tolerance(rows, cols));
  });
});

describe('orthogonalize argument errors', () => {
  test.each([
    [[[1], 1, 1, { method: 'lu' }], TypeError, `orthogonalize: method must be one of 'qr', 'svd'. Received: "lu".`],
    [
      [[1], 1, 1, null],
      TypeError,
      'orthogonalize: options must be a plain object such as { method: … } or undefined. Received: null.',
    ],
    [
      [[1], 1, 1, 'qr'],
      TypeError,
      'orthogonalize: options must be a plain object such as { method: … } or undefined. Received: "qr".',
    ],
    [[[1], -1, 1], RangeError, 'orthogonalize: rows must be a non-negative safe integer. Received: -1.'],
    [[[1, 2], 1, 1], RangeError, 'orthogonalize: a must have rows × cols = 1 × 1 = 1 elements. Received: [1, 2].'],
    [
      [[Number.NaN], 1, 1, { method: 'svd' }],
      RangeError,
      'orthogonalize: a[0] must be a finite number. Received: NaN.',
    ],
  ])('%j throws %o', (args, ErrorClass, message) => expectCallThrows(orthogonalize, args, ErrorClass, message));

  test('an explicit undefined method means qr', () => {
    const a = new TestRandom(1).gaussianMatrix(3, 3);
    expect(bitIdentical(orthogonalize(a, 3, 3, { method: undefined }), orthogonalize(a, 3, 3))).toBe(true);
  });
});
