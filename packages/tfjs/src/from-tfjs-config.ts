// TensorFlow.js initializer configs (tfjs-layers 4.22's classes and the Keras class names a
// converted model.json carries) read as @init initializers, through core's dialects: engine 'tfjs'
// reads a config in the 'tfjs' dialect (TensorFlow.js's meaning, quirks and values), engine
// 'counter' in the 'keras' dialect (what Keras means by the same config, on @init's counter-based
// stream). The names, defaults and value spellings are those of the name table and of core's
// dialects; this module adds only what the adapter itself decides: the config keys TensorFlow.js
// writes, and TensorFlow.js's own Orthogonal algorithm (TfjsOrthogonal) under engine 'tfjs'.
import { argumentMessage, deserialize, InitTypeError, type Initializer, type NameRow } from '@init/core';
import { nameTable, presetNameRows } from '@init/presets';
import { TfjsOrthogonal } from './tfjs-orthogonal.js';
import { fromCamelCase } from './to-tfjs.js';

/** How installed TF.js initializers draw: TensorFlow.js's own values, or @init's counter stream. */
export type TfjsEngine = 'tfjs' | 'counter';

/** The engines, in the order error messages list them. */
export const TFJS_ENGINES: readonly TfjsEngine[] = Object.freeze(['tfjs', 'counter']);

/** The class names TensorFlow.js 4.22 registers for its initializers: the name table's `tfjsClass`. */
export function tfjsClassNames(): string[] {
  return nameTable().flatMap((row) => (row.tfjsClass === undefined ? [] : [row.tfjsClass]));
}

/** The config keys each class reads (TensorFlow.js's getConfig keys); `customObjects` is tfjs's own addition. */
const KEYS: Readonly<Record<string, readonly string[]>> = {
  Zeros: [],
  Ones: [],
  Constant: ['value'],
  RandomUniform: ['minval', 'maxval', 'seed'],
  RandomNormal: ['mean', 'stddev', 'seed'],
  TruncatedNormal: ['mean', 'stddev', 'seed'],
  Identity: ['gain'],
  VarianceScaling: ['scale', 'mode', 'distribution', 'seed'],
  GlorotUniform: ['seed'],
  GlorotNormal: ['seed'],
  HeNormal: ['seed'],
  HeUniform: ['seed'],
  LeCunNormal: ['seed'],
  LeCunUniform: ['seed'],
  Orthogonal: ['gain', 'seed'],
};

/**
 * The row of @init/presets' name table for a TensorFlow.js class: found by TensorFlow.js's class
 * name (`'LeCunNormal'`), Keras's (`'LecunNormal'`) or a class alias (`'OrthogonalInitializer'`).
 */
function tfjsRowOf(name: string): (NameRow & { readonly tfjsClass: string }) | undefined {
  if (!/^[A-Z]/.test(name)) return undefined;
  const row = nameTable().find(
    (candidate) =>
      candidate.tfjsClass === name || candidate.cls.className === name || (candidate.classAliases ?? []).includes(name),
  );
  return row?.tfjsClass === undefined ? undefined : (row as NameRow & { readonly tfjsClass: string });
}

/** The TF.js class a name (a TensorFlow.js class name or a Keras alias) stands for, or undefined. */
export function tfjsClassName(name: string): string | undefined {
  return tfjsRowOf(name)?.tfjsClass;
}

/**
 * The Keras class names a converted model.json may carry that TensorFlow.js cannot read, each
 * standing for a TensorFlow.js class: read off the name table (`LecunNormal`, `LecunUniform` of
 * Keras ≥ 2.4, `OrthogonalInitializer` and `IdentityInitializer` of Keras 3).
 */
export function kerasAliases(): string[] {
  return nameTable()
    .filter((row) => row.tfjsClass !== undefined)
    .flatMap((row) => [row.cls.className, ...(row.classAliases ?? [])])
    .filter((name) => !tfjsClassNames().includes(name));
}

/**
 * The @init initializer a TensorFlow.js config means.
 * @param name a TensorFlow.js class name or Keras alias (see {@link tfjsClassName}).
 * @param config the config as TensorFlow.js hands it to `fromConfig` (camelCase keys; string values
 *   camelCased by its JSON reader, so `'fanIn'` as well as `'fan_in'`).
 * @throws InitTypeError for an unknown name or config key, or a value TensorFlow.js itself refuses;
 *   the @init classes' own errors for values they refuse (a negative seed, a non-finite stddev…).
 */
export function fromTfjsConfig(
  name: string,
  config: Readonly<Record<string, unknown>>,
  engine: TfjsEngine,
): Initializer {
  const row = tfjsRowOf(name);
  if (row === undefined) {
    throw new InitTypeError(
      argumentMessage(
        'installTfjs',
        'className',
        `be a TensorFlow.js initializer (${tfjsClassNames().join(', ')})`,
        name,
      ),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  const className = row.tfjsClass;
  const allowed = KEYS[className] ?? [];
  // TensorFlow.js writes `seed: undefined` (getConfig) or `null` (model.json) for an unseeded one.
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'customObjects') continue;
    if (!allowed.includes(key)) {
      throw new InitTypeError(
        argumentMessage(className, `config key '${key}'`, `be one of ${allowed.join(', ') || '(none)'}`, value),
        'ERR_INIT_INVALID_CONFIG',
      );
    }
    if (value !== undefined) own[key] = value;
  }
  const names = presetNameRows();
  // A class that draws nothing (Zeros, Ones, Constant, Identity) means the same under both engines:
  // TensorFlow.js's config, read in its own dialect (a Constant without value is refused, as there).
  if (engine === 'tfjs' || !allowed.includes('seed')) {
    if (className === 'Orthogonal') {
      // TensorFlow.js's own algorithm (its random matrix, factored in float64), gain 1 by default.
      const seed = own.seed ?? undefined;
      return new TfjsOrthogonal({
        gain: (own.gain ?? 1) as number,
        ...(seed === undefined ? {} : { seed: seed as number }),
      });
    }
    return deserialize({ className, config: own }, { dialect: 'tfjs', names });
  }
  // Engine 'counter': Keras's meaning ('normal' the corrected truncated normal, an explicit 0 kept),
  // after TensorFlow.js's camelCase values ('fanIn', 'truncatedNormal') are put in Keras's snake_case.
  for (const key of ['mode', 'distribution']) {
    if (typeof own[key] === 'string') own[key] = fromCamelCase(own[key]);
  }
  return deserialize({ className: row.cls.className, config: own }, { dialect: 'keras', names });
}
