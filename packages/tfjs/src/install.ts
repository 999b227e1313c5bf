// installTfjs / uninstallTfjs: every TensorFlow.js initializer, by any of the ways tfjs-layers
// makes one, computes with @init.
//
// How tfjs-layers 4.22 turns an identifier into an initializer (getInitializer in initializers.ts):
// 1. A string id is mapped by INITIALIZER_IDENTIFIER_REGISTRY_SYMBOL_MAP ('glorotUniform' →
//    'GlorotUniform', 'orthogonal' → 'Orthogonal', …). The six Glorot/He/LeCun names are then
//    constructed directly (`new GlorotUniform()`, module-private classes); every other name is
//    deserialized as `{ className, config: {} }`.
// 2. A `{ className, config }` object (a layer config, a model.json) is deserialized: the class is
//    looked up in `tf.serialization.SerializationMap.getMap().classNameMap` and built by its static
//    `fromConfig`.
// 3. An Initializer instance (`tf.initializers.heNormal({ seed })`, also built with module-private
//    classes) is used as it is.
// So there are two hooks, both undone exactly by uninstallTfjs:
// - the registry (path 2, and path 1 for all but six names): our class is registered under every
//   TensorFlow.js initializer class name with `SerializationMap.register`, the registry's own
//   documented entry point (the one `tf.serialization.registerClass` calls). Loaded and string-id
//   initializers are then @init objects.
// - the `apply` method of TensorFlow.js's own classes (paths 1 and 3, where no registry is asked):
//   the classes are the ones the registry held before installation; their `apply` is replaced by
//   one that reads the instance's own `getClassName()` and `getConfig()` and computes with @init.
//   Their constructors, configs and serialization are untouched.
import type { DataType, Tensor as TfTensor } from '@tensorflow/tfjs-core';
import { serialization } from '@tensorflow/tfjs-core';
import { oneOf, readOptions, type Initializer } from '@init/core';
import {
  fromTfjsConfig,
  kerasAliases,
  TFJS_ENGINES,
  tfjsClassName,
  tfjsClassNames,
  type TfjsEngine,
} from './from-tfjs-config.js';
import { applyAsTfjs, type TfjsAdapter } from './to-tfjs.js';
import { classNameMap, tfjsInitializerBase, type RegistryEntry, type TfjsInitializerClass } from './tfjs-runtime.js';

/** Options of {@link installTfjs}. */
export interface InstallTfjsOptions {
  /**
   * `'tfjs'` (default): every initializer whose TensorFlow.js values are defined by its seed gives
   * exactly TensorFlow.js's values (Orthogonal: the same matrix to float32 rounding, see the README).
   * `'counter'`: @init's counter-based streams, Keras's meaning of each config (corrected truncated
   * normal, an explicit 0 kept), shards available.
   */
  readonly engine?: TfjsEngine;
}

interface Installation {
  readonly engine: TfjsEngine;
  /** Registry entries as they were before installation (undefined: there was none). */
  readonly registry: Map<string, RegistryEntry | undefined>;
  /** TensorFlow.js classes whose own `apply` was replaced, with the original property. */
  readonly methods: Map<TfjsInitializerClass, PropertyDescriptor>;
}

let installation: Installation | undefined;

/** The engine installTfjs was called with, or undefined when @init is not installed. */
export function installedEngine(): TfjsEngine | undefined {
  return installation?.engine;
}

/** Builds the @init initializer for a TensorFlow.js config; any other class name is left to TensorFlow.js. */
function ours(className: string, config: Record<string, unknown>, engine: TfjsEngine): Initializer | undefined {
  return tfjsClassName(className) === undefined ? undefined : fromTfjsConfig(className, config, engine);
}

/**
 * Makes TensorFlow.js's initializers use @init: every class name and string id of tfjs-layers
 * (`'glorotUniform'`, `'heNormal'`, `'orthogonal'`, `'identity'`, `'GlorotUniform'`,
 * `'VarianceScaling'`, …) and the Keras spellings a converted model.json may carry
 * (`'LecunNormal'`, `'OrthogonalInitializer'`, `'IdentityInitializer'`), whether it comes as a string, a saved config or an
 * initializer that `tf.initializers.*` made (before or after this call). Saved configs keep
 * TensorFlow.js's format, so models saved meanwhile load with or without @init.
 *
 * Calling it again switches the engine. Unseeded initializers draw a fresh key per call (from
 * `crypto.getRandomValues`, or reproducibly after `setGlobalSeed`), where TensorFlow.js seeds them
 * from `Math.random()`: their values are random in both and never compared.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { installTfjs } from '@init/tfjs';
 * installTfjs(); // engine 'tfjs': TensorFlow.js's values, Orthogonal in a fraction of the time
 * const lstm = tf.layers.lstm({ units: 512 }); // recurrentInitializer 'orthogonal' is now @init's
 * ```
 * @throws InitTypeError for an unknown engine, an unknown key, or options that are not a plain object.
 */
export function installTfjs(options?: InstallTfjsOptions): void {
  // The shared rules: a plain object or undefined, `engine` its one key, null refused.
  const read = readOptions('installTfjs', options, ['engine']);
  const engine = oneOf('installTfjs', 'engine', read.engine, TFJS_ENGINES, 'tfjs');
  uninstallTfjs();
  const map = classNameMap();
  const Base = tfjsInitializerBase();
  const registry = new Map<string, RegistryEntry | undefined>();
  const methods = new Map<TfjsInitializerClass, PropertyDescriptor>();

  // TensorFlow.js's own classes, as its registry holds them now.
  const tfjsNames = tfjsClassNames();
  for (const name of tfjsNames) {
    const cls = map[name]?.[0];
    if (cls === undefined || !(cls.prototype instanceof Base)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, 'apply');
    if (descriptor === undefined || typeof descriptor.value !== 'function') continue;
    const original = descriptor.value as (this: TfjsAdapter, shape: number[], dtype?: DataType) => TfTensor;
    methods.set(cls, descriptor);
    Object.defineProperty(cls.prototype, 'apply', {
      ...descriptor,
      value: function apply(this: TfjsAdapter, shape: number[], dtype?: DataType): TfTensor {
        // A subclass of a user's whose name we do not know keeps TensorFlow.js's computation.
        const initializer = ours(this.getClassName(), this.getConfig() as Record<string, unknown>, engine);
        return initializer === undefined ? original.call(this, shape, dtype) : applyAsTfjs(initializer, shape, dtype);
      },
    });
  }

  // Our class under every TensorFlow.js name (and Keras alias).
  for (const name of [...tfjsNames, ...kerasAliases()]) {
    registry.set(name, Object.hasOwn(map, name) ? map[name] : undefined);
    serialization.SerializationMap.register(installedClass(Base, name, engine) as never);
  }
  installation = { engine, registry, methods };
}

/**
 * Undoes {@link installTfjs}: TensorFlow.js's registry entries and `apply` methods are put back
 * exactly as they were (entries that did not exist are removed). Initializers built while @init
 * was installed keep computing with @init. Does nothing when @init is not installed.
 */
export function uninstallTfjs(): void {
  if (installation === undefined) return;
  const map = classNameMap();
  for (const [name, entry] of installation.registry) {
    if (entry === undefined) delete map[name];
    else map[name] = entry;
  }
  for (const [cls, descriptor] of installation.methods) Object.defineProperty(cls.prototype, 'apply', descriptor);
  installation = undefined;
}

/**
 * The class registered under one TensorFlow.js name: built from TensorFlow.js's config by
 * {@link fromTfjsConfig}, it computes with @init and saves the config it was given, under the
 * name TensorFlow.js itself would save (VarianceScaling for the Glorot/He/LeCun helpers, as
 * tfjs-layers does for Python Keras), so that a model saved now loads without @init too.
 */
function installedClass(
  Base: ReturnType<typeof tfjsInitializerBase>,
  name: string,
  engine: TfjsEngine,
): TfjsInitializerClass {
  const canonical = tfjsClassName(name) as string;
  const isHelper = Object.hasOwn(HELPERS, canonical);
  class InstalledInitializer extends Base implements TfjsAdapter {
    static readonly className = name;
    readonly initializer: Initializer;
    private readonly tfjsConfig: Record<string, unknown>;
    constructor(config: Record<string, unknown> = {}) {
      super();
      const { customObjects: _, ...own } = config;
      this.initializer = fromTfjsConfig(canonical, own, engine);
      this.tfjsConfig = tfjsConfigOf(canonical, own, engine);
    }
    apply(shape: number[], dtype?: DataType): TfTensor {
      return applyAsTfjs(this.initializer, shape, dtype);
    }
    override getClassName(): string {
      return isHelper ? 'VarianceScaling' : canonical;
    }
    override getConfig(): serialization.ConfigDict {
      return this.tfjsConfig as serialization.ConfigDict;
    }
  }
  return InstalledInitializer as unknown as TfjsInitializerClass;
}

const HELPERS: Readonly<Record<string, { scale: number; mode: string; distribution: string }>> = {
  GlorotUniform: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
  GlorotNormal: { scale: 1, mode: 'fanAvg', distribution: 'normal' },
  HeNormal: { scale: 2, mode: 'fanIn', distribution: 'normal' },
  HeUniform: { scale: 2, mode: 'fanIn', distribution: 'uniform' },
  LeCunNormal: { scale: 1, mode: 'fanIn', distribution: 'normal' },
  LeCunUniform: { scale: 1, mode: 'fanIn', distribution: 'uniform' },
};

/** The config TensorFlow.js's own class would report for the same arguments (its defaults filled in). */
function tfjsConfigOf(className: string, config: Record<string, unknown>, engine: TfjsEngine): Record<string, unknown> {
  const seed = config.seed ?? null;
  const orDefault = (key: string, fallback: number): unknown =>
    engine === 'tfjs' ? config[key] || fallback : (config[key] ?? fallback);
  switch (className) {
    case 'Zeros':
    case 'Ones':
      return {};
    case 'Constant':
      return { value: config.value };
    case 'RandomUniform':
      return { minval: orDefault('minval', -0.05), maxval: orDefault('maxval', 0.05), seed };
    case 'RandomNormal':
    case 'TruncatedNormal':
      return { mean: orDefault('mean', 0), stddev: orDefault('stddev', 0.05), seed };
    case 'Identity':
      return { gain: config.gain ?? 1 };
    case 'Orthogonal':
      return { gain: config.gain ?? 1, seed };
    case 'VarianceScaling':
      // TensorFlow.js's spelling ('fanIn', 'truncatedNormal'), whichever one the config used.
      return {
        scale: config.scale ?? 1,
        mode: camelCase(config.mode ?? 'fanIn'),
        distribution: camelCase(config.distribution ?? 'normal'),
        seed,
      };
    default:
      return { ...HELPERS[className], seed };
  }
}

function camelCase(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : value;
}
