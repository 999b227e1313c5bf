// PyTorch's xavier_* and kaiming_* for people porting PyTorch models: the same formulas and
// options, with fans read from PyTorch's [out, in, ...kernel] layout. Each returns a core
// VarianceScaling with layout 'torch', so it serializes and deserializes like any initializer.
import {
  InitTypeError,
  VarianceScaling,
  InitRangeError,
  type FloatDType,
  type InitializerSeed,
  argumentMessage,
} from '@init/core';
import { NONLINEARITIES, squaredGain, type Nonlinearity } from './calculate-gain.js';

/** Options of {@link xavierUniform} and {@link xavierNormal}. */
export interface XavierOptions {
  /** Multiplies the standard deviation, e.g. `calculateGain('tanh')`. Default `1`. */
  readonly gain?: number;
  /** Makes the initializer pure. Default: a fresh key per call. */
  readonly seed?: InitializerSeed;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

/** Which fan kaiming initialization divides by: `'fan_in'` keeps the forward pass's variance, `'fan_out'` the backward pass's. */
export type KaimingMode = 'fan_in' | 'fan_out';

/** Options of {@link kaimingUniform} and {@link kaimingNormal}, with PyTorch's defaults. */
export interface KaimingOptions {
  /** The negative slope of the rectifier after this layer, passed to `calculateGain`. Default `0`. */
  readonly a?: number;
  /** Default `'fan_in'`. */
  readonly mode?: KaimingMode;
  /** Default `'leaky_relu'`, which with `a = 0` gives the ReLU gain √2. */
  readonly nonlinearity?: Nonlinearity;
  /** Makes the initializer pure. Default: a fresh key per call. */
  readonly seed?: InitializerSeed;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

const KAIMING_MODES: readonly KaimingMode[] = ['fan_in', 'fan_out'];

function positiveGain(where: string, gain: unknown): number {
  if (typeof gain === 'number' && Number.isFinite(gain) && gain > 0) return gain;
  const message = argumentMessage(where, 'gain', 'be a positive finite number', gain);
  throw typeof gain === 'number'
    ? new InitRangeError(message, 'ERR_INIT_INVALID_ARGUMENT')
    : new InitTypeError(message, 'ERR_INIT_INVALID_ARGUMENT');
}

function kaimingMode(where: string, mode: unknown): KaimingMode {
  if (typeof mode === 'string' && (KAIMING_MODES as readonly string[]).includes(mode)) return mode as KaimingMode;
  throw new InitTypeError(
    argumentMessage(where, 'mode', "be one of 'fan_in', 'fan_out'", mode),
    'ERR_INIT_UNKNOWN_IDENTIFIER',
  );
}

function seedAndDType(options: { readonly seed?: InitializerSeed; readonly dtype?: FloatDType }): {
  seed?: InitializerSeed;
  dtype?: FloatDType;
} {
  return {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
  };
}

/*
 * PyTorch writes std = gain · √(2 / (fanIn + fanOut)) and std = gain / √fan; VarianceScaling
 * writes variance = scale / n with n the fan (or the mean of both fans). So scale = gain²
 * (for kaiming, calculateGain's table squared: 2 for ReLU, 2 / (1 + a²) for leaky ReLU), and
 * the mean of the fans turns the 2 / (fanIn + fanOut) into 1 / n. The bounds agree with
 * PyTorch's to a few ulps of float64 (they round differently), far below float32's resolution.
 */

/**
 * PyTorch's `xavier_uniform_`: uniform on `[−bound, bound)` with
 * `bound = gain · √(6 / (fanIn + fanOut))`, fans from a PyTorch-shaped weight `[out, in, ...kernel]`.
 * A VarianceScaling with `scale = gain²`, mode `'fan_avg'`, distribution `'uniform'`, layout `'torch'`.
 *
 * Unlike PyTorch, a rank-0 or rank-1 shape is accepted, with TF1's fans (1, 1) and (n, n).
 *
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010. https://proceedings.mlr.press/v9/glorot10a.html
 * @example
 * ```ts
 * xavierUniform({ gain: calculateGain('tanh'), seed: 1 }).apply([128, 64]); // nn.Linear(64, 128).weight
 * ```
 * @throws InitRangeError / InitTypeError for a gain that is not a positive finite number, a bad
 *   seed or a non-float dtype.
 */
export function xavierUniform(options: XavierOptions = {}): VarianceScaling {
  const gain = positiveGain('xavierUniform', options.gain ?? 1);
  return new VarianceScaling({
    scale: gain * gain,
    mode: 'fan_avg',
    distribution: 'uniform',
    layout: 'torch',
    ...seedAndDType(options),
  });
}

/**
 * PyTorch's `xavier_normal_`: a plain (untruncated) normal with standard deviation
 * `gain · √(2 / (fanIn + fanOut))`, fans from `[out, in, ...kernel]`. A VarianceScaling with
 * `scale = gain²`, mode `'fan_avg'`, distribution `'untruncated_normal'`, layout `'torch'`.
 * (Keras's GlorotNormal truncates at ±2σ; PyTorch's does not.)
 *
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010. https://proceedings.mlr.press/v9/glorot10a.html
 * @example
 * ```ts
 * xavierNormal({ seed: 1 }).apply([64, 32, 3, 3]); // nn.Conv2d(32, 64, 3).weight: std √(2/864)
 * ```
 * @throws InitRangeError / InitTypeError for a gain that is not a positive finite number, a bad
 *   seed or a non-float dtype.
 */
export function xavierNormal(options: XavierOptions = {}): VarianceScaling {
  const gain = positiveGain('xavierNormal', options.gain ?? 1);
  return new VarianceScaling({
    scale: gain * gain,
    mode: 'fan_avg',
    distribution: 'untruncated_normal',
    layout: 'torch',
    ...seedAndDType(options),
  });
}

function kaiming(
  where: string,
  options: KaimingOptions,
  distribution: 'uniform' | 'untruncated_normal',
): VarianceScaling {
  const mode = kaimingMode(where, options.mode ?? 'fan_in');
  const nonlinearity: unknown = options.nonlinearity ?? 'leaky_relu';
  if (typeof nonlinearity !== 'string' || !(NONLINEARITIES as readonly string[]).includes(nonlinearity)) {
    throw new InitTypeError(
      argumentMessage(
        where,
        'nonlinearity',
        `be one of ${NONLINEARITIES.map((name) => `'${name}'`).join(', ')}`,
        nonlinearity,
      ),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  const a: unknown = options.a ?? 0;
  if (typeof a !== 'number' || !Number.isFinite(a)) {
    const message = argumentMessage(where, 'a', 'be a finite number (the negative slope of the rectifier)', a);
    throw typeof a === 'number'
      ? new InitRangeError(message, 'ERR_INIT_INVALID_ARGUMENT')
      : new InitTypeError(message, 'ERR_INIT_INVALID_ARGUMENT');
  }
  // As PyTorch: the slope reaches the gain whatever the nonlinearity; only leaky_relu uses it.
  const scale = squaredGain(nonlinearity as Nonlinearity, a);
  return new VarianceScaling({ scale, mode, distribution, layout: 'torch', ...seedAndDType(options) });
}

/**
 * PyTorch's `kaiming_uniform_`: uniform on `[−bound, bound)` with `bound = √3 · gain / √fan`,
 * `gain = calculateGain(nonlinearity, a)` and `fan` the fan-in or fan-out of `[out, in, ...kernel]`.
 * PyTorch's defaults (a = 0, 'fan_in', 'leaky_relu') give He uniform, `bound = √(6 / fanIn)`.
 * PyTorch's own `nn.Linear` and `nn.Conv*d` call it with `a: Math.sqrt(5)`, which makes
 * `bound = 1 / √fanIn`.
 *
 * @see He et al., "Delving Deep into Rectifiers", 2015. https://arxiv.org/abs/1502.01852
 * @example
 * ```ts
 * kaimingUniform({ a: Math.sqrt(5), seed: 1 }).apply([128, 64]); // nn.Linear(64, 128)'s default weight init
 * ```
 * @throws InitTypeError for an unknown mode or nonlinearity; InitRangeError / InitTypeError for an
 *   `a` that is not a finite number, a bad seed or a non-float dtype.
 */
export function kaimingUniform(options: KaimingOptions = {}): VarianceScaling {
  return kaiming('kaimingUniform', options, 'uniform');
}

/**
 * PyTorch's `kaiming_normal_`: a plain (untruncated) normal with standard deviation
 * `gain / √fan`, `gain = calculateGain(nonlinearity, a)`, fans from `[out, in, ...kernel]`.
 * The defaults give `std = √(2 / fanIn)`. (Keras's HeNormal truncates at ±2σ; PyTorch's does not.)
 *
 * @see He et al., "Delving Deep into Rectifiers", 2015. https://arxiv.org/abs/1502.01852
 * @example
 * ```ts
 * kaimingNormal({ mode: 'fan_out', nonlinearity: 'relu', seed: 1 }).apply([64, 3, 7, 7]); // torchvision ResNet conv init
 * ```
 * @throws InitTypeError for an unknown mode or nonlinearity; InitRangeError / InitTypeError for an
 *   `a` that is not a finite number, a bad seed or a non-float dtype.
 */
export function kaimingNormal(options: KaimingOptions = {}): VarianceScaling {
  return kaiming('kaimingNormal', options, 'untruncated_normal');
}
