// ARCHITECTURE.md's table of public names is the one a newcomer reads to find the file that holds
// a name: it must match the packages' indexes, and no index may export a name twice.
import { describe, expect, test } from 'vitest';
import { architectureTable, publicNames, renderPublicNames } from '../src/public-names.js';
import { entryPoints, packageNames } from './workspace.js';

describe('public names', () => {
  test.each(packageNames)('@init/%s exports each name once, every one from a file that exists', async (name) => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { root } = await import('./workspace.js');
    for (const entryPoint of entryPoints(name)) {
      const names = publicNames(name, entryPoint).map((entry) => entry.name);
      expect(names.filter((entry, index) => names.indexOf(entry) !== index)).toEqual([]);
      for (const entry of publicNames(name, entryPoint)) {
        if (entry.file.startsWith('packages/')) expect(existsSync(join(root, entry.file)), entry.file).toBe(true);
      }
    }
  });

  test('ARCHITECTURE.md lists them as the indexes say: run `pnpm --filter @init/package-checks run names` when it fails', () => {
    expect(architectureTable()).toBe(renderPublicNames());
  });
});
