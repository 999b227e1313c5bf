// The name table is the one place names live: these tests hold every other place to it — the
// exports of both packages, the README's (and so the docs site's) table, and get() itself.
import * as core from '@init/core';
import { Initializer } from '@init/core';
import { describe, expect, test } from 'vitest';
import { readmeNameTable, renderNameTable } from '../scripts/name-table.js';
import * as presets from './index.js';
import { classIdentifiers, get, kerasIdentifiers, nameTable, presetNameRows, tfjsIdentifiers } from './index.js';

/** The concrete Initializer classes a module exports: those declaring their own static className. */
function initializerClasses(module: Record<string, unknown>): string[] {
  return Object.entries(module)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Initializer)
    .filter(
      ([name, value]) =>
        Object.hasOwn(value as object, 'className') && name === (value as typeof Initializer).className,
    )
    .map(([name]) => name)
    .sort();
}

describe('the name table', () => {
  const rows = nameTable();

  test('has one row per exported Initializer class of @init/core and @init/presets, and no other', () => {
    const classes = [...initializerClasses(core), ...initializerClasses(presets)].sort();
    expect(rows.map((row) => row.cls.className).sort()).toEqual(classes);
  });

  test('each row names the class it holds, as that class is exported', () => {
    const exported: Record<string, unknown> = { ...core, ...presets };
    for (const row of rows) expect(exported[row.cls.className], row.cls.className).toBe(row.cls);
  });

  test('no id or class name appears twice, across every list get() reads', () => {
    const ids = [...kerasIdentifiers(), ...classIdentifiers(), ...tfjsIdentifiers()];
    expect(ids.length).toBeGreaterThan(rows.length * 2);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test('Keras ids start with the snake_case of the class name', () => {
    for (const row of rows.filter((entry) => entry.keras !== undefined)) {
      const snake = row.cls.className.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();
      expect(row.keras?.[0], row.cls.className).toBe(snake);
    }
  });

  test('every TF1 name is an export of @init/presets, and every TF1-style export has a row', () => {
    const tf1Exports = Object.keys(presets).filter(
      (name) => name.endsWith('_initializer') || name.startsWith('convolutional_'),
    );
    expect(rows.flatMap((row) => (row.tf1 === undefined ? [] : [row.tf1].flat())).sort()).toEqual(tf1Exports.sort());
  });

  test("every TF1 name is read by get's 'tf1' dialect, with TF1's meaning", () => {
    for (const row of rows) {
      for (const name of row.tf1 === undefined ? [] : [row.tf1].flat()) {
        expect(get(name, { dialect: 'tf1' }), name).toBeInstanceOf(Initializer);
      }
    }
  });

  test('every id gives an instance of its row: Keras ids and class names, TensorFlow.js ids with engine tfjs', () => {
    for (const row of rows) {
      for (const id of [...(row.keras ?? []), row.cls.className, ...(row.classAliases ?? [])]) {
        expect(get(id), id).toBeInstanceOf(row.cls);
      }
      for (const id of row.tfjs ?? []) {
        const initializer = get(id);
        expect(initializer, id).toBeInstanceOf(row.cls);
        expect(initializer.getConfig(), id).toMatchObject({ engine: 'tfjs' });
      }
    }
  });

  test('a class alias deserializes to its class through core alone, for core rows', () => {
    for (const row of core.coreNameRows()) {
      for (const alias of row.classAliases ?? []) {
        expect(core.deserialize({ className: alias, config: {} }), alias).toBeInstanceOf(row.cls);
      }
    }
  });

  test("presetNameRows() are exactly the presets' classes, the rest are core's", () => {
    expect(
      presetNameRows()
        .map((row) => row.cls.className)
        .sort(),
    ).toEqual(initializerClasses(presets));
    expect(
      core
        .coreNameRows()
        .map((row) => row.cls.className)
        .sort(),
    ).toEqual(initializerClasses(core));
  });

  test('the README (and so the docs site) shows the table as the rows say: run `pnpm run names` when it fails', () => {
    expect(readmeNameTable()).toBe(renderNameTable());
  });
});
