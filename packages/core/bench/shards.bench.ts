// Shard shapes and peak memory: `pnpm --filter @init/core bench` (after a build) runs this after
// initializers.bench.ts. Against the built dist/.
//
// 1. The shard-shape table: a [64, 4096] row shard, [4096, 64] column shards and a [512, 512] block
//    shard of a [4096, 4096] tensor (262 144 elements each), through `fill` with partitionInfo, in
//    CPU ns per element and as a ratio to the row shard. A row shard is one contiguous run; a column
//    shard is 4096 runs of 64, which all go through one prepared sampler. At column offset 0 each run
//    starts a 256-element block; at offset 96 each run starts inside a block, whose first 96 elements
//    the stream must still generate (STREAMS.md §3), so that shape costs more by construction.
// 2. Peak memory of `apply` for n = 2^24 float32, in a fresh process: the growth of the resident set
//    over a warmed-up baseline, against the 64 MiB output.
//
// CPU time (process.cpuUsage), round-robin, median of BENCH_ROUNDS rounds (default 9).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RandomNormal, RandomUniform, TruncatedNormal } from '../dist/index.js';
import type { Initializer } from '../dist/index.js';

const MEMORY_CHILD = process.argv.includes('--memory-child');

if (MEMORY_CHILD) {
  // Warm up (compiles the WebAssembly kernels, fills the JIT), then measure one large apply.
  const initializer = new RandomNormal({ seed: 1 });
  initializer.apply([1 << 16]);
  const before = process.resourceUsage().maxRSS;
  const tensor = initializer.apply([2 ** 24], 'float32');
  const after = process.resourceUsage().maxRSS;
  if (tensor.data[12345] === 0) throw new Error('output is zero');
  process.stdout.write(JSON.stringify({ growthKiB: after - before, outputBytes: tensor.data.byteLength }));
  process.exit(0);
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const full = [4096, 4096];
const shapes = [
  { name: 'row shard [64, 4096] at [0, 0]', shape: [64, 4096], offset: [0, 0] },
  { name: 'column shard [4096, 64] at [0, 0]', shape: [4096, 64], offset: [0, 0] },
  { name: 'column shard [4096, 64] at [0, 96]', shape: [4096, 64], offset: [0, 96] },
  { name: 'block shard [512, 512] at [512, 1024]', shape: [512, 512], offset: [512, 1024] },
];
const initializers: [string, Initializer][] = [
  ['RandomUniform', new RandomUniform({ seed: 1 })],
  ['RandomNormal', new RandomNormal({ seed: 1 })],
  ['TruncatedNormal', new TruncatedNormal({ seed: 1 })],
];
const out = new Float32Array(64 * 4096);
const samples = new Map<string, number[]>();
for (let round = -1; round < rounds; round++) {
  for (const [className, initializer] of initializers) {
    for (const { name, shape, offset } of shapes) {
      const start = process.cpuUsage();
      initializer.fill(out, shape, { partitionInfo: { fullShape: full, varOffset: offset } });
      const { user, system } = process.cpuUsage(start);
      if (out[1000] === 0 || Number.isNaN(out[1000])) throw new Error(`${className} ${name}: bad output`);
      const key = `${className} ${name}`;
      if (round >= 0) samples.set(key, [...(samples.get(key) ?? []), ((user + system) * 1e3) / out.length]);
    }
  }
}
const median = (key: string): number => {
  const values = [...(samples.get(key) ?? [])].sort((a, b) => a - b);
  return values[values.length >> 1]!;
};

const lines = [
  `Shards of a [4096, 4096] float32 tensor, 262 144 elements each, through fill(out, shape, { partitionInfo }); CPU ns per element, median of ${rounds} rounds; ratio to the row shard.`,
  '',
  `| shard | ${initializers.map(([className]) => className).join(' | ')} |`,
  `| --- | ${initializers.map(() => '---:').join(' | ')} |`,
];
for (const { name } of shapes) {
  const cells = initializers.map(([className]) => {
    const value = median(`${className} ${name}`);
    const row = median(`${className} ${shapes[0]!.name}`);
    return `${value.toFixed(2)} (${(value / row).toFixed(2)}×)`;
  });
  lines.push(`| ${name} | ${cells.join(' | ')} |`);
}

const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--memory-child'], {
  encoding: 'utf8',
});
if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
const memory = JSON.parse(child.stdout) as { growthKiB: number; outputBytes: number };
const outputMiB = memory.outputBytes / 2 ** 20;
const growthMiB = memory.growthKiB / 1024;
lines.push(
  '',
  `Peak memory of RandomNormal.apply([2^24], 'float32') in a fresh process: the resident set grew by ${growthMiB.toFixed(1)} MiB ` +
    `for a ${outputMiB.toFixed(0)} MiB output, so ${(growthMiB - outputMiB).toFixed(1)} MiB beyond it (target ≤ 16 MiB).`,
);
process.stdout.write(`${lines.join('\n')}\n`);
