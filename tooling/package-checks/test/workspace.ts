// Paths and commands shared by the package checks.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

/** The published packages, each with the workspace packages it depends on (in install order). */
export const published = {
  random: [],
  linalg: [],
  core: ['random', 'linalg'],
  presets: ['random', 'linalg', 'core'],
  parallel: ['random', 'linalg', 'core'],
  tfjs: ['random', 'linalg', 'core', 'presets'],
  cli: ['random', 'linalg', 'core', 'presets', 'parallel'],
} as const satisfies Record<string, readonly string[]>;
export type PackageName = keyof typeof published;
export const packageNames = Object.keys(published) as PackageName[];

export function packageDir(name: PackageName): string {
  return join(root, 'packages', name);
}

/**
 * A published entry point: the package itself (`@init/linalg`) or a subpath of its `exports` map
 * (`@init/linalg/svd`), with its source file and built file, relative to the package directory.
 */
export interface EntryPoint {
  readonly specifier: string;
  readonly source: string;
  readonly dist: string;
}

/** A condition's target: a path, or nested conditions (`{ browser, default }`) of which `default` is read. */
type ConditionTarget = string | { readonly default?: string };
type ExportConditions = {
  readonly '@init/source'?: ConditionTarget;
  readonly node?: ConditionTarget;
  readonly default?: ConditionTarget;
};

function defaultTarget(target: ConditionTarget | undefined): string | undefined {
  return typeof target === 'object' ? target.default : target;
}

/** The package's entry points, as its `exports` map lists them: `.` first, then each subpath. */
export function entryPoints(name: PackageName): EntryPoint[] {
  const manifest = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as {
    exports: Record<string, string | ExportConditions>;
  };
  const entries: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'string') continue; // './package.json'
    // A package with a browser entry (@init/parallel) nests its source condition and adds `node`:
    // the Node.js entry is the one read here (the browser entry matches it, by a type test).
    const source = defaultTarget(target['@init/source']);
    const dist = defaultTarget(target.node ?? target.default);
    if (source === undefined || dist === undefined)
      throw new Error(`@init/${name}: exports["${subpath}"] lacks a source or default`);
    entries.push({ specifier: `@init/${name}${subpath.slice(1)}`, source, dist });
  }
  return entries;
}

/** Fails with a clear message when a package has not been built: its tarball would ship no dist. */
export function assertBuilt(name: PackageName): void {
  if (!existsSync(join(packageDir(name), 'dist', 'index.js'))) {
    throw new Error(`packages/${name}/dist is missing: run the build first (npm test does, or pnpm run build).`);
  }
}

export function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}
