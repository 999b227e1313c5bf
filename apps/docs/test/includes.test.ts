// The Benchmarks page and the framework comparison include tables from the packages' READMEs by line
// range (`<!--@include: path{start,end}-->`). VitePress silently leaves a comment behind when an
// include fails and includes whatever lies in the range, so this checks that every range still
// covers exactly the table it was written for: a README edit that moves the table fails here,
// instead of publishing half a table.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** Each include of the site, with the first line its range must start with. */
const includes = [
  { page: 'benchmarks.md', file: 'packages/random/README.md', startsWith: '| task | ns/element |', endsWith: '| tfjs truncatedNormal' },
  { page: 'benchmarks.md', file: 'packages/linalg/README.md', startsWith: '| task | median |', endsWith: '```' },
  { page: 'guide/frameworks.md', file: 'packages/presets/README.md', startsWith: '| | TF1 (the seed) |', endsWith: '| Seeds |' },
];

describe('tables included from the package READMEs', () => {
  it.each(includes)('$page includes the table of $file, whole', ({ page, file, startsWith, endsWith }) => {
    const source = readFileSync(join(docsDir, page), 'utf8');
    const directive = new RegExp(`<!--@include: ([^{]*${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')})\\{(\\d+),(\\d+)\\}-->`).exec(source);
    expect(directive, `${page} has an include of ${file} with a line range`).not.toBeNull();
    const [, relativePath = '', start = '0', end = '0'] = directive!;
    const lines = readFileSync(join(dirname(join(docsDir, page)), relativePath), 'utf8').split(/\r?\n/);
    const first = Number(start);
    const last = Number(end);
    const included = lines.slice(first - 1, last);
    const hint = `update the line range {${start},${end}} in ${page} (the table in ${file} moved)`;
    expect(included[0], hint).toMatch(new RegExp(`^${startsWith.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(included.at(-1), hint).toMatch(new RegExp(`^${endsWith.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // The range ends where the block ends: a blank line (or the end of the file) follows.
    expect(lines[last] ?? '', hint).toBe('');
    expect(lines[first - 2] ?? '', hint).toBe('');
  });
});
