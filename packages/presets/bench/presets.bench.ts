// Presets benchmarks: `pnpm --filter @init/presets bench` (after a build). Runs against the built
// dist. Two questions, each answered as a ratio within one run:
// - what `get(id)` costs over constructing the class directly (it reads the name table each call);
// - that a preset draws as fast as the core VarianceScaling it configures (the ratio should be ~1).
// Every output is checked, so no work can be optimized away.
import { RandomNormal, VarianceScaling } from '@init/core';
import { Bench } from 'tinybench';
import { GlorotUniform, get, HeNormal, kaimingUniform } from '../dist/index.js';

function check(name: string, values: ArrayLike<number>): ArrayLike<number> {
  let nonZero = 0;
  for (let i = 0; i < values.length; i += 97) {
    const value = values[i] as number;
    if (Number.isNaN(value)) throw new Error(`${name}: NaN in the output`);
    if (value !== 0) nonZero++;
  }
  if (nonZero === 0) throw new Error(`${name}: the output is all zeros`);
  return values;
}

interface Pair {
  name: string;
  /** Per call: elements drawn (0 for constructions, reported per call). */
  elements: number;
  ours: () => unknown;
  baseline: () => unknown;
  baselineName: string;
}

const shape = [1024, 1024];
const elements = 1024 * 1024;
const pairs: Pair[] = [
  {
    name: "get('he_normal')",
    elements: 0,
    ours: () => get('he_normal'),
    baseline: () => new HeNormal(),
    baselineName: 'new HeNormal()',
  },
  {
    name: "get('randomNormal')",
    elements: 0,
    ours: () => get('randomNormal'),
    baseline: () => new RandomNormal({ mean: 0, stddev: 0.05, engine: 'tfjs' }),
    baselineName: "new RandomNormal({ …, engine: 'tfjs' })",
  },
  {
    name: 'GlorotUniform apply 1024×1024',
    elements,
    ours: () => check('GlorotUniform', new GlorotUniform({ seed: 1 }).apply(shape).data),
    baseline: () =>
      check(
        'VarianceScaling',
        new VarianceScaling({ mode: 'fan_avg', distribution: 'uniform', seed: 1 }).apply(shape).data,
      ),
    baselineName: 'VarianceScaling fan_avg uniform',
  },
  {
    name: 'kaimingUniform apply 1024×1024',
    elements,
    ours: () => check('kaimingUniform', kaimingUniform({ seed: 1 }).apply(shape).data),
    baseline: () =>
      check(
        'VarianceScaling',
        new VarianceScaling({ scale: 2, distribution: 'uniform', layout: 'torch', seed: 1 }).apply(shape).data,
      ),
    baselineName: 'VarianceScaling scale 2 uniform torch',
  },
];

async function main(): Promise<void> {
  const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 2 });
  for (const pair of pairs) {
    bench.add(pair.name, () => {
      if (pair.ours() === undefined) throw new Error(`${pair.name} returned nothing`);
    });
    bench.add(`baseline ${pair.name}`, () => {
      if (pair.baseline() === undefined) throw new Error(`${pair.baselineName} returned nothing`);
    });
  }
  await bench.run();
  const median = (name: string): number => {
    const result = bench.getTask(name)?.result as { latency?: { p50: number } } | undefined;
    if (result?.latency === undefined) throw new Error(`${name} did not complete`);
    return result.latency.p50 * 1e6; // ns per call
  };
  console.log('| benchmark | ours | baseline | baseline | ratio |');
  console.log('| --- | ---: | --- | ---: | ---: |');
  for (const pair of pairs) {
    const ours = median(pair.name);
    const theirs = median(`baseline ${pair.name}`);
    const unit = (ns: number): string =>
      pair.elements === 0 ? `${(ns / 1000).toFixed(2)} µs/call` : `${(ns / pair.elements).toFixed(2)} ns/element`;
    console.log(
      `| ${pair.name} | ${unit(ours)} | ${pair.baselineName} | ${unit(theirs)} | ${(ours / theirs).toFixed(2)}× |`,
    );
  }
}

await main();
