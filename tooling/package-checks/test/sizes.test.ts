// Each public export's bundle stays within its committed budget (size-budget.json), and the lean
// paths stay lean: VarianceScaling alone carries Alea but none of seedrandom's other generators.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { type ExportSize, measureAll, minifiedBundle, overBudget, readBudget } from '../src/sizes.js';
import { assertBuilt, packageNames } from './workspace.js';

// seedrandom's generators other than Alea, as their code names them (ARC4 is the root's default).
const OTHER_SEEDRANDOM_GENERATORS = ['xor128', 'xorwow', 'xorshift7', 'xor4096', 'tychei', 'ARC4', 'arc4'];

describe('bundle size per public export', () => {
  let sizes: ExportSize[];
  beforeAll(async () => {
    for (const name of packageNames) assertBuilt(name);
    sizes = await measureAll();
  });

  test('every export is within its budget (run `pnpm --filter @init/package-checks run sizes` for the table)', () => {
    expect(sizes.length).toBeGreaterThan(50);
    expect(overBudget(sizes, readBudget())).toEqual([]);
  });

  test('the check can fail: an export one byte over its budget, and an export without one', () => {
    const budget = readBudget();
    const [first] = sizes;
    if (first === undefined) throw new Error('nothing measured');
    const tight = { ...budget, [first.id]: first.gzipped - 1 };
    expect(overBudget([first], tight)).toEqual([
      `${first.id}: ${first.gzipped} B gzipped, over its budget of ${first.gzipped - 1} B`,
    ]);
    const { [first.id]: _dropped, ...missing } = budget;
    expect(overBudget([first], missing)[0]).toMatch(/no budget/);
  });
});

describe("Orthogonal's budget has no room for ml-matrix", () => {
  test("the check fails for Orthogonal bundled with '@init/core/svd' (as it was before the SVD became opt-in)", async () => {
    const bytes = await minifiedBundle(
      `export { Orthogonal } from '@init/core'; export { enableSvd } from '@init/core/svd';`,
    );
    const withSvd: ExportSize = {
      id: '@init/core Orthogonal',
      minified: bytes.length,
      gzipped: gzipSync(bytes).length,
    };
    const budget = readBudget();
    expect(overBudget([withSvd], budget)).toEqual([
      `@init/core Orthogonal: ${withSvd.gzipped} B gzipped, over its budget of ${budget['@init/core Orthogonal']} B`,
    ]);
  });
});

describe('lean paths', () => {
  test("VarianceScaling alone carries Alea but none of seedrandom's other generators", async () => {
    const code = new TextDecoder().decode(await minifiedBundle(`export { VarianceScaling } from '@init/core';`));
    // Alea's multiplier: the 'tfjs' engine's generator is there.
    expect(code).toContain('2091639');
    for (const name of OTHER_SEEDRANDOM_GENERATORS) expect(code, `the bundle contains ${name}`).not.toContain(name);
    console.log(`VarianceScaling alone: ${code.length} B minified, ${gzipSync(code).length} B gzipped`);
  });

  test("the check can fail: seedrandom's root entry does carry the other generators", async () => {
    const code = new TextDecoder().decode(await minifiedBundle(`export { default } from 'seedrandom';`));
    expect(OTHER_SEEDRANDOM_GENERATORS.filter((name) => code.includes(name))).not.toEqual([]);
  });
});
