// Dialects: what a saved initializer config means depends on the framework that wrote it. The
// same text, `{ "class_name": "VarianceScaling", "config": { "distribution": "normal" } }`, is a
// truncated normal *corrected* to the intended variance in Keras ≥ 2.2.0, tf.keras and Keras 3,
// and the *uncorrected* one in TF1's init_ops (TF ≤ 1.9) and in TensorFlow.js. A dialect names the
// framework, and this module turns a config of that framework into the options of our classes:
// which class a name stands for, the defaults of the keys the config leaves out, and the values
// whose meaning differs. Where each rule comes from is cited beside it and in core's README.
import { InitTypeError, argumentMessage, oneOf } from '@init/random';
import type { NameRow } from './names.js';
import { VarianceScaling } from './variance-scaling.js';

/**
 * The framework a serialized initializer comes from:
 * - `'tf1'`: TF1's `init_ops` as the seed wrote it (TF ≤ 1.9), and @init's own `serialize()`
 *   output — our classes keep TF1's meanings (`'normal'` is the uncorrected truncated normal,
 *   RandomNormal's stddev defaults to 1);
 * - `'keras'`: Keras ≥ 2.2.0, tf.keras (TF 2.x) and Keras 3: `'normal'` is the corrected truncated
 *   normal, Keras's defaults (stddev 0.05, uniform ±0.05), Keras's snake_case ids as class names;
 * - `'tfjs'`: TensorFlow.js (tfjs-layers 4.x) `getConfig()` objects and model.json files: its
 *   class names (`LeCunNormal`), camelCase values (`'fanAvg'`), its defaults and its quirks, drawn
 *   with engine `'tfjs'` so that the values equal TensorFlow.js's bit for bit.
 */
export type Dialect = 'tf1' | 'keras' | 'tfjs';

/** The dialects, in the order error messages list them. */
export const DIALECTS: readonly Dialect[] = Object.freeze(['tf1', 'keras', 'tfjs']);

/**
 * Checks a `dialect` option: undefined, or one of {@link DIALECTS}.
 * @throws InitTypeError (ERR_INIT_UNKNOWN_IDENTIFIER) naming `dialect`, with the closest name.
 */
export function readDialect(where: string, value: unknown): Dialect | undefined {
  return value === undefined ? undefined : oneOf(where, 'dialect', value, DIALECTS);
}

/**
 * The dialect of a serialized object when the caller names none: `{ class_name, config }` is
 * Keras's own envelope (`serialize_keras_object`), so it is read as Keras means it; `{ className,
 * config }` is what @init's `serialize()` writes, read with our classes' (TF1's) meaning so that
 * every config round-trips. TensorFlow.js's objects (whose model.json also says `class_name`)
 * need `{ dialect: 'tfjs' }`: TensorFlow.js reads `'normal'` differently from Keras.
 */
export function defaultDialect(outer: Readonly<Record<string, unknown>>): Dialect {
  return Object.hasOwn(outer, 'class_name') ? 'keras' : 'tf1';
}

/** The row whose class a name stands for in a dialect: class names and aliases in every dialect, plus the dialect's own names. */
export function findDialectRow(rows: readonly NameRow[], name: string, dialect: Dialect): NameRow | undefined {
  for (const row of rows) {
    if (row.cls.className === name || (row.classAliases ?? []).includes(name)) return row;
  }
  // Keras reads its string ids as class names too: `{ class_name: 'he_normal' }` (Keras 3's
  // ALL_OBJECTS_DICT holds every class under its snake_case name and the aliases 'normal',
  // 'uniform', 'zero', 'one').
  if (dialect === 'keras') return rows.find((row) => (row.keras ?? []).includes(name));
  // TensorFlow.js's spellings of its class names (`LeCunNormal`).
  if (dialect === 'tfjs') return rows.find((row) => row.tfjsClass === name);
  return undefined;
}

/**
 * A hint for a name another dialect knows (`'LeCunNormal'` is TensorFlow.js's, `'he_normal'`
 * Keras's): the option to pass, or '' when no other dialect reads the name either.
 */
export function otherDialectHint(rows: readonly NameRow[], name: string, dialect: Dialect): string {
  for (const other of DIALECTS) {
    if (other !== dialect && findDialectRow(rows, name, other) !== undefined) {
      return `; '${name}' is a ${other === 'tfjs' ? 'TensorFlow.js' : 'Keras'} name: pass { dialect: '${other}' }`;
    }
  }
  return '';
}

/** The names `findDialectRow` knows in a dialect, for error messages. */
export function dialectNames(rows: readonly NameRow[], dialect: Dialect): string[] {
  const names = rows.flatMap((row) => [row.cls.className, ...(row.classAliases ?? [])]);
  if (dialect === 'keras') names.push(...rows.flatMap((row) => row.keras ?? []));
  if (dialect === 'tfjs') names.push(...rows.flatMap((row) => (row.tfjsClass === undefined ? [] : [row.tfjsClass])));
  return [...new Set(names)];
}

// TensorFlow.js's VarianceScaling: `mode` is 'fanIn' | 'fanOut' | 'fanAvg' (model.json files write
// them in snake_case, which its JSON reader camelCases back; both are read). tfjs-layers 4.22,
// src/keras_format/initializer_config.ts (VALID_FAN_MODE_VALUES).
const TFJS_MODES: Readonly<Record<string, string>> = {
  fanIn: 'fan_in',
  fanOut: 'fan_out',
  fanAvg: 'fan_avg',
  fan_in: 'fan_in',
  fan_out: 'fan_out',
  fan_avg: 'fan_avg',
};

// TensorFlow.js's distributions ('normal' | 'uniform' | 'truncatedNormal', VALID_DISTRIBUTION_VALUES)
// and what its VarianceScaling.apply draws for each (src/initializers.ts): `if (distribution ===
// 'normal') truncatedNormal(…, stddev = √scale) else randomUniform(…)` — so 'normal' is the
// uncorrected truncated normal, and 'truncatedNormal' falls into the `else` and draws a uniform.
const TFJS_DISTRIBUTIONS: Readonly<Record<string, string>> = {
  normal: 'normal',
  uniform: 'uniform',
  truncatedNormal: 'uniform',
  truncated_normal: 'uniform',
};

// TensorFlow.js reads these options as `args.x || DEFAULT`, so an explicit 0 becomes the default
// (RandomUniform's `minval: 0` is −0.05): src/initializers.ts, the constructors of RandomUniform,
// RandomNormal and TruncatedNormal. The dialect keeps it: those are the values TensorFlow.js draws.
const TFJS_ZERO_IS_DEFAULT: Readonly<Record<string, readonly string[]>> = {
  RandomUniform: ['minval', 'maxval'],
  RandomNormal: ['mean', 'stddev'],
  TruncatedNormal: ['mean', 'stddev'],
};

/**
 * The options a built-in class is built with, from a config read in a dialect: the dialect's
 * defaults for the keys the config leaves out, then the config's values with the dialect's
 * meaning. `options` has camelCase keys already, and no null values.
 * @throws InitTypeError for a value the dialect's framework refuses (TensorFlow.js's mode and
 *   distribution, a TensorFlow.js Constant without value).
 */
export function optionsInDialect(
  dialect: Dialect,
  row: NameRow,
  options: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const name = row.cls.className;
  const isVarianceScaling = row.cls === (VarianceScaling as unknown);
  // TensorFlow.js's camelCase modes mean nothing to TF1 or Keras: say which dialect reads them.
  if (dialect !== 'tfjs' && isVarianceScaling && typeof options.mode === 'string' && /^fan[A-Z]/.test(options.mode)) {
    throw new InitTypeError(
      argumentMessage(
        name,
        'mode',
        `be one of 'fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg' ('${options.mode}' is TensorFlow.js's spelling: pass { dialect: 'tfjs' })`,
        options.mode,
      ),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  if (dialect === 'tf1') return { ...options };
  if (dialect === 'keras') {
    // Keras's defaults (RandomNormal stddev 0.05 …) for the classes Keras has.
    const read: Record<string, unknown> = { ...((row.keras ?? []).length > 0 ? row.kerasOptions : {}), ...options };
    if (isVarianceScaling) {
      // Keras 2.2 lowercases mode and distribution; 'normal' has meant the corrected truncated
      // normal since Keras 2.2.0 (keras/initializers.py, `stddev = np.sqrt(scale) /
      // .87962566103423978`), in tf.keras (keras/initializers/initializers.py of Keras 2.15:
      // `if distribution == "normal": distribution = "truncated_normal"`) and in Keras 3
      // (keras/src/initializers/random_initializers.py, the same two lines).
      if (typeof read.mode === 'string') read.mode = read.mode.toLowerCase();
      if (typeof read.distribution === 'string') {
        const distribution = read.distribution.toLowerCase();
        read.distribution = distribution === 'normal' ? 'truncated_normal' : distribution;
      }
    }
    return read;
  }
  // 'tfjs': TensorFlow.js's defaults and engine 'tfjs' for the classes TensorFlow.js has.
  const read: Record<string, unknown> = { ...(row.tfjsClass === undefined ? {} : row.tfjsOptions) };
  const zeroIsDefault = row.tfjsClass === undefined ? [] : (TFJS_ZERO_IS_DEFAULT[name] ?? []);
  for (const [key, value] of Object.entries(options)) {
    if (!(zeroIsDefault.includes(key) && value === 0 && read[key] !== undefined)) read[key] = value;
  }
  if (row.tfjsClass === 'Constant' && options.value === undefined) {
    throw new InitTypeError(
      argumentMessage(name, 'value', 'be given in a TensorFlow.js config (TensorFlow.js has no default)', undefined),
      'ERR_INIT_INVALID_CONFIG',
    );
  }
  if (isVarianceScaling) {
    if (options.mode !== undefined) read.mode = TFJS_MODES[tfjsValue(name, 'mode', options.mode, TFJS_MODES)];
    if (options.distribution !== undefined) {
      read.distribution = TFJS_DISTRIBUTIONS[tfjsValue(name, 'distribution', options.distribution, TFJS_DISTRIBUTIONS)];
    }
  }
  return read;
}

/** A string value among a TensorFlow.js table's keys (camelCase first in the message). */
function tfjsValue(where: string, argument: string, value: unknown, table: Readonly<Record<string, string>>): string {
  const keys = Object.keys(table);
  // camelCase spellings are TensorFlow.js's own; list them (the snake_case ones are accepted too).
  const camel = keys.filter((key) => !key.includes('_'));
  if (typeof value === 'string' && Object.hasOwn(table, value)) return value;
  return oneOf(where, argument, value, camel);
}
