// The feature table of guide/frameworks.md: every initializer of TF1, Keras 3, TensorFlow.js,
// PyTorch and JAX, with the @init name for it. The framework names come from the name table
// (nameTable() in @init/presets) and, for JAX, from jax/_src/nn/initializers.py; every @init name
// must be an export.
import { readFileSync } from 'node:fs';
import * as core from '@init/core';
import * as presets from '@init/presets';
import { describe, expect, test } from 'vitest';

const page = readFileSync(new URL('../guide/frameworks.md', import.meta.url), 'utf8');
const region = /<!-- #region feature-table -->\n([\s\S]*?)<!-- #endregion feature-table -->/.exec(page)?.[1] ?? '';
const rows = region
  .split('\n')
  .filter((line) => line.startsWith('|') && !line.startsWith('| ---') && !line.startsWith('| @init'))
  .map((line) =>
    line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim()),
  );

/** The backticked names of a cell, leaving out what parentheses explain. */
function names(cell: string): string[] {
  return [...cell.replace(/\([^)]*\)/g, '').matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
}

const column = (index: number): Set<string> => new Set(rows.flatMap((row) => names(row[index] ?? '')));

// jax.nn.initializers' initializer functions (jax/_src/nn/initializers.py).
const JAX = [
  'zeros',
  'ones',
  'constant',
  'uniform',
  'normal',
  'truncated_normal',
  'variance_scaling',
  'glorot_uniform',
  'xavier_uniform',
  'glorot_normal',
  'xavier_normal',
  'lecun_uniform',
  'lecun_normal',
  'he_uniform',
  'kaiming_uniform',
  'he_normal',
  'kaiming_normal',
  'orthogonal',
  'delta_orthogonal',
];

describe('the feature table (guide/frameworks.md)', () => {
  test('has six columns on every row, and no row without an @init name', () => {
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row, row.join(' | ')).toHaveLength(6);
      expect(names(row[0] as string).length, row.join(' | ')).toBeGreaterThan(0);
    }
  });

  test('every @init name is an export of @init/core or @init/presets', () => {
    const exported = new Set([...Object.keys(core), ...Object.keys(presets)]);
    for (const name of column(0)) expect(exported.has(name), name).toBe(true);
  });

  test("lists every name of the name table under its framework, and JAX's module", () => {
    const table = presets.nameTable();
    const tf1 = column(1);
    const keras = column(2);
    const tfjs = column(3);
    const pytorch = column(4);
    const jax = column(5);
    for (const row of table) {
      for (const name of row.tf1 === undefined ? [] : [row.tf1].flat()) expect(tf1.has(name), `TF1 ${name}`).toBe(true);
      for (const name of row.keras ?? []) expect(keras.has(name), `Keras ${name}`).toBe(true);
      if (row.keras !== undefined) {
        for (const name of [row.cls.className, ...(row.classAliases ?? [])])
          expect(keras.has(name), `Keras ${name}`).toBe(true);
      }
      for (const name of row.tfjs ?? []) expect(tfjs.has(name), `TensorFlow.js ${name}`).toBe(true);
      if (row.pytorch !== undefined) expect(pytorch.has(row.pytorch), `PyTorch ${row.pytorch}`).toBe(true);
    }
    for (const name of JAX) expect(jax.has(name), `JAX ${name}`).toBe(true);
  });
});
