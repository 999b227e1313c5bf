// The presets' rows of the name table (core's rows are in @init/core's names.ts): each Keras
// preset class with its Keras 3, TensorFlow.js, TF1 and PyTorch names. get(), its id lists and the
// docs' name table are all read from nameTable(); to add an initializer, add its row here (a preset
// class) or in core (a core class) — see ARCHITECTURE.md.
import { coreNameRows, nameRow, type NameRow } from '@init/core';
import { GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform } from './keras-presets.js';

/** The presets' own rows: Keras 3's defaults are the classes' own, TensorFlow.js's add engine 'tfjs'. */
export function presetNameRows(): readonly NameRow[] {
  return [
    nameRow({
      cls: GlorotUniform,
      tfjsClass: 'GlorotUniform',
      keras: ['glorot_uniform'],
      tfjs: ['glorotUniform'],
      tfjsOptions: { engine: 'tfjs' },
      tf1: 'glorot_uniform_initializer',
      pytorch: 'xavier_uniform_',
    }),
    nameRow({
      cls: GlorotNormal,
      tfjsClass: 'GlorotNormal',
      keras: ['glorot_normal'],
      tfjs: ['glorotNormal'],
      tfjsOptions: { engine: 'tfjs' },
      tf1: 'glorot_normal_initializer',
      pytorch: 'xavier_normal_',
    }),
    nameRow({
      cls: HeUniform,
      tfjsClass: 'HeUniform',
      keras: ['he_uniform'],
      tfjs: ['heUniform'],
      tfjsOptions: { engine: 'tfjs' },
      pytorch: 'kaiming_uniform_',
    }),
    nameRow({
      cls: HeNormal,
      tfjsClass: 'HeNormal',
      keras: ['he_normal'],
      tfjs: ['heNormal'],
      tfjsOptions: { engine: 'tfjs' },
      pytorch: 'kaiming_normal_',
    }),
    // TensorFlow.js spells LeCun with a capital C, in its ids and its class names.
    nameRow({
      cls: LecunUniform,
      tfjsClass: 'LeCunUniform',
      keras: ['lecun_uniform'],
      tfjs: ['leCunUniform', 'LeCunUniform'],
      tfjsOptions: { engine: 'tfjs' },
    }),
    nameRow({
      cls: LecunNormal,
      tfjsClass: 'LeCunNormal',
      keras: ['lecun_normal'],
      tfjs: ['leCunNormal', 'LeCunNormal'],
      tfjsOptions: { engine: 'tfjs' },
    }),
  ];
}

/**
 * The whole name table: the presets' rows, then core's. One row per class, with its Keras 3 class
 * name and string ids, its TensorFlow.js ids, its TF1 function and its PyTorch `nn.init` function.
 * `get` reads its ids from here, so does the docs' name table.
 * @example
 * ```ts
 * nameTable().find((row) => row.cls.className === 'HeNormal')?.keras; // ['he_normal']
 * ```
 */
export function nameTable(): readonly NameRow[] {
  return [...presetNameRows(), ...coreNameRows()];
}

/** The first names of each row, then the further ones (aliases), so that the main spellings lead. */
function leadingFirst(lists: readonly (readonly string[])[]): string[] {
  return [...lists.flatMap((names) => names.slice(0, 1)), ...lists.flatMap((names) => names.slice(1))];
}

/** Keras 3's string ids of every row: the snake_case class names, then the aliases (`'normal'`, `'zero'`). */
export function kerasIdentifiers(rows: readonly NameRow[] = nameTable()): string[] {
  return leadingFirst(rows.map((row) => row.keras ?? []));
}

/** TensorFlow.js's ids of every row that differ from Keras's (`'randomNormal'`, `'LeCunNormal'`). */
export function tfjsIdentifiers(rows: readonly NameRow[] = nameTable()): string[] {
  return leadingFirst(rows.map((row) => row.tfjs ?? []));
}

/** The class names of every row, each followed by its class aliases (`'OrthogonalInitializer'`). */
export function classIdentifiers(rows: readonly NameRow[] = nameTable()): string[] {
  return rows.flatMap((row) => [row.cls.className, ...(row.classAliases ?? [])]);
}
