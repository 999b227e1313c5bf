// What a framework's bundle pulls in: importing only VarianceScaling from @init/core must bring no
// QR, SVD or ml-matrix code (ESM + "sideEffects": false + no module-level work in the packages),
// and Orthogonal with its default method the QR but no ml-matrix (the SVD is in '@init/core/svd').
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { assertBuilt, root } from './workspace.js';

// Names that only the linear algebra has: @init/linalg's exports and ml-matrix's classes.
const MUST_NOT_APPEAR = [
  'orthogonalize',
  'householder',
  'SingularValueDecomposition',
  'QrDecomposition',
  'ml-matrix',
  'AbstractMatrix',
];

// Names that only ml-matrix has (its classes, as they survive in an unminified bundle).
const ML_MATRIX = ['SingularValueDecomposition', 'AbstractMatrix'];

async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: `${root}/tooling/package-checks`, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    // Resolve the packages as a user's bundler would: through their built dist, not the source.
    conditions: [],
    minify: false,
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('bundle contents', () => {
  test('VarianceScaling alone carries no linear algebra', async () => {
    assertBuilt('core');
    const code = await bundle(
      `import { VarianceScaling } from '@init/core'; export const values = new VarianceScaling({ seed: 1 }).apply([4, 4]).data;`,
    );
    for (const name of MUST_NOT_APPEAR) expect(code, `the bundle contains ${name}`).not.toContain(name);
    const minified = await build({
      stdin: { contents: code, loader: 'js' },
      minify: true,
      write: false,
      format: 'esm',
      logLevel: 'silent',
    });
    const bytes = minified.outputFiles[0]?.contents ?? new Uint8Array();
    console.log(`VarianceScaling-only bundle: ${bytes.length} bytes minified, ${gzipSync(bytes).length} bytes gzipped`);
  });

  test("Orthogonal with its default method carries the QR but no ml-matrix (method 'svd' is opt-in)", async () => {
    const code = await bundle(
      `import { Orthogonal } from '@init/core'; export const values = new Orthogonal({ seed: 1 }).apply([4, 4]).data;`,
    );
    // The QR is there (linalg's error wording names orthogonalize) ...
    expect(code).toContain('orthogonalize');
    // ... and ml-matrix is not.
    for (const name of ML_MATRIX) expect(code, `the bundle contains ${name}`).not.toContain(name);
  });

  test("the check can fail: Orthogonal with enableSvd from '@init/core/svd' carries ml-matrix", async () => {
    const code = await bundle(
      `import { Orthogonal } from '@init/core'; import { enableSvd } from '@init/core/svd'; enableSvd(); export const values = new Orthogonal({ seed: 1, method: 'svd' }).apply([4, 4]).data;`,
    );
    expect(ML_MATRIX.filter((name) => code.includes(name))).toEqual(ML_MATRIX);
  });

  test('the check can fail: a bundle that uses Orthogonal does carry the linear algebra', async () => {
    const code = await bundle(
      `import { Orthogonal } from '@init/core'; export const values = new Orthogonal({ seed: 1 }).apply([4, 4]).data;`,
    );
    expect(MUST_NOT_APPEAR.some((name) => code.includes(name))).toBe(true);
  });
});
