/**
 * `pnpm bench`: orthogonalize and qr at 256, 512 and 1024 (and orthogonalize at 2048) beside ml-matrix's QrDecomposition and
 * SingularValueDecomposition, in one run on one machine, so the ratios are meaningful even when
 * the absolute times drift (the machines are shared).
 *
 * Runs against the built package: `@init/linalg` resolves through the package's own "exports" to
 * dist/ (tsx does not set the "@init/source" condition), so build first (`pnpm build`; turbo's
 * bench task depends on build).
 *
 * ml-matrix takes seconds per call at 1024, so its tasks run a fixed small number of iterations
 * without warm-up there; ours run for a time budget after a warm-up.
 */
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { Bench } from 'tinybench';
import { orthogonalize, qr } from '@init/linalg';

/** A seeded uniform(-1, 1) matrix (xorshift32), so every run measures the same input. */
function randomMatrix(rows: number, cols: number, seed: number): Float64Array {
  let state = seed >>> 0 || 1;
  const out = new Float64Array(rows * cols);
  for (let index = 0; index < out.length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[index] = (state >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/** Fails loudly if a result is empty, all zeros or not finite, so the work cannot be skipped. */
function check(label: string, values: ArrayLike<number>): void {
  let nonzero = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (!Number.isFinite(value)) throw new Error(`${label}: non-finite output at ${index}`);
    if (value !== 0) nonzero = true;
  }
  if (!nonzero) throw new Error(`${label}: output is all zeros`);
}

function toMlMatrix(a: Float64Array, n: number): Matrix {
  const matrix = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix.set(i, j, a[i * n + j]!);
  return matrix;
}

interface Row {
  name: string;
  n: number;
  medianMs: number;
  minMs: number;
  samples: number;
}

const rows: Row[] = [];
const sizes = [256, 512, 1024];

for (const n of sizes) {
  const a = randomMatrix(n, n, n);
  const matrix = toMlMatrix(a, n);
  check(`orthogonalize n=${n}`, orthogonalize(a, n, n));
  check(`qr n=${n}`, qr(a, n, n).q);
  let sink = 0;

  const ours = new Bench({ time: n >= 1024 ? 3000 : 1500, iterations: 5, warmupIterations: 2 });
  ours.add(`orthogonalize qr n=${n}×${n}`, () => {
    sink += orthogonalize(a, n, n)[0]!;
  });
  ours.add(`qr (q and r) n=${n}×${n}`, () => {
    sink += qr(a, n, n).q[0]!;
  });

  const slow = n >= 1024;
  const theirs = new Bench(
    slow ? { time: 0, iterations: 1, warmup: false } : { time: 1500, iterations: 3, warmupIterations: 1 },
  );
  theirs.add(`ml-matrix QrDecomposition (factor only) n=${n}×${n}`, () => {
    sink += new QrDecomposition(matrix).isFullRank() ? 1 : 0;
  });
  theirs.add(`ml-matrix QrDecomposition + orthogonalMatrix n=${n}×${n}`, () => {
    sink += new QrDecomposition(matrix).orthogonalMatrix.get(0, 0);
  });
  theirs.add(`ml-matrix SingularValueDecomposition n=${n}×${n}`, () => {
    sink += new SingularValueDecomposition(matrix).diagonal[0]!;
  });

  for (const bench of [ours, theirs]) {
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      rows.push({
        name: task.name,
        n,
        medianMs: result.latency.p50,
        minMs: result.latency.min,
        samples: result.latency.samplesCount,
      });
    }
  }
  if (!Number.isFinite(sink)) throw new Error('benchmark results were not finite');
}

const format = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const find = (n: number, prefix: string): Row | undefined =>
  rows.find((row) => row.n === n && row.name.startsWith(prefix));
// Medians, not means: other jobs share the machine, and a median ignores the runs they disturbed.
console.log('| task | median | min | samples | ml-matrix QR (factor only) ÷ this | ml-matrix QR + Q ÷ this |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const factorOnly = find(row.n, 'ml-matrix QrDecomposition (factor only)');
  const withQ = find(row.n, 'ml-matrix QrDecomposition +');
  const ratio = (baseline: Row | undefined): string =>
    baseline === undefined ? '' : `${(baseline.medianMs / row.medianMs).toFixed(1)}×`;
  console.log(
    `| ${row.name} | ${format(row.medianMs)} | ${format(row.minMs)} | ${row.samples} | ${ratio(factorOnly)} | ${ratio(withQ)} |`,
  );
}
// 2048² on one thread, ours only (ml-matrix would take minutes): the second size. The same
// call on two workers, beside PyTorch's orthogonal_, is in `pnpm --filter @init/parallel bench`.
{
  const n = 2048;
  const a = randomMatrix(n, n, n);
  check(`orthogonalize n=${n}`, orthogonalize(a, n, n));
  let sink = 0;
  const bench = new Bench({ time: 0, iterations: 3, warmup: false });
  bench.add(`orthogonalize qr n=${n}×${n}`, () => {
    sink += orthogonalize(a, n, n)[0]!;
  });
  await bench.run();
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
    rows.push({
      name: task.name,
      n,
      medianMs: result.latency.p50,
      minMs: result.latency.min,
      samples: result.latency.samplesCount,
    });
  }
  if (!Number.isFinite(sink)) throw new Error('benchmark results were not finite');
}

const target = find(1024, 'orthogonalize');
const qr512 = find(512, 'qr');
const ml512 = find(512, 'ml-matrix QrDecomposition (factor only)');
if (target !== undefined && qr512 !== undefined && ml512 !== undefined) {
  console.log('');
  console.log(`orthogonalize 1024×1024: ${format(target.medianMs)} (target ≤ 1.0 s; one thread)`);
  const big = find(2048, 'orthogonalize');
  if (big !== undefined) console.log(`orthogonalize 2048×2048: ${format(big.medianMs)} (one thread)`);
  console.log(
    'Orthogonal 1024² and 2048² on 2 workers (targets ≤ 0.15 s and ≤ 1.2 s) and PyTorch: pnpm --filter @init/parallel bench',
  );
  console.log(
    `qr 512×512 (factors and forms Q) vs ml-matrix QrDecomposition (factors only): ${(ml512.medianMs / qr512.medianMs).toFixed(1)}× faster (target ≥ 8×)`,
  );
}
