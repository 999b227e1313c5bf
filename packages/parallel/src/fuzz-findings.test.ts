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
