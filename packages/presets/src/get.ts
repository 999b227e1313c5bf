// get(identifier): the initializer a user means by a name from the framework they know. The
// tables are plain constant data and a switch: importing this module builds and registers nothing.
import {
  Constant,
  deserialize,
  Identity,
  Initializer,
  InitTypeError,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  registeredClassNames,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
  argumentMessage,
} from '@init/core';
import { closestNames } from './edit-distance.js';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  type KerasPresetOptions,
} from './keras-presets.js';

/**
 * Keras 3's string identifiers: the snake_case names of its initializer classes and its aliases
 * `normal`, `uniform`, `zero`, `one` (and `orthogonal_initializer`, the snake_case of Keras 3's
 * `OrthogonalInitializer`). `get` gives them Keras 3's defaults.
 */
export const KERAS_IDENTIFIERS: readonly string[] = [
  'glorot_uniform',
  'glorot_normal',
  'he_uniform',
  'he_normal',
  'lecun_uniform',
  'lecun_normal',
  'zeros',
  'ones',
  'constant',
  'random_normal',
  'random_uniform',
  'truncated_normal',
  'variance_scaling',
  'orthogonal',
  'identity',
  'normal',
  'uniform',
  'zero',
  'one',
  'orthogonal_initializer',
];

/**
 * TensorFlow.js's camelCase identifiers (and its class names `LeCunNormal`, `LeCunUniform`, which
 * Keras spells `LecunNormal`, `LecunUniform`). `get` gives them TensorFlow.js's semantics: engine
 * `'tfjs'` and TensorFlow.js's defaults. `zeros`, `ones`, `constant`, `orthogonal` and `identity`
 * are spelled the same in Keras and are listed there.
 */
export const TFJS_IDENTIFIERS: readonly string[] = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'leCunUniform',
  'leCunNormal',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'varianceScaling',
  'LeCunUniform',
  'LeCunNormal',
];

/**
 * Class names `get` takes as strings, with Keras 3's defaults (`UniformUnitScaling`, which Keras 3
 * lacks, with TF1's): Keras 3's classes, including `OrthogonalInitializer`, and core's.
 */
export const CLASS_IDENTIFIERS: readonly string[] = [
  'GlorotUniform',
  'GlorotNormal',
  'HeUniform',
  'HeNormal',
  'LecunUniform',
  'LecunNormal',
  'Zeros',
  'Ones',
  'Constant',
  'RandomNormal',
  'RandomUniform',
  'TruncatedNormal',
  'VarianceScaling',
  'Orthogonal',
  'OrthogonalInitializer',
  'Identity',
  'UniformUnitScaling',
];

/** What `get` accepts: a string id, a serialized `{ className, config }` (or Keras's `class_name`), or an Initializer. */
export type InitializerIdentifier =
  | string
  | { readonly className?: string; readonly class_name?: string; readonly config?: unknown }
  | Initializer;

// Keras 3 and TensorFlow.js both default RandomNormal/TruncatedNormal to stddev 0.05 and
// RandomUniform to [-0.05, 0.05), where TF1 (and @init/core's classes) use 1 and [0, 1).
const KERAS_STDDEV = 0.05;
const KERAS_LIMIT = 0.05;
const TFJS: KerasPresetOptions = { engine: 'tfjs' };

function fromString(id: string): Initializer | undefined {
  switch (id) {
    // Keras 3 ids and class names: Keras 3 semantics and defaults, @init's counter-based stream.
    case 'glorot_uniform':
    case 'GlorotUniform':
      return new GlorotUniform();
    case 'glorot_normal':
    case 'GlorotNormal':
      return new GlorotNormal();
    case 'he_uniform':
    case 'HeUniform':
      return new HeUniform();
    case 'he_normal':
    case 'HeNormal':
      return new HeNormal();
    case 'lecun_uniform':
    case 'LecunUniform':
      return new LecunUniform();
    case 'lecun_normal':
    case 'LecunNormal':
      return new LecunNormal();
    case 'zeros':
    case 'zero':
    case 'Zeros':
      return new Zeros();
    case 'ones':
    case 'one':
    case 'Ones':
      return new Ones();
    case 'constant':
    case 'Constant':
      return new Constant({ value: 0 });
    case 'random_normal':
    case 'normal':
    case 'RandomNormal':
      return new RandomNormal({ mean: 0, stddev: KERAS_STDDEV });
    case 'random_uniform':
    case 'uniform':
    case 'RandomUniform':
      return new RandomUniform({ minval: -KERAS_LIMIT, maxval: KERAS_LIMIT });
    case 'truncated_normal':
    case 'TruncatedNormal':
      return new TruncatedNormal({ mean: 0, stddev: KERAS_STDDEV });
    case 'variance_scaling':
    case 'VarianceScaling':
      // Keras 3's default distribution is the corrected truncated normal (its 'normal' means that too).
      return new VarianceScaling({ scale: 1, mode: 'fan_in', distribution: 'truncated_normal' });
    case 'orthogonal':
    case 'orthogonal_initializer':
    case 'Orthogonal':
    case 'OrthogonalInitializer':
      return new Orthogonal({ gain: 1, method: 'qr' });
    case 'identity':
    case 'Identity':
      return new Identity({ gain: 1 });
    case 'UniformUnitScaling':
      return new UniformUnitScaling({ factor: 1 });
    // TensorFlow.js ids: what tfjs-layers does, through the 'tfjs' engine.
    case 'glorotUniform':
      return new GlorotUniform(TFJS);
    case 'glorotNormal':
      return new GlorotNormal(TFJS);
    case 'heUniform':
      return new HeUniform(TFJS);
    case 'heNormal':
      return new HeNormal(TFJS);
    case 'leCunUniform':
    case 'LeCunUniform':
      return new LecunUniform(TFJS);
    case 'leCunNormal':
    case 'LeCunNormal':
      return new LecunNormal(TFJS);
    case 'randomNormal':
      return new RandomNormal({ mean: 0, stddev: KERAS_STDDEV, engine: 'tfjs' });
    case 'randomUniform':
      return new RandomUniform({ minval: -KERAS_LIMIT, maxval: KERAS_LIMIT, engine: 'tfjs' });
    case 'truncatedNormal':
      return new TruncatedNormal({ mean: 0, stddev: KERAS_STDDEV, engine: 'tfjs' });
    case 'varianceScaling':
      // TensorFlow.js's default 'normal' is the uncorrected truncated normal.
      return new VarianceScaling({ scale: 1, mode: 'fan_in', distribution: 'normal', engine: 'tfjs' });
    default:
      return undefined;
  }
}

type PresetClass = (new (options: KerasPresetOptions) => Initializer) & { readonly className: string };

function unknownName(argument: string, received: string, candidates: readonly string[]): InitTypeError {
  // PyTorch users type xavier_* and kaiming_*: look for the Glorot and He names they mean.
  const pytorchName = /xavier|kaiming/i.test(received);
  const translated = received.replace(/xavier/gi, 'glorot').replace(/kaiming/gi, 'he');
  const suggestions = closestNames(translated, candidates);
  const requirement =
    suggestions.length > 0
      ? `name a known initializer (did you mean ${suggestions.map((name) => `'${name}'`).join(', ')}?)`
      : `name a known initializer, such as ${KERAS_IDENTIFIERS.map((name) => `'${name}'`).join(', ')}`;
  const hint = pytorchName
    ? "; PyTorch's xavier_*/kaiming_* are xavierUniform, xavierNormal, kaimingUniform and kaimingNormal here"
    : '';
  return new InitTypeError(
    argumentMessage('get', argument, requirement + hint, received),
    'ERR_INIT_UNKNOWN_IDENTIFIER',
  );
}

/** The six preset classes, for core's deserialize to look names up in (nothing is registered). */
function presetClasses(): readonly PresetClass[] {
  return [GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal];
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

function fromObject(value: object): Initializer {
  // Core's deserialize reads the object as data (no getters run, no prototype touched), knows
  // Keras's forms, and looks the presets up for this call only.
  const classes = presetClasses();
  try {
    return deserialize(value, { classes });
  } catch (error) {
    const name = declaredClassName(value);
    const known = [...registeredClassNames(), ...classes.map((cls) => cls.className), 'OrthogonalInitializer'];
    if (InitTypeError.isInstance(error) && typeof name === 'string' && !known.includes(name)) {
      throw unknownName('identifier.className', name, [
        ...CLASS_IDENTIFIERS,
        ...known.filter((entry) => !CLASS_IDENTIFIERS.includes(entry)),
      ]);
    }
    throw error;
  }
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
 *   `deserialize` knows (Keras 3's `OrthogonalInitializer` is read as `Orthogonal`). Configs are
 *   data: getters, class instances and `__proto__` keys are refused, never run;
 * - an Initializer: returned as it is.
 *
 * Nothing is registered: `get` reads its own constant tables (see {@link registerPresets} to make
 * core's `deserialize` know the presets).
 *
 * @example
 * ```ts
 * get('he_normal');                                   // HeNormal, Keras 3 semantics
 * get('random_normal').getConfig();                   // { mean: 0, stddev: 0.05, seed: null, dtype: 'float32', engine: 'counter' }
 * get({ class_name: 'GlorotUniform', config: { seed: 42 } }).apply([2, 3]); // as new GlorotUniform({ seed: 42 })
 * get('glorot_unifrom'); // throws InitTypeError: get: identifier must name a known initializer (did you mean 'glorot_uniform', 'GlorotUniform', 'glorotUniform'?). Received: "glorot_unifrom".
 * ```
 * @throws InitTypeError: ERR_INIT_UNKNOWN_IDENTIFIER for an unknown id or class name, with the
 *   closest valid names; ERR_INIT_INVALID_CONFIG for a malformed or hostile object;
 *   ERR_INIT_INVALID_ARGUMENT for anything else (a number, null, a class).
 */
export function get(identifier: InitializerIdentifier): Initializer {
  if (identifier instanceof Initializer) return identifier;
  if (typeof identifier === 'string') {
    const initializer = fromString(identifier);
    if (initializer === undefined)
      throw unknownName('identifier', identifier, [...KERAS_IDENTIFIERS, ...CLASS_IDENTIFIERS, ...TFJS_IDENTIFIERS]);
    return initializer;
  }
  if (typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier))
    return fromObject(identifier);
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
