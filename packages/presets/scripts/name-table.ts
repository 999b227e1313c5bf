// The docs' name table, rendered from the name table itself (nameTable()): one Markdown row per
// class with its Keras 3, TensorFlow.js, TF1 and PyTorch names. `pnpm --filter @init/presets run
// names` writes it into this package's README (region name-table, which the docs site includes);
// src/names.test.ts fails when the README's copy is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NameRow } from '@init/core';
import { nameTable, presetNameRows } from '../src/index.js';

const code = (names: readonly string[]): string =>
  names.length === 0 ? '—' : names.map((name) => `\`${name}\``).join(', ');

/** The Markdown table of `rows` (default: the whole name table). */
export function renderNameTable(rows: readonly NameRow[] = nameTable()): string {
  const presets = new Set(presetNameRows().map((row) => row.cls));
  const lines = [
    '| class | package | Keras 3 ids | TensorFlow.js ids | TF1 | PyTorch |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const cls = code([row.cls.className, ...(row.classAliases ?? [])]);
    const where = presets.has(row.cls) ? '@init/presets' : '@init/core';
    const tfjs = row.tfjs !== undefined ? code(row.tfjs) : row.tfjsClass === undefined ? '—' : 'as Keras';
    const cells = [cls, where, code(row.keras ?? []), tfjs, code(row.tf1 === undefined ? [] : [row.tf1].flat())];
    cells.push(code(row.pytorch === undefined ? [] : [`torch.nn.init.${row.pytorch}`]));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export const README = fileURLToPath(new URL('../README.md', import.meta.url));
export const REGION = /(<!-- #region name-table -->\n)[\s\S]*?(<!-- #endregion name-table -->)/;

/** The table as the README holds it now. */
export function readmeNameTable(): string | undefined {
  const match = REGION.exec(readFileSync(README, 'utf8'));
  return match === null ? undefined : match[0].split('\n').slice(1, -1).join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(README, 'utf8');
  if (!REGION.test(readme))
    throw new Error('README.md has no <!-- #region name-table --> … <!-- #endregion name-table -->');
  writeFileSync(
    README,
    readme.replace(REGION, (_, start: string, end: string) => `${start}${renderNameTable()}\n${end}`),
  );
  console.log('README.md: name table written.');
}
