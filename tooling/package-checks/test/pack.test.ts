// Each published package as a user receives it: packed with pnpm (which rewrites workspace:
// ranges), linted by publint and attw, and installed with plain npm into a scratch project outside
// the workspace, taking only the packages a user picks.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assertBuilt, bin, packageDir, packageNames, published, run, type PackageName } from './workspace.js';

const scratch = mkdtempSync(join(tmpdir(), 'init-pack-'));
const tarballs = new Map<PackageName, string>();

beforeAll(() => {
  for (const name of packageNames) {
    assertBuilt(name);
    const before = new Set(readdirSync(scratch));
    run(bin('pnpm'), ['pack', '--pack-destination', scratch], packageDir(name));
    const tarball = readdirSync(scratch).find((file) => file.endsWith('.tgz') && !before.has(file));
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for @init/${name}`);
    tarballs.set(name, join(scratch, tarball));
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(packageNames)('@init/%s', (name) => {
  test('publint finds nothing to fix', async () => {
    const { messages, pkg } = await publint({
      pkgDir: packageDir(name),
      level: 'suggestion',
      strict: true,
      pack: 'pnpm',
    });
    expect(messages.map((message) => formatMessage(message, pkg))).toEqual([]);
  });

  test('attw finds no type resolution problems (esm-only profile)', () => {
    const tarball = tarballs.get(name) as string;
    // attw exits non-zero on a problem in a resolution the profile checks; the esm-only profile
    // ignores node10 and node16-cjs, where an ESM-only package is expected to fail.
    const report = JSON.parse(run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'json'], scratch)) as {
      problems: Record<string, { resolutionKind?: string }[]>;
    };
    const checked = Object.values(report.problems)
      .flat()
      .filter((problem) => problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs');
    expect(checked).toEqual([]);
  });

  test('the tarball ships dist and sources but no tests or fixtures', () => {
    const files = run('tar', ['-tzf', tarballs.get(name) as string], scratch).split('\n');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    if (inlinesInternal(name)) {
      // Their sources import the private @init/internal, which only their builds carry: they ship
      // dist alone, and their published exports have no @init/source condition.
      expect(files.filter((file) => file.startsWith('package/src/'))).toEqual([]);
      const manifest = JSON.parse(run('tar', ['-xzOf', tarballs.get(name) as string, 'package/package.json'], scratch));
      expect(JSON.stringify(manifest.exports)).not.toContain('@init/source');
      // publishConfig.exports is the workspace's map without the condition: the same entry points.
      const workspace = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8'));
      expect(Object.keys(manifest.exports)).toEqual(Object.keys(workspace.exports));
      expect(manifest.dependencies ?? {}).not.toHaveProperty('@init/internal');
    } else {
      expect(files).toContain('package/src/index.ts');
    }
    expect(files.filter((file) => file.endsWith('.test.ts') || file.includes('__fixtures__'))).toEqual([]);
  });

  test('the build inlines @init/internal: no import of it remains', () => {
    const dist = run('tar', ['-xzOf', tarballs.get(name) as string, 'package/dist/index.js'], scratch);
    expect(dist).not.toMatch(/from\s*['"]@init\/internal/);
  });
});

/** random and linalg inline the private @init/internal (see ARCHITECTURE.md). */
function inlinesInternal(name: PackageName): boolean {
  return name === 'random' || name === 'linalg';
}

describe('pick and choose', () => {
  /** `extra`: packages from the npm registry installed next to the tarballs, as a user would. */
  function installInScratchProject(name: PackageName, extra: readonly string[] = []): string {
    const project = mkdtempSync(join(tmpdir(), `init-consumer-${name}-`));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const wanted = [...published[name], name].map((dependency) => tarballs.get(dependency) as string);
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...wanted, ...extra], project);
    return project;
  }

  test('@init/core installs with plain npm from its tarballs and imports outside the workspace', async () => {
    const project = installInScratchProject('core');
    const script = `
      import { Constant, computeFans } from '@init/core';
      const tensor = new Constant({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3]);
      console.log(JSON.stringify({ data: Array.from(tensor.data), fans: computeFans([3, 3, 16, 32]) }));
    `;
    const output = run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(JSON.parse(output)).toEqual({ data: [1, 1, 1, 1, -8, 1, 1, 1, 1], fans: { fanIn: 144, fanOut: 288 } });
    // Only what was asked for: no presets, no docs.
    expect(readdirSync(join(project, 'node_modules', '@init')).sort()).toEqual(['core', 'linalg', 'random']);
    // Method 'svd' through the subpath '@init/core/svd': refused before enableSvd(), TF1's values after
    // (the subpath and the main entry share the installed linalg's state).
    const svd = `
      import { Orthogonal } from '@init/core';
      import { enableSvd } from '@init/core/svd';
      const init = new Orthogonal({ method: 'svd', seed: 42 });
      let before = '';
      try { init.apply([2, 2]); } catch (error) { before = error.code; }
      enableSvd();
      console.log(JSON.stringify({ before, after: Array.from(init.apply([2, 2], 'float64').data) }));
    `;
    const { before, after } = JSON.parse(run(process.execPath, ['--input-type=module', '-e', svd], project)) as {
      before: string;
      after: number[];
    };
    expect(before).toBe('ERR_INIT_INVALID_ARGUMENT');
    // The same bits as the workspace's sources give.
    const { Orthogonal } = await import('@init/core');
    const { enableSvd } = await import('@init/core/svd');
    enableSvd();
    expect(after).toEqual(Array.from(new Orthogonal({ method: 'svd', seed: 42 }).apply([2, 2], 'float64').data));
    rmSync(project, { recursive: true, force: true });
  });

  test('@init/presets installs on top of core and imports outside the workspace', () => {
    const project = installInScratchProject('presets');
    const script = `
      import { constant_initializer } from '@init/presets';
      console.log(JSON.stringify(Array.from(new constant_initializer({ value: 3 }).apply([2]).data)));
    `;
    expect(JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], project))).toEqual([3, 3]);
    rmSync(project, { recursive: true, force: true });
  });

  test('@init/parallel installs on top of core and fills on worker threads from the installed dist', () => {
    const project = installInScratchProject('parallel');
    const script = `
      import { RandomNormal } from '@init/core';
      import { applyParallel } from '@init/parallel';
      const normal = new RandomNormal({ seed: 5 });
      const tensor = await applyParallel(normal, [300, 200], { workers: 2, minElements: 0 });
      const same = Buffer.from(tensor.data.buffer).equals(Buffer.from(normal.apply([300, 200]).data.buffer));
      console.log(JSON.stringify({ shared: tensor.data.buffer instanceof SharedArrayBuffer, same }));
    `;
    expect(JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], project))).toEqual({
      shared: true,
      same: true,
    });
    rmSync(project, { recursive: true, force: true });
  });

  test('@init/tfjs installs next to TensorFlow.js (from the npm registry) and makes its values', () => {
    const tfjs = [
      '@tensorflow/tfjs-core@4.22.0',
      '@tensorflow/tfjs-layers@4.22.0',
      '@tensorflow/tfjs-backend-cpu@4.22.0',
    ];
    const project = installInScratchProject('tfjs', tfjs);
    const script = `
      import '@tensorflow/tfjs-backend-cpu';
      import * as tf from '@tensorflow/tfjs-core';
      import * as tfl from '@tensorflow/tfjs-layers';
      import { Orthogonal } from '@init/core';
      import { installTfjs, toTfjs, uninstallTfjs } from '@init/tfjs';
      await tf.setBackend('cpu');
      const theirs = Array.from(tfl.initializers.heNormal({ seed: 77 }).apply([3, 4]).dataSync());
      installTfjs();
      const ours = Array.from(tfl.initializers.heNormal({ seed: 77 }).apply([3, 4]).dataSync());
      uninstallTfjs();
      const wrapped = Array.from(toTfjs(new Orthogonal({ seed: 1 })).apply([2, 2]).dataSync());
      const expected = Array.from(new Orthogonal({ seed: 1 }).apply([2, 2]).data);
      console.log(JSON.stringify({ same: JSON.stringify(ours) === JSON.stringify(theirs), wrapped: JSON.stringify(wrapped) === JSON.stringify(expected) }));
    `;
    const output = run(process.execPath, ['--input-type=module', '-e', script], project)
      .trim()
      .split('\n')
      .at(-1) as string;
    expect(JSON.parse(output)).toEqual({ same: true, wrapped: true });
    expect(readdirSync(join(project, 'node_modules', '@init')).sort()).toEqual([
      'core',
      'linalg',
      'presets',
      'random',
      'tfjs',
    ]);
    rmSync(project, { recursive: true, force: true });
  });

  test('@init/cli installs with its dependencies and its bin runs from the installed tarball', () => {
    const project = installInScratchProject('cli');
    const bin = join(project, 'node_modules', '.bin', 'init-weights');
    writeFileSync(
      join(project, 'spec.json'),
      JSON.stringify({
        parameters: { 'fc.weight': [600, 500], 'fc.bias': [600] },
        rules: { '*.bias': 'zeros', '*': 'he_uniform' },
      }),
    );
    const written = run(bin, ['spec.json', '--seed', '7', '--out', 'model.safetensors', '--workers', '2'], project);
    expect(written).toContain('2 tensors, 300,600 parameters');
    const inspected = run(bin, ['inspect', 'model.safetensors'], project).split('\n');
    expect(inspected[2]).toMatch(/^fc\.weight +\[600, 500\] +F32 /);
    expect(run(bin, ['verify', 'spec.json', 'model.safetensors'], project)).toContain('2 of 2 tensors match');
    rmSync(project, { recursive: true, force: true });
  });
});
