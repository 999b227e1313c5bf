// Every example on the site prints, today, exactly the output the site shows under it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleNames, outputPath, runExample } from './examples.js';

describe('the examples shown on the pages', () => {
  const names = exampleNames();

  it('exist', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
  });

  it.each(names)('examples/%s.ts prints what its .out file shows', async (name) => {
    const shown = readFileSync(outputPath(name), 'utf8');
    // A fresh module instance per run, so an example that ran before still prints.
    const printed = await runExample(name, `run=${Date.now()}`);
    expect(printed, `examples/${name}.out is stale: run \`pnpm run examples\` in apps/docs`).toBe(shown);
  });

  it('are all included by some page, code and output', () => {
    const pages = [
      'getting-started.md',
      'guide/index.md',
      'guide/seeds.md',
      'guide/sharding.md',
      'guide/frameworks.md',
      'guide/migrating.md',
      'guide/tensorflow-js.md',
    ]
      .concat(
        [
          'zeros',
          'ones',
          'constant',
          'random-uniform',
          'random-normal',
          'truncated-normal',
          'uniform-unit-scaling',
          'variance-scaling',
          'orthogonal',
          'identity',
          'delta-orthogonal',
          'convolution-orthogonal',
          'stft',
          'dirac',
          'sparse',
          'glorot-uniform',
          'pytorch',
        ].map((slug) => `initializers/${slug}.md`),
      )
      .map((page) => readFileSync(new URL(`../${page}`, import.meta.url), 'utf8'))
      .join('\n');
    for (const name of names) {
      expect(pages, `examples/${name}.ts is on no page`).toContain(`<<< @/examples/${name}.ts`);
      expect(pages, `examples/${name}.out is on no page`).toContain(`<<< @/examples/${name}.out{txt}`);
    }
  });
});
