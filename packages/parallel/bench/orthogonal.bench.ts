// Orthogonal on 2 workers: `pnpm --filter @init/parallel bench` (after a build) runs this after
// parallel.bench.ts, against the built dist. Orthogonal (method 'qr', float32) 512², 1024² and 2048²:
// `apply` on the calling thread and `applyParallel` with 2 workers sharing the QR, interleaved, wall
// time, medians, the bytes compared; beside PyTorch's torch.nn.init.orthogonal_ (torch.linalg.qr) on
// 1 and 2 threads through bench/torch_orthogonal.py when python3 has PyTorch ("not measured"
// otherwise), and the targets for 2 workers (1024² ≤ 150 ms, 2048² ≤ 1.2 s).
// `BENCH_REPEATS=n` overrides the repeats per size.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Orthogonal } from '@init/core';
import { applyParallel, terminateWorkers } from '../dist/index.js';
import { check, median, sameBytes, settle, time } from './support.js';

const REPEATS = process.env.BENCH_REPEATS === undefined ? undefined : Number(process.env.BENCH_REPEATS);

const loadBefore = loadavg();
// Start the workers once, outside the timings.
await applyParallel(new Orthogonal({ seed: 1 }), [256, 256], { workers: 2 });
const orthogonalSizes = [
  [512, REPEATS ?? 9],
  [1024, REPEATS ?? 7],
  [2048, REPEATS ?? 3],
] as const;
const orthogonalTargets: Record<number, number> = { 1024: 150, 2048: 1200 };
interface TorchOrthogonal {
  torch: Record<string, Record<'1' | '2', number>> | null;
  version: string | null;
}
let torch: TorchOrthogonal | undefined;
const torchScript = fileURLToPath(new URL('./torch_orthogonal.py', import.meta.url));
for (const interpreter of ['python3', '/usr/bin/python3']) {
  const result = spawnSync(interpreter, [torchScript, orthogonalSizes.map(([n]) => n).join(','), '5'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) continue;
  const found = JSON.parse(result.stdout) as TorchOrthogonal;
  if (found.torch !== null) {
    torch = found;
    break;
  }
}
console.log('<!-- #region orthogonal-table -->');
console.log(
  `Orthogonal (QR) float32, wall-clock median, ms: apply on the calling thread vs applyParallel with 2 workers sharing the QR; PyTorch ${torch?.version ?? 'not installed'} torch.nn.init.orthogonal_ (torch.linalg.qr) with 1 and 2 threads:`,
);
console.log('');
console.log(
  '| shape | apply, 1 thread | applyParallel, 2 workers | speed-up | PyTorch, 1 thread | PyTorch, 2 threads | target (2 workers) | identical bytes |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const [n, repeats] of orthogonalSizes) {
  const orthogonal = new Orthogonal({ seed: 3 });
  const a: number[] = [];
  const b: number[] = [];
  let identical = true;
  for (let r = 0; r < repeats; r++) {
    let single: Float32Array | undefined;
    let parallel: Float32Array | undefined;
    // Each timing starts once the previous one's garbage is freed (see settle in support.ts).
    await settle();
    a.push(await time(() => (single = orthogonal.apply([n, n]).data as Float32Array)));
    await settle();
    b.push(
      await time(
        async () => (parallel = (await applyParallel(orthogonal, [n, n], { workers: 2 })).data as Float32Array),
      ),
    );
    check(`orthogonal ${n}`, parallel as Float32Array);
    identical &&= sameBytes(single as Float32Array, parallel as Float32Array);
  }
  const reference = torch?.torch?.[String(n)];
  const torchCell = (threads: '1' | '2'): string =>
    reference === undefined ? 'not measured' : reference[threads].toFixed(0);
  const target = orthogonalTargets[n];
  const targetCell = target === undefined ? '–' : `≤ ${target}: ${median(b) <= target ? 'met' : 'not met'}`;
  console.log(
    `| ${n}×${n} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${(median(a) / median(b)).toFixed(2)}× | ${torchCell('1')} | ${torchCell('2')} | ${targetCell} | ${identical ? 'yes' : 'NO'} |`,
  );
}

const format = (values: number[]): string => values.map((x) => x.toFixed(2)).join(' ');
console.log(
  `\nLoad average before: ${format(loadBefore)}, after: ${format(loadavg())} (2 cores; Node ${process.version}).`,
);
console.log('<!-- #endregion orthogonal-table -->');
await terminateWorkers();
