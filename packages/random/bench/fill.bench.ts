/**
 * `pnpm bench`: ns per element of every fill at float32, n = 2^24, beside TensorFlow.js 4.22's
 * randomUniform / randomNormal / truncatedNormal (create, dataSync(), dispose() — never inside
 * tf.tidy, whose walk of the returned array costs about 1 µs per element) and the Float32Array.fill
 * floor, all in one run, with the targets of the README's Benchmark section. Runs against the built dist/ (turbo builds it
 * first; by hand: `pnpm build && pnpm bench`). Every task checks its output so the work cannot be
 * optimized away.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Bench } from 'tinybench';

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(distEntry)) {
  process.stderr.write('bench: dist/index.js is missing; run `pnpm build` first.\n');
  process.exit(1);
}
const random = (await import(distEntry)) as typeof import('../src/index.js');

const n = 2 ** 24;
const out = new Float32Array(n);
const outInt = new Int32Array(n);
const key = random.keyFromSeed(42);
await tf.setBackend('cpu');

/** Fails the run if an output looks like skipped work (all zeros, NaN, or values out of range). */
function check(name: string, values: ArrayLike<number>, low: number, high: number): void {
  let nonZero = 0;
  for (let i = 0; i < values.length; i += 4093) {
    const value = values[i]!;
    if (!(value >= low && value <= high))
      throw new Error(`${name}: value ${value} at ${i} is outside [${low}, ${high}]`);
    if (value !== 0) nonZero++;
  }
  if (nonZero === 0) throw new Error(`${name}: output is all zeros`);
}

function tfjs(make: () => tf.Tensor): Float32Array {
  const tensor = make();
  const values = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return values;
}

interface Row {
  readonly name: string;
  readonly run: () => ArrayLike<number>;
  readonly low: number;
  readonly high: number;
  readonly target?: number;
  readonly baseline?: string;
  readonly speedup?: number;
}

const rows: Row[] = [
  { name: `Float32Array.fill n=${n} (memory floor)`, run: () => out.fill(0.5), low: 0.5, high: 0.5 },
  {
    name: `uniform dtype=float32 n=${n}`,
    run: () => random.fillUniform(out, key),
    low: 0,
    high: 1,
    target: 3,
    baseline: 'tfjs randomUniform',
    speedup: 2.5,
  },
  {
    name: `normal dtype=float32 n=${n}`,
    run: () => random.fillNormal(out, key),
    low: -7,
    high: 7,
    target: 8,
    baseline: 'tfjs randomNormal',
    speedup: 3.5,
  },
  {
    name: `truncatedNormal dtype=float32 n=${n}`,
    run: () => random.fillTruncatedNormal(out, key),
    low: -2,
    high: 2,
    target: 12,
    baseline: 'tfjs truncatedNormal',
    speedup: 3,
  },
  {
    name: `uniformInt [0,10) Int32Array n=${n}`,
    run: () => random.fillUniformInt(outInt, key, { low: 0, high: 10 }),
    low: 0,
    high: 9,
  },
  { name: `uniform engine=tfjs dtype=float32 n=${n}`, run: () => random.fillUniformTfjs(out, 42), low: 0, high: 1 },
  { name: `normal engine=tfjs dtype=float32 n=${n}`, run: () => random.fillNormalTfjs(out, 42), low: -7, high: 7 },
  {
    name: `tfjs randomUniform n=${n}`,
    run: () => tfjs(() => tf.randomUniform([n], 0, 1, 'float32', 42)),
    low: 0,
    high: 1,
  },
  {
    name: `tfjs randomNormal n=${n}`,
    run: () => tfjs(() => tf.randomNormal([n], 0, 1, 'float32', 42)),
    low: -7,
    high: 7,
  },
  {
    name: `tfjs truncatedNormal n=${n}`,
    run: () => tfjs(() => tf.truncatedNormal([n], 0, 1, 'float32', 42)),
    low: -2,
    high: 2,
  },
];

const iterations = Number(process.env.BENCH_ITERATIONS ?? 7);
const bench = new Bench({ iterations, time: 0, warmup: true, warmupIterations: 2, warmupTime: 0 });
for (const row of rows) {
  bench.add(row.name, () => {
    check(row.name, row.run(), row.low, row.high);
  });
}
await bench.run();

const nsPerElement = new Map<string, number>();
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  // The median of the iterations: robust to the other work on a shared machine.
  nsPerElement.set(task.name, (result.latency.p50 * 1e6) / n);
}

const lines = [
  `Node ${process.version}, ${iterations} iterations per task (median), n = 2^24, one core.`,
  '',
  '| task | ns/element | target | TensorFlow.js ns/element | speed-up (target) |',
  '| --- | ---: | ---: | ---: | ---: |',
];
for (const row of rows) {
  const value = nsPerElement.get(row.name)!;
  const baselineRow =
    row.baseline === undefined ? undefined : rows.find((candidate) => candidate.name.startsWith(row.baseline!));
  const baseline = baselineRow === undefined ? undefined : nsPerElement.get(baselineRow.name);
  const ratio = baseline === undefined ? '' : `${(baseline / value).toFixed(1)}× (≥ ${row.speedup}×)`;
  lines.push(
    `| ${row.name} | ${value.toFixed(2)} | ${row.target === undefined ? '' : `≤ ${row.target}`} | ${baseline === undefined ? '' : baseline.toFixed(2)} | ${ratio} |`,
  );
}
process.stdout.write(`${lines.join('\n')}\n`);
