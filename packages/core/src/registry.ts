import { InitTypeError, argumentMessage, describeValue, isPlainObject, readOptions } from '@init/random';
import { MAX_VALUE_RANK } from './constant.js';
import {
  defaultDialect,
  dialectNames,
  findDialectRow,
  optionsInDialect,
  otherDialectHint,
  readDialect,
  type Dialect,
} from './dialects.js';
import { Initializer } from './initializer.js';
import { coreNameRows, findNameRow, type InitializerClass, type NameRow } from './names.js';
import { seedFromConfig } from './seed.js';

/** A JSON value as configs hold them. */
export type ConfigValue =
  | null
  | boolean
  | number
  | string
  | readonly ConfigValue[]
  | { readonly [key: string]: ConfigValue };

/** An initializer in serialized form: Keras's `{ class_name, config }`, spelled in camelCase. */
export interface SerializedInitializer {
  readonly className: string;
  readonly config: Record<string, unknown>;
}

export type { InitializerClass } from './names.js';

// Classes registered by users. Built-ins are not stored here: they are looked up by a function
// (no module-level work, so importing core registers nothing and bundles can drop unused classes).
const registered: Map<string, InitializerClass> = /* @__PURE__ */ new Map();

/** The built-in class a name (or a class alias, such as Keras 3's `OrthogonalInitializer`) stands for. */
function builtinClass(name: string): InitializerClass | undefined {
  return findNameRow(coreNameRows(), name)?.cls;
}

/** The class names `deserialize` knows: the built-ins and every registered class. */
export function registeredClassNames(): string[] {
  return [...coreNameRows().map((row) => row.cls.className), ...registered.keys()];
}

/**
 * Makes a class of a user's own (or of another `@init` package, such as the presets) known to
 * `deserialize` under its static `className`. Returns the class, so it can wrap a declaration.
 * @throws InitTypeError when the class does not extend Initializer, has no className, or its name
 *   is taken by a different class.
 * @example
 * ```ts
 * class Halves extends Constant { static override readonly className = 'Halves'; constructor() { super({ value: 0.5 }); } }
 * registerInitializer(Halves);
 * deserialize({ className: 'Halves', config: {} }).apply([2]).data; // Float32Array [0.5, 0.5]
 * ```
 */
export function registerInitializer<C extends InitializerClass>(cls: C): C {
  if (typeof cls !== 'function' || !(cls.prototype instanceof Initializer)) {
    throw new InitTypeError(
      argumentMessage('registerInitializer', 'cls', 'be a class that extends Initializer', cls),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const name: unknown = cls.className;
  if (typeof name !== 'string' || name === '' || name === Initializer.className || !Object.hasOwn(cls, 'className')) {
    throw new InitTypeError(
      argumentMessage('registerInitializer', 'cls.className', 'be a non-empty string of the class itself', name),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const existing = builtinClass(name) ?? registered.get(name);
  if (existing !== undefined && existing !== cls) {
    throw new InitTypeError(
      argumentMessage('registerInitializer', 'cls.className', 'not be the name of another registered class', name),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  registered.set(name, cls);
  return cls;
}

/**
 * An initializer as a JSON-safe `{ className, config }` object; `deserialize` rebuilds it.
 * @example
 * ```ts
 * serialize(new VarianceScaling({ scale: 2, seed: 42 }));
 * // { className: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'normal', layout: 'tf', seed: 42, dtype: 'float32', engine: 'counter' } }
 * ```
 */
export function serialize(initializer: Initializer): SerializedInitializer {
  if (!(initializer instanceof Initializer)) {
    throw new InitTypeError(
      argumentMessage('serialize', 'initializer', 'be an Initializer', initializer),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return { className: initializer.className, config: initializer.getConfig() };
}

/** Options of {@link deserialize}. */
export interface DeserializeOptions {
  /**
   * More classes to look names up in, for this call only (nothing is registered): how
   * `@init/presets` reads its own classes.
   */
  readonly classes?: readonly InitializerClass[];
  /**
   * More rows of the name table, for this call only: their classes and class aliases are known.
   * How `@init/presets` reads its own classes.
   */
  readonly names?: readonly NameRow[];
  /**
   * The framework the config comes from, which decides what it means (see core's README,
   * "Dialects"): `'tf1'` (TF1's init_ops and @init's own configs), `'keras'` (Keras ≥ 2.2.0,
   * tf.keras, Keras 3) or `'tfjs'` (TensorFlow.js). Default: `'keras'` for Keras's envelope
   * `{ class_name, config }`, `'tf1'` for `{ className, config }` (what `serialize` writes).
   */
  readonly dialect?: Dialect;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A Constant of the deepest rank sits two levels down, in { config: { value } }.
const MAX_DEPTH = MAX_VALUE_RANK + 2;

/**
 * Rebuilds an initializer from `{ className, config }`, read in the dialect of the framework that
 * wrote it (`options.dialect`, see {@link DeserializeOptions}): Keras's forms (`class_name`,
 * snake_case config keys such as `verify_shape`, Keras 3's `module` and `registered_name`, its
 * `OrthogonalInitializer`, its snake_case ids as class names), TensorFlow.js's (`LeCunNormal`,
 * `mode: 'fanAvg'`) and TF1's. Names are looked up among the built-in classes, the registered
 * ones, `options.names` and `options.classes`; a class of the user's reads its own config as is.
 *
 * The input is data, never code: only plain objects and arrays of JSON values are read, and an
 * unknown class name, a `__proto__`/`constructor`/`prototype` key, a getter, a class instance or an
 * unknown config key is refused with an error before anything is built.
 * @example
 * ```ts
 * // A tf.keras / Keras 3 He normal kernel: 'normal' is Keras's corrected truncated normal.
 * deserialize({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: 1 } });
 * // TensorFlow.js's getConfig() output: its own meaning, TensorFlow.js's values bit for bit.
 * deserialize({ className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: 7 } }, { dialect: 'tfjs' });
 * ```
 * @throws InitTypeError (ERR_INIT_UNKNOWN_IDENTIFIER for an unknown class name or dialect,
 *   ERR_INIT_INVALID_CONFIG for a malformed config, ERR_INIT_INVALID_ARGUMENT for bad options).
 */
export function deserialize(serialized: unknown, options?: DeserializeOptions): Initializer {
  const {
    classes: rawClasses,
    names: rawNames,
    dialect: rawDialect,
  } = readOptions('deserialize', options, ['classes', 'names', 'dialect']);
  const classes = readClasses(rawClasses);
  const names = readNames(rawNames);
  const chosenDialect = readDialect('deserialize', rawDialect);
  const outer = readPlainObject('deserialize', 'the serialized initializer', serialized, 0);
  for (const key of Object.keys(outer)) {
    if (!['className', 'class_name', 'config', 'module', 'registered_name'].includes(key)) {
      throw configError(
        `deserialize: the serialized initializer must have only className and config. Received: the key ${describeValue(key)}.`,
      );
    }
  }
  const dialect = chosenDialect ?? defaultDialect(outer);
  // Keras writes class_name, we write className; an object with both is not one of them.
  if (Object.hasOwn(outer, 'className') && Object.hasOwn(outer, 'class_name')) {
    throw configError(
      `deserialize: className must be given once (className or Keras's class_name, not both). Received: className ${describeValue(outer.className)} and class_name ${describeValue(outer.class_name)}.`,
    );
  }
  const name = outer.className ?? outer.class_name;
  if (typeof name !== 'string') {
    throw configError(argumentMessage('deserialize', 'className', 'be a string', name));
  }
  // Class aliases (Keras 3's OrthogonalInitializer) and the dialect's own names (Keras's
  // 'he_normal', TensorFlow.js's 'LeCunNormal') come from the name table's rows: core's first, then
  // the registered classes, then the caller's rows and classes.
  const coreRow = findDialectRow(coreNameRows(), name, dialect);
  const registeredClass = coreRow === undefined ? registered.get(name) : undefined;
  const namesRow =
    coreRow === undefined && registeredClass === undefined && names !== undefined
      ? findDialectRow(names, name, dialect)
      : undefined;
  const row = coreRow ?? namesRow;
  const cls = row?.cls ?? registeredClass ?? classes.find((candidate) => candidate.className === name);
  if (cls === undefined) {
    const known = [
      ...new Set([
        ...dialectNames(coreNameRows(), dialect),
        ...registered.keys(),
        ...dialectNames(names ?? [], dialect),
        ...classes.map((candidate) => candidate.className),
      ]),
    ];
    const hint = otherDialectHint([...coreNameRows(), ...(names ?? [])], name, dialect);
    throw new InitTypeError(
      argumentMessage('deserialize', 'className', `name a registered initializer (${known.join(', ')})${hint}`, name),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  const where = cls.className;
  const config =
    outer.config === undefined || outer.config === null ? {} : readPlainObject(where, 'config', outer.config, 1);
  const initOptions: Record<string, unknown> = {};
  const spelled: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const option = camelCase(key);
    // `verify_shape` and `verifyShape` are one option: given twice, neither may silently win.
    if (Object.hasOwn(spelled, option)) {
      throw configError(
        `${where}: config key ${describeValue(key)} must not be given with ${describeValue(spelled[option])} (both are the option ${option}).`,
      );
    }
    spelled[option] = key;
    initOptions[option] = key === 'seed' ? (seedFromConfig(where, value) ?? undefined) : value;
  }
  // Keras writes `seed: null` for an unseeded initializer and `dtype: null` for "the default". A
  // class whose null means something else (STFT's `window: null`, no window) lists those keys.
  const nullable = (cls as { readonly nullableConfigKeys?: readonly string[] }).nullableConfigKeys ?? [];
  for (const key of Object.keys(initOptions))
    if ((initOptions[key] === null && !nullable.includes(key)) || initOptions[key] === undefined)
      delete initOptions[key];
  // A built-in's options are exactly its config keys; a user's class checks its own options.
  const allowed = coreRow === undefined ? Object.keys(initOptions) : configKeys(coreRow.cls);
  for (const key of Object.keys(initOptions)) {
    if (!allowed.includes(key)) {
      throw configError(
        argumentMessage(
          where,
          `config key ${describeValue(key)}`,
          `be one of ${allowed.join(', ') || '(none)'}`,
          initOptions[key],
        ),
      );
    }
  }
  // The dialect's defaults and meanings apply to the classes of the name table, not to a user's.
  const built = row === undefined ? initOptions : optionsInDialect(dialect, row, initOptions);
  return new cls(built as never);
}

/**
 * The config keys a built-in class reads: those of its default config, and the keys it writes only
 * when set (`static optionalConfigKeys`, e.g. VarianceScaling's fan axes), so default configs stay
 * as short as Keras's; a class that cannot be built without options names its keys in
 * `static requiredConfigKeys`.
 */
function configKeys(builtin: InitializerClass): string[] {
  const { optionalConfigKeys = [], requiredConfigKeys } = builtin as {
    readonly optionalConfigKeys?: readonly string[];
    readonly requiredConfigKeys?: readonly string[];
  };
  // A class with a required option (Sparse's sparsity) cannot be built without it: it lists its keys.
  if (requiredConfigKeys !== undefined) return [...requiredConfigKeys, ...optionalConfigKeys];
  return [...Object.keys(new (builtin as unknown as new () => Initializer)().getConfig()), ...optionalConfigKeys];
}

/**
 * Checks `options.classes`: an array (read once) of Initializer subclasses, each with its own
 * static className string. `argument` names a single class checked on its own (a name-table row's
 * `cls`), where an error names it instead of `classes[i]`.
 * @throws InitTypeError (ERR_INIT_INVALID_ARGUMENT).
 */
function readClasses(value: unknown, argument?: string): readonly InitializerClass[] {
  if (value === undefined && argument === undefined) return [];
  if (!Array.isArray(value)) {
    throw new InitTypeError(
      argumentMessage('deserialize', 'classes', 'be an array of Initializer classes', value),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const classes: InitializerClass[] = [];
  const length = value.length;
  for (let index = 0; index < length; index++) {
    const cls: unknown = value[index];
    const at = argument ?? `classes[${index}]`;
    if (typeof cls !== 'function' || !(cls.prototype instanceof Initializer)) {
      throw new InitTypeError(
        argumentMessage('deserialize', at, 'be a class that extends Initializer', cls),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const name: unknown = (cls as unknown as InitializerClass).className;
    if (typeof name !== 'string' || name === '' || !Object.hasOwn(cls, 'className')) {
      throw new InitTypeError(
        argumentMessage('deserialize', `${at}.className`, 'be a non-empty string of the class itself', name),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    classes.push(cls as unknown as InitializerClass);
  }
  return classes;
}

/**
 * Checks `options.names`: an array (read once) of name-table rows, each a plain object whose `cls`
 * is an Initializer subclass with its own static className and whose name lists are arrays of
 * strings; the rows are copied, so what is checked is what is used.
 * @throws InitTypeError (ERR_INIT_INVALID_ARGUMENT) naming the row and its key.
 */
function readNames(value: unknown): readonly NameRow[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new InitTypeError(
      argumentMessage('deserialize', 'names', 'be an array of name-table rows', value),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const rows: NameRow[] = [];
  const length = value.length;
  for (let index = 0; index < length; index++) {
    const row: unknown = value[index];
    if (!isPlainObject(row)) {
      throw new InitTypeError(
        argumentMessage('deserialize', `names[${index}]`, 'be a name-table row { cls, … }', row),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const copy: Record<string, unknown> = { ...row };
    const [cls] = readClasses([copy.cls], `names[${index}].cls`);
    for (const key of ['classAliases', 'keras', 'tfjs'] as const) {
      const list = copy[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string')) {
        throw new InitTypeError(
          argumentMessage('deserialize', `names[${index}].${key}`, 'be an array of strings', list),
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
      copy[key] = [...(list as string[])];
    }
    if (copy.tfjsClass !== undefined && typeof copy.tfjsClass !== 'string') {
      throw new InitTypeError(
        argumentMessage('deserialize', `names[${index}].tfjsClass`, 'be a string', copy.tfjsClass),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    rows.push({ ...(copy as unknown as NameRow), cls: cls as InitializerClass });
  }
  return rows;
}

function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function configError(message: string): InitTypeError {
  return new InitTypeError(message, 'ERR_INIT_INVALID_CONFIG');
}

/**
 * Reads a plain object (prototype Object.prototype or null) of JSON values without running user
 * code: data properties only, no accessors, no forbidden keys, bounded depth.
 */
function readPlainObject(where: string, argument: string, value: unknown, depth: number): Record<string, unknown> {
  // Plain objects of any realm: a config parsed in an iframe or a `vm` context is data like any other.
  if (!isPlainObject(value)) {
    throw configError(argumentMessage(where, argument, 'be a plain object', value));
  }
  const result: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol' || FORBIDDEN_KEYS.has(key)) {
      throw configError(
        `${where}: ${argument} must not have the key ${typeof key === 'symbol' ? 'a symbol' : describeValue(key)}.`,
      );
    }
    result[key] = readJsonValue(where, `${argument}.${key}`, Object.getOwnPropertyDescriptor(value, key), depth + 1);
  }
  return result;
}

function readJsonValue(
  where: string,
  argument: string,
  descriptor: PropertyDescriptor | undefined,
  depth: number,
): unknown {
  if (descriptor === undefined || !('value' in descriptor)) {
    throw configError(`${where}: ${argument} must be a data property, not a getter or setter.`);
  }
  if (depth > MAX_DEPTH) throw configError(`${where}: ${argument} must be nested at most ${MAX_DEPTH} levels deep.`);
  const value: unknown = descriptor.value;
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value)) {
    // Array.prototype (of any realm) is itself an array; a subclass's prototype is not.
    if (!Array.isArray(Object.getPrototypeOf(value)))
      throw configError(argumentMessage(where, argument, 'be a plain array', value));
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      items.push(
        readJsonValue(where, `${argument}[${index}]`, Object.getOwnPropertyDescriptor(value, index), depth + 1),
      );
    }
    return items;
  }
  if (typeof value === 'object') return readPlainObject(where, argument, value, depth);
  throw configError(argumentMessage(where, argument, 'be a JSON value', value));
}
