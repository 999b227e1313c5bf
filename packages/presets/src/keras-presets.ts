// Glorot, He and LeCun initialization as Keras 3 defines them: VarianceScaling with a fixed scale,
// fan mode and distribution, serialized under the preset's own class name with only the options a
// user can choose (Keras 3 writes `{ class_name: 'GlorotUniform', config: { seed } }`).
import {
  FAN_AXES_KEYS,
  InitTypeError,
  VarianceScaling,
  type Distribution,
  type Engine,
  type FanAxesConfig,
  type FanLayout,
  type FanMode,
  type FloatDType,
  type InitializerSeed,
  type RandomInitializerConfig,
  argumentMessage,
  oneOf,
  readOptions,
  type OptionValues,
  type VarianceScalingOptions,
} from '@init/core';

/**
 * VarianceScaling's options that say where the fans are: `layout` (`'tf'` by default) or JAX's or
 * Keras 3's axes, documented there.
 */
type FanOptions = Pick<VarianceScalingOptions, 'layout' | keyof FanAxesConfig>;

/**
 * Options of the Keras presets ({@link GlorotUniform} … {@link LecunNormal}): only what Keras 3
 * lets a user choose, plus the dtype and the random stream. The scale, fan mode and distribution
 * are fixed by the class; use `VarianceScaling` from `@init/core` to choose them.
 */
export interface KerasPresetOptions extends FanOptions {
  /** Makes the initializer pure: the same values on every call. Default: a fresh key per call. */
  readonly seed?: InitializerSeed;
  /** The default dtype of the tensors it makes. Default `'float32'`. */
  readonly dtype?: FloatDType;
  /**
   * `'counter'` (default): @init's counter-based stream, with Keras 3 semantics.
   * `'tfjs'`: exactly what `@tensorflow/tfjs-layers` returns for the same numeric seed, including
   * TensorFlow.js's uncorrected truncated normal and its fan rule for ranks other than 2 to 5.
   */
  readonly engine?: Engine;
}

// One interface per preset (each adds nothing to KerasPresetOptions): editors and the API docs then
// show the preset's own name, and a preset can gain an option later without a breaking change.

/** Options of {@link GlorotUniform} and {@link glorotUniform}. */
export interface GlorotUniformOptions extends KerasPresetOptions {}
/** Options of {@link GlorotNormal} and {@link glorotNormal}. */
export interface GlorotNormalOptions extends KerasPresetOptions {}
/** Options of {@link HeUniform} and {@link heUniform}. */
export interface HeUniformOptions extends KerasPresetOptions {}
/** Options of {@link HeNormal} and {@link heNormal}. */
export interface HeNormalOptions extends KerasPresetOptions {}
/** Options of {@link LecunUniform} and {@link lecunUniform}. */
export interface LecunUniformOptions extends KerasPresetOptions {}
/** Options of {@link LecunNormal} and {@link lecunNormal}. */
export interface LecunNormalOptions extends KerasPresetOptions {}

/**
 * The config of a Keras preset: `{ seed, dtype, engine }`, plus `layout` or the fan axes when they
 * were given (Keras 3 writes `{ seed, input_axes, output_axes }`); nothing the class fixes.
 */
export type KerasPresetConfig = RandomInitializerConfig & FanAxesConfig & { layout?: FanLayout };

// The scale, mode and distribution are fixed by the class: VarianceScaling chooses them.
const OPTION_KEYS = ['seed', 'dtype', 'engine', 'layout', ...FAN_AXES_KEYS] as const;

/** What a preset fixes: VarianceScaling's scale and mode, and whether it draws a normal or a uniform. */
interface Recipe {
  readonly scale: number;
  readonly mode: FanMode;
  readonly family: 'normal' | 'uniform';
}

/**
 * Keras 3's normal presets draw the truncated normal *corrected* to the intended standard deviation
 * (stddev √scale / 0.87962566103423978). TensorFlow.js's draw VarianceScaling's `'normal'`, the
 * uncorrected one (stddev √scale, so about 0.88·√scale after truncation): with engine 'tfjs' the
 * preset promises TensorFlow.js's values, so it takes TensorFlow.js's distribution too.
 */
function distributionOf(recipe: Recipe, engine: unknown): Distribution {
  if (recipe.family === 'uniform') return 'uniform';
  return engine === 'tfjs' ? 'normal' : 'truncated_normal';
}

function checkOptions(where: string, options: unknown): OptionValues<(typeof OPTION_KEYS)[number]> {
  if (typeof options === 'number') {
    // glorotUniform(42) is a common slip from TF1's glorot_uniform_initializer(seed).
    throw new InitTypeError(
      argumentMessage(where, 'options', 'be an object such as { seed: 42 }', options),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const read = readOptions(
    where,
    options,
    OPTION_KEYS,
    ' (the scale, mode and distribution are fixed by the class; use VarianceScaling to choose them)',
  );
  // Keras presets draw as Keras or TensorFlow.js do; PyTorch's draws (engine 'torch') belong to
  // xavier*/kaiming*, whose fans and distributions are PyTorch's.
  oneOf(where, 'engine', read.engine, ['counter', 'tfjs'], 'counter');
  return read;
}

/**
 * The shared base of the six Keras presets: a VarianceScaling whose scale, mode and distribution
 * come from the class, and whose config holds only the user's options.
 */
abstract class KerasVarianceScaling extends VarianceScaling {
  /** Config keys written only when set; core's `deserialize` reads them too. */
  static override readonly optionalConfigKeys: readonly string[] = ['layout', ...FAN_AXES_KEYS];
  private readonly layoutGiven: boolean;

  protected constructor(recipe: Recipe, options: unknown) {
    const checked = checkOptions((new.target as typeof KerasVarianceScaling).className, options);
    const fanOptions: Record<string, unknown> = {};
    for (const key of ['layout', ...FAN_AXES_KEYS] as const)
      if (checked[key] !== undefined) fanOptions[key] = checked[key];
    super({
      scale: recipe.scale,
      mode: recipe.mode,
      distribution: distributionOf(recipe, checked.engine),
      ...(checked.seed === undefined ? {} : { seed: checked.seed }),
      ...(checked.dtype === undefined ? {} : { dtype: checked.dtype }),
      ...(checked.engine === undefined ? {} : { engine: checked.engine }),
      ...fanOptions,
    } as VarianceScalingOptions);
    this.layoutGiven = checked.layout !== undefined;
  }

  /**
   * `{ seed, dtype, engine }`, and `layout` or the fan axes when given: the class name already says
   * the scale, mode and distribution.
   */
  override getConfig(): KerasPresetConfig {
    return {
      ...this.randomConfig(),
      ...(this.layoutGiven && this.layout !== undefined ? { layout: this.layout } : {}),
      ...this.fanAxes,
    };
  }
}

const GLOROT_UNIFORM: Recipe = { scale: 1, mode: 'fan_avg', family: 'uniform' };
const GLOROT_NORMAL: Recipe = { scale: 1, mode: 'fan_avg', family: 'normal' };
const HE_UNIFORM: Recipe = { scale: 2, mode: 'fan_in', family: 'uniform' };
const HE_NORMAL: Recipe = { scale: 2, mode: 'fan_in', family: 'normal' };
const LECUN_UNIFORM: Recipe = { scale: 1, mode: 'fan_in', family: 'uniform' };
const LECUN_NORMAL: Recipe = { scale: 1, mode: 'fan_in', family: 'normal' };

/**
 * The Glorot (Xavier) uniform initializer: uniform on `[−limit, limit)` with
 * `limit = √(6 / (fanIn + fanOut))`, i.e. VarianceScaling with scale 1, mode `'fan_avg'` and a
 * uniform distribution. Keras 3's `GlorotUniform` (Keras's default kernel initializer) and, with
 * `engine: 'tfjs'`, TensorFlow.js's `glorotUniform`, bit for bit.
 *
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010. https://proceedings.mlr.press/v9/glorot10a.html
 * @example
 * ```ts
 * new GlorotUniform({ seed: 42 }).apply([2, 3]).data;
 * // Float32Array [1.0872031450271606, 0.8063908219337463, -0.7714089751243591, 0.4285327196121216, 0.7024497389793396, -0.28767597675323486]
 * ```
 * @throws InitTypeError for options other than seed, dtype and engine, an unknown engine, a
 *   non-numeric seed with engine 'tfjs', or an int or bool dtype.
 */
export class GlorotUniform extends KerasVarianceScaling {
  static override readonly className: string = 'GlorotUniform';
  constructor(options: GlorotUniformOptions = {}) {
    super(GLOROT_UNIFORM, options);
  }
}

/**
 * The Glorot (Xavier) normal initializer of Keras 3: a normal truncated at ±2σ and *corrected* so
 * that the result's standard deviation is `√(2 / (fanIn + fanOut))` (σ = that / 0.87962566103423978).
 * With `engine: 'tfjs'` it is TensorFlow.js's `glorotNormal` instead, bit for bit: an uncorrected
 * truncated normal with σ = `√(2 / (fanIn + fanOut))`, about 12% narrower.
 *
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010. https://proceedings.mlr.press/v9/glorot10a.html
 * @example
 * ```ts
 * new GlorotNormal({ seed: 42 }).apply([2, 3]).data;
 * // Float32Array [0.8443551063537598, -0.5626561641693115, -0.43624529242515564, 0.34470951557159424, 0.9561179280281067, 0.7525931596755981]
 * ```
 * @throws InitTypeError for options other than seed, dtype and engine, an unknown engine, a
 *   non-numeric seed with engine 'tfjs', or an int or bool dtype.
 */
export class GlorotNormal extends KerasVarianceScaling {
  static override readonly className: string = 'GlorotNormal';
  constructor(options: GlorotNormalOptions = {}) {
    super(GLOROT_NORMAL, options);
  }
}

/**
 * The He (Kaiming) uniform initializer: uniform on `[−limit, limit)` with `limit = √(6 / fanIn)`,
 * i.e. VarianceScaling with scale 2, mode `'fan_in'`. Keras 3's `HeUniform`; with
 * `engine: 'tfjs'`, TensorFlow.js's `heUniform`, bit for bit. (PyTorch's `kaiming_uniform_` uses
 * `[out, in, ...kernel]` shapes: see {@link kaimingUniform}.)
 *
 * @see He et al., "Delving Deep into Rectifiers", 2015. https://arxiv.org/abs/1502.01852
 * @example
 * ```ts
 * new HeUniform({ seed: 42 }).apply([2, 3]).data;
 * // Float32Array [1.7190190553665161, 1.2750158309936523, -1.2197046279907227, 0.6775697469711304, 1.110670566558838, -0.45485565066337585]
 * ```
 * @throws InitTypeError for options other than seed, dtype and engine, an unknown engine, a
 *   non-numeric seed with engine 'tfjs', or an int or bool dtype.
 */
export class HeUniform extends KerasVarianceScaling {
  static override readonly className: string = 'HeUniform';
  constructor(options: HeUniformOptions = {}) {
    super(HE_UNIFORM, options);
  }
}

/**
 * The He (Kaiming) normal initializer of Keras 3: a ±2σ truncated normal corrected so that the
 * result's standard deviation is `√(2 / fanIn)`. With `engine: 'tfjs'` it is TensorFlow.js's
 * `heNormal` instead, bit for bit (uncorrected: σ = `√(2 / fanIn)` before truncation).
 *
 * @see He et al., "Delving Deep into Rectifiers", 2015. https://arxiv.org/abs/1502.01852
 * @example
 * ```ts
 * new HeNormal({ seed: 42 }).apply([2, 3]).data;
 * // Float32Array [1.3350427150726318, -0.8896375298500061, -0.6897643804550171, 0.5450335741043091, 1.5117552280426025, 1.1899542808532715]
 * ```
 * @throws InitTypeError for options other than seed, dtype and engine, an unknown engine, a
 *   non-numeric seed with engine 'tfjs', or an int or bool dtype.
 */
export class HeNormal extends KerasVarianceScaling {
  static override readonly className: string = 'HeNormal';
  constructor(options: HeNormalOptions = {}) {
    super(HE_NORMAL, options);
  }
}

/**
 * The LeCun uniform initializer: uniform on `[−limit, limit)` with `limit = √(3 / fanIn)`, i.e.
 * VarianceScaling with scale 1, mode `'fan_in'`. Keras 3's `LecunUniform`; with `engine: 'tfjs'`,
 * TensorFlow.js's `leCunUniform`, bit for bit.
 *
 * @see LeCun et al., "Efficient BackProp", 1998; Klambauer et al., "Self-Normalizing Neural Networks", 2017. https://arxiv.org/abs/1706.02515
 * @example
 * ```ts
 * new LecunUniform({ seed: 42 }).apply([2, 3]).data;
 * // Float32Array [1.2155300378799438, 0.9015723466873169, -0.8624614477157593, 0.4791141450405121, 0.785362720489502, -0.321631520986557]
 * ```
 * @throws InitTypeError for options other than seed, dtype and engine, an unknown engine, a
 *   non-numeric seed with engine 'tfjs', or an int or bool dtype.
 */
export class LecunUniform extends KerasVarianceScaling {
  static override readonly className: string = 'LecunUniform';
  constructor(options: LecunUniformOptions = {}) {
    super(LECUN_UNIFORM, options);
  }
}

/**
 * The LeCun normal initializer of Keras 3 (the one SELU networks want): a ±2σ truncated normal
 * corrected so that the result's standard deviation is `√(1 / fanIn)`. With `engine: 'tfjs'` it
 * is TensorFlow.js's `leCunNormal` instead, bit for bit (uncorrected).
 *
 * @see Klambauer et al., "Self-Normalizing Neural Networks", 2017. https://arxiv.org/abs/1706.02515
 * @example
 * ```ts
 * new LecunNormal({ seed: 42 }).apply([2, 3]).data;
 * // Float32Array [0.9440177083015442, -0.6290687322616577, -0.4877370595932007, 0.38539695739746094, 1.0689723491668701, 0.8414247035980225]
 * ```
 * @throws InitTypeError for options other than seed, dtype and engine, an unknown engine, a
 *   non-numeric seed with engine 'tfjs', or an int or bool dtype.
 */
export class LecunNormal extends KerasVarianceScaling {
  static override readonly className: string = 'LecunNormal';
  constructor(options: LecunNormalOptions = {}) {
    super(LECUN_NORMAL, options);
  }
}

/**
 * Makes a {@link GlorotUniform}: uniform on `[−√(6 / (fanIn + fanOut)), √(6 / (fanIn + fanOut)))`.
 * @example
 * ```ts
 * glorotUniform({ seed: 42 }).apply([2, 3]).data; // as new GlorotUniform({ seed: 42 })
 * ```
 * @throws InitTypeError as {@link GlorotUniform}.
 */
export function glorotUniform(options?: GlorotUniformOptions): GlorotUniform {
  return new GlorotUniform(options);
}

/**
 * Makes a {@link GlorotNormal}: standard deviation `√(2 / (fanIn + fanOut))` after truncation.
 * @example
 * ```ts
 * glorotNormal({ seed: 42 }).apply([2, 3]).data; // as new GlorotNormal({ seed: 42 })
 * ```
 * @throws InitTypeError as {@link GlorotNormal}.
 */
export function glorotNormal(options?: GlorotNormalOptions): GlorotNormal {
  return new GlorotNormal(options);
}

/**
 * Makes a {@link HeUniform}: uniform on `[−√(6 / fanIn), √(6 / fanIn))`.
 * @example
 * ```ts
 * heUniform({ seed: 42 }).apply([3, 3, 64, 128]); // a 3×3 convolution from 64 to 128 channels
 * ```
 * @throws InitTypeError as {@link HeUniform}.
 */
export function heUniform(options?: HeUniformOptions): HeUniform {
  return new HeUniform(options);
}

/**
 * Makes a {@link HeNormal}: standard deviation `√(2 / fanIn)` after truncation.
 * @example
 * ```ts
 * heNormal({ seed: 42 }).apply([3, 3, 64, 128]); // sample std ≈ √(2/576) ≈ 0.0589
 * ```
 * @throws InitTypeError as {@link HeNormal}.
 */
export function heNormal(options?: HeNormalOptions): HeNormal {
  return new HeNormal(options);
}

/**
 * Makes a {@link LecunUniform}: uniform on `[−√(3 / fanIn), √(3 / fanIn))`.
 * @example
 * ```ts
 * lecunUniform({ seed: 42 }).apply([256, 128]); // bound √(3/256) ≈ 0.108
 * ```
 * @throws InitTypeError as {@link LecunUniform}.
 */
export function lecunUniform(options?: LecunUniformOptions): LecunUniform {
  return new LecunUniform(options);
}

/**
 * Makes a {@link LecunNormal}: standard deviation `√(1 / fanIn)` after truncation.
 * @example
 * ```ts
 * lecunNormal({ seed: 42 }).apply([256, 128]); // sample std ≈ 1/16
 * ```
 * @throws InitTypeError as {@link LecunNormal}.
 */
export function lecunNormal(options?: LecunNormalOptions): LecunNormal {
  return new LecunNormal(options);
}
