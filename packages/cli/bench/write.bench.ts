// init-weights on GPT-2 small (124,439,808 parameters, 498 MB of float32): `pnpm --filter
// @init/cli bench` (after a build). In one run it prints
// - the raw fill speed: every tensor of the spec computed (row slices on the workers, as the
//   writer does) without writing, in GB/s;
// - the command itself writing one file and the sharded layout (--max-shard-size 100MB), each
//   under /usr/bin/time -v: wall time, GB/s, and the peak resident memory of the whole process
//   (worker threads included) against the bound "largest tensor + 64 MiB".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillParallel, terminateWorkers } from '@init/parallel';
import { GPT2_SMALL, gpt2Spec } from '../scripts/gpt2-spec.js';
import { initializerFor, parseSpec, SLICE_BYTES } from '../dist/index.js';

const bin = fileURLToPath(new URL('../bin/init-weights.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'init-weights-bench-'));
const specPath = join(scratch, 'gpt2.json');
const specJson = gpt2Spec(GPT2_SMALL);
writeFileSync(specPath, JSON.stringify(specJson));
const spec = parseSpec(JSON.stringify(specJson));
const elements = spec.parameters.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
const bytes = elements * 4;
const largest = Math.max(...spec.parameters.map((p) => p.shape.reduce((a, b) => a * b, 1) * 4));
const MiB = 2 ** 20;

console.log(
  `GPT-2 small: ${spec.parameters.length} tensors, ${elements.toLocaleString('en-US')} parameters, ${(bytes / 1e9).toFixed(3)} GB float32; largest tensor ${(largest / MiB).toFixed(1)} MiB`,
);
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (2 cores shared with other work)\n`,
);

// Raw fill: the same slices the writer computes, nothing written.
const start = performance.now();
const buffer = new SharedArrayBuffer(SLICE_BYTES);
let checksum = 0;
for (const parameter of spec.parameters) {
  const initializer = initializerFor(parameter, 1, spec.layout);
  const [rows = 1, ...rest] = parameter.shape;
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const step = Math.max(1, Math.floor(SLICE_BYTES / (rowSize * 4)));
  for (let row = 0; row < rows; row += step) {
    const count = Math.min(step, rows - row);
    const out = new Float32Array(buffer, 0, count * rowSize);
    await fillParallel(initializer, out, parameter.shape.length === 0 ? [] : [count, ...rest], {
      partitionInfo: {
        fullShape: parameter.shape,
        varOffset: parameter.shape.map((_, axis) => (axis === 0 ? row : 0)),
      },
    });
    checksum += out[0] as number;
  }
}
const fillSeconds = (performance.now() - start) / 1000;
if (!Number.isFinite(checksum)) throw new Error('the fill produced a non-finite value');
await terminateWorkers();

/** Runs the command under /usr/bin/time -v (its report to a file): wall time and peak RSS. */
function run(args: string[]): { seconds: number; peakMiB: number; output: string } {
  const report = join(scratch, 'time.txt');
  const started = performance.now();
  const stdout = execFileSync('/usr/bin/time', ['-v', '-o', report, process.execPath, bin, ...args], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  const kilobytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'))?.[1]);
  return { seconds, peakMiB: (kilobytes * 1024) / MiB, output: stdout.trim().split('\n').at(-1) ?? '' };
}

// The fixed cost: Node.js, the command's modules and two worker threads, for a 4 MiB checkpoint.
const smallSpec = join(scratch, 'small.json');
writeFileSync(smallSpec, JSON.stringify({ parameters: { w: [1024, 1024] }, rules: { '*': 'he_normal' } }));
const baseline = run([smallSpec, '--seed', '1', '--out', join(scratch, 'small.safetensors')]);
const single = run([specPath, '--seed', '1', '--out', join(scratch, 'model.safetensors')]);
const sharded = run([specPath, '--seed', '1', '--out', join(scratch, 'sharded'), '--max-shard-size', '100MB']);
const bound = largest / MiB + 64;
console.log('| what | time | GB/s | peak memory (whole process) | bound: largest tensor + 64 MiB |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(
  `| init-weights, one 4 MiB tensor (fixed cost) | ${baseline.seconds.toFixed(2)} s | | ${baseline.peakMiB.toFixed(1)} MiB | |`,
);
console.log(`| raw fill (no writing) | ${fillSeconds.toFixed(2)} s | ${(bytes / 1e9 / fillSeconds).toFixed(2)} | | |`);
for (const [name, result] of [
  ['init-weights, one file', single],
  ['init-weights, sharded 100MB', sharded],
] as const) {
  console.log(
    `| ${name} | ${result.seconds.toFixed(2)} s | ${(bytes / 1e9 / result.seconds).toFixed(2)} | ${result.peakMiB.toFixed(1)} MiB | ${bound.toFixed(1)} MiB ${result.peakMiB <= bound ? '(within)' : '(EXCEEDED)'} |`,
  );
}
console.log(`\n(the command's own summary of the one-file run: ${single.output})`);
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
