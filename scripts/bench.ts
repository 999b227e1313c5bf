// `pnpm bench`: the benchmarks the performance targets are judged by, in one run, one package after
// another (each against its built dist; `pnpm bench` builds first), then a summary of the figures
// the targets name, as ratios to baselines measured in this same run.
//
//   pnpm bench                 random (our fills with both kernels, TensorFlow.js, the write floor,
//                              NumPy and PyTorch through python3 when present), core (shard shapes,
//                              peak memory of apply), parallel (two workers against one core,
//                              Orthogonal on the team)
//   pnpm bench --all           also linalg (against ml-matrix), presets, cli and tfjs (TensorFlow.js
//                              builds an orthogonal Dense layer for minutes here)
//   pnpm bench --write         also writes this run's tables into the READMEs' marked regions
//                              (which the docs' Benchmarks page includes) and the summary into
//                              apps/docs/benchmarks.md: run it on a quiet machine, then commit.
//
// Each package's `bench` script can still be run alone (`pnpm --filter @init/random bench`).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = process.argv.includes('--all');
const write = process.argv.includes('--write');

/** A table in a bench's output that a README region holds: found by the start of its header row. */
interface Region {
  readonly file: string;
  readonly region: string;
  readonly header: string;
  /** A line just before the table that belongs to the region (its caption). */
  readonly before?: RegExp;
  /** A line just after the table that belongs to the region (the peak-memory sentence). */
  readonly after?: RegExp;
}
interface Package {
  readonly name: string;
  readonly always: boolean;
  readonly regions: readonly Region[];
}

const packages: readonly Package[] = [
  {
    name: 'random',
    always: true,
    regions: [{ file: 'packages/random/README.md', region: 'benchmark-table', header: '| ns per element |' }],
  },
  {
    name: 'core',
    always: true,
    regions: [
      { file: 'packages/core/README.md', region: 'benchmark-table', header: '| benchmark |' },
      { file: 'packages/core/README.md', region: 'shard-table', header: '| shard |', after: /^Peak memory/ },
    ],
  },
  {
    name: 'parallel',
    always: true,
    regions: [
      { file: 'packages/parallel/README.md', region: 'benchmark-table', header: '| distribution |' },
      {
        file: 'packages/parallel/README.md',
        region: 'orthogonal-table',
        header: '| shape | apply, 1 thread |',
        before: /^Orthogonal \(QR\)/,
        after: /^Load average/,
      },
    ],
  },
  {
    name: 'linalg',
    always: false,
    regions: [{ file: 'packages/linalg/README.md', region: 'benchmark-table', header: '| task |' }],
  },
  { name: 'presets', always: false, regions: [] },
  { name: 'cli', always: false, regions: [] },
  {
    name: 'tfjs',
    always: false,
    regions: [{ file: 'packages/tfjs/README.md', region: 'benchmark-table', header: '| Dense' }],
  },
];

/** The markdown tables of an output: runs of lines that start with `|`, with what follows each. */
function tables(output: string): { lines: string[]; preceding: string[]; following: string[] }[] {
  const lines = output.split('\n');
  const found: { lines: string[]; preceding: string[]; following: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('|')) continue;
    const start = i;
    while (i < lines.length && lines[i]!.startsWith('|')) i++;
    found.push({
      lines: lines.slice(start, i),
      preceding: lines.slice(Math.max(0, start - 2), start),
      following: lines.slice(i, i + 3),
    });
  }
  return found;
}

/** The cells of a table row. */
function cells(row: string): string[] {
  return row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

const started = new Date();
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const loadBefore = load();
const outputs = new Map<string, string>();
for (const entry of packages) {
  if (!entry.always && !all) continue;
  process.stdout.write(`\n## @init/${entry.name}\n\n`);
  const result = spawnSync('pnpm', ['--filter', `@init/${entry.name}`, '--silent', 'run', 'bench'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  if (result.status !== 0) {
    process.stderr.write(`@init/${entry.name}: its bench failed (exit ${result.status}).\n`);
    process.exit(1);
  }
  outputs.set(entry.name, result.stdout ?? '');
}

// The summary: the figures the targets name, each from this run.
const summary: string[] = [
  `Run ${started.toISOString().slice(0, 16)} UTC, Node ${process.version}; load average ${loadBefore} before, ${load()} after (2-core machine; a load near or above 2 means the workers shared their cores).`,
  '',
  '| target | this run |',
  '| --- | --- |',
];
const random = tables(outputs.get('random') ?? '').find((table) => table.lines[0]!.startsWith('| ns per element |'));
for (const row of random?.lines.slice(2) ?? []) {
  const [name, , , , , , target] = cells(row);
  if (target !== undefined && target !== '') summary.push(`| one core, ${name} | ${target} |`);
}
const parallel = tables(outputs.get('parallel') ?? '').find((table) => table.lines[0]!.startsWith('| distribution |'));
for (const row of parallel?.lines.slice(2) ?? []) {
  const [name, , , inMemorySpeedUp, , sharedSpeedUp, , , applySpeedUp, identical] = cells(row);
  summary.push(
    `| two workers ≥ 1.7× one core, ${name} | fillParallel ${inMemorySpeedUp} into sharedArray (${sharedSpeedUp} into a SharedArrayBuffer), applyParallel ${applySpeedUp}; identical bytes: ${identical} |`,
  );
}
const shards = tables(outputs.get('core') ?? '').find((table) => table.lines[0]!.startsWith('| shard |'));
const column = shards?.lines.find((row) => row.startsWith('| column shard [4096, 64] at [0, 0]'));
if (column !== undefined) {
  const classes = cells(shards!.lines[0]!).slice(1);
  const ratios = cells(column)
    .slice(1)
    .map((cell, index) => `${classes[index]} ${/\(([^)]*)\)/.exec(cell)?.[1] ?? cell}`);
  summary.push(`| column shard [4096, 64] ≤ 2× the row shard | ${ratios.join(', ')} |`);
}
const memory = /so (-?[\d.]+) MiB beyond it/.exec(outputs.get('core') ?? '');
if (memory !== null) {
  const beyond = Number(memory[1]);
  const shown = beyond < 0 ? `output − ${(-beyond).toFixed(1)} MiB` : `output + ${beyond.toFixed(1)} MiB`;
  summary.push(`| peak memory of apply, 2^24 float32 ≤ output + 16 MiB | ${shown} (resident-set growth) |`);
}
for (const line of (outputs.get('parallel') ?? '').split('\n')) {
  const match = /^\| (1024|2048)[×x](1024|2048) \|/.exec(line);
  if (match !== null) summary.push(`| Orthogonal ${match[1]}² | ${cells(line).slice(1).join(' · ')} |`);
}
process.stdout.write(`\n## Summary\n\n${summary.join('\n')}\n`);

if (write) {
  const regions = packages
    .filter((entry) => outputs.has(entry.name))
    .flatMap((entry) => entry.regions.map((region) => ({ entry, region })));
  for (const { entry, region } of regions) {
    const table = tables(outputs.get(entry.name)!).find((candidate) => candidate.lines[0]!.startsWith(region.header));
    if (table === undefined) throw new Error(`@init/${entry.name}: no table starting ${region.header} in its output`);
    const caption = region.before === undefined ? [] : table.preceding.filter((line) => region.before!.test(line));
    const extra = region.after === undefined ? [] : table.following.filter((line) => region.after!.test(line));
    const body = [
      ...(caption.length > 0 ? [...caption, ''] : []),
      ...table.lines,
      ...(extra.length > 0 ? ['', ...extra] : []),
    ].join('\n');
    replaceRegion(region.file, region.region, body);
  }
  replaceRegion('apps/docs/benchmarks.md', 'summary', summary.join('\n'));
  process.stdout.write(`\nWrote ${regions.length} README tables and the summary in apps/docs/benchmarks.md.\n`);
}

function replaceRegion(file: string, region: string, body: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const pattern = new RegExp(`(<!-- #region ${region} -->\\n)[\\s\\S]*?(\\n<!-- #endregion ${region} -->)`);
  if (!pattern.test(text)) throw new Error(`${file} has no <!-- #region ${region} --> region`);
  writeFileSync(
    path,
    text.replace(pattern, (_, start: string, end: string) => `${start}${body}${end}`),
  );
}
