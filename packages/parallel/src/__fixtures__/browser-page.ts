/// <reference lib="dom" />
// The page the Chromium test loads (test/browser.test.ts bundles it with esbuild for the browser, as
// an application's bundler would: `@init/parallel` resolves through its `browser` export condition).
// It runs every check in the page and leaves the outcome on `window.outcome` for the test to read.
import {
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  type DType,
  type Initializer,
  type TypedArray,
} from '@init/core';
import { applyParallel, fillParallel, sharedArray, terminateWorkers } from '@init/parallel';

interface Check {
  readonly name: string;
  readonly identical: boolean;
  /** Tasks posted to workers during the check. */
  readonly posted: number;
  readonly buffer?: string;
}

// Count the messages posted to workers, so the test can tell the workers worked.
let posted = 0;
const workerPost = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
  posted++;
  return workerPost.apply(this, args as never);
} as Worker['postMessage'];

function sameBytes(a: TypedArray, b: TypedArray): boolean {
  if (a.constructor !== b.constructor || a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return x.every((byte, index) => byte === y[index]);
}

async function check(name: string, run: () => Promise<TypedArray>, expected: () => TypedArray): Promise<Check> {
  const before = posted;
  const actual = await run();
  return {
    name,
    identical: sameBytes(actual, expected()),
    posted: posted - before,
    buffer: actual.buffer.constructor.name,
  };
}

async function run(): Promise<unknown> {
  const checks: Check[] = [];
  const cases: Array<[string, Initializer, readonly number[], DType]> = [
    ['RandomUniform float32', new RandomUniform({ minval: -2, maxval: 3, seed: 7 }), [301, 257], 'float32'],
    ['RandomNormal float64', new RandomNormal({ mean: 1, stddev: 2, seed: 'layer/kernel' }), [7, 1000, 3], 'float64'],
    ['TruncatedNormal bfloat16', new TruncatedNormal({ seed: 11 }), [5, 9001], 'bfloat16'],
    ['VarianceScaling float16', new VarianceScaling({ scale: 2, seed: 3 }), [3, 3, 64, 65], 'float16'],
  ];
  for (const workers of [2, 3]) {
    for (const [label, initializer, shape, dtype] of cases) {
      checks.push(
        await check(
          `applyParallel ${label}, ${workers} workers`,
          async () => (await applyParallel(initializer, shape, { dtype, workers, minElements: 0 })).data,
          () => initializer.apply(shape, dtype).data,
        ),
      );
    }
  }
  const initializer = new VarianceScaling({ scale: 2, distribution: 'truncated_normal', seed: 21 });
  const fullShape = [96, 80, 3];
  const partitionInfo = { fullShape, varOffset: [30, 17, 0] };
  checks.push(
    await check(
      'fillParallel of a shard into a plain buffer',
      async () => {
        const out = new Float32Array(40 * 50 * 3);
        await fillParallel(initializer, out, [40, 50, 3], { workers: 2, minElements: 0, partitionInfo });
        return out;
      },
      () => initializer.apply([40, 50, 3], 'float32', partitionInfo).data,
    ),
  );
  if (crossOriginIsolated) {
    checks.push(
      await check(
        'fillParallel of a shard into shared memory',
        async () => {
          const out = new Float32Array(new SharedArrayBuffer(4 * 40 * 50 * 3));
          await fillParallel(initializer, out, [40, 50, 3], { workers: 2, minElements: 0, partitionInfo });
          return out;
        },
        () => initializer.apply([40, 50, 3], 'float32', partitionInfo).data,
      ),
    );
  }
  const uniform = new RandomUniform({ seed: 8 });
  checks.push(
    await check(
      'fillParallel into sharedArray',
      async () => {
        const out = sharedArray('float32', 300 * 1024);
        await fillParallel(uniform, out, [300, 1024], { workers: 2, minElements: 0 });
        return out;
      },
      () => uniform.apply([300, 1024]).data,
    ),
  );
  const orthogonal = new Orthogonal({ seed: 4 });
  checks.push(
    await check(
      'Orthogonal [300, 260]',
      async () => (await applyParallel(orthogonal, [300, 260], { workers: 2 })).data,
      () => orthogonal.apply([300, 260]).data,
    ),
  );
  const normal = new RandomNormal({ seed: 5 });
  checks.push(
    await check(
      'a small tensor (default threshold)',
      async () => (await applyParallel(normal, [64, 64], { workers: 2 })).data,
      () => normal.apply([64, 64]).data,
    ),
  );
  let error = '';
  try {
    await applyParallel(normal, [1000, 1000], { dtype: 'int32', workers: 2, minElements: 0 });
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  await terminateWorkers();
  return { crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, checks, error };
}

declare global {
  interface Window {
    outcome?: unknown;
  }
}

run().then(
  (outcome) => {
    window.outcome = outcome;
  },
  (error: unknown) => {
    window.outcome = { failed: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error) };
  },
);
