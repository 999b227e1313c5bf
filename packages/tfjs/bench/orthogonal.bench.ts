// `pnpm --filter @init/tfjs bench` (after a build): the time to build a Dense layer whose kernel is
// Orthogonal 512×512 (tfjs-layers' recurrent default, and the one users complain about), with
// TensorFlow.js alone and after installTfjs (both engines), in one run, against the built dist.
//
// TensorFlow.js takes about a minute here, so its row runs exactly once (one build, no warm-up);
// ours run for a few seconds each. Every build's kernel is checked (orthonormal columns), so no
// work can be skipped.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Bench } from 'tinybench';
import { installTfjs, uninstallTfjs } from '../dist/index.js';

// tfjs-layers' Orthogonal calls chained tensor methods (x.flatten(), .stridedSlice(), .sign(),
// .transpose(), .reshape()) that only the full @tensorflow/tfjs bundle registers; under Node's
// CommonJS build of tfjs-core they are absent, so TensorFlow.js's own row needs these five, defined
// as tfjs-core's chained_ops files define them.
type Chained = Record<string, (this: tf.Tensor, ...args: never[]) => tf.Tensor>;
const chained = tf.Tensor.prototype as unknown as Chained;
chained.flatten ??= function (this: tf.Tensor) {
  return tf.reshape(this, [this.size]);
};
chained.stridedSlice ??= function (this: tf.Tensor, begin: number[], end: number[], strides: number[]) {
  return tf.stridedSlice(this, begin, end, strides);
} as never;
chained.sign ??= function (this: tf.Tensor) {
  return tf.sign(this);
};
chained.transpose ??= function (this: tf.Tensor, perm?: number[]) {
  return tf.transpose(this, perm);
} as never;
chained.reshape ??= function (this: tf.Tensor, shape: number[]) {
  return tf.reshape(this, shape);
} as never;

const SIZE = Number(process.env.INIT_TFJS_BENCH_SIZE ?? 512);

/** Builds Dense(SIZE) on SIZE inputs with kernelInitializer 'orthogonal' and checks its kernel. */
function buildDense(): void {
  const layer = tfl.layers.dense({ units: SIZE, inputShape: [SIZE], kernelInitializer: 'orthogonal', useBias: false });
  const model = tfl.sequential({ layers: [layer] });
  const [kernel] = model.getWeights();
  if (kernel === undefined) throw new Error('no kernel');
  const values = kernel.dataSync();
  // Columns 0 and 1 of an orthogonal matrix: unit length, orthogonal to each other.
  let norm = 0;
  let dot = 0;
  for (let i = 0; i < SIZE; i++) {
    const a = values[i * SIZE] as number;
    norm += a * a;
    dot += a * (values[i * SIZE + 1] as number);
  }
  if (!(Math.abs(norm - 1) < 1e-3 && Math.abs(dot) < 1e-3))
    throw new Error(`not orthogonal: |q0|² = ${norm}, q0·q1 = ${dot}`);
  model.dispose();
}

/** CPU time (user + system) of one call, in ms: robust to other processes sharing the machine. */
function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  // tfjs-layers warns on every Orthogonal above 2000 elements; keep the table readable.
  const warn = console.warn;
  console.warn = () => {};
  const engines = ['tfjs', 'counter'] as const;
  const name = (engine: string): string =>
    `installTfjs({ engine: '${engine}' }) Dense ${SIZE}×${SIZE} orthogonal build`;
  const bench = new Bench({ time: 3000, iterations: 3, warmupIterations: 1 });
  for (const engine of engines) {
    bench.add(name(engine), buildDense, { beforeAll: () => installTfjs({ engine }), afterAll: () => uninstallTfjs() });
  }
  await bench.run();
  // CPU time per build, five builds each, for the ratio on a shared machine.
  const ourCpu = new Map<string, number>();
  for (const engine of engines) {
    installTfjs({ engine });
    buildDense(); // warm
    const builds = 5;
    ourCpu.set(
      engine,
      cpuMs(() => {
        for (let i = 0; i < builds; i++) buildDense();
      }) / builds,
    );
    uninstallTfjs();
  }
  // TensorFlow.js alone: once.
  const start = performance.now();
  const tfjsCpu = cpuMs(buildDense);
  const tfjsMs = performance.now() - start;
  console.warn = warn;

  console.log(
    `| Dense ${SIZE}×${SIZE}, kernelInitializer 'orthogonal', build | wall ms | CPU ms | speed-up (wall) | speed-up (CPU) |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| TensorFlow.js 4.22 alone (CPU backend, one build) | ${tfjsMs.toFixed(0)} | ${tfjsCpu.toFixed(0)} | 1× | 1× |`,
  );
  for (const engine of engines) {
    const result = bench.getTask(name(engine))?.result as { latency?: { p50: number } } | undefined;
    if (result?.latency === undefined) throw new Error(`${name(engine)} did not complete`);
    const ms = result.latency.p50;
    const cpu = ourCpu.get(engine) as number;
    console.log(
      `| ${name(engine)} (median) | ${ms.toFixed(1)} | ${cpu.toFixed(1)} | ${(tfjsMs / ms).toFixed(0)}× | ${(tfjsCpu / cpu).toFixed(0)}× |`,
    );
  }
}

await main();
