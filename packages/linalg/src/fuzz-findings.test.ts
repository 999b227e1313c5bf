// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/linalg.
import { afterEach, describe, expect, test } from 'vitest';
import { setWasmKernelsEnabled } from './householder.js';
import { orthogonalize, qr } from './index.js';
import { enableSvd, svd } from './svd.js';
import { columnOrthogonalityError, multiply, rowOrthogonalityError, tolerance } from './testing/matrix.js';

afterEach(() => setWasmKernelsEnabled(true));

/** Q orthonormal and Q·R = A entry by entry, within tolerance·max|A| plus a subnormal unit per term. */
function expectFactored(a: Float64Array, rows: number, cols: number): void {
  const { q, r } = qr(a, rows, cols);
  const k = Math.min(rows, cols);
  expect(columnOrthogonalityError(q, rows, k)).toBeLessThanOrEqual(tolerance(rows, cols));
  const product = multiply(q, r, rows, k, cols);
  const largest = a.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  for (let i = 0; i < a.length; i++) {
    expect(Math.abs(product[i]! - a[i]!)).toBeLessThanOrEqual(tolerance(rows, cols) * largest + k * Number.MIN_VALUE);
  }
}

describe('fuzz findings in @init/linalg', () => {
  test('an unknown option key that is not an identifier is quoted, as @init/random quotes it', () => {
    expect(() => orthogonalize([1], 1, 1, { ' ': null } as never)).toThrow(
      'orthogonalize: options[" "] must be a known option; orthogonalize takes method. Received: null.',
    );
    expect(() => orthogonalize([1], 1, 1, { methd: 'qr' } as never)).toThrow(
      /^orthogonalize: methd must be a known option/,
    );
  });

  test('qr: a column with a subnormal norm gives an orthogonal reflector (scaled first, as dlarfg does)', () => {
    // Found at FUZZ_SCALE=10: column 0 is [5e-324, 5e-324], its norm rounded to 5e-324, τ came out
    // 2 instead of 1 + 1/√2 and QᵀQ was [[2, 0.5], [0.5, 1.25]].
    const found = new Float64Array([
      5e-324, 0, 0, 2.9297611169848086e-8, 0, 0, 5e-324, 0, 0, 1.4047776603038163e-9, 0, 0,
    ]);
    expectFactored(found, 2, 6);
    // The orthonormal rows of orthogonalize too (it factors the transpose).
    expect(rowOrthogonalityError(orthogonalize(found, 2, 6), 2, 6)).toBeLessThanOrEqual(tolerance(2, 6));
    // A subnormal column reached after an earlier reflector (tall: ‖QᵀQ − I‖ was 2.4e-5), and one
    // in a factorization of more than one panel of 8 columns (0.19), with both kernel implementations.
    const tall = new Float64Array([1, 1, 0, 0, 1e-320, 3e-321, 0, -7e-322, 1, 0, 5e-324, 2]);
    const big = new Float64Array(12 * 10);
    for (let i = 0; i < big.length; i++) big[i] = Math.sin(i * 1.7) + (i % 10 === 3 ? 0 : 0.1);
    for (let i = 0; i < 12; i++) big[i * 10 + 3] = (i % 3) * 5e-324;
    for (const wasm of [true, false]) {
      setWasmKernelsEnabled(wasm);
      expectFactored(tall, 4, 3);
      expectFactored(big, 12, 10);
    }
  });

  test('svd: singular values that underflow get orthonormal vectors (completed beyond the rank tolerance)', () => {
    // Found at FUZZ_SCALE=30: the largest entry is exactly 2^-128, so range scaling did nothing;
    // ml-matrix's singular values were 2.9e-39, 1.4e-210 and 5e-324 (subnormal), and one of the
    // three rows of orthogonalize(…, { method: 'svd' }) had length √2.
    const found = new Float64Array([
      -5e-324, -5e-324, 5e-324, -1.3512809150991493e-210, -5e-324, -2.938735877055719e-39, -5e-324,
      -1.0598939654755962e-168, -5e-324, -5e-324, -5e-324, -5e-324,
    ]);
    enableSvd();
    expect(rowOrthogonalityError(orthogonalize(found, 3, 4, { method: 'svd' }), 3, 4)).toBeLessThanOrEqual(
      tolerance(3, 4),
    );
    // The transpose (tall: U) and svd's own U and V, which reconstruct a within the rank tolerance.
    const transposed = new Float64Array(12);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) transposed[j * 3 + i] = found[i * 4 + j]!;
    expect(columnOrthogonalityError(orthogonalize(transposed, 4, 3, { method: 'svd' }), 4, 3)).toBeLessThanOrEqual(
      tolerance(4, 3),
    );
    const { u, s, v } = svd(found, 3, 4);
    expect(columnOrthogonalityError(u, 3, 3)).toBeLessThanOrEqual(tolerance(3, 4));
    expect(columnOrthogonalityError(v, 4, 3)).toBeLessThanOrEqual(tolerance(3, 4));
    expect(s[0]).toBe(2.938735877055719e-39);
    const scaled = new Float64Array(3 * 3);
    for (let i = 0; i < 3; i++) for (let p = 0; p < 3; p++) scaled[i * 3 + p] = u[i * 3 + p]! * s[p]!;
    const vt = new Float64Array(3 * 4);
    for (let p = 0; p < 3; p++) for (let j = 0; j < 4; j++) vt[p * 4 + j] = v[j * 3 + p]!;
    const product = multiply(scaled, vt, 3, 3, 4);
    for (let i = 0; i < 12; i++) {
      expect(Math.abs(product[i]! - found[i]!)).toBeLessThanOrEqual(tolerance(3, 4) * s[0]!);
    }
    // Exactly rank-deficient matrices, the zero matrix included, get orthonormal vectors too.
    for (const [rows, cols, a] of [
      [3, 4, new Float64Array(12)],
      [5, 2, new Float64Array([1, 2, 2, 4, 3, 6, 4, 8, 5, 10])],
      [2, 6, new Float64Array([1, 0, 0, 0, 0, 1e-300, 2, 0, 0, 0, 0, 2e-300])],
    ] as const) {
      const q = orthogonalize(a, rows, cols, { method: 'svd' });
      if (rows > cols) expect(columnOrthogonalityError(q, rows, cols)).toBeLessThanOrEqual(tolerance(rows, cols));
      else expect(rowOrthogonalityError(q, rows, cols)).toBeLessThanOrEqual(tolerance(rows, cols));
    }
  });
});
