import { describe, expect, test } from 'vitest';
import { createJsKernels } from './kernels.js';
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
