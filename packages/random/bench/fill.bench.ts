/**
 * `pnpm bench`: ns per element of the fills at float32, n = 2^24, one thread, in one run:
 * our fills with the WebAssembly SIMD kernels and with the JavaScript kernels (`setKernels`), the
 * TensorFlow.js 4.22 CPU backend (create, dataSync(), dispose() — never inside tf.tidy, whose walk of
 * the returned array costs about 1 µs per element), the Float32Array.fill floor, and NumPy and
 * PyTorch through bench/baselines.py when python3 has them ("not measured" otherwise).
 *
 * Time is the process's CPU time (`process.cpuUsage`, user + system; NumPy and PyTorch likewise
 * `time.process_time`), not wall time: on a machine shared with other work, waiting for a core does
 * not count, though contention for caches and memory still does. Tasks run round-robin — one
 * iteration of every task per round, `BENCH_ROUNDS` rounds (default 9) — and each figure is the
 * median of its rounds, so load that comes and goes falls on every task alike. Runs against the built
 * dist/ (`pnpm build` first). Every task checks its output so the work cannot be optimized away.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(distEntry)) {
  process.stderr.write('bench: dist/index.js is missing; run `pnpm build` first.\n');
  process.exit(1);
}
const random = (await import(distEntry)) as typeof import('../src/index.js');

const n = 2 ** 24;
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
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

/** Runs `run` with the chosen kernels, then returns to the automatic choice. */
function withKernels(kernels: 'auto' | 'javascript', run: () => ArrayLike<number>): () => ArrayLike<number> {
  return () => {
    random.setKernels(kernels);
    try {
      return run();
    } finally {
      random.setKernels('auto');
    }
  };
}

interface Task {
  readonly name: string;
  readonly run: () => ArrayLike<number>;
  readonly low: number;
  readonly high: number;
}

const fills = {
  uniform: { run: () => random.fillUniform(out, key), low: 0, high: 1 },
  normal: { run: () => random.fillNormal(out, key), low: -7, high: 7 },
  truncated: { run: () => random.fillTruncatedNormal(out, key), low: -2, high: 2 },
  uniformInt: { run: () => random.fillUniformInt(outInt, key, { low: 0, high: 10 }), low: 0, high: 9 },
} as const;
type Distribution = keyof typeof fills;

const tasks: Task[] = [{ name: 'floor', run: () => out.fill(0.5), low: 0.5, high: 0.5 }];
for (const [distribution, fill] of Object.entries(fills)) {
  tasks.push({ name: `${distribution} wasm`, ...fill, run: withKernels('auto', fill.run) });
  tasks.push({ name: `${distribution} js`, ...fill, run: withKernels('javascript', fill.run) });
}
tasks.push(
  { name: 'uniform tfjs', run: () => tfjs(() => tf.randomUniform([n], 0, 1, 'float32', 42)), low: 0, high: 1 },
  { name: 'normal tfjs', run: () => tfjs(() => tf.randomNormal([n], 0, 1, 'float32', 42)), low: -7, high: 7 },
  { name: 'truncated tfjs', run: () => tfjs(() => tf.truncatedNormal([n], 0, 1, 'float32', 42)), low: -2, high: 2 },
  { name: 'uniform engine=tfjs', run: () => random.fillUniformTfjs(out, 42), low: 0, high: 1 },
  { name: 'normal engine=tfjs', run: () => random.fillNormalTfjs(out, 42), low: -7, high: 7 },
);

const samples = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
for (let round = -1; round < rounds; round++) {
  for (const task of tasks) {
    const start = process.cpuUsage();
    const values = task.run();
    const { user, system } = process.cpuUsage(start);
    check(task.name, values, task.low, task.high);
    if (round >= 0) samples.get(task.name)!.push(((user + system) * 1e3) / n); // round −1 warms up
  }
}
const median = (name: string): number => {
  const values = [...samples.get(name)!].sort((a, b) => a - b);
  return values[values.length >> 1]!;
};

// NumPy and PyTorch, after our tasks (they need the same core).
interface PythonBaselines {
  numpy: Record<Distribution, number> | null;
  torch: Record<Distribution, number> | null;
  versions: Record<string, string | null>;
}
// Each interpreter found (the PATH's python3 and the system's, which may hold different packages);
// each library from the first interpreter that has it.
let python: PythonBaselines | undefined;
const script = fileURLToPath(new URL('./baselines.py', import.meta.url));
for (const interpreter of ['python3', '/usr/bin/python3']) {
  const result = spawnSync(interpreter, [script, String(n), String(rounds)], { encoding: 'utf8' });
  if (result.status !== 0) continue;
  const found = JSON.parse(result.stdout) as PythonBaselines;
  python ??= { numpy: null, torch: null, versions: {} };
  if (python.numpy === null && found.numpy !== null) {
    python.numpy = found.numpy;
    python.versions.numpy = found.versions.numpy ?? null;
  }
  if (python.torch === null && found.torch !== null) {
    python.torch = found.torch;
    python.versions.torch = found.versions.torch ?? null;
  }
}

const format = (value: number | undefined): string => (value === undefined ? 'not measured' : value.toFixed(2));
const capabilities = random.capabilities();
const lines = [
  `Node ${process.version}, kernels: ${capabilities.kernels}; n = 2^24 float32, one thread, CPU time, median of ${rounds} round-robin rounds.`,
  `NumPy ${python?.versions.numpy ?? 'not installed'}, PyTorch ${python?.versions.torch ?? 'not installed'} (torch.set_num_threads(1)).`,
  '',
  '| ns per element | ours, WebAssembly SIMD | ours, JavaScript | TensorFlow.js 4.22 | NumPy | PyTorch | target (ratio) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
];
const targets: Partial<Record<Distribution, (ours: number) => string>> = {
  uniform: (ours) =>
    python?.numpy ? `≤ NumPy \`random(out=)\`: ${(ours / python.numpy.uniform).toFixed(2)}×` : '≤ NumPy: not measured',
  normal: (ours) =>
    python?.torch ? `≤ PyTorch \`normal_\`: ${(ours / python.torch.normal).toFixed(2)}×` : '≤ PyTorch: not measured',
  truncated: (ours) => `≤ 4 ns: ${ours.toFixed(2)} ns`,
};
const labels: Record<Distribution, string> = {
  uniform: 'uniform [0, 1)',
  normal: 'normal',
  truncated: 'truncated normal (−2, 2)',
  uniformInt: 'uniform integers [0, 10), Int32Array',
};
for (const distribution of Object.keys(fills) as Distribution[]) {
  const ours = median(`${distribution} wasm`);
  const tfjsTime = samples.has(`${distribution} tfjs`) ? median(`${distribution} tfjs`) : undefined;
  const tfjsText = tfjsTime === undefined ? '–' : format(tfjsTime);
  lines.push(
    `| ${labels[distribution]} | ${format(ours)} | ${format(median(`${distribution} js`))} | ${tfjsText} | ` +
      `${distribution === 'uniformInt' ? '–' : format(python?.numpy?.[distribution])} | ` +
      `${distribution === 'uniformInt' ? '–' : format(python?.torch?.[distribution])} | ${targets[distribution]?.(ours) ?? ''} |`,
  );
}
lines.push(
  `| Float32Array.fill (the write floor) | ${format(median('floor'))} | | | | | |`,
  `| engine 'tfjs' uniform / normal (TensorFlow.js's stream) | | ${format(median('uniform engine=tfjs'))} / ${format(median('normal engine=tfjs'))} | | | | |`,
);
process.stdout.write(`${lines.join('\n')}\n`);
