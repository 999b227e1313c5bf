// toTfjs: any @init initializer as a TensorFlow.js initializer that layers accept, that saves into
// a model's JSON and loads back.
import { serialization, type DataType, type Tensor as TfTensor } from '@tensorflow/tfjs-core';
import { argumentMessage, Initializer, InitTypeError, type DType } from '@init/core';
import { get } from '@init/presets';
import { keyFromSeed, keyToString } from '@init/random';
import { toTfTensor, tfjsInitializerBase, type TfjsInitializer } from './tfjs-runtime.js';

/** The name toTfjs's initializers are saved under in a model's JSON. */
export const TO_TFJS_CLASS_NAME = 'InitInitializer';

/** A TensorFlow.js initializer that computes with an @init initializer. */
export interface TfjsAdapter extends TfjsInitializer {
  /** The @init initializer that makes the values. */
  readonly initializer: Initializer;
}

/**
 * Makes the values of an @init initializer as a tf.Tensor of the dtype TensorFlow.js asks for.
 * TensorFlow.js's initializers make float32 (and int32 when asked: random values are then truncated
 * toward zero, as TensorFlow.js stores them); an initializer that cannot make int32 itself makes
 * float32 values that are truncated the same way.
 */
export function applyAsTfjs(initializer: Initializer, shape: readonly number[], dtype: DataType | undefined): TfTensor {
  const wanted: DType = dtype === undefined ? 'float32' : (dtype as DType);
  if (wanted === 'int32') {
    try {
      return toTfTensor(initializer.apply(shape, 'int32'), 'int32');
    } catch (error) {
      if (!(error instanceof InitTypeError)) throw error;
      return toTfTensor(initializer.apply(shape, 'float32'), 'int32');
    }
  }
  if (wanted !== 'float32') {
    throw new InitTypeError(
      argumentMessage(initializer.className, 'dtype', "be 'float32' or 'int32' inside TensorFlow.js", dtype),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  return toTfTensor(initializer.apply(shape, 'float32'), 'float32');
}

// TensorFlow.js's model JSON rewrites every string value: toSnakeCase when it saves (lower case,
// '_' before inner capitals), toCamelCase when it loads. These are the same two rules, so that a
// config can be checked for surviving the trip before it is ever saved.
function toSnakeCase(name: string): string {
  const insecure = name
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return insecure[0] === '_' ? `private${insecure}` : insecure;
}
function toCamelCase(name: string): string {
  if (name.length <= 1 || !name.includes('_')) return name;
  return name.replace(/[_]+(\w|$)/g, (_, letter: string) => letter.toUpperCase());
}
/** Undoes toCamelCase for a string that was snake_case: every capital letter was '_' + a letter. */
export function fromCamelCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Whether a string comes back from a save and load in TensorFlow.js's JSON as itself. */
function survivesJson(text: string): boolean {
  return toSnakeCase(text) === text && fromCamelCase(toCamelCase(text)) === text;
}

/**
 * The @init config in a form TensorFlow.js's JSON gives back unchanged: a string seed becomes the
 * key it stands for (the same values; keys are lower-case hex), and any other string must already
 * be lower-case snake_case (the form @init's own option values take).
 */
function jsonSafe(where: string, path: string, value: unknown): unknown {
  if (typeof value === 'string') {
    if (!survivesJson(value)) {
      throw new InitTypeError(
        argumentMessage(
          where,
          path,
          "be lower-case snake_case to survive TensorFlow.js's model JSON (which rewrites the case of strings)",
          value,
        ),
        'ERR_INIT_INVALID_CONFIG',
      );
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => jsonSafe(where, `${path}[${index}]`, item));
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (toCamelCase(toSnakeCase(key)) !== key) {
        throw new InitTypeError(
          argumentMessage(
            where,
            `the config key of ${path}`,
            "be camelCase to survive TensorFlow.js's model JSON",
            key,
          ),
          'ERR_INIT_INVALID_CONFIG',
        );
      }
      result[key] = jsonSafe(where, `${path}.${key}`, item);
    }
    return result;
  }
  return value;
}

/** The inverse of TensorFlow.js's JSON reader for a config that {@link jsonSafe} accepted. */
function restoreStrings(value: unknown): unknown {
  if (typeof value === 'string') return fromCamelCase(value);
  if (Array.isArray(value)) return value.map(restoreStrings);
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = restoreStrings(item);
    return result;
  }
  return value;
}

/** The serialized @init initializer as toTfjs saves it inside TensorFlow.js's config. */
function savedForm(initializer: Initializer): { className: string; config: unknown } {
  const className = initializer.className;
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(className)) {
    throw new InitTypeError(
      argumentMessage(
        'toTfjs',
        'initializer.className',
        "be letters and digits to survive TensorFlow.js's model JSON",
        className,
      ),
      'ERR_INIT_INVALID_CONFIG',
    );
  }
  const config: Record<string, unknown> = { ...initializer.getConfig() };
  const seed = config.seed;
  if (typeof seed === 'string' && !survivesJson(seed)) config.seed = { key: keyToString(keyFromSeed(seed)) };
  return { className, config: jsonSafe(className, 'config', config) };
}

/** Reads the saved form back, whether it went through TensorFlow.js's JSON or not. */
function fromSavedForm(saved: unknown): Initializer {
  if (typeof saved !== 'object' || saved === null) {
    throw new InitTypeError(
      argumentMessage(
        TO_TFJS_CLASS_NAME,
        'config.initializer',
        'be a serialized @init initializer { className, config }',
        saved,
      ),
      'ERR_INIT_INVALID_CONFIG',
    );
  }
  const { className, config } = saved as { className?: unknown; config?: unknown };
  return get({ className: className as string, config: restoreStrings(config ?? {}) });
}

type AdapterClass = (new (initializer: Initializer) => TfjsAdapter) & { readonly className: string };
let adapterClass: AdapterClass | undefined;

/**
 * The class of toTfjs's initializers, made and registered with TensorFlow.js's serialization on
 * first use (its base class comes from the app's copy of tfjs-layers; importing does nothing).
 */
function toTfjsClass(): AdapterClass {
  if (adapterClass !== undefined) return adapterClass;
  const Base = tfjsInitializerBase();
  class InitInitializer extends Base implements TfjsAdapter {
    static readonly className = TO_TFJS_CLASS_NAME;
    readonly initializer: Initializer;
    constructor(initializer: Initializer) {
      super();
      this.initializer = initializer;
    }
    apply(shape: number[], dtype?: DataType): TfTensor {
      return applyAsTfjs(this.initializer, shape, dtype);
    }
    override getConfig(): serialization.ConfigDict {
      return { initializer: savedForm(this.initializer) } as unknown as serialization.ConfigDict;
    }
    static fromConfig<T extends serialization.Serializable>(
      _cls: serialization.SerializableConstructor<T>,
      config: serialization.ConfigDict,
    ): T {
      return new InitInitializer(fromSavedForm(config.initializer)) as unknown as T;
    }
  }
  // '@init' is the package part of its name in tf.serialization's custom-object table.
  serialization.registerClass(InitInitializer, '@init');
  adapterClass = InitInitializer;
  return adapterClass;
}

/**
 * Wraps an @init initializer as a TensorFlow.js initializer: pass it as `kernelInitializer`,
 * `biasInitializer`, `embeddingsInitializer`, `recurrentInitializer` or to `apply(shape)` directly.
 * A model that uses it saves it into its JSON as `{ className: 'InitInitializer', config: {
 * initializer: { className, config } } }`, and `tf.loadLayersModel` reads it back (the class is
 * registered with `tf.serialization` on the first call) into an equal @init initializer.
 *
 * Any @init class works: core's, the presets (Glorot, He, LeCun, PyTorch's, JAX's), and a user's
 * class registered with `registerInitializer`, whose config must then use camelCase keys and
 * lower-case snake_case strings (TensorFlow.js's JSON rewrites the case of every string; a string
 * seed is saved as the key it stands for, so its values are unchanged).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { Orthogonal } from '@init/core';
 * const dense = tf.layers.dense({ units: 512, kernelInitializer: toTfjs(new Orthogonal({ seed: 1 })) });
 * ```
 * @throws InitTypeError when `initializer` is not an @init Initializer, or its config cannot
 *   survive TensorFlow.js's JSON.
 */
export function toTfjs(initializer: Initializer): TfjsAdapter {
  if (!(initializer instanceof Initializer)) {
    throw new InitTypeError(
      argumentMessage(
        'toTfjs',
        'initializer',
        'be an @init Initializer (from @init/core or @init/presets)',
        initializer,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // Checked now, where the initializer is written, rather than when a model is saved.
  savedForm(initializer);
  const Adapter = toTfjsClass();
  return new Adapter(initializer);
}
