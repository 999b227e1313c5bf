// Orthogonal's method 'svd' is opt-in (`enableSvd` from '@init/core/svd'). A worker thread has its
// own modules, so @init/parallel tells each fill task whether the calling thread enabled it, and the
// worker enables it too: an initializer that runs method 'svd' in a slice gives apply's values
// in workers exactly when apply works. This file must not enable the SVD before its first test.
import { InitTypeError, Orthogonal } from '@init/core';
import { enableSvd } from '@init/core/svd';
import { isSvdEnabled } from '@init/linalg';
import { afterAll, describe, expect, test } from 'vitest';
import { SlicedSvdOrthogonal } from './__fixtures__/sliced-svd.mjs';
import { applyParallel, fillParallel, terminateWorkers } from './index.js';

const setup = new URL('./__fixtures__/sliced-svd.mjs', import.meta.url);
const shape = [64, 40];
const options = { workers: 2, minElements: 0, setup };

afterAll(() => terminateWorkers());

describe("method 'svd' on worker threads", () => {
  test('before enableSvd(): the same InitTypeError as apply, from the calling thread', async () => {
    expect(isSvdEnabled()).toBe(false);
    const sliced = new SlicedSvdOrthogonal();
    expect(() => sliced.apply(shape)).toThrow(InitTypeError);
    await expect(applyParallel(sliced, shape, options)).rejects.toThrow(
      /^Orthogonal: method 'svd' must be enabled first: import \{ enableSvd \} from '@init\/core\/svd'/,
    );
    await expect(applyParallel(new Orthogonal({ method: 'svd', seed: 9 }), shape, options)).rejects.toThrow(
      InitTypeError,
    );
  });

  test('after enableSvd() on the calling thread: the workers enable it too, and the values equal apply', async () => {
    enableSvd();
    const sliced = new SlicedSvdOrthogonal();
    const expected = new Orthogonal({ method: 'svd', seed: 9 }).apply(shape).data;
    expect(sliced.apply(shape).data).toEqual(expected);
    const tensor = await applyParallel(sliced, shape, options);
    // Backed by shared memory: the workers filled it (the calling thread would not).
    expect(tensor.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(tensor.data.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    const out = new Float32Array(20 * 40);
    await fillParallel(sliced, out, [20, 40], { ...options, partitionInfo: { fullShape: shape, varOffset: [30, 0] } });
    expect(out).toEqual(expected.subarray(30 * 40, 50 * 40));
  });

  test('Orthogonal itself runs on the calling thread, with the same values', async () => {
    const initializer = new Orthogonal({ method: 'svd', seed: 9, gain: 2 });
    const tensor = await applyParallel(initializer, shape, options);
    expect(tensor.data).toEqual(initializer.apply(shape).data);
  });
});
