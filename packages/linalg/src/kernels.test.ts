import { afterEach, describe, expect, test } from 'vitest';
import { setWasmKernelsEnabled } from './householder.js';
import { createJsKernels } from './kernels.js';
import { orthogonalize } from './orthogonalize.js';
import { qr } from './qr.js';
import { TestRandom } from './testing/gaussian.js';
import { bitIdentical } from './testing/matrix.js';
import { createWasmKernels } from './wasm-kernels.js';

// The two kernel implementations against each other, lane by lane, on every number of row pairs
// from 0 to 13: `subtract` runs four pairs per pass and then the rest one at a time, so this
// covers the unrolled loop alone, the single-pair loop alone, and both with every remainder.
describe('block kernels', () => {
  const stride = 37;
  const size = 4 * stride + 2 * 40 + 64;
  const v0 = 3;
  const c0 = 4 * stride + 5;
  const c1 = c0 + 40;
  const scratch = c1 + 40;

  function fill(heap: Float64Array, seed: number): void {
    const random = new TestRandom(seed);
    for (let index = 0; index < heap.length; index++) heap[index] = random.normal();
  }

  test('the WebAssembly kernels run here (so the comparison below is not JavaScript against itself)', () => {
    expect(createWasmKernels(size)).toBeDefined();
  });

  test.each(Array.from({ length: 14 }, (_, pairs) => pairs))(
    'projectPairs and subtractPairs agree bit for bit over %i pairs of rows',
    (pairs) => {
      const wasm = createWasmKernels(size)!.kernels;
      const js = createJsKernels(new Float64Array(size));
      for (const kernels of [wasm, js]) {
        fill(kernels.heap, 100 + pairs);
        kernels.projectPairs(c0, c1, v0, stride, pairs, scratch);
        kernels.subtractPairs(c0, c1, v0, stride, pairs, scratch + 4);
      }
      expect(bitIdentical(wasm.heap, js.heap)).toBe(true);
      // Something was written: the sums and, when there are rows, the columns changed.
      const untouched = new Float64Array(size);
      fill(untouched, 100 + pairs);
      expect(bitIdentical(wasm.heap.subarray(scratch, scratch + 16), untouched.subarray(scratch, scratch + 16))).toBe(
        false,
      );
      expect(bitIdentical(wasm.heap.subarray(c0, c1 + 40), untouched.subarray(c0, c1 + 40))).toBe(pairs === 0);
      // Rows past the pairs are left alone.
      expect(
        bitIdentical(wasm.heap.subarray(c0 + 2 * pairs, c0 + 40), untouched.subarray(c0 + 2 * pairs, c0 + 40)),
      ).toBe(true);
    },
  );
});

// The WebAssembly kernels apply a width-8 block reflector to whole column pairs in one call
// (`applyPairs`), the JavaScript kernels through householder.ts's own loop. Both must agree bit for
// bit, signed zeros included: even and odd row counts, an even and an odd number of trailing
// columns, both T and Tᵀ (the factorization and Q's accumulation), and matrices whose zero and −0
// columns make projections that are exactly zero.
describe('block reflector application: one WebAssembly call per chunk against the JavaScript loop', () => {
  afterEach(() => setWasmKernelsEnabled(true));

  function withZeros(rows: number, cols: number, seed: number): Float64Array {
    const a = new TestRandom(seed).gaussianMatrix(rows, cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        // Column 3 is +0, column 10 is −0 and column 17 alternates; row 5 is −0 throughout.
        if (j === 3) a[i * cols + j] = 0;
        if (j === 10 || i === 5) a[i * cols + j] = -0;
        if (j === 17) a[i * cols + j] = i % 2 === 0 ? 0 : -0;
      }
    }
    return a;
  }

  test.each([
    [64, 40],
    [65, 40],
    [97, 41],
    [40, 64],
    [41, 97],
    [130, 57],
  ])('%i × %i, Gaussian and with zero columns', (rows, cols) => {
    for (const a of [new TestRandom(rows * cols).gaussianMatrix(rows, cols), withZeros(rows, cols, rows + cols)]) {
      const fast = qr(a, rows, cols);
      const fastQ = orthogonalize(a, rows, cols);
      setWasmKernelsEnabled(false);
      const slow = qr(a, rows, cols);
      const slowQ = orthogonalize(a, rows, cols);
      setWasmKernelsEnabled(true);
      expect(bitIdentical(fast.q, slow.q)).toBe(true);
      expect(bitIdentical(fast.r, slow.r)).toBe(true);
      expect(bitIdentical(fastQ, slowQ)).toBe(true);
    }
  });
});
