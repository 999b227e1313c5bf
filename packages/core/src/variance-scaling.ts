import {
  fillNormal,
  fillTruncatedNormal,
  fillTruncatedNormalTfjs,
  fillUniform,
  fillUniformTfjs,
  InitTypeError,
  argumentMessage,
} from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import { computeFans, LAYOUTS, type FanLayout, type Fans } from './fans.js';
import type { FillRequest } from './initializer.js';
import { oneOf, positiveNumber } from './numbers.js';
import {
  RandomInitializer,
  type RandomInitializerConfig,
  type RandomInitializerOptions,
} from './random-initializer.js';

/** Which fan the scale is divided by. */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';

/**
 * The distribution VarianceScaling draws from:
 * - `'normal'`: the seed's: a normal truncated at ±2σ with σ = √scale, *uncorrected*, so the
 *   result's standard deviation is about 0.88·√scale (TF1, TensorFlow.js);
 * - `'truncated_normal'`: the same truncation with σ = √scale / 0.87962566103423978, so the
 *   result's standard deviation is √scale (later TF1, Keras 2 and 3, JAX);
 * - `'untruncated_normal'`: a plain normal with σ = √scale;
 * - `'uniform'`: uniform on [−limit, limit) with limit = √(3·scale).
 */
export type Distribution = 'normal' | 'truncated_normal' | 'untruncated_normal' | 'uniform';

/** The fan modes, in the order error messages list them. */
export const FAN_MODES: readonly FanMode[] = Object.freeze(['fan_in', 'fan_out', 'fan_avg']);
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

/** Options of {@link VarianceScaling}. */
export interface VarianceScalingOptions extends RandomInitializerOptions {
  /** Scaling factor, a positive number. Default `1`. */
  readonly scale?: number;
  /** Default `'fan_in'`. */
  readonly mode?: FanMode;
  /** Default `'normal'` (the seed's). */
  readonly distribution?: Distribution;
  /**
   * How the weight's axes are laid out for the fans: `'tf'` (`[...kernel, in, out]`) or
   * `'torch'` (`[out, in, ...kernel]`). Default `'tf'`. Ignored by engine 'tfjs', which uses
   * TensorFlow.js's own fan rule.
   */
  readonly layout?: FanLayout;
}

/** The config of a VarianceScaling initializer. */
export type VarianceScalingConfig = RandomInitializerConfig & {
  scale: number;
  mode: FanMode;
  distribution: Distribution;
  layout: FanLayout;
};

/**
 * Scales its distribution to the shape of the weight: with `n` the fan-in, fan-out or their
 * average (`mode`), at least 1, the variance is `scale / n`. The seed's
 * `variance_scaling_initializer`, and the base of Glorot, He and LeCun initialization.
 * With `partitionInfo`, the fans come from the full shape.
 *
 * With `engine: 'tfjs'` and the same numeric seed, scale, mode and distribution (`'normal'` or
 * `'uniform'`), the values equal TensorFlow.js's `tf.initializers.varianceScaling`, including its
 * fan rule for ranks other than 2 to 5 (`fanIn = fanOut = √size`).
 *
 * @see He et al., "Delving Deep into Rectifiers", 2015. https://arxiv.org/abs/1502.01852
 * @example
 * ```ts
 * // He normal for a 3×3 convolution from 64 to 128 channels, Keras 3 style:
 * new VarianceScaling({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 42 }).apply([3, 3, 64, 128]);
 * ```
 * @throws InitRangeError for a scale that is not a positive finite number; InitTypeError for an
 *   unknown mode, distribution, layout or engine, or an int or bool dtype.
 */
export class VarianceScaling extends RandomInitializer {
  static override readonly className: string = 'VarianceScaling';
  readonly dtype: FloatDType;
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
  readonly layout: FanLayout;

  constructor(options: VarianceScalingOptions = {}) {
    super(options);
    const where = this.className;
    this.dtype = assertFloatDType(where, options.dtype ?? 'float32');
    this.scale = positiveNumber(where, 'scale', options.scale ?? 1);
    this.mode = oneOf(where, 'mode', options.mode ?? 'fan_in', FAN_MODES);
    this.distribution = oneOf(where, 'distribution', options.distribution ?? 'normal', DISTRIBUTIONS);
    this.layout = oneOf(where, 'layout', options.layout ?? 'tf', LAYOUTS);
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
  }

  // Declared wider than VarianceScalingConfig (which is what this class returns) so that subclasses
  // whose scale, mode and distribution are fixed by the class, such as GlorotUniform in
  // @init/presets, can serialize only their own options, as Keras 3 does.
  getConfig(): RandomInitializerConfig & Partial<VarianceScalingConfig> {
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      layout: this.layout,
      ...this.randomConfig(),
    };
  }

  /** The variance `scale / max(1, n)` for a (full) shape, n chosen by `mode`. */
  variance(fullShape: readonly number[]): number {
    const { fanIn, fanOut } = this.engine === 'tfjs' ? tfjsFans(fullShape) : computeFans(fullShape, this.layout);
    const n = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    return this.scale / Math.max(1, n);
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const variance = this.variance(request.fullShape);
    const dtype = request.dtype as FloatDType;
    const target = out as Float32Array;
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      if (this.engine === 'tfjs') fillUniformTfjs(target, this.tfjsSeed(request), { low: -limit, high: limit, dtype });
      else
        this.drawCounter(out, request, (slice, key, offset) =>
          fillUniform(slice as Float32Array, key, { low: -limit, high: limit, offset, dtype }),
        );
      return;
    }
    if (this.distribution === 'untruncated_normal') {
      const stddev = Math.sqrt(variance);
      this.drawCounter(out, request, (slice, key, offset) =>
        fillNormal(slice as Float32Array, key, { stddev, offset, dtype }),
      );
      return;
    }
    const stddev = Math.sqrt(variance) / (this.distribution === 'truncated_normal' ? TRUNCATED_NORMAL_STDDEV : 1);
    if (this.engine === 'tfjs') fillTruncatedNormalTfjs(target, this.tfjsSeed(request), { stddev, dtype });
    else
      this.drawCounter(out, request, (slice, key, offset) =>
        fillTruncatedNormal(slice as Float32Array, key, { stddev, offset, dtype }),
      );
  }
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
