// What each public export costs a user's bundle: for every runtime export of every entry point of
// every published package (`@init/<package>` and subpaths such as `@init/linalg/svd`), the bundle
// of `export { name } from '<entry>'` built from the package's dist as a user's bundler would
// (esbuild, ESM, minified, tree-shaken), in bytes and gzipped bytes.
//
// `pnpm --filter @init/package-checks run sizes` writes the table (bundle-sizes.md) and, with
// `--budget`, rewrites the budget (size-budget.json) from the measured sizes plus headroom.
// test/sizes.test.ts fails when an export's gzipped size exceeds its budget.
import { build, type BuildOptions } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type EntryPoint, entryPoints, packageDir, packageNames, root, type PackageName } from '../test/workspace.js';

export interface ExportSize {
  /** `@init/<package> <export>` (`@init/<package>/<subpath> <export>`), the key of the budget. */
  readonly id: string;
  readonly minified: number;
  readonly gzipped: number;
}

/** A budget: the largest gzipped size each export may reach, by id. */
export type Budget = Readonly<Record<string, number>>;

const checksDir = join(root, 'tooling', 'package-checks');
export const budgetPath = join(checksDir, 'size-budget.json');
export const tablePath = join(checksDir, 'bundle-sizes.md');

/** How every measured bundle is built: as a user's bundler would, for a browser, minified. */
const BUNDLE_OPTIONS = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  // Resolve the packages as a user's bundler would: their built dist, not the source condition.
  conditions: [],
  // Node's built-ins (worker_threads for @init/parallel) are the platform's, not the bundle's.
  external: ['node:*', ...builtinModules],
  minify: true,
  treeShaking: true,
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** The minified bundle of an entry's source text, resolved through the packages' built dist. */
export async function minifiedBundle(contents: string): Promise<Uint8Array> {
  const result = await build({ ...BUNDLE_OPTIONS, stdin: { contents, resolveDir: checksDir, loader: 'ts' } });
  return result.outputFiles[0]?.contents ?? new Uint8Array();
}

/** The runtime exports of a package's built entry (its main one by default), sorted. */
export async function runtimeExports(name: PackageName, entry?: EntryPoint): Promise<string[]> {
  const dist = entry?.dist ?? './dist/index.js';
  const module = (await import(join(packageDir(name), dist))) as Record<string, unknown>;
  return Object.keys(module).sort();
}

/** The bundle of one export of an entry point (`@init/core`, `@init/core/svd`). */
export async function measure(specifier: string, exported: string): Promise<ExportSize> {
  const bytes = await minifiedBundle(`export { ${exported} } from '${specifier}';`);
  return { id: `${specifier} ${exported}`, minified: bytes.length, gzipped: gzipSync(bytes).length };
}

/** Every export of every entry point of every published package. */
export async function measureAll(names: readonly PackageName[] = packageNames): Promise<ExportSize[]> {
  const sizes: ExportSize[] = [];
  for (const name of names) {
    for (const entry of entryPoints(name)) {
      for (const exported of await runtimeExports(name, entry)) sizes.push(await measure(entry.specifier, exported));
    }
  }
  return sizes;
}

/** One output file of a bundle built with code splitting: the entry's own chunk or a shared one. */
export interface ChunkSize {
  /** The output file's name; the entry's chunk is `entry.js`. */
  readonly file: string;
  readonly minified: number;
  readonly gzipped: number;
}

/**
 * The chunks of an application whose entry is `contents`, built as `minifiedBundle` builds but with
 * code splitting: what an `import()` in the entry (or in a package it bundles) leaves out of the
 * entry's chunk, and what it loads later. Compares a lazily imported SVD with a subpath import.
 */
export async function splitBundle(contents: string): Promise<ChunkSize[]> {
  const result = await build({
    ...BUNDLE_OPTIONS,
    stdin: { contents, resolveDir: checksDir, loader: 'ts', sourcefile: 'entry.ts' },
    splitting: true,
    outdir: join(checksDir, '.split'),
    entryNames: 'entry',
    chunkNames: 'chunk-[hash]',
  });
  return result.outputFiles.map((file) => ({
    file: file.path.slice(file.path.lastIndexOf('/') + 1),
    minified: file.contents.length,
    gzipped: gzipSync(file.contents).length,
  }));
}

/**
 * The exports over budget: gzipped size above the budget, or no budget at all. An empty list means
 * the check passes.
 */
export function overBudget(sizes: readonly ExportSize[], budget: Budget): string[] {
  const failures: string[] = [];
  for (const size of sizes) {
    const limit = budget[size.id];
    if (limit === undefined) {
      failures.push(`${size.id}: no budget (run \`pnpm --filter @init/package-checks run sizes --budget-new\`)`);
    } else if (size.gzipped > limit) {
      failures.push(`${size.id}: ${size.gzipped} B gzipped, over its budget of ${limit} B`);
    }
  }
  return failures;
}

export function readBudget(): Budget {
  return JSON.parse(readFileSync(budgetPath, 'utf8')) as Budget;
}

/**
 * A budget with headroom: 10 % over the measured size, rounded up to 50 bytes. With `keep`, the
 * exports it already budgets keep their budget (only new exports get one).
 */
export function budgetFor(sizes: readonly ExportSize[], keep: Budget = {}): Budget {
  return Object.fromEntries(sizes.map((size) => [size.id, keep[size.id] ?? Math.ceil((size.gzipped * 1.1) / 50) * 50]));
}

export function renderTable(sizes: readonly ExportSize[], budget: Budget): string {
  const lines = [
    '# Bundle size per public export',
    '',
    'Written by `pnpm --filter @init/package-checks run sizes` (`tooling/package-checks/src/sizes.ts`):',
    "the bundle of `export { name } from '@init/<package>'` built from dist with esbuild (ESM, minified,",
    'tree-shaken), in bytes, and gzipped. `test/sizes.test.ts` fails when an export outgrows its budget',
    '(`size-budget.json`).',
    '',
    '| export | minified (B) | gzipped (B) | budget (B) |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const size of sizes) {
    lines.push(`| \`${size.id}\` | ${size.minified} | ${size.gzipped} | ${budget[size.id] ?? '—'} |`);
  }
  return `${lines.join('\n')}\n`;
}

const split = process.argv.indexOf('--split');
if (process.argv[1]?.endsWith('sizes.ts') && split > 0) {
  // --split '<entry code>': the chunks of that application with code splitting, e.g.
  // --split "export const load = () => import('@init/core/svd');"
  const entry = process.argv[split + 1];
  if (entry === undefined) throw new Error('--split needs the entry code as its argument');
  for (const chunk of await splitBundle(entry)) {
    console.log(`${chunk.file}: ${chunk.minified} B minified, ${chunk.gzipped} B gzipped`);
  }
} else if (process.argv[1]?.endsWith('sizes.ts')) {
  const sizes = await measureAll();
  // --budget: re-measure every budget (intended growth); --budget-new: budget new exports only.
  const rewrite = process.argv.includes('--budget') || process.argv.includes('--budget-new');
  const budget = process.argv.includes('--budget')
    ? budgetFor(sizes)
    : process.argv.includes('--budget-new')
      ? budgetFor(sizes, readBudget())
      : readBudget();
  if (rewrite) writeFileSync(budgetPath, `${JSON.stringify(budget, null, 2)}\n`);
  writeFileSync(tablePath, renderTable(sizes, budget));
  const failures = overBudget(sizes, budget);
  console.log(`${sizes.length} exports measured; ${failures.length} over budget.`);
  for (const failure of failures) console.log(`  ${failure}`);
}
