import * as core from '@init/core';
import type { DType, Initializer, TypedArray } from '@init/core';
import { enableSvd } from '@init/core/svd';
import type { OrthogonalizeTask } from '@init/linalg';
import { setGlobalSeed } from '@init/random';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HalfOffset, ThreadMarker, ThreadMeeting } from './__fixtures__/thread-marker.mjs';
import { applyParallel, fillParallel, terminateWorkers } from './index.js';
import { teamWorthIt, withTeamOrthogonalized } from './orthogonal.js';
import { nodePlatform } from './node.js';
import { type WorkerPool, workerPool } from './pool.js';
import { blocksOfRange } from './blocks.js';
import runTask from './worker.js';
import type { MatrixSource } from './task.js';

const setup = new URL('./__fixtures__/thread-marker.mjs', import.meta.url);

// Method 'svd' is opt-in; svd.test.ts covers the workers before and after enableSvd().
beforeAll(() => enableSvd());
afterAll(() => terminateWorkers());

function bytes(array: TypedArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

// Byte equality, reported as the first differing element (toEqual on big arrays takes seconds).
function expectSameBytes(actual: TypedArray, expected: TypedArray): void {
  expect(actual.constructor).toBe(expected.constructor);
  expect(actual.length).toBe(expected.length);
  const [a, b] = [bytes(actual), bytes(expected)];
  const first = a.findIndex((byte, index) => byte !== b[index]);
  const element = first < 0 ? -1 : Math.floor(first / actual.BYTES_PER_ELEMENT);
  expect({ element, actual: actual[element], expected: expected[element] }).toEqual({
    element: -1,
    actual: undefined,
    expected: undefined,
  });
}

const cases: Array<[string, Initializer, readonly number[], DType]> = [
  ['RandomUniform float32', new core.RandomUniform({ minval: -2, maxval: 3, seed: 7 }), [301, 257], 'float32'],
  [
    'RandomNormal float64',
    new core.RandomNormal({ mean: 1, stddev: 2, seed: 'layer/kernel' }),
    [7, 1000, 3],
    'float64',
  ],
  ['TruncatedNormal bfloat16', new core.TruncatedNormal({ seed: 11 }), [5, 9001], 'bfloat16'],
  [
    'VarianceScaling truncated float16',
    new core.VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'truncated_normal', seed: 3 }),
    [3, 3, 64, 65],
    'float16',
  ],
  [
    'VarianceScaling uniform float32',
    new core.VarianceScaling({ distribution: 'uniform', seed: 3 }),
    [40_000],
    'float32',
  ],
  ['UniformUnitScaling float32', new core.UniformUnitScaling({ factor: 1.43, seed: 5 }), [123, 456], 'float32'],
  ['Identity float32', new core.Identity({ gain: 2 }), [300, 200], 'float32'],
  ['Constant float32', new core.Constant({ value: [1, 2, 3, 4, 5] }), [100, 101], 'float32'],
  ['Zeros int32', new core.Zeros(), [256, 300], 'int32'],
];

describe.each([2, 3])('applyParallel with %i workers', (workers) => {
  test.each(cases)('%s equals apply bit for bit', async (_, initializer, shape, dtype) => {
    const parallel = await applyParallel(initializer, shape, { dtype, workers, minElements: 0 });
    const reference = initializer.apply(shape, dtype);
    expect(parallel.shape).toEqual(shape);
    expect(parallel.dtype).toBe(dtype);
    expect(parallel.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expectSameBytes(parallel.data, reference.data);
  });
});

describe('the work runs on worker threads', () => {
  test('a class registered by a setup module fills from several threads (never the calling one)', async () => {
    // Each worker's first part waits until the other has marked one (ThreadMeeting).
    const tensor = await applyParallel(new ThreadMeeting(), [64, 1024], { workers: 2, minElements: 0, setup });
    const threads = new Set(tensor.data);
    expect(threads.has(0)).toBe(false);
    expect(threads.size).toBe(2);
  });

  test('a worker fills the parts it claims from the shared counter, until none is left', async () => {
    const initializer = new core.RandomNormal({ seed: 4 });
    const shape = [10, 300];
    const out = new Float32Array(new SharedArrayBuffer(4 * 3000));
    const ranges = [
      [0, 1024],
      [1024, 2048],
      [2048, 3000],
    ] as const;
    const claims = new Int32Array(new SharedArrayBuffer(8));
    claims[0] = 1; // another worker has taken part 0…
    claims[1] = 1; // …and written it
    // The calling thread's wait for the count of written parts: woken once, after the last part.
    const woken = (
      Atomics as unknown as {
        waitAsync(array: Int32Array, index: number, value: number, timeout: number): { value: Promise<string> };
      }
    ).waitAsync(claims, 1, 1, 30_000);
    const written = await runTask({
      config: JSON.stringify(core.serialize(initializer)),
      setup: [],
      svd: false,
      dtype: 'float32',
      buffer: out.buffer,
      byteOffset: 0,
      length: out.length,
      fullShape: shape,
      offset: [0, 0],
      parts: ranges.map(([start, end]) => blocksOfRange(shape, start, end)),
      claims,
    });
    expect(written).toBe(3000 - 1024);
    expect(claims[0]).toBe(4); // parts 1 and 2, then one claim that found nothing left
    expect(claims[1]).toBe(3); // every part written
    expect(await woken.value).toBe('ok');
    expect(out.subarray(0, 1024).every((value) => value === 0)).toBe(true);
    expectSameBytes(out.subarray(1024), initializer.apply(shape).data.subarray(1024));
  });

  test("a setup module's exported classes are found without registration", async () => {
    const tensor = await applyParallel(new HalfOffset(), [37, 29, 11], { workers: 3, minElements: 0, setup: [setup] });
    expectSameBytes(tensor.data, new HalfOffset().apply([37, 29, 11]).data);
  });

  test.each([
    [[64, 64], false],
    [[512, 1023], false],
    [[1024, 1024], true],
  ])('default threshold (2^20 elements): %o goes to the workers: %s', async (shape, workers) => {
    const tensor = await applyParallel(new ThreadMarker(), shape, { workers: 2, setup });
    expect(new Set(tensor.data).has(0)).toBe(!workers);
    expect(tensor.data.buffer instanceof SharedArrayBuffer).toBe(workers);
  });

  test('one worker means the calling thread', async () => {
    const tensor = await applyParallel(new ThreadMarker(), [64, 1024], { workers: 1, minElements: 0, setup });
    expect(new Set(tensor.data)).toEqual(new Set([0]));
  });
});

describe('calling-thread rules', () => {
  test.each([
    ['a small Orthogonal (the QR of the whole matrix)', new core.Orthogonal({ seed: 4 }), [64, 48]],
    ["Orthogonal method 'svd'", new core.Orthogonal({ seed: 4, method: 'svd' }), [300, 260]],
    ["engine 'tfjs' (a sequential stream)", new core.RandomNormal({ seed: 4, engine: 'tfjs' }), [64, 48]],
  ] as const)('%s: values equal apply', async (_, initializer, shape) => {
    const tensor = await applyParallel(initializer, shape, { workers: 2, minElements: 0 });
    expectSameBytes(tensor.data, initializer.apply(shape).data);
  });

  test('an unseeded initializer draws one key per call, as apply does (setGlobalSeed sequences match)', async () => {
    const initializer = new core.RandomNormal();
    setGlobalSeed(99);
    const first = initializer.apply([50, 100]);
    const second = initializer.apply([50, 100]);
    setGlobalSeed(99);
    const parallelFirst = await applyParallel(initializer, [50, 100], { workers: 2, minElements: 0 });
    const parallelSecond = await applyParallel(initializer, [50, 100], { workers: 2, minElements: 0 });
    expectSameBytes(parallelFirst.data, first.data);
    expectSameBytes(parallelSecond.data, second.data);
  });
});

describe('Orthogonal: the workers share the QR', () => {
  /** A two-worker pool that records what each team member is sent to draw the matrix from. */
  async function spiedPool(): Promise<{ spy: WorkerPool; sources: unknown[] }> {
    const pool = (await workerPool(nodePlatform, 2))!;
    const sources: unknown[] = [];
    const spy = {
      ...pool,
      runMember: (task: OrthogonalizeTask, member: number, source?: MatrixSource) => {
        sources.push(source);
        return pool.runMember(task, member, source);
      },
    };
    return { spy, sources };
  }

  test.each([
    [{ seed: 4 }, [300, 260], 'float32'],
    [{ seed: 'w', gain: 2, layout: 'torch' as const }, [64, 32, 7, 7], 'float64'],
    [{ seed: 8, columnAxis: 0 }, [100, 30, 30], 'bfloat16'],
  ] as const)('%o on %o as %s: equals apply', async (options, shape, dtype) => {
    const initializer = new core.Orthogonal(options);
    const tensor = await applyParallel(initializer, shape, { workers: 2, dtype });
    expectSameBytes(tensor.data, initializer.apply(shape, dtype).data);
  });

  test('a team of two workers computes the matrix (not the calling thread)', async () => {
    const pool = await workerPool(nodePlatform, 2);
    const initializer = new core.Orthogonal({ seed: 5 });
    const shape = [257, 256];
    const tensor = await withTeamOrthogonalized(pool!, initializer, shape, () => initializer.apply(shape));
    expectSameBytes(tensor.data, initializer.apply(shape).data);
    expect(teamWorthIt(initializer, shape)).toBe(true);
    expect(teamWorthIt(new core.Orthogonal({ method: 'svd' }), shape)).toBe(false);
  });

  test('calls in a row reuse the team memory (stale values in it) and still equal apply', async () => {
    const pool = await workerPool(nodePlatform, 2);
    const initializer = new core.Orthogonal({ seed: 9 });
    // Tall, wide and smaller after larger: each runs in the memory the one before it left.
    for (const shape of [
      [400, 300],
      [300, 400],
      [256, 256],
      [280, 300],
    ]) {
      const tensor = await withTeamOrthogonalized(pool!, initializer, shape, () => initializer.apply(shape));
      expectSameBytes(tensor.data, initializer.apply(shape).data);
    }
    // Concurrent calls each get their own memory.
    const [a, b] = await Promise.all([
      applyParallel(initializer, [300, 300], { workers: 2 }),
      applyParallel(initializer, [320, 300], { workers: 2 }),
    ]);
    expectSameBytes(a.data, initializer.apply([300, 300]).data);
    expectSameBytes(b.data, initializer.apply([320, 300]).data);
  });

  test('a shard through fillParallel equals the slice of apply', async () => {
    const initializer = new core.Orthogonal({ seed: 6 });
    const fullShape = [300, 280];
    const out = new Float32Array(100 * 280);
    const partitionInfo = { fullShape, varOffset: [150, 0] };
    await fillParallel(initializer, out, [100, 280], { workers: 2, partitionInfo });
    expectSameBytes(out, initializer.apply([100, 280], 'float32', partitionInfo).data);
  });

  test.each([
    [{ seed: 4 }, [300, 260], 'float32'],
    [{ seed: 4 }, [260, 300], 'float64'],
    [{ seed: 'k', gain: 1.5 }, [7, 40, 301], 'float32'],
    [{ seed: 2, gain: -2, columnAxis: 1 }, [30, 256, 9], 'float64'],
    [{ seed: 3, layout: 'torch' as const }, [32, 16, 5, 5], 'float32'],
    [{ seed: 12 }, [256, 256], 'float16'],
  ] as const)('the members draw the matrix themselves: %o on %o as %s equals apply', async (options, shape, dtype) => {
    const { spy, sources } = await spiedPool();
    const initializer = new core.Orthogonal(options);
    const tensor = await withTeamOrthogonalized(spy, initializer, shape, () => initializer.apply(shape, dtype));
    expectSameBytes(tensor.data, initializer.apply(shape, dtype).data);
    expect(sources).toEqual([
      { config: JSON.stringify(core.serialize(initializer)), fullShape: shape },
      { config: JSON.stringify(core.serialize(initializer)), fullShape: shape },
    ]);
  });

  test.each([
    [{ seed: 4 }, [300, 260], 'float32', true],
    [{ seed: 4, gain: -1.5 }, [260, 300], 'float64', true],
    [{ seed: 'k', gain: 0.3 }, [7, 40, 301], 'float32', true],
    [{ seed: 2, gain: 2, columnAxis: 2 }, [30, 9, 256], 'float64', true],
    [{ seed: 3, gain: 1.1, layout: 'torch' as const }, [64, 16, 9, 9], 'float32', true],
    [{ seed: 2, gain: -2, columnAxis: 1 }, [30, 256, 9], 'float32', false],
    [{ seed: 12, gain: 3 }, [256, 256], 'bfloat16', false],
  ] as const)(
    'applyParallel %o on %o as %s: equals apply (the members write the tensor: %s)',
    async (options, shape, dtype, direct) => {
      const initializer = new core.Orthogonal(options);
      const tensor = await applyParallel(initializer, shape, { workers: 2, dtype });
      const expected = initializer.apply(shape, dtype);
      expectSameBytes(tensor.data, expected.data);
      expect(tensor.shape).toEqual(expected.shape);
      expect(tensor.dtype).toBe(dtype);
      // Written by the members into shared memory, or copied out by apply on this thread.
      expect(tensor.data.buffer instanceof SharedArrayBuffer).toBe(direct);
    },
  );

  test('a subclass of Orthogonal draws on the calling thread (the workers may not know it)', async () => {
    class Scaled extends core.Orthogonal {
      static override readonly className = 'ScaledOrthogonalForTest';
    }
    const { spy, sources } = await spiedPool();
    const initializer = new Scaled({ seed: 3, gain: 3 });
    const shape = [300, 270];
    const tensor = await withTeamOrthogonalized(spy, initializer, shape, () => initializer.apply(shape));
    expectSameBytes(tensor.data, initializer.apply(shape).data);
    expect(sources).toEqual([undefined, undefined]);
    // And then the class itself again, in the memory the subclass's team left.
    const plain = new core.Orthogonal({ seed: 3, gain: 3 });
    const again = await withTeamOrthogonalized(spy, plain, shape, () => plain.apply(shape));
    expectSameBytes(again.data, tensor.data);
  });

  test('unseeded: one key per call, as apply draws it', async () => {
    const initializer = new core.Orthogonal();
    setGlobalSeed(7);
    const first = initializer.apply([300, 256]);
    setGlobalSeed(7);
    const parallel = await applyParallel(initializer, [300, 256], { workers: 2 });
    expectSameBytes(parallel.data, first.data);
  });
});

describe('fillParallel', () => {
  const initializer = new core.VarianceScaling({ scale: 2, distribution: 'truncated_normal', seed: 21 });
  const fullShape = [96, 80, 3];
  const full = initializer.apply(fullShape);
  const shard = { shape: [40, 50, 3], varOffset: [30, 17, 0] };
  const expected = initializer.apply(shard.shape, 'float32', { fullShape, varOffset: shard.varOffset });

  test('a partition shard into a plain (non-shared) buffer equals the slice of apply', async () => {
    const out = new Float32Array(40 * 50 * 3);
    await fillParallel(initializer, out, shard.shape, {
      workers: 2,
      minElements: 0,
      partitionInfo: { fullShape, varOffset: shard.varOffset },
    });
    expectSameBytes(out, expected.data);
    expect(out[0]).toBe(full.data[(30 * 80 + 17) * 3]);
  });

  test('a shard into shared memory, written in place', async () => {
    const out = new Float32Array(new SharedArrayBuffer(4 * (40 * 50 * 3 + 8)), 16, 40 * 50 * 3);
    await fillParallel(initializer, out, shard.shape, {
      workers: 3,
      minElements: 0,
      partitionInfo: { fullShape, varOffset: shard.varOffset },
    });
    expectSameBytes(out, expected.data);
  });

  test('the dtype follows out, as fill does', async () => {
    const out = new Float64Array(96 * 80 * 3);
    await fillParallel(initializer, out, fullShape, { workers: 2, minElements: 0 });
    expectSameBytes(out, initializer.fill(new Float64Array(out.length), fullShape));
  });
});

describe('errors are those of apply and fill', () => {
  const normal = new core.RandomNormal({ seed: 1 });
  test.each([
    [
      'an int dtype for a float-only class',
      () => applyParallel(normal, [1000, 1000], { dtype: 'int32', minElements: 0, workers: 2 }),
      () => normal.apply([1000, 1000], 'int32'),
    ],
    [
      'a negative dim',
      () => applyParallel(normal, [-1, 4], { minElements: 0, workers: 2 }),
      () => normal.apply([-1, 4]),
    ],
    [
      'a wrong out length',
      () => fillParallel(normal, new Float32Array(10), [4, 4], { minElements: 0, workers: 2 }),
      () => normal.fill(new Float32Array(10), [4, 4]),
    ],
    [
      'a shard outside the full shape',
      () =>
        fillParallel(normal, new Float32Array(16), [4, 4], {
          minElements: 0,
          workers: 2,
          partitionInfo: { fullShape: [4, 6], varOffset: [1, 0] },
        }),
      () => normal.fill(new Float32Array(16), [4, 4], { partitionInfo: { fullShape: [4, 6], varOffset: [1, 0] } }),
    ],
    [
      'an ambiguous Uint16Array',
      () => fillParallel(normal, new Uint16Array(16), [4, 4], { minElements: 0, workers: 2 }),
      () => normal.fill(new Uint16Array(16), [4, 4]),
    ],
  ] as const)('%s', async (_, parallel, sequential) => {
    expect(sequential).toThrow();
    let caught: unknown;
    try {
      sequential();
    } catch (error) {
      caught = error;
    }
    await expect(parallel()).rejects.toThrow((caught as Error).message);
    await expect(parallel()).rejects.toBeInstanceOf((caught as Error).constructor);
  });

  test.each([
    [{ workers: -1 }, 'applyParallel: workers must be an integer from 0 to 1024. Received: -1.'],
    [{ workers: 1.5 }, 'applyParallel: workers must be an integer from 0 to 1024. Received: 1.5.'],
    [{ minElements: Number.NaN }, 'applyParallel: minElements must be a non-negative integer. Received: NaN.'],
    [{ setup: 3 }, 'applyParallel: setup must be a module URL or path, or an array of them. Received: 3.'],
  ])('options %j are refused', async (options, message) => {
    await expect(applyParallel(normal, [4], options as never)).rejects.toThrow(message);
  });
});
