import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { setWasmKernelsEnabled } from './householder.js';
import { orthogonalize } from './orthogonalize.js';
import { createOrthogonalizeTeam, runOrthogonalizeMember, type OrthogonalizeTask } from './team.js';
import { TestRandom } from './testing/gaussian.js';
import { bitIdentical } from './testing/matrix.js';

// Real threads: the members block on each other at barriers, so they cannot share one thread.
// The worker module is TypeScript, loaded through tsx's API as the tests are through Vitest.
const workerModule = new URL('./testing/team-worker.ts', import.meta.url).href;
const workers = Array.from(
  { length: 3 },
  () =>
    new Worker(
      `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(workerModule)}, ${JSON.stringify(import.meta.url)}));`,
      {
        eval: true,
      },
    ),
);
const ready = Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
beforeAll(async () => {
  expect(await ready).toEqual(['ready', 'ready', 'ready']);
}, 60_000);
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.terminate()));
});
afterEach(() => setWasmKernelsEnabled(true));

/** Runs a member on `worker`; with `source`, the member writes its parts of the input from there. */
function runMember(worker: Worker, task: OrthogonalizeTask, member: number, source?: Float64Array): Promise<string> {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage({ task, member, source });
  });
}

/** The input in shared memory, for members on other threads to copy their parts from. */
function shared(a: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(8 * a.length));
  copy.set(a);
  return copy;
}

/** An input function that copies the requested elements from `source`. */
function copyFrom(source: Float64Array): (out: Float64Array, start: number) => void {
  return (out, start) => out.set(source.subarray(start, start + out.length));
}

/**
 * A `createOrthogonalizeTeam(null, …)` job: members 1 … members − 1 on workers, member 0 here, each
 * writing its parts of the input from `a`; returns each member's answer ('done' or an error message).
 */
async function runInputTeam(
  a: Float64Array,
  rows: number,
  cols: number,
  members: number,
  reuse?: OrthogonalizeTask,
): Promise<{ job: ReturnType<typeof createOrthogonalizeTeam>; answers: string[] }> {
  const source = shared(a);
  const job = createOrthogonalizeTeam(null, rows, cols, members, { reuse });
  const others = workers.slice(0, members - 1).map((worker, index) => runMember(worker, job.task, index + 1, source));
  let own = 'done';
  try {
    runOrthogonalizeMember(job.task, 0, { input: copyFrom(source) });
  } catch (error) {
    own = (error as Error).message;
  }
  return { job, answers: [own, ...(await Promise.all(others))] };
}

/** Members 1 … members − 1 on workers, member 0 on this thread, as a caller would. */
async function runTeam(a: Float64Array, rows: number, cols: number, members: number): Promise<Float64Array> {
  const job = createOrthogonalizeTeam(a, rows, cols, members);
  const others = workers.slice(0, members - 1).map((worker, index) => runMember(worker, job.task, index + 1));
  runOrthogonalizeMember(job.task, 0);
  expect(await Promise.all(others)).toEqual(Array(members - 1).fill('done'));
  return job.result();
}

function gaussian(rows: number, cols: number, seed: number): Float64Array {
  const random = new TestRandom(seed);
  return Float64Array.from({ length: rows * cols }, () => random.normal());
}

describe('createOrthogonalizeTeam / runOrthogonalizeMember', () => {
  test.each([
    [1, 0, 0],
    [2, 0, 0],
    [2, 3, 5],
    [2, 40, 9],
    [3, 67, 67],
    [2, 131, 64],
    [4, 64, 131],
    [3, 200, 123],
    [2, 257, 256],
  ])('%i members, %i × %i: bit-identical to orthogonalize', async (members, rows, cols) => {
    const a = gaussian(rows, cols, rows * 1000 + cols);
    const expected = orthogonalize(a, rows, cols);
    const actual = await runTeam(a, rows, cols, members);
    expect(actual.length).toBe(rows * cols);
    expect(bitIdentical(actual, expected)).toBe(true);
  });

  test.each([
    ['a Float32Array', (a: Float64Array): Float32Array | Float64Array | number[] => Float32Array.from(a)],
    ['an array of numbers', (a: Float64Array): Float32Array | Float64Array | number[] => Array.from(a)],
    ['a matrix scaled by 2^-700 (range scaling)', (a: Float64Array) => a.map((x) => x * 2 ** -700)],
  ])('%s staged for the members: bit-identical to orthogonalize', async (_, convert) => {
    const input = convert(gaussian(75, 41, 11));
    const expected = orthogonalize(input, 75, 41);
    const job = createOrthogonalizeTeam(input, 75, 41, 2);
    const others = runMember(workers[0]!, job.task, 1);
    runOrthogonalizeMember(job.task, 0);
    expect(await others).toBe('done');
    expect(bitIdentical(job.result(), expected)).toBe(true);
  });

  test('with the JavaScript kernels too (a SharedArrayBuffer heap)', async () => {
    setWasmKernelsEnabled(false);
    const a = gaussian(90, 70, 7);
    const job = createOrthogonalizeTeam(a, 90, 70, 2);
    expect(job.task.wasm).toBe(false);
    expect(job.task.memory).toBeInstanceOf(SharedArrayBuffer);
    setWasmKernelsEnabled(true);
    const others = runMember(workers[0]!, job.task, 1);
    runOrthogonalizeMember(job.task, 0);
    expect(await others).toBe('done');
    expect(bitIdentical(job.result(), orthogonalize(a, 90, 70))).toBe(true);
  });

  test('reusing an earlier task’s memory (stale values in it) gives the same bits, tall and wide', async () => {
    let previous: OrthogonalizeTask | undefined;
    // A larger task first, then smaller ones of both shapes in the memory it leaves behind.
    for (const [rows, cols] of [
      [120, 100],
      [100, 60],
      [60, 100],
      [33, 97],
      [97, 33],
    ] as const) {
      const a = gaussian(rows, cols, rows + cols);
      const job = createOrthogonalizeTeam(a, rows, cols, 2, { reuse: previous });
      if (previous !== undefined) expect(job.task.memory).toBe(previous.memory);
      const others = runMember(workers[0]!, job.task, 1);
      runOrthogonalizeMember(job.task, 0);
      expect(await others).toBe('done');
      expect(bitIdentical(job.result(), orthogonalize(a, rows, cols))).toBe(true);
      previous = job.task;
    }
  });

  test('a memory too small or of the other kind is not reused', () => {
    // One 64 KiB page holds a 20 × 20 task; a 100 × 100 one needs three.
    const small = createOrthogonalizeTeam(gaussian(20, 20, 1), 20, 20, 2).task;
    expect(createOrthogonalizeTeam(gaussian(100, 100, 1), 100, 100, 2, { reuse: small }).task.memory).not.toBe(
      small.memory,
    );
    setWasmKernelsEnabled(false);
    const javascript = createOrthogonalizeTeam(gaussian(40, 40, 1), 40, 40, 2).task;
    setWasmKernelsEnabled(true);
    const wasm = createOrthogonalizeTeam(gaussian(30, 30, 1), 30, 30, 2, { reuse: javascript }).task;
    expect(wasm.wasm).toBe(true);
    expect(wasm.memory).not.toBe(javascript.memory);
  });

  test('uses the shared WebAssembly kernels where the engine has them (Node 20 does)', () => {
    expect(createOrthogonalizeTeam(gaussian(40, 40, 1), 40, 40, 2).task.wasm).toBe(true);
  });

  describe('the members write the input (a = null)', () => {
    test.each([
      [1, 0, 0],
      [2, 0, 5],
      [1, 40, 9],
      [2, 40, 9],
      [3, 67, 67],
      [2, 131, 64],
      [2, 17, 300],
      [4, 64, 131],
      [3, 200, 123],
      [2, 257, 256],
    ])('%i members, %i × %i: bit-identical to orthogonalize', async (members, rows, cols) => {
      const a = gaussian(rows, cols, rows * 1000 + cols);
      const { job, answers } = await runInputTeam(a, rows, cols, members);
      expect(job.task.memberInput).toBe(true);
      expect(answers).toEqual(Array(members).fill('done'));
      expect(job.result().length).toBe(rows * cols);
      expect(bitIdentical(job.result(), orthogonalize(a, rows, cols))).toBe(true);
    });

    test.each([
      ['tiny (scaled up by the members)', 2 ** -700],
      ['huge (scaled down by the members)', 2 ** 700],
    ])('a matrix %s: bit-identical to orthogonalize', async (_, factor) => {
      for (const [rows, cols] of [
        [75, 41],
        [41, 75],
      ] as const) {
        const a = gaussian(rows, cols, 11).map((x) => x * factor);
        const { job, answers } = await runInputTeam(a, rows, cols, 2);
        expect(answers).toEqual(['done', 'done']);
        expect(bitIdentical(job.result(), orthogonalize(a, rows, cols))).toBe(true);
      }
    });

    test('with the JavaScript kernels too', async () => {
      setWasmKernelsEnabled(false);
      const a = gaussian(90, 70, 7);
      const source = shared(a);
      const job = createOrthogonalizeTeam(null, 90, 70, 2);
      expect(job.task.wasm).toBe(false);
      setWasmKernelsEnabled(true);
      const others = runMember(workers[0]!, job.task, 1, source);
      runOrthogonalizeMember(job.task, 0, { input: copyFrom(source) });
      expect(await others).toBe('done');
      expect(bitIdentical(job.result(), orthogonalize(a, 90, 70))).toBe(true);
    });

    test('in an earlier task’s memory (stale values in Q), tall and wide, after copied jobs too', async () => {
      let previous: OrthogonalizeTask | undefined;
      for (const [rows, cols, copied] of [
        [120, 100, true],
        [100, 60, false],
        [60, 100, false],
        [97, 33, true],
        [33, 97, false],
        [97, 33, false],
      ] as const) {
        const a = gaussian(rows, cols, rows + 3 * cols);
        let job: ReturnType<typeof createOrthogonalizeTeam>;
        if (copied) {
          job = createOrthogonalizeTeam(a, rows, cols, 2, { reuse: previous });
          const others = runMember(workers[0]!, job.task, 1);
          runOrthogonalizeMember(job.task, 0);
          expect(await others).toBe('done');
        } else {
          const run = await runInputTeam(a, rows, cols, 2, previous);
          expect(run.answers).toEqual(['done', 'done']);
          job = run.job;
          expect(job.task.reused).toBe(true);
          expect(job.task.memory).toBe(previous?.memory);
        }
        expect(bitIdentical(job.result(), orthogonalize(a, rows, cols))).toBe(true);
        previous = job.task;
      }
    });

    test('a value that is not finite stops every member with a RangeError naming the element', async () => {
      for (const [rows, cols] of [
        [50, 40],
        [40, 50],
      ] as const) {
        const a = gaussian(rows, cols, 5);
        a[1234] = Number.NaN;
        const { answers } = await runInputTeam(a, rows, cols, 2);
        // The member that wrote it names it; the other stops at the next barrier.
        expect(answers).toContain('runOrthogonalizeMember: input element 1234 must be a finite number. Received: NaN.');
        for (const answer of answers) expect(answer).toMatch(/finite number|another member of the team failed/);
      }
    });

    test('input must be given exactly for such a job', () => {
      const job = createOrthogonalizeTeam(null, 3, 3, 1);
      expect(() => runOrthogonalizeMember(job.task, 0)).toThrow(
        'runOrthogonalizeMember: options.input must be a function (the job was created with a = null: the members write the input). Received: undefined.',
      );
      const copied = createOrthogonalizeTeam([1, 2, 3, 4], 2, 2, 1);
      expect(() => runOrthogonalizeMember(copied.task, 0, { input: () => undefined })).toThrow(
        'runOrthogonalizeMember: options.input must be undefined (the job was created with the input).',
      );
      expect(() => runOrthogonalizeMember(copied.task, 0, { inputs: 1 } as never)).toThrow(TypeError);
      expect(() => createOrthogonalizeTeam(null, -1, 3, 1)).toThrow(RangeError);
      expect(() => createOrthogonalizeTeam(null, 3, '3' as never, 1)).toThrow(TypeError);
    });
  });

  describe('options.output: the members write the scaled result into the caller’s shared array', () => {
    test.each([
      [2, 131, 64, 'float32', 1, false],
      [2, 64, 131, 'float64', -2.5, true],
      [3, 67, 67, 'float32', 0.1, true],
      [1, 40, 9, 'float64', 3, false],
      [2, 257, 256, 'float32', -1, true],
      [2, 9, 40, 'float32', 1.7, false],
    ] as const)(
      '%i members, %i × %i into %s times %d (members write the input: %s)',
      async (members, rows, cols, dtype, scale, memberInput) => {
        const a = gaussian(rows, cols, rows + 7 * cols);
        // 8 bytes in, so that the view does not start at the buffer's start.
        const output =
          dtype === 'float32'
            ? new Float32Array(new SharedArrayBuffer(4 * (rows * cols + 2)), 8, rows * cols)
            : new Float64Array(new SharedArrayBuffer(8 * (rows * cols + 1)), 8, rows * cols);
        const source = shared(a);
        const job = createOrthogonalizeTeam(memberInput ? null : a, rows, cols, members, {
          output,
          outputScale: scale,
        });
        const others = workers
          .slice(0, members - 1)
          .map((worker, index) => runMember(worker, job.task, index + 1, memberInput ? source : undefined));
        runOrthogonalizeMember(job.task, 0, memberInput ? { input: copyFrom(source) } : undefined);
        expect(await Promise.all(others)).toEqual(Array(members - 1).fill('done'));
        const scaled = orthogonalize(a, rows, cols).map((x) => scale * x);
        const expected = dtype === 'float32' ? Float32Array.from(scaled) : scaled;
        expect(bitIdentical(Float64Array.from(output), Float64Array.from(expected))).toBe(true);
        expect(() => job.result()).toThrow('createOrthogonalizeTeam: the result is in options.output');
      },
    );

    test('in an earlier task’s memory, after a job without output', async () => {
      const a = gaussian(120, 100, 3);
      const first = createOrthogonalizeTeam(a, 120, 100, 2);
      const firstDone = runMember(workers[0]!, first.task, 1);
      runOrthogonalizeMember(first.task, 0);
      expect(await firstDone).toBe('done');
      const b = gaussian(100, 90, 4);
      const output = new Float32Array(new SharedArrayBuffer(4 * 9000));
      const job = createOrthogonalizeTeam(b, 100, 90, 2, { reuse: first.task, output, outputScale: 2 });
      expect(job.task.memory).toBe(first.task.memory);
      const done = runMember(workers[0]!, job.task, 1);
      runOrthogonalizeMember(job.task, 0);
      expect(await done).toBe('done');
      expect(output).toEqual(Float32Array.from(orthogonalize(b, 100, 90), (x) => 2 * x));
    });

    // Regression: a Float32Array made in another realm (vm, an iframe) was taken for a Float64Array.
    test('a Float32Array of another realm is written as float32', () => {
      const a = gaussian(30, 20, 5);
      const buffer = new SharedArrayBuffer(4 * 600);
      const output = runInNewContext('new Float32Array(buffer)', { buffer }) as Float32Array;
      const job = createOrthogonalizeTeam(a, 30, 20, 1, { output, outputScale: 3 });
      runOrthogonalizeMember(job.task, 0);
      expect(new Float32Array(buffer)).toEqual(Float32Array.from(orthogonalize(a, 30, 20), (x) => 3 * x));
    });

    test('bad outputs are refused', () => {
      const a = [1, 2, 3, 4];
      const shared4 = new Float32Array(new SharedArrayBuffer(16));
      expect(() => createOrthogonalizeTeam(a, 2, 2, 1, { output: new Float32Array(4) })).toThrow(
        'createOrthogonalizeTeam: options.output must be a Float64Array or a Float32Array on a SharedArrayBuffer. Received: a Float32Array of length 4.',
      );
      expect(() =>
        createOrthogonalizeTeam(a, 2, 2, 1, { output: new Int32Array(new SharedArrayBuffer(16)) as never }),
      ).toThrow(TypeError);
      expect(() => createOrthogonalizeTeam(a, 2, 2, 1, { output: shared4.subarray(1) })).toThrow(
        'createOrthogonalizeTeam: options.output must have rows × cols = 2 × 2 = 4 elements. Received: a Float32Array of length 3.',
      );
      expect(() => createOrthogonalizeTeam(a, 2, 2, 1, { output: shared4, outputScale: Number.NaN })).toThrow(
        'createOrthogonalizeTeam: options.outputScale must be a finite number. Received: NaN.',
      );
      expect(() => createOrthogonalizeTeam(a, 2, 2, 1, { output: shared4, outputScale: '2' as never })).toThrow(
        TypeError,
      );
      expect(() => createOrthogonalizeTeam(a, 2, 2, 1, { outputScale: 2 })).toThrow(
        'createOrthogonalizeTeam: options.outputScale must be given only with options.output. Received: 2.',
      );
    });
  });

  test('bad arguments are refused as orthogonalize refuses them', () => {
    expect(() => createOrthogonalizeTeam([1, 2, 3], 2, 2, 2)).toThrow(RangeError);
    expect(() => createOrthogonalizeTeam([1, Number.NaN, 3, 4], 2, 2, 2)).toThrow('a[1] must be a finite number');
    expect(() => createOrthogonalizeTeam([1, 2, 3, 4], 2, 2, 0)).toThrow(
      'createOrthogonalizeTeam: members must be a positive safe integer. Received: 0.',
    );
    const job = createOrthogonalizeTeam([1, 2, 3, 4], 2, 2, 2);
    expect(() => runOrthogonalizeMember(job.task, 2)).toThrow('member must be an integer in [0, 2). Received: 2.');
    expect(() => createOrthogonalizeTeam([1, 2, 3, 4], 2, 2, 2, { reuse: new SharedArrayBuffer(64) as never })).toThrow(
      'createOrthogonalizeTeam: options.reuse must be the task of an earlier job or undefined.',
    );
    expect(() => createOrthogonalizeTeam([1, 2, 3, 4], 2, 2, 2, { reused: job.task } as never)).toThrow(TypeError);
  });
});
