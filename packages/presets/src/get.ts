// get(identifier): the initializer a user means by a name from the framework they know. Every id
// comes from the name table (nameTable() in names.ts): importing this module builds and registers
// nothing, and no name is listed twice.
import {
  deserialize,
  DIALECTS,
  Initializer,
  InitRangeError,
  InitTypeError,
  type Dialect,
  type NameRow,
  oneOf,
  readOptions,
  registeredClassNames,
  argumentMessage,
  closestNames,
} from '@init/core';
import { classIdentifiers, kerasIdentifiers, nameTable, presetNameRows, tfjsIdentifiers } from './names.js';
import { tf1Initializer } from './tf1.js';

/** What `get` accepts: a string id, a serialized `{ className, config }` (or Keras's `class_name`), or an Initializer. */
export type InitializerIdentifier =
  | string
  | { readonly className?: string; readonly class_name?: string; readonly config?: unknown }
  | Initializer;

/** Options of {@link get}. */
export interface GetOptions {
  /**
   * Read the identifier as one framework reads it (see `@init/core`'s README, "Dialects"):
   * `'keras'` (Keras's ids and defaults; `'normal'` in a VarianceScaling config is the corrected
   * truncated normal), `'tfjs'` (TensorFlow.js's ids, class names, config values and defaults, on
   * engine `'tfjs'`) or `'tf1'` (TF1's names, such as `'glorot_normal_initializer'`, with TF1's
   * meaning). Without it a string id is read in the framework it belongs to and an object as
   * core's `deserialize` reads it by default.
   */
  readonly dialect?: Dialect;
}

/** The initializer an id names, with the defaults of the framework the id comes from (undefined: no row has it). */
function fromString(id: string, rows: readonly NameRow[]): Initializer | undefined {
  for (const row of rows) {
    // Keras 3 ids and class names: Keras 3 semantics and defaults, @init's counter-based stream.
    if ((row.keras ?? []).includes(id) || row.cls.className === id || (row.classAliases ?? []).includes(id)) {
      return new row.cls((row.kerasOptions ?? {}) as never);
    }
    // TensorFlow.js ids: what tfjs-layers does, through the 'tfjs' engine.
    if ((row.tfjs ?? []).includes(id)) return new row.cls((row.tfjsOptions ?? {}) as never);
  }
  return undefined;
}

/** The class name TensorFlow.js's string id stands for (`'leCunNormal'` → `'LeCunNormal'`), or the id itself. */
function tfjsClassOf(id: string, rows: readonly NameRow[]): string {
  for (const row of rows) {
    if (row.tfjsClass === undefined) continue;
    // TensorFlow.js's getInitializer maps its ids to class names; the ids it spells as Keras does
    // ('zeros', 'orthogonal') are the row's first Keras id.
    const ids = row.tfjs ?? (row.keras ?? []).slice(0, 1);
    if (ids.includes(id)) return row.tfjsClass;
  }
  return id;
}

/** The ids a dialect reads, for the suggestions of an error. */
function dialectIds(dialect: Dialect, rows: readonly NameRow[]): string[] {
  const classes = classIdentifiers(rows);
  if (dialect === 'keras') return [...kerasIdentifiers(rows), ...classes];
  if (dialect === 'tf1') return [...rows.flatMap((row) => (row.tf1 === undefined ? [] : [row.tf1].flat())), ...classes];
  const tfjsIds = rows.flatMap((row) =>
    row.tfjsClass === undefined ? [] : [...(row.tfjs ?? (row.keras ?? []).slice(0, 1)), row.tfjsClass],
  );
  return [...new Set([...tfjsIds, ...classes])];
}

/**
 * A string id read in one dialect: Keras's ids with Keras's defaults; TensorFlow.js's ids and
 * class names as tfjs-layers' getInitializer reads them; TF1's function names as @init/presets
 * exports them (with TF1's meaning).
 */
function fromStringIn(dialect: Dialect, id: string, rows: readonly NameRow[]): Initializer | undefined {
  if (dialect === 'keras') {
    const row = rows.find(
      (entry) =>
        (entry.keras ?? []).includes(id) || entry.cls.className === id || (entry.classAliases ?? []).includes(id),
    );
    return row === undefined ? undefined : new row.cls((row.kerasOptions ?? {}) as never);
  }
  if (dialect === 'tf1' && rows.some((row) => row.tf1 !== undefined && [row.tf1].flat().includes(id))) {
    // TF1's own functions and classes, exported by this package under TF1's names.
    return tf1Initializer(id);
  }
  const className = dialect === 'tfjs' ? tfjsClassOf(id, rows) : id;
  if (!classIdentifiers(rows).includes(className) && !rows.some((row) => row.tfjsClass === className)) return undefined;
  return deserialize({ className, config: {} }, { names: presetNameRows(), dialect });
}

function unknownName(argument: string, received: string, candidates: readonly string[]): InitTypeError {
  // PyTorch users type xavier_* and kaiming_*: look for the Glorot and He names they mean.
  const pytorchName = /xavier|kaiming/i.test(received);
  const translated = received.replace(/xavier/gi, 'glorot').replace(/kaiming/gi, 'he');
  const suggestions = closestNames(translated, candidates);
  const requirement =
    suggestions.length > 0
      ? `name a known initializer (did you mean ${suggestions.map((name) => `'${name}'`).join(', ')}?)`
      : `name a known initializer, such as ${kerasIdentifiers()
          .map((name) => `'${name}'`)
          .join(', ')}`;
  const hint = pytorchName
    ? "; PyTorch's xavier_*/kaiming_* are xavierUniform, xavierNormal, kaimingUniform and kaimingNormal here"
    : '';
  return new InitTypeError(
    argumentMessage('get', argument, requirement + hint, received),
    'ERR_INIT_UNKNOWN_IDENTIFIER',
  );
}

/**
 * The class name an object declares, read as a data property only (a getter is never called);
 * undefined when there is none. Used only to suggest names after core refused an unknown one.
 */
function declaredClassName(value: object): unknown {
  for (const key of ['className', 'class_name']) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) return descriptor.value as unknown;
  }
  return undefined;
}

function fromObject(value: object, dialect: Dialect | undefined): Initializer {
  // Core's deserialize reads the object as data (no getters run, no prototype touched), knows
  // Keras's forms, and looks the presets up for this call only.
  const names = presetNameRows();
  try {
    return deserialize(value, dialect === undefined ? { names } : { names, dialect });
  } catch (error) {
    // An unknown class name gets get's own suggestions (Glorot for Xavier …), unless core's error
    // already points to the dialect that knows the name ('LeCunNormal': TensorFlow.js's).
    const name = declaredClassName(value);
    const unknownClass =
      InitTypeError.isInstance(error) &&
      error.code === 'ERR_INIT_UNKNOWN_IDENTIFIER' &&
      / className must name /.test(error.message);
    const otherDialect = nameTable().some(
      (row) => row.tfjsClass === name || (row.keras ?? []).includes(name as string),
    );
    if (unknownClass && typeof name === 'string' && !otherDialect) {
      const classNames = classIdentifiers();
      const known = [...classNames, ...registeredClassNames().filter((entry) => !classNames.includes(entry))];
      throw unknownName('identifier.className', name, known);
    }
    throw asGetError(error);
  }
}

/**
 * Core's error about the object, worded for the caller of get: `get: identifier.config must …`
 * where deserialize says `deserialize: the serialized initializer.config must …` (the caller
 * called get, and named the object `identifier`). Errors a class raised about its own config keep
 * the class's name; anything else passes through unchanged.
 */
function asGetError(error: unknown): unknown {
  const prefix = 'deserialize: ';
  if (!(error instanceof Error) || !error.message.startsWith(prefix)) return error;
  const rest = error.message
    .slice(prefix.length)
    .replace(/^the serialized initializer(?=[ .[])/, 'identifier')
    .replace(/^(className|config)(?=[ .[])/, 'identifier.$1');
  if (InitTypeError.isInstance(error)) return new InitTypeError(`get: ${rest}`, error.code);
  if (InitRangeError.isInstance(error)) return new InitRangeError(`get: ${rest}`, error.code);
  return error;
}

/**
 * The initializer an identifier names, in any framework's spelling:
 *
 * - a Keras 3 string id (`'glorot_uniform'`, `'he_normal'`, `'random_normal'`, the aliases
 *   `'normal'`, `'uniform'`, `'zero'`, `'one'` …) or class name (`'GlorotUniform'`,
 *   `'VarianceScaling'` …): that initializer with **Keras 3's defaults**, e.g. `random_normal` has
 *   stddev 0.05 (not TF1's 1), `random_uniform` is on [−0.05, 0.05), `variance_scaling` draws the
 *   corrected truncated normal, `constant` is 0; drawn from @init's counter-based stream;
 * - a TensorFlow.js id (`'glorotUniform'`, `'heNormal'`, `'leCunNormal'`, `'randomNormal'` …): that
 *   initializer with **TensorFlow.js's semantics**: engine `'tfjs'` (so a seed added through
 *   `{ className, config }` gives tfjs-layers' exact values), its defaults and its uncorrected
 *   truncated normal;
 * - `{ className, config }` (or Keras's `{ class_name, config, module, registered_name }`): a
 *   preset's own form (`{ className: 'HeNormal', config: { seed: 1 } }`) or any class that core's
 *   `deserialize` knows (Keras 3's `OrthogonalInitializer` is read as `Orthogonal`), in core's
 *   default dialect (`class_name` as Keras means it, `className` as @init's own configs). Configs
 *   are data: getters, class instances and `__proto__` keys are refused, never run;
 * - an Initializer: returned as it is.
 *
 * `options.dialect` (`'tf1'`, `'keras'` or `'tfjs'`) reads the identifier as that one framework
 * does: its ids, class names, config values and defaults (see core's README, "Dialects").
 *
 * Nothing is registered: `get` reads the name table ({@link nameTable}; see {@link registerPresets}
 * to make core's `deserialize` know the presets).
 *
 * @example
 * ```ts
 * get('he_normal');                                   // HeNormal, Keras 3 semantics
 * get('random_normal').getConfig();                   // { mean: 0, stddev: 0.05, seed: null, dtype: 'float32', engine: 'counter' }
 * get({ class_name: 'GlorotUniform', config: { seed: 42 } }).apply([2, 3]); // as new GlorotUniform({ seed: 42 })
 * get('leCunNormal', { dialect: 'tfjs' });           // TensorFlow.js's LeCunNormal, engine 'tfjs'
 * get({ class_name: 'VarianceScaling', config: { scale: 2, distribution: 'normal' } }); // Keras's corrected truncated normal
 * get('glorot_unifrom'); // throws InitTypeError: get: identifier must name a known initializer (did you mean 'glorot_uniform', 'GlorotUniform', 'glorotUniform'?). Received: "glorot_unifrom".
 * ```
 * @throws InitTypeError: ERR_INIT_UNKNOWN_IDENTIFIER for an unknown id or class name, with the
 *   closest valid names; ERR_INIT_INVALID_CONFIG for a malformed or hostile object;
 *   ERR_INIT_INVALID_ARGUMENT for anything else (a number, null, a class); ERR_INIT_UNKNOWN_IDENTIFIER
 *   naming `dialect` for an unknown dialect.
 */
export function get(identifier: InitializerIdentifier, options?: GetOptions): Initializer {
  const { dialect: rawDialect } = readOptions('get', options, ['dialect']);
  const dialect = rawDialect === undefined ? undefined : oneOf('get', 'dialect', rawDialect, DIALECTS);
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === 'string') {
    const rows = nameTable();
    const initializer = dialect === undefined ? fromString(identifier, rows) : fromStringIn(dialect, identifier, rows);
    if (initializer === undefined) {
      const ids =
        dialect === undefined
          ? [...kerasIdentifiers(rows), ...classIdentifiers(rows), ...tfjsIdentifiers(rows)]
          : dialectIds(dialect, rows);
      throw unknownName('identifier', identifier, ids);
    }
    return initializer;
  }
  if (typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier))
    return fromObject(identifier, dialect);
  throw new InitTypeError(
    argumentMessage(
      'get',
      'identifier',
      'be a string id, a { className, config } object or an Initializer instance',
      identifier,
    ),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}
