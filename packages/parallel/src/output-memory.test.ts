import * as core from '@init/core';
import type { DType, Initializer, TypedArray } from '@init/core';
import { InitRangeError, InitTypeError, SAMPLING_WORKSPACE_BYTES } from '@init/random';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, test } from 'vitest';
import { applyParallel, fillParallel, sharedArray, terminateWorkers } from './index.js';
import { inOutputMemory, outputMemoryOf } from './output-memory.js';

afterAll(() => terminateWorkers());

function bytes(array: TypedArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** The first element whose bytes differ, or −1 (toEqual on big arrays takes seconds). */
function firstDifference(actual: TypedArray, expected: TypedArray): number {
  expect(actual.constructor).toBe(expected.constructor);
  expect(actual.length).toBe(expected.length);
  const [a, b] = [bytes(actual), bytes(expected)];
  const first = a.findIndex((byte, index) => byte !== b[index]);
  return first < 0 ? -1 : Math.floor(first / actual.BYTES_PER_ELEMENT);
}

// Where the kernels keep a batch before copying it out (WASM_LAYOUT.output of @init/random), 64
// blocks of 256 float32: all zero after fills that stored every batch straight into the output.
const STAGING = 16384;
const STAGING_BYTES = 64 * 256 * 4;

const cases: Array<[string, Initializer, readonly number[], DType]> = [
  ['RandomUniform float32', new core.RandomUniform({ minval: -2, maxval: 3, seed: 7 }), [1024, 1300], 'float32'],
  [
    'RandomNormal float64',
    new core.RandomNormal({ mean: 1, stddev: 2, seed: 'layer/kernel' }),
    [7, 1000, 300],
    'float64',
  ],
  ['TruncatedNormal bfloat16', new core.TruncatedNormal({ seed: 11 }), [5, 300_001], 'bfloat16'],
  [
    'VarianceScaling truncated float16',
    new core.VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'truncated_normal', seed: 3 }),
    [3, 3, 640, 650],
    'float16',
  ],
];

describe('sharedArray', () => {
  test('an array of the dtype after one workspace per core, in a shared WebAssembly memory', () => {
    for (const [dtype, ArrayClass] of [
      ['float32', Float32Array],
      ['float64', Float64Array],
      ['bfloat16', Uint16Array],
      ['int32', Int32Array],
      ['bool', Uint8Array],
    ] as const) {
      const out = sharedArray(dtype, 1000);
      expect(out).toBeInstanceOf(ArrayClass);
      expect(out.length).toBe(1000);
      expect(out.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(out.byteOffset).toBe(availableParallelism() * SAMPLING_WORKSPACE_BYTES);
      expect(outputMemoryOf(out)?.workspaces).toBe(availableParallelism());
    }
    expect(sharedArray('float32', 0).length).toBe(0);
  });

  test('refuses an unknown dtype and a length that is not a size', () => {
    expect(() => sharedArray('float8' as DType, 4)).toThrow(InitTypeError);
    expect(() => sharedArray('float8' as DType, 4)).toThrow(/^sharedArray: dtype must be one of 'float32', /);
    for (const length of [-1, 1.5, Number.NaN, 2 ** 32 + 1, '4' as unknown as number]) {
      expect(() => sharedArray('float32', length)).toThrow(InitRangeError);
    }
    expect(() => sharedArray('float32', 2 ** 31)).toThrow(
      'sharedArray: length must be an integer from 0 to 4294967296 whose float32 elements take at most 4294967296 bytes. Received: 2147483648.',
    );
  });

  test('beyond what a WebAssembly memory holds there is none to make (sharedArray then uses a SharedArrayBuffer)', () => {
    expect(inOutputMemory('float32', 2 ** 30, 2)).toBeUndefined();
    expect(inOutputMemory('uint8', 2 ** 32 - 2 * SAMPLING_WORKSPACE_BYTES, 2)?.length).toBe(
      2 ** 32 - 2 * SAMPLING_WORKSPACE_BYTES,
    );
  });
});

describe('fills into a memory made for outputs', () => {
  for (const [name, initializer, shape, dtype] of cases) {
    test(`${name}: fillParallel into sharedArray equals fill, for 2–4 workers, as into a plain array`, async () => {
      const expected = initializer.apply(shape, dtype).data;
      for (const workers of [2, 3, 4]) {
        // The same into a plain array (a shared scratch, then one copy).
        const plain = new (expected.constructor as new (length: number) => TypedArray)(expected.length);
        await fillParallel(initializer, plain, shape, { dtype, workers, minElements: 0 });
        expect(firstDifference(plain, expected)).toBe(-1);
        // sharedArray has a workspace per core; a worker beyond them fills through its own memory.
        const out = sharedArray(dtype, expected.length);
        await fillParallel(initializer, out, shape, { dtype, workers, minElements: 0 });
        expect(firstDifference(out, expected)).toBe(-1);
      }
    });
  }

  test("the workers' kernels store whole blocks straight into the output, and nothing past it", async () => {
    const initializer = new core.RandomNormal({ seed: 5 });
    const shape = [2048, 1024];
    const out = sharedArray('float32', 2048 * 1024) as Float32Array;
    const memory = new Uint8Array(out.buffer);
    const end = out.byteOffset + out.byteLength;
    memory.fill(0x5a, end);
    await fillParallel(initializer, out, shape, { workers: 2 });
    expect(firstDifference(out, initializer.apply(shape).data)).toBe(-1);
    expect(memory.subarray(end).every((byte) => byte === 0x5a)).toBe(true);
    const workspaces = outputMemoryOf(out)!.workspaces;
    const used = Array.from({ length: workspaces }, (_, w) => w * SAMPLING_WORKSPACE_BYTES).filter((start) =>
      memory.subarray(start, start + STAGING).some((byte) => byte !== 0),
    );
    // A workspace a worker used holds its tables, and never a batch.
    expect(used.length).toBeGreaterThan(0);
    for (const start of used) {
      expect(memory.subarray(start + STAGING, start + STAGING + STAGING_BYTES).every((byte) => byte === 0)).toBe(true);
    }
  });

  test('a shard (partitionInfo) into sharedArray equals the slice of apply', async () => {
    const initializer = new core.RandomUniform({ seed: 9 });
    const fullShape = [512, 4096];
    const out = sharedArray('float32', 512 * 2048);
    await fillParallel(initializer, out, [512, 2048], {
      workers: 2,
      minElements: 0,
      partitionInfo: { fullShape, varOffset: [0, 1024] },
    });
    const full = initializer.apply(fullShape).data as Float32Array;
    const expected = new Float32Array(512 * 2048);
    for (let row = 0; row < 512; row++) expected.set(full.subarray(row * 4096 + 1024, row * 4096 + 3072), row * 2048);
    expect(firstDifference(out, expected)).toBe(-1);
  });

  test("applyParallel's data has a buffer of its own, as apply's", async () => {
    const initializer = new core.RandomUniform({ seed: 4 });
    const tensor = await applyParallel(initializer, [4096, 256], { workers: 2 });
    expect(tensor.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([tensor.data.byteOffset, tensor.data.buffer.byteLength]).toEqual([0, 4096 * 256 * 4]);
    expect(outputMemoryOf(tensor.data)).toBeUndefined();
    expect(firstDifference(tensor.data, initializer.apply([4096, 256]).data)).toBe(-1);
  });

  test('calls running at once into parts of one memory, from fresh workers, never share a workspace', async () => {
    const initializer = new core.RandomNormal({ seed: 12 });
    // Four calls of 2^20 elements (16 parts each): long enough for both workers to be inside one at once.
    const fullShape = [512, 8192];
    const expected = initializer.apply(fullShape).data as Float32Array;
    const out = sharedArray('float32', 512 * 8192) as Float32Array;
    const memory = outputMemoryOf(out)!;
    // More workers than workspaces: two of them make the same first choice (worker.js).
    const workers = memory.workspaces + 2;
    for (let round = 0; round < 3; round++) {
      // New workers each round, whose first choices follow one another from where the last round's stopped.
      await terminateWorkers();
      out.fill(0);
      await Promise.all(
        [0, 128, 256, 384].map((row) =>
          fillParallel(initializer, out.subarray(row * 8192, (row + 128) * 8192), [128, 8192], {
            workers,
            partitionInfo: { fullShape, varOffset: [row, 0] },
          }),
        ),
      );
      expect(firstDifference(out, expected), `round ${round}`).toBe(-1);
      // Every workspace is given back.
      expect(Array.from(memory.taken.subarray(0, memory.workspaces))).toEqual(new Array(memory.workspaces).fill(0));
    }
  });

  test("an array over the memory's workspaces is filled as any shared array, and its values are right", async () => {
    const initializer = new core.RandomNormal({ seed: 2 });
    const made = sharedArray('float32', 2 ** 20);
    const over = new Float32Array(made.buffer, 0, 2 ** 20);
    expect(outputMemoryOf(over)).toBeUndefined();
    await fillParallel(initializer, over, [2 ** 20], { workers: 2 });
    expect(firstDifference(over, initializer.apply([2 ** 20]).data)).toBe(-1);
  });
});
