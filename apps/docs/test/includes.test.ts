// The Benchmarks page and the framework comparison include tables from the packages' READMEs by
// region (`<!--@include: path#name-->` over `<!-- #region name -->` … `<!-- #endregion name -->`).
// VitePress silently leaves a comment behind when an include fails, so this checks that every
// region still exists and holds the table it was written for.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** Each include of the site, with the line its region's table must start with. */
const includes = [
  {
    page: 'benchmarks.md',
    file: 'packages/random/README.md',
    region: 'benchmark-table',
    startsWith: '| ns per element | ours, WebAssembly SIMD |',
  },
  {
    page: 'benchmarks.md',
    file: 'packages/linalg/README.md',
    region: 'benchmark-table',
    startsWith: '| task | median |',
  },
  {
    page: 'benchmarks.md',
    file: 'packages/core/README.md',
    region: 'benchmark-table',
    startsWith: '| benchmark | ns/element |',
  },
  {
    page: 'benchmarks.md',
    file: 'packages/core/README.md',
    region: 'shard-table',
    startsWith: '| shard | RandomUniform |',
  },
  {
    page: 'guide/frameworks.md',
    file: 'packages/presets/README.md',
    region: 'framework-table',
    startsWith: '| | TF1 |',
  },
  {
    page: 'initializers/index.md',
    file: 'packages/presets/README.md',
    region: 'name-table',
    startsWith: '| class | package | Keras 3 ids |',
  },
  {
    page: 'guide/tensorflow-js.md',
    file: 'packages/tfjs/README.md',
    region: 'engines-table',
    startsWith: "| | `engine: 'tfjs'` (default) |",
  },
  {
    page: 'benchmarks.md',
    file: 'packages/tfjs/README.md',
    region: 'benchmark-table',
    startsWith: '| Dense 512×512',
  },
];

describe('tables included from the package READMEs', () => {
  it.each(includes)('$page includes the $region of $file', ({ page, file, region, startsWith }) => {
    const source = readFileSync(join(docsDir, page), 'utf8');
    const directive = new RegExp(
      `<!--@include: ([^#]*${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})#${region}-->`,
    ).exec(source);
    expect(directive, `${page} includes ${file}#${region}`).not.toBeNull();
    const readme = readFileSync(join(dirname(join(docsDir, page)), directive?.[1] ?? ''), 'utf8');
    const body = new RegExp(`<!-- #region ${region} -->\\n([\\s\\S]*?)\\n<!-- #endregion ${region} -->`).exec(readme);
    expect(body, `${file} has the region ${region}`).not.toBeNull();
    const lines = (body?.[1] ?? '').split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${startsWith.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(lines.filter((line) => line.startsWith('|')).length).toBeGreaterThan(3);
  });
});
