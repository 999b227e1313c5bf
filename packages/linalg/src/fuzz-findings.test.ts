// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/linalg.
import { afterEach, describe, expect, test } from 'vitest';
import { setWasmKernelsEnabled } from './householder.js';
import { orthogonalize, qr } from './index.js';
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
});
