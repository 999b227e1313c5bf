// The parallel fill against one core: `pnpm --filter @init/parallel bench` (after a build). Runs
// against the built dist. For each distribution at n = 2^24 float32 it times, interleaved in one
// run, `fill` on the calling thread and `fillParallel` with 2 workers into `sharedArray`'s array
// (the workers' kernels store into it directly) and into a plain SharedArrayBuffer's (each batch
// copied out of the kernels' memory), and the apply/applyParallel pair, which also allocate; checks
// that the bytes are identical, and prints the speed-ups. Then the threshold table: at which size sending work to the workers starts to pay.
// Orthogonal, whose workers share one QR, has its own benchmark: bench/orthogonal.bench.ts.
import { loadavg } from 'node:os';
import { RandomNormal, RandomUniform, TruncatedNormal, type Initializer } from '@init/core';
import { applyParallel, fillParallel, sharedArray, terminateWorkers } from '../dist/index.js';
import { check, median, sameBytes, settle, spread, time, timeWithCpu, type Timing } from './support.js';

const N = 2 ** 24;
// 15, not 7 (until 2026-11-30): see the README's Benchmark section for the spread of both.
const REPEATS = Number(process.env.BENCH_REPEATS ?? 15);

console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (2 cores shared with other work)`,
);
const cases: Array<[string, Initializer]> = [
  ['uniform', new RandomUniform({ seed: 1 })],
  ['normal', new RandomNormal({ seed: 1 })],
  ['truncated', new TruncatedNormal({ seed: 1 })],
];
const shape = [4096, 4096];
// Start the workers once, outside the timings.
await applyParallel(cases[0]![1], shape, { workers: 2 });
// One output in sharedArray's memory for all three distributions, as a caller would reuse it.
const inMemory = sharedArray('float32', N) as Float32Array;
const cpuRows: string[] = [];
const spreadRows: string[] = [];
console.log(`\nfloat32 n=2^24, median of ${REPEATS} interleaved runs, ms (ns/element)`);
console.log(
  '| distribution | fill, 1 core | fillParallel into sharedArray, 2 workers | speed-up | fillParallel into a SharedArrayBuffer, 2 workers | speed-up | apply | applyParallel, 2 workers | speed-up | identical bytes |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const [name, initializer] of cases) {
  const single = new Float32Array(N);
  const shared = new Float32Array(new SharedArrayBuffer(4 * N));
  const runs = {
    fill: [] as Timing[],
    fillInMemory: [] as Timing[],
    fillParallel: [] as Timing[],
    apply: [] as Timing[],
    applyParallel: [] as Timing[],
  };
  let identical = true;
  // Each call untimed first: this distribution's kernels reach their optimized tier on every thread
  // (each worker compiles its own, and its own for its workspace of sharedArray's memory, some 30 ms
  // the first time).
  for (let warm = 0; warm < 2; warm++) {
    initializer.fill(single, shape);
    await fillParallel(initializer, inMemory, shape, { workers: 2 });
    await fillParallel(initializer, shared, shape, { workers: 2 });
  }
  for (let r = 0; r < REPEATS; r++) {
    await settle();
    runs.fill.push(await timeWithCpu(() => initializer.fill(single, shape)));
    await settle();
    runs.fillInMemory.push(await timeWithCpu(() => fillParallel(initializer, inMemory, shape, { workers: 2 })));
    await settle();
    runs.fillParallel.push(await timeWithCpu(() => fillParallel(initializer, shared, shape, { workers: 2 })));
    let applied: Float32Array | undefined;
    let parallel: Float32Array | undefined;
    await settle();
    runs.apply.push(await timeWithCpu(() => (applied = initializer.apply(shape).data as Float32Array)));
    await settle();
    runs.applyParallel.push(
      await timeWithCpu(
        async () => (parallel = (await applyParallel(initializer, shape, { workers: 2 })).data as Float32Array),
      ),
    );
    check(name, shared);
    identical &&=
      sameBytes(single, inMemory) &&
      sameBytes(single, shared) &&
      sameBytes(applied as Float32Array, parallel as Float32Array) &&
      sameBytes(single, applied as Float32Array);
  }
  const wall = (timings: Timing[]): number => median(timings.map((timing) => timing.wall));
  const cpu = (timings: Timing[]): number => median(timings.map((timing) => timing.cpu));
  const [fill, fillM, fillP, apply, applyP] = [
    wall(runs.fill),
    wall(runs.fillInMemory),
    wall(runs.fillParallel),
    wall(runs.apply),
    wall(runs.applyParallel),
  ];
  const cell = (ms: number): string => `${ms.toFixed(1)} (${((ms * 1e6) / N).toFixed(2)})`;
  console.log(
    `| ${name} | ${cell(fill)} | ${cell(fillM)} | ${(fill / fillM).toFixed(2)}× | ${cell(fillP)} | ${(fill / fillP).toFixed(2)}× | ${cell(apply)} | ${cell(applyP)} | ${(apply / applyP).toFixed(2)}× | ${identical ? 'yes' : 'NO'} |`,
  );
  const [fillCpu, fillMCpu, fillPCpu, applyCpu, applyPCpu] = [
    cpu(runs.fill),
    cpu(runs.fillInMemory),
    cpu(runs.fillParallel),
    cpu(runs.apply),
    cpu(runs.applyParallel),
  ];
  // Each repeat times the one-core call and the two-worker call a moment apart, so its ratio is
  // free of the machine's drift from minute to minute; the spread of these ratios shows how far
  // one run's figures can move.
  const perRun = (one: Timing[], two: Timing[]): string =>
    spread(one.map((timing, index) => timing.wall / (two[index] as Timing).wall));
  const waited = (one: Timing[], two: Timing[]): string =>
    [one, two].map((timings) => median(timings.map((timing) => timing.waited)).toFixed(1)).join(' / ');
  spreadRows.push(
    `| ${name} | ${perRun(runs.fill, runs.fillInMemory)} | ${waited(runs.fill, runs.fillInMemory)} | ${perRun(runs.fill, runs.fillParallel)} | ${waited(runs.fill, runs.fillParallel)} | ${perRun(runs.apply, runs.applyParallel)} | ${waited(runs.apply, runs.applyParallel)} |`,
  );
  cpuRows.push(
    `| ${name} | ${fillCpu.toFixed(1)} | ${fillMCpu.toFixed(1)} | ${(fillMCpu / fillCpu).toFixed(2)} | ${fillPCpu.toFixed(1)} | ${(fillPCpu / fillCpu).toFixed(2)} | ${applyCpu.toFixed(1)} | ${applyPCpu.toFixed(1)} | ${(applyPCpu / applyCpu).toFixed(2)} |`,
  );
}
// CPU time barely moves with load: a ratio near 1 says the two workers did the one core's work,
// no more, whatever the wall times above met on a busy machine.
console.log('\nCPU time of the same runs, all threads (user + system), median, ms: 2 workers ÷ 1 core');
console.log(
  '| CPU time | fill | fillParallel, sharedArray | ratio | fillParallel, SharedArrayBuffer | ratio | apply | applyParallel | ratio |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of cpuRows) console.log(row);
console.log(
  `\nPer-run speed-up (each repeat's one-core time ÷ its two-worker time), min / median / max of ${REPEATS}; and the median time the process's threads (calling thread, workers, the engine's helper threads) were ready to run but waited for a core, during the one-core / the two-worker call, ms (Linux only)`,
);
console.log(
  '| per run | fillParallel (sharedArray) speed-up | waited | fillParallel (SharedArrayBuffer) speed-up | waited | applyParallel speed-up | waited |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of spreadRows) console.log(row);

console.log(
  '\nthreshold: normal float32, fill on the calling thread vs fillParallel with 2 workers (minElements 0), µs',
);
console.log('| n | calling thread | 2 workers | ratio |');
console.log('| ---: | ---: | ---: | ---: |');
const normal = new RandomNormal({ seed: 2 });
for (let log = 14; log <= 22; log += 2) {
  const n = 2 ** log;
  const single = new Float32Array(n);
  const shared = new Float32Array(new SharedArrayBuffer(4 * n));
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < 15; r++) {
    a.push(await time(() => normal.fill(single, [n])));
    b.push(await time(() => fillParallel(normal, shared, [n], { workers: 2, minElements: 0 })));
  }
  if (!sameBytes(single, shared)) throw new Error(`threshold n=${n}: bytes differ`);
  console.log(
    `| 2^${log} | ${(median(a) * 1000).toFixed(0)} | ${(median(b) * 1000).toFixed(0)} | ${(median(a) / median(b)).toFixed(2)}× |`,
  );
}
console.log(
  `\nload average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
await terminateWorkers();
