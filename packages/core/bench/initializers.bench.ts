// Initializer-level benchmarks: `pnpm --filter @init/core bench` (after a build). Runs against the
// built dist, beside @tensorflow/tfjs-layers and Float32Array.fill in the same run, and prints
// ns per element and the ratio to TensorFlow.js. Checks every output, so no work can be skipped.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Bench } from 'tinybench';
import { Orthogonal, VarianceScaling } from '../dist/index.js';

interface Row {
  name: string;
  elements: number;
  ours: () => ArrayLike<number>;
  baseline?: () => ArrayLike<number>;
}

function check(name: string, values: ArrayLike<number>): void {
  let nonZero = 0;
  for (let i = 0; i < values.length; i += 97) {
    const value = values[i] as number;
    if (Number.isNaN(value)) throw new Error(`${name}: NaN in the output`);
    if (value !== 0) nonZero++;
  }
  if (nonZero === 0) throw new Error(`${name}: the output is all zeros`);
}

function tfjs(initializer: { apply(shape: number[]): tf.Tensor }, shape: number[]): () => ArrayLike<number> {
  return () => {
    const tensor = initializer.apply(shape);
    const values = tensor.dataSync();
    tensor.dispose();
    return values;
  };
}

const rows: Row[] = [];
for (const [label, shape] of [
  ['dense 1024×1024', [1024, 1024]],
  ['conv 3×3×256×256', [3, 3, 256, 256]],
  ['dense 768×3072', [768, 3072]],
] as const) {
  const elements = shape.reduce((a, b) => a * b, 1);
  for (const distribution of ['normal', 'uniform'] as const) {
    const ours = new VarianceScaling({ scale: 2, distribution, seed: 1 });
    const out = new Float32Array(elements);
    const reference = tfjs(tfl.initializers.varianceScaling({ scale: 2, mode: 'fanIn', distribution, seed: 1 }), [
      ...shape,
    ]);
    rows.push({
      name: `VarianceScaling ${distribution} apply ${label}`,
      elements,
      ours: () => ours.apply(shape).data,
      baseline: reference,
    });
    rows.push({
      name: `VarianceScaling ${distribution} fill ${label}`,
      elements,
      ours: () => ours.fill(out, shape),
      baseline: reference,
    });
  }
}
for (const size of [256, 512, 1024]) {
  const ours = new Orthogonal({ seed: 1 });
  const out = new Float32Array(size * size);
  rows.push({
    name: `Orthogonal apply ${size}×${size}`,
    elements: size * size,
    ours: () => ours.apply([size, size]).data,
  });
  rows.push({
    name: `Orthogonal fill ${size}×${size}`,
    elements: size * size,
    ours: () => ours.fill(out, [size, size]),
  });
}
// The memory-write floor.
const floor = new Float32Array(1024 * 1024);
rows.push({ name: 'Float32Array.fill 1024×1024 (floor)', elements: floor.length, ours: () => floor.fill(1.5) });

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const bench = new Bench({ time: 1500, iterations: 3, warmupIterations: 1 });
  for (const row of rows) {
    bench.add(row.name, () => check(row.name, row.ours()));
    if (row.baseline !== undefined && !row.name.includes(' fill '))
      bench.add(`tfjs ${row.name}`, () => check(row.name, (row.baseline as () => ArrayLike<number>)()));
  }
  await bench.run();
  const median = (name: string): number => {
    const result = bench.getTask(name)?.result as { latency?: { p50: number } } | undefined;
    if (result?.latency === undefined) throw new Error(`${name} did not complete`);
    return result.latency.p50 * 1e6;
  };
  console.log('| benchmark | ns/element | TensorFlow.js ns/element | speed-up |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) {
    const ours = median(row.name) / row.elements;
    const tfjsName = `tfjs ${row.name.replace(' fill ', ' apply ')}`;
    const theirs = bench.getTask(tfjsName) === undefined ? undefined : median(tfjsName) / row.elements;
    console.log(
      `| ${row.name} | ${ours.toFixed(2)} | ${theirs?.toFixed(2) ?? '–'} | ${theirs === undefined ? '–' : `${(theirs / ours).toFixed(1)}×`} |`,
    );
  }
}

await main();
