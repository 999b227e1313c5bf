import {
  fillTruncatedNormalTfjs,
  fillUniformTfjs,
  prepareNormal,
  prepareTruncatedNormal,
  prepareUniform,
  fillNormalTorch,
  fillUniformTorch,
  InitTypeError,
  argumentMessage,
  requireNormalFits,
  requireTruncatedFits,
  oneOf,
  positiveNumber,
  readOptions,
} from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import {
  axesFans,
  checkFanAxes,
  computeFans,
  LAYOUTS,
  type AxisSpec,
  type CheckedFanAxes,
  type FanLayout,
  type Fans,
} from './fans.js';
import type { FillRequest } from './initializer.js';
import { requireDerivedUniformFits } from './numbers.js';
import type { CallerNames } from './caller.js';
import {
  ENGINES,
  RandomInitializer,
  type RandomInitializerConfig,
  type RandomInitializerOptions,
} from './random-initializer.js';

/**
 * Which fan the scale is divided by: `'fan_in'`, `'fan_out'`, their arithmetic mean `'fan_avg'`, or
 * their geometric mean `'fan_geo_avg'` (`√(fanIn · fanOut)`, JAX's).
 */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg' | 'fan_geo_avg';

/**
 * The distribution VarianceScaling draws from:
 * - `'normal'`: TF1's: a normal truncated at ±2σ with σ = √scale, *uncorrected*, so the
 *   result's standard deviation is about 0.88·√scale (TF1, TensorFlow.js);
 * - `'truncated_normal'`: the same truncation with σ = √scale / 0.87962566103423978, so the
 *   result's standard deviation is √scale (later TF1, Keras 2 and 3, JAX);
 * - `'untruncated_normal'`: a plain normal with σ = √scale;
 * - `'uniform'`: uniform on [−limit, limit) with limit = √(3·scale).
 */
export type Distribution = 'normal' | 'truncated_normal' | 'untruncated_normal' | 'uniform';

/** The fan modes, in the order error messages list them. */
export const FAN_MODES: readonly FanMode[] = Object.freeze(['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg']);
/** The distributions, in the order error messages list them. */
export const DISTRIBUTIONS: readonly Distribution[] = Object.freeze([
  'normal',
  'truncated_normal',
  'untruncated_normal',
  'uniform',
]);

/**
 * The standard deviation of a standard normal truncated to (−2, 2): √(1 − 4φ(2)/(Φ(2) − Φ(−2))),
 * with φ and Φ the standard normal density and distribution. Dividing by it makes a ±2σ truncated
 * normal have the intended standard deviation (the constant Keras and JAX use).
 */
export const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

/** The option names of {@link VarianceScaling}. */
export const VARIANCE_SCALING_OPTIONS = [
  'scale',
  'mode',
  'distribution',
  'layout',
  'inAxis',
  'outAxis',
  'batchAxis',
  'inputAxes',
  'outputAxes',
  'seed',
  'dtype',
  'engine',
  'generator',
] as const;

/** Options of {@link VarianceScaling}. */
export interface VarianceScalingOptions extends RandomInitializerOptions {
  /** Scaling factor, a positive number. Default `1`. */
  readonly scale?: number;
  /** Default `'fan_in'`. */
  readonly mode?: FanMode;
  /** Default `'normal'` (TF1's). */
  readonly distribution?: Distribution;
  /**
   * How the weight's axes are laid out for the fans: `'tf'` (`[...kernel, in, out]`) or
   * `'torch'` (`[out, in, ...kernel]`). Default `'tf'`. Ignored by engine 'tfjs', which uses
   * TensorFlow.js's own fan rule. Not together with the axes options below.
   */
  readonly layout?: FanLayout;
  /**
   * JAX's `in_axis`: the axis or axes of the inputs. With any of `inAxis`, `outAxis`, `batchAxis`
   * the fans follow JAX's rule (see `computeFans`): the axes in none of the three are the receptive
   * field. Defaults (once one of the three is given): `inAxis −2`, `outAxis −1`, `batchAxis []`.
   * Negative axes count from the end.
   */
  readonly inAxis?: AxisSpec;
  /** JAX's `out_axis`: the axis or axes of the outputs. */
  readonly outAxis?: AxisSpec;
  /** JAX's `batch_axis`: axes of independent weights, counted in neither fan. */
  readonly batchAxis?: AxisSpec;
  /**
   * Keras 3's `input_axes` (given with `outputAxes`): `fanIn = ∏ shape[inputAxes]`,
   * `fanOut = ∏ shape[outputAxes]`, other axes not counted (Keras's rule). Not together with JAX's
   * axes or `layout`.
   */
  readonly inputAxes?: AxisSpec;
  /** Keras 3's `output_axes` (given with `inputAxes`). */
  readonly outputAxes?: AxisSpec;
}

/** The fan-axes keys of a VarianceScaling config, present only when set. */
export type FanAxesConfig = {
  inAxis?: AxisSpec;
  outAxis?: AxisSpec;
  batchAxis?: AxisSpec;
  inputAxes?: AxisSpec;
  outputAxes?: AxisSpec;
};

/** The option keys that choose fans by axes, in the order configs write them. */
export const FAN_AXES_KEYS: readonly (keyof FanAxesConfig)[] = Object.freeze([
  'inAxis',
  'outAxis',
  'batchAxis',
  'inputAxes',
  'outputAxes',
]);

/**
 * Reads the fan options shared by VarianceScaling and the Keras presets: `layout` or the axes,
 * never both.
 * @throws InitTypeError naming what to drop.
 */
export function fanRuleOf(
  where: string,
  options: VarianceScalingOptions,
): { layout: FanLayout | undefined; axes: CheckedFanAxes | undefined; axesConfig: FanAxesConfig } {
  const given = FAN_AXES_KEYS.filter((key) => options[key] !== undefined);
  if (given.length === 0)
    return { layout: oneOf(where, 'layout', options.layout, LAYOUTS, 'tf'), axes: undefined, axesConfig: {} };
  if (options.layout !== undefined) {
    throw new InitTypeError(
      argumentMessage(
        where,
        'layout',
        `be absent when ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} given (the axes already say where the fans are); drop layout or the axes`,
        options.layout,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const axes = checkFanAxes(where, 'options', Object.fromEntries(given.map((key) => [key, options[key]])));
  const axesConfig: FanAxesConfig = {};
  if (axes.rule === 'keras') {
    axesConfig.inputAxes = axes.inputAxes;
    axesConfig.outputAxes = axes.outputAxes;
  } else {
    // Only what the user gave, so a config reads as it was written (JAX's defaults fill the rest).
    for (const key of given) axesConfig[key] = axes[key as 'inAxis' | 'outAxis' | 'batchAxis'];
  }
  return { layout: undefined, axes, axesConfig };
}

/** The config of a VarianceScaling initializer. */
export type VarianceScalingConfig = RandomInitializerConfig &
  FanAxesConfig & {
    scale: number;
    mode: FanMode;
    distribution: Distribution;
    /** Present unless fan axes are set. */
    layout?: FanLayout;
  };

/**
 * Scales its distribution to the shape of the weight: with `n` the fan-in, fan-out or their
 * average (`mode`), at least 1, the variance is `scale / n`. TF1's
 * `variance_scaling_initializer`, and the base of Glorot, He and LeCun initialization.
 * With `partitionInfo`, the fans come from the full shape.
 *
 * The fans come from the `layout` (`'tf'` by default), or from axes: JAX's
 * `{ inAxis, outAxis, batchAxis }` or Keras 3's `{ inputAxes, outputAxes }` — for attention and
 * einsum kernels such as `[dModel, heads, headDim]`, whose fans no fixed layout gets right.
 *
 * With `engine: 'tfjs'` and the same numeric seed, scale, mode and distribution (`'normal'` or
 * `'uniform'`), the values equal TensorFlow.js's `tf.initializers.varianceScaling`, including its
 * fan rule for ranks other than 2 to 5 (`fanIn = fanOut = √size`).
 *
 * With `engine: 'torch'` (distributions `'uniform'` and `'untruncated_normal'`, normally with
 * `layout: 'torch'`), the values equal PyTorch's `kaiming_uniform_`/`kaiming_normal_` (fan_in,
 * fan_out) and `xavier_uniform_`/`xavier_normal_` (fan_avg) with `gain = √scale`, bit for bit:
 * the bound is computed with PyTorch's own sequence of operations.
 *
 * @see He et al., "Delving Deep into Rectifiers", 2015. https://arxiv.org/abs/1502.01852
 * @example
 * ```ts
 * // He normal for a 3×3 convolution from 64 to 128 channels, Keras 3 style:
 * new VarianceScaling({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 42 }).apply([3, 3, 64, 128]);
 * // A query projection [dModel, heads, headDim] = [512, 8, 64]: fanIn 512, fanOut 8·64 = 512.
 * new VarianceScaling({ mode: 'fan_avg', distribution: 'uniform', inAxis: 0, outAxis: [1, 2], seed: 1 }).apply([512, 8, 64]);
 * ```
 * @throws InitRangeError for a scale that is not a positive finite number, or (at apply) axes
 *   outside the shape or listed twice; InitTypeError for an unknown mode, distribution, layout or
 *   engine, layout together with axes, malformed axes, or an int or bool dtype.
 */
export class VarianceScaling extends RandomInitializer {
  static override readonly className: string = 'VarianceScaling';
  /** Config keys written only when set; `deserialize` reads them too. */
  static readonly optionalConfigKeys: readonly string[] = FAN_AXES_KEYS;
  readonly dtype: FloatDType;
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  /** The layout the fans come from; undefined when they come from axes. */
  readonly layout: FanLayout | undefined;
  /** The fan axes as given (JAX's or Keras's keys); empty when the fans come from the layout. */
  readonly fanAxes: Readonly<FanAxesConfig>;
  private readonly checkedAxes: CheckedFanAxes | undefined;

  /**
   * @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`):
   *   `xavierUniform` of `@init/presets` gives its `gain` as the option behind `scale`.
   */
  constructor(options?: VarianceScalingOptions, caller?: CallerNames) {
    const read = readOptions((new.target as typeof VarianceScaling).className, options, VARIANCE_SCALING_OPTIONS);
    super(read, ENGINES, caller);
    const where = this.where;
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.scale = positiveNumber(where, 'scale', read.scale, 1);
    this.mode = oneOf(where, 'mode', read.mode, FAN_MODES, 'fan_in');
    this.distribution = oneOf(where, 'distribution', read.distribution, DISTRIBUTIONS, 'normal');
    const rule = fanRuleOf(where, read as VarianceScalingOptions);
    this.layout = rule.layout;
    this.fanAxes = Object.freeze(rule.axesConfig);
    this.checkedAxes = rule.axes;
    if (this.engine === 'tfjs' && rule.axes !== undefined) {
      throw new InitTypeError(
        argumentMessage(
          where,
          'engine',
          "be 'counter' with fan axes (TensorFlow.js has only its own fan rule)",
          this.engine,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (this.engine === 'tfjs' && this.distribution !== 'normal' && this.distribution !== 'uniform') {
      throw new InitTypeError(
        argumentMessage(
          where,
          'distribution',
          "be 'normal' or 'uniform' with engine 'tfjs', the two TensorFlow.js draws",
          this.distribution,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (this.engine === 'torch' && this.distribution !== 'uniform' && this.distribution !== 'untruncated_normal') {
      throw new InitTypeError(
        argumentMessage(
          where,
          'distribution',
          "be 'uniform' or 'untruncated_normal' with engine 'torch', the draws of PyTorch's kaiming_* and xavier_*",
          this.distribution,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
  }

  // Declared wider than VarianceScalingConfig (which is what this class returns) so that subclasses
  // whose scale, mode and distribution are fixed by the class, such as GlorotUniform in
  // @init/presets, can serialize only their own options, as Keras 3 does.
  getConfig(): RandomInitializerConfig & Partial<VarianceScalingConfig> {
    const fans = this.layout === undefined ? { ...this.fanAxes } : { layout: this.layout };
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, ...fans, ...this.randomConfig() };
  }

  /** The fans of a (full) shape, by the layout, the axes, or TensorFlow.js's rule with engine 'tfjs'. */
  fans(fullShape: readonly number[]): Fans {
    if (this.engine === 'tfjs') return tfjsFans(fullShape);
    if (this.checkedAxes !== undefined) return axesFans(this.where, fullShape, this.checkedAxes);
    return computeFans(fullShape, this.layout);
  }

  /** The variance `scale / max(1, n)` for a (full) shape, n chosen by `mode`. */
  variance(fullShape: readonly number[]): number {
    const { fanIn, fanOut } = this.fans(fullShape);
    const n =
      this.mode === 'fan_in'
        ? fanIn
        : this.mode === 'fan_out'
          ? fanOut
          : this.mode === 'fan_avg'
            ? (fanIn + fanOut) / 2
            : Math.sqrt(fanIn * fanOut);
    return this.scale / Math.max(1, n);
  }

  /**
   * Checks that the dtype holds every sample for this (full) shape: scale / n can be so large that
   * samples overflow, or so small that a uniform's bounds round to zero. The error names `scale`, or
   * the caller's option behind it (see `CallerNames`).
   */
  private requireFits(fullShape: readonly number[], format: FloatDType): void {
    const where = this.where;
    const sampler = this.engine === 'tfjs' ? 'tfjs' : 'counter';
    // The samples scale with √scale: the error names scale, or the caller's option behind it.
    const scale = this.argument('scale', this.scale);
    const names = { stddev: scale.name, received: scale.value };
    if (this.engine === 'torch') {
      // PyTorch's own bound and std (no max(1, fan)), checked by the rules of its uniform_ and normal_.
      const stddev = torchStddev(this.scale, this.mode, computeFans(fullShape, this.layout));
      if (this.distribution === 'uniform') {
        const bound = Math.sqrt(3) * stddev;
        requireDerivedUniformFits(where, scale.name, scale.value, -bound, bound, format, 'torch');
      } else requireNormalFits(where, 0, stddev, format, 'counter', names);
      return;
    }
    const variance = this.variance(fullShape);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      requireDerivedUniformFits(where, scale.name, scale.value, -limit, limit, format, this.engine);
    } else if (this.distribution === 'untruncated_normal') {
      requireNormalFits(where, 0, Math.sqrt(variance), format, sampler, names);
    } else {
      const stddev = Math.sqrt(variance) / (this.distribution === 'truncated_normal' ? TRUNCATED_NORMAL_STDDEV : 1);
      requireTruncatedFits(where, 0, stddev, format, sampler, names);
    }
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    if (this.engine === 'torch') {
      this.generateTorch(out as Float32Array | Float64Array, request);
      return;
    }
    const variance = this.variance(request.fullShape);
    const dtype = request.dtype as FloatDType;
    this.requireFits(request.fullShape, dtype);
    const target = out as Float32Array;
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      if (this.engine === 'tfjs') fillUniformTfjs(target, this.tfjsSeed(request), { low: -limit, high: limit, dtype });
      else this.drawCounter(out, request, (key) => prepareUniform(key, { low: -limit, high: limit, dtype }));
      return;
    }
    if (this.distribution === 'untruncated_normal') {
      const stddev = Math.sqrt(variance);
      this.drawCounter(out, request, (key) => prepareNormal(key, { stddev, dtype }));
      return;
    }
    const stddev = Math.sqrt(variance) / (this.distribution === 'truncated_normal' ? TRUNCATED_NORMAL_STDDEV : 1);
    if (this.engine === 'tfjs') fillTruncatedNormalTfjs(target, this.tfjsSeed(request), { stddev, dtype });
    else this.drawCounter(out, request, (key) => prepareTruncatedNormal(key, { stddev, dtype }));
  }

  /** The 'torch' engine: PyTorch's kaiming_/xavier_ bound or std, then uniform_ or normal_. */
  private generateTorch(out: Float32Array | Float64Array, request: FillRequest): void {
    const generator = this.torchGenerator(request);
    // As PyTorch, an empty tensor is a no-op (its fans may be 0, so its bound infinite).
    if (out.length === 0) return;
    this.requireFits(request.fullShape, request.dtype as FloatDType);
    const stddev = torchStddev(this.scale, this.mode, computeFans(request.fullShape, this.layout));
    if (this.distribution === 'uniform') {
      const bound = Math.sqrt(3) * stddev;
      fillUniformTorch(out, generator, { low: -bound, high: bound });
    } else {
      fillNormalTorch(out, generator, { mean: 0, stddev });
    }
  }
}

/**
 * PyTorch's `kaiming_*` / `xavier_*` arithmetic, step for step, so the bound rounds as PyTorch's
 * does: `gain = √scale` (exactly PyTorch's gain, since scale = gain² and √(gain²) rounds back to
 * gain), `std = gain / √fan` (fan_in, fan_out) or `gain · √(2 / (fanIn + fanOut))` (fan_avg, as
 * xavier), `bound = √3 · std`; then `uniform_(−bound, bound)` or `normal_(0, std)`. There is no
 * `max(1, fan)` here, as in PyTorch.
 */
function torchStddev(scale: number, mode: FanMode, { fanIn, fanOut }: Fans): number {
  const gain = Math.sqrt(scale);
  if (mode === 'fan_avg') return gain * Math.sqrt(2 / (fanIn + fanOut));
  return gain / Math.sqrt(mode === 'fan_in' ? fanIn : fanOut);
}

/**
 * TensorFlow.js's fan rule (tfjs-layers `computeFans`, channelsLast): as TF for ranks 2 to 5, and
 * `fanIn = fanOut = √size` for every other rank, where TF uses (1, 1) and (n, n).
 */
function tfjsFans(shape: readonly number[]): Fans {
  if (shape.length >= 2 && shape.length <= 5) return computeFans(shape, 'tf');
  let size = 1;
  for (const dim of shape) size *= dim;
  return { fanIn: Math.sqrt(size), fanOut: Math.sqrt(size) };
}
