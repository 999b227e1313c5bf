// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/parallel: its
// options now go through the shared rules of the other packages.
import { runInNewContext } from 'node:vm';
import { RandomNormal } from '@init/core';
import { describe, expect, test } from 'vitest';
import { applyParallel, fillParallel } from './index.js';

describe('fuzz findings in @init/parallel', () => {
  const init = new RandomNormal({ seed: 1 });

  test('a misspelt option is an error naming the closest one, not silently ignored', async () => {
    await expect(applyParallel(init, [4], { worker: 2 } as never)).rejects.toThrow(
      /^applyParallel: worker must be a known option \(did you mean workers\?\)/,
    );
    await expect(fillParallel(init, new Float32Array(4), [4], { partitionInf: {} } as never)).rejects.toThrow(
      /^fillParallel: partitionInf must be a known option \(did you mean partitionInfo\?\)/,
    );
  });

  test('options that are not a plain object are refused; undefined, null-prototype and other-realm objects are read', async () => {
    for (const options of [null, [], new Date(0), 'x']) {
      await expect(applyParallel(init, [4], options as never)).rejects.toThrow(
        /^applyParallel: options must be a plain object/,
      );
    }
    const expected = Array.from(init.apply([4]).data);
    expect(Array.from((await applyParallel(init, [4])).data)).toEqual(expected);
    const foreign = runInNewContext('({ workers: 1 })') as object;
    expect(Array.from((await applyParallel(init, [4], foreign as never)).data)).toEqual(expected);
    const bare = Object.assign(Object.create(null) as object, { workers: 1 });
    expect(Array.from((await applyParallel(init, [4], bare as never)).data)).toEqual(expected);
  });

  test('each option is read once: dtype from a getter is read once and used', async () => {
    let reads = 0;
    const options = {
      get dtype() {
        reads++;
        return reads === 1 ? 'float64' : 'int32';
      },
    };
    const tensor = await applyParallel(init, [4], options as never);
    expect(reads).toBe(1);
    expect(tensor.dtype).toBe('float64');
  });
});

// Found by the fuzz suite's applyParallel/fillParallel entries (tooling/fuzz, test/parallel.fuzz.test.ts).
describe('fuzz findings in @init/parallel: workers, buffers, shapes and setup', () => {
  const init = new RandomNormal({ seed: 3 });

  test('a worker count beyond 1024 is refused before any thread starts (2^31 tried to start 2^31 threads)', async () => {
    for (const workers of [2 ** 31, 1025]) {
      await expect(applyParallel(init, [64], { workers, minElements: 0 })).rejects.toThrow(
        `applyParallel: workers must be an integer from 0 to 1024. Received: ${workers}.`,
      );
    }
  });

  test('an out that is not a typed array is our error naming out, not a raw TypeError', async () => {
    for (const out of [null, undefined, [0, 0, 0, 0], 'x']) {
      await expect(fillParallel(init, out as never, [4], { workers: 2, minElements: 0 })).rejects.toThrow(
        /^RandomNormal: out must /,
      );
    }
  });

  test("another realm's Float32Array is filled with float32 values by the workers (they were filled as uint8)", async () => {
    const out = runInNewContext('new Float32Array(4 * 1024)') as Float32Array;
    await fillParallel(init, out, [4, 1024], { workers: 2, minElements: 0 });
    expect(Array.from(out)).toEqual(Array.from(init.apply([4, 1024]).data));
  });

  test('dtype: null is refused, as apply refuses it, not read as the default', async () => {
    await expect(applyParallel(init, [4], { dtype: null } as never)).rejects.toThrow(/^RandomNormal: dtype must be /);
  });

  test('a shape element is read once (a getter cannot give the size check one shape and the fill another)', async () => {
    let reads = 0;
    const shape = [2, 0];
    Object.defineProperty(shape, 1, {
      get() {
        reads++;
        return reads === 1 ? 3 : 1024;
      },
    });
    const tensor = await applyParallel(init, shape, { workers: 1 });
    expect(reads).toBe(1);
    expect(tensor.shape).toEqual([2, 3]);
  });

  test('a setup module the workers cannot import is our error naming setup, and out is unchanged', async () => {
    const out = new Float32Array(new SharedArrayBuffer(4 * 2048)).fill(7);
    await expect(
      fillParallel(init, out, [2, 1024], { workers: 2, minElements: 0, setup: '/nowhere/at/all.mjs' }),
    ).rejects.toThrow(
      /^fillParallel: setup must name modules the workers can import \(file:\/\/\/nowhere\/at\/all\.mjs \(Cannot find module/,
    );
    expect(out.every((value) => value === 7)).toBe(true);
  });

  test('a class of your own that no setup module makes known to the workers is our error naming setup', async () => {
    class Unshared extends RandomNormal {
      static override readonly className = 'Unshared';
    }
    await expect(applyParallel(new Unshared({ seed: 1 }), [2, 1024], { workers: 2, minElements: 0 })).rejects.toThrow(
      /^applyParallel: setup must import a module that registers or exports the class "Unshared" in the workers/,
    );
  });
});
