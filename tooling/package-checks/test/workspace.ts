// Paths and commands shared by the package checks.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
