// TensorFlow.js initializer configs (tfjs-layers 4.22's classes and the Keras class names a
// converted model.json carries) read as @init initializers. One table decides, for each engine,
// what a TF.js config means: engine 'tfjs' reproduces TensorFlow.js, quirks included; engine
// 'counter' gives what Keras means by the same config, on @init's counter-based stream.
import {
  argumentMessage,
  Constant,
  Identity,
  InitTypeError,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  VarianceScaling,
  Zeros,
  type Distribution,
  type FanMode,
  type Initializer,
  type NameRow,
} from '@init/core';
import { nameTable, type KerasPresetOptions } from '@init/presets';
import { TfjsOrthogonal } from './tfjs-orthogonal.js';

/** How installed TF.js initializers draw: TensorFlow.js's own values, or @init's counter stream. */
export type TfjsEngine = 'tfjs' | 'counter';

/** The engines, in the order error messages list them. */
export const TFJS_ENGINES: readonly TfjsEngine[] = Object.freeze(['tfjs', 'counter']);

/** The class names TensorFlow.js 4.22 registers for its initializers. */
export const TFJS_CLASS_NAMES: readonly string[] = Object.freeze([
  'Zeros',
  'Ones',
  'Constant',
  'RandomUniform',
  'RandomNormal',
  'TruncatedNormal',
  'Identity',
  'VarianceScaling',
  'GlorotUniform',
  'GlorotNormal',
  'HeNormal',
  'HeUniform',
  'LeCunNormal',
  'LeCunUniform',
  'Orthogonal',
]);

// TensorFlow.js's defaults: RandomNormal/TruncatedNormal stddev 0.05, RandomUniform [-0.05, 0.05).
const DEFAULT_STDDEV = 0.05;
const DEFAULT_LIMIT = 0.05;

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
 * The row of @init/presets' name table for a class name: Keras's class name (`'LecunNormal'`), a
 * class alias (`'OrthogonalInitializer'`) or TensorFlow.js's spelling (`'LeCunNormal'`).
 */
function nameRowOf(name: string): NameRow | undefined {
  if (!/^[A-Z]/.test(name)) return undefined;
  return nameTable().find(
    (row) => row.cls.className === name || (row.classAliases ?? []).includes(name) || (row.tfjs ?? []).includes(name),
  );
}

/** TensorFlow.js's class name for a row: its capitalized TensorFlow.js id (`'LeCunNormal'`), else Keras's. */
function tfjsSpelling(row: NameRow): string {
  return (row.tfjs ?? []).find((id) => /^[A-Z]/.test(id)) ?? row.cls.className;
}

/** The TF.js class a name (a TensorFlow.js class name or a Keras alias) stands for, or undefined. */
export function tfjsClassName(name: string): string | undefined {
  const row = nameRowOf(name);
  const canonical = row === undefined ? undefined : tfjsSpelling(row);
  return canonical !== undefined && TFJS_CLASS_NAMES.includes(canonical) ? canonical : undefined;
}

/**
 * The Keras class names a converted model.json may carry that TensorFlow.js cannot read, each
 * standing for a TensorFlow.js class: read off the name table (`LecunNormal`, `LecunUniform` of
 * Keras ≥ 2.4, `OrthogonalInitializer` and `IdentityInitializer` of Keras 3).
 */
export function kerasAliases(): string[] {
  return nameTable()
    .filter((row) => TFJS_CLASS_NAMES.includes(tfjsSpelling(row)))
    .flatMap((row) => [row.cls.className, ...(row.classAliases ?? [])])
    .filter((name) => !TFJS_CLASS_NAMES.includes(name));
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
  const className = tfjsClassName(name);
  if (className === undefined) {
    throw new InitTypeError(
      argumentMessage(
        'installTfjs',
        'className',
        `be a TensorFlow.js initializer (${TFJS_CLASS_NAMES.join(', ')})`,
        name,
      ),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  const allowed = KEYS[className] ?? [];
  for (const key of Object.keys(config)) {
    if (key !== 'customObjects' && !allowed.includes(key)) {
      throw new InitTypeError(
        argumentMessage(className, `config key '${key}'`, `be one of ${allowed.join(', ') || '(none)'}`, config[key]),
        'ERR_INIT_INVALID_CONFIG',
      );
    }
  }
  const tfjs = engine === 'tfjs';
  // TensorFlow.js writes `seed: undefined` or `null` for an unseeded initializer.
  const seed = config.seed ?? undefined;
  const seedOption = seed === undefined ? {} : { seed: seed as number };
  // TensorFlow.js's `args.x || DEFAULT` turns an explicit 0 into the default: kept by engine 'tfjs'
  // (those are TensorFlow.js's values), fixed by engine 'counter' (`??`, what the user wrote).
  const orDefault = (key: string, fallback: number): number => {
    const value = config[key];
    return (tfjs ? value || fallback : (value ?? fallback)) as number;
  };
  switch (className) {
    case 'Zeros':
      return new Zeros();
    case 'Ones':
      return new Ones();
    case 'Constant':
      if (config.value === undefined || config.value === null) {
        throw new InitTypeError(
          argumentMessage('Constant', 'config.value', 'be given (TensorFlow.js has no default)', config.value),
          'ERR_INIT_INVALID_CONFIG',
        );
      }
      return new Constant({ value: config.value as number });
    case 'RandomUniform':
      return new RandomUniform({
        minval: orDefault('minval', -DEFAULT_LIMIT),
        maxval: orDefault('maxval', DEFAULT_LIMIT),
        engine,
        ...seedOption,
      });
    case 'RandomNormal':
      return new RandomNormal({
        mean: orDefault('mean', 0),
        stddev: orDefault('stddev', DEFAULT_STDDEV),
        engine,
        ...seedOption,
      });
    case 'TruncatedNormal':
      return new TruncatedNormal({
        mean: orDefault('mean', 0),
        stddev: orDefault('stddev', DEFAULT_STDDEV),
        engine,
        ...seedOption,
      });
    case 'Identity':
      return new Identity({ gain: (config.gain ?? 1) as number });
    case 'VarianceScaling':
      return new VarianceScaling({
        scale: (config.scale ?? 1) as number,
        mode: fanMode(config.mode),
        distribution: distribution(config.distribution, engine),
        engine,
        ...seedOption,
      });
    case 'Orthogonal': {
      const gain = (config.gain ?? 1) as number;
      return tfjs ? new TfjsOrthogonal({ gain, ...seedOption }) : new Orthogonal({ gain, ...seedOption });
    }
    default: {
      // The Glorot/He/LeCun helpers: @init/presets' class of the same name-table row.
      const Preset = nameRowOf(className)?.cls as unknown as new (options: KerasPresetOptions) => Initializer;
      return new Preset({ engine, ...seedOption });
    }
  }
}

const FAN_MODES: Readonly<Record<string, FanMode>> = {
  fanIn: 'fan_in',
  fan_in: 'fan_in',
  fanOut: 'fan_out',
  fan_out: 'fan_out',
  fanAvg: 'fan_avg',
  fan_avg: 'fan_avg',
};

function fanMode(value: unknown): FanMode {
  if (value === undefined || value === null) return 'fan_in';
  const mode = typeof value === 'string' && Object.hasOwn(FAN_MODES, value) ? FAN_MODES[value] : undefined;
  if (mode === undefined) {
    throw new InitTypeError(
      argumentMessage(
        'VarianceScaling',
        'mode',
        "be 'fanIn', 'fanOut' or 'fanAvg' (or Keras's 'fan_in', 'fan_out', 'fan_avg')",
        value,
      ),
      'ERR_INIT_INVALID_CONFIG',
    );
  }
  return mode;
}

/**
 * TensorFlow.js accepts 'normal', 'uniform' and 'truncatedNormal'; it draws the uncorrected
 * truncated normal for 'normal' and, through an `else`, uniform values for 'truncatedNormal'.
 * Engine 'tfjs' keeps both (they are TensorFlow.js's values). Engine 'counter' reads them as Keras
 * (≥ 2.3) does: 'normal' and 'truncated_normal' are the truncated normal corrected to the intended
 * variance, 'untruncated_normal' a plain normal (which TensorFlow.js refuses).
 */
function distribution(value: unknown, engine: TfjsEngine): Distribution {
  const name = value === undefined || value === null ? 'normal' : value;
  if (name === 'uniform') return 'uniform';
  if (engine === 'tfjs') {
    if (name === 'normal') return 'normal';
    if (name === 'truncatedNormal' || name === 'truncated_normal') return 'uniform';
  } else {
    if (name === 'normal' || name === 'truncatedNormal' || name === 'truncated_normal') return 'truncated_normal';
    if (name === 'untruncatedNormal' || name === 'untruncated_normal') return 'untruncated_normal';
  }
  const valid =
    engine === 'tfjs'
      ? "'normal', 'uniform' or 'truncatedNormal' with engine 'tfjs' (TensorFlow.js's; use engine 'counter' for 'untruncated_normal')"
      : "'normal', 'uniform', 'truncated_normal' or 'untruncated_normal'";
  throw new InitTypeError(
    argumentMessage('VarianceScaling', 'distribution', `be ${valid}`, value),
    'ERR_INIT_INVALID_CONFIG',
  );
}
