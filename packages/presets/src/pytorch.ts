// PyTorch's nn.init functions for people porting PyTorch models, camelCased: xavier_* and kaiming_*
// with the same formulas and options, fans read from PyTorch's [out, in, ...kernel] layout (a core
// VarianceScaling with layout 'torch'), and trunc_normal_, orthogonal_, eye_, dirac_ and sparse_.
// Each returns a core initializer, so it serializes and deserializes like any other.
import {
  Dirac,
  Identity,
  InitTypeError,
  Orthogonal,
  Sparse,
  TruncatedNormal,
  VarianceScaling,
  InitRangeError,
  type DType,
  type Engine,
  type FloatDType,
  type InitializerSeed,
  type TorchGenerator,
  type OptionValues,
  argumentMessage,
  finiteNumber,
  nonNegativeNumber,
  oneOf,
  positiveNumber,
  readOptions,
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
  /**
   * The random stream: `'counter'` (default), or `'torch'` for PyTorch's own values bit for bit
   * (with `generator`, or a numeric `seed` standing for `torch.manual_seed(seed)`).
   */
  readonly engine?: Engine;
  /** With engine `'torch'`: the PyTorch generator to draw from, advanced by every call. */
  readonly generator?: TorchGenerator;
}

/**
 * Which fan kaiming initialization divides by: `'fan_in'` keeps the forward pass's variance, `'fan_out'`
 * the backward pass's. Any case is read, as PyTorch lower-cases it (`'FAN_IN'`).
 */
export type KaimingMode = 'fan_in' | 'fan_out' | 'FAN_IN' | 'FAN_OUT';

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
  /**
   * The random stream: `'counter'` (default), or `'torch'` for PyTorch's own values bit for bit
   * (with `generator`, or a numeric `seed` standing for `torch.manual_seed(seed)`).
   */
  readonly engine?: Engine;
  /** With engine `'torch'`: the PyTorch generator to draw from, advanced by every call. */
  readonly generator?: TorchGenerator;
}

const KAIMING_MODES: readonly string[] = ['fan_in', 'fan_out'];

function kaimingMode(where: string, mode: unknown): 'fan_in' | 'fan_out' {
  // PyTorch's _calculate_correct_fan does mode.lower() before checking it.
  const lower = typeof mode === 'string' ? mode.toLowerCase() : mode;
  if (lower === 'fan_in' || lower === 'fan_out') return lower;
  return oneOf(where, 'mode', mode, KAIMING_MODES as readonly ('fan_in' | 'fan_out')[], 'fan_in');
}

/*
 * Each function builds a core class and hands it `CallerNames`: its own name and, for each option of
 * the class it derived from one of the caller's, that option and the caller's value. Every error
 * the class finds, at construction or at apply (a gain whose bounds overflow float16, found only
 * once the shape and dtype are known), then names the function and the option the caller wrote
 * (`xavierUniform: gain …`), never the class's (`VarianceScaling: scale …`).
 */

/** The options passed through to the core class as given (absent ones stay absent). */
function seedAndDType(options: OptionValues<'seed' | 'dtype' | 'engine' | 'generator'>): {
  seed?: InitializerSeed;
  dtype?: FloatDType;
  engine?: Engine;
  generator?: TorchGenerator;
} {
  return {
    ...(options.seed === undefined ? {} : { seed: options.seed as InitializerSeed }),
    ...(options.dtype === undefined ? {} : { dtype: options.dtype as FloatDType }),
    ...(options.engine === undefined ? {} : { engine: options.engine as Engine }),
    ...(options.generator === undefined ? {} : { generator: options.generator as TorchGenerator }),
  };
}

/**
 * The VarianceScaling scale for a gain: gain², which must be a positive finite number (|gain| of
 * about 1e154 or more overflows the square, 1e-154 or less underflows it to 0).
 */
function scaleOfGain(where: string, argument: string, gain: unknown, scale: number): number {
  if (Number.isFinite(scale) && scale > 0) return scale;
  throw new InitRangeError(
    argumentMessage(
      where,
      argument,
      'give a gain whose square is a positive finite number (|gain| within about 1e-154 to 1e154)',
      gain,
    ),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

function xavier(where: string, options: unknown, distribution: 'uniform' | 'untruncated_normal'): VarianceScaling {
  const read = readOptions(where, options, ['gain', 'seed', 'dtype', 'engine', 'generator']);
  const gain = positiveNumber(where, 'gain', read.gain, 1);
  const scale = scaleOfGain(where, 'gain', gain, gain * gain);
  return new VarianceScaling(
    { scale, mode: 'fan_avg', distribution, layout: 'torch', ...seedAndDType(read) },
    { name: where, options: { scale: { name: 'gain', value: gain } } },
  );
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
export function xavierUniform(options?: XavierOptions): VarianceScaling {
  return xavier('xavierUniform', options, 'uniform');
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
export function xavierNormal(options?: XavierOptions): VarianceScaling {
  return xavier('xavierNormal', options, 'untruncated_normal');
}

function kaiming(where: string, options: unknown, distribution: 'uniform' | 'untruncated_normal'): VarianceScaling {
  const read = readOptions(where, options, ['a', 'mode', 'nonlinearity', 'seed', 'dtype', 'engine', 'generator']);
  const mode = kaimingMode(where, read.mode);
  const nonlinearity = oneOf(where, 'nonlinearity', read.nonlinearity, NONLINEARITIES, 'leaky_relu');
  const a = finiteNumber(where, 'a', read.a, 0);
  // As PyTorch: the slope reaches the gain whatever the nonlinearity; only leaky_relu uses it.
  const scale = scaleOfGain(where, 'a', a, squaredGain(nonlinearity, a));
  // The scale is the gain squared: a's doing for leaky_relu, the nonlinearity's for the others.
  const behindScale =
    nonlinearity === 'leaky_relu' ? { name: 'a', value: a } : { name: 'nonlinearity', value: nonlinearity };
  return new VarianceScaling(
    { scale, mode, distribution, layout: 'torch', ...seedAndDType(read) },
    { name: where, options: { scale: behindScale } },
  );
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
export function kaimingUniform(options?: KaimingOptions): VarianceScaling {
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
export function kaimingNormal(options?: KaimingOptions): VarianceScaling {
  return kaiming('kaimingNormal', options, 'untruncated_normal');
}

/** Options of {@link truncNormal}, PyTorch's `trunc_normal_` arguments. */
export interface TruncNormalOptions {
  /** The mean of the normal. Default `0`. */
  readonly mean?: number;
  /** The standard deviation of the (untruncated) normal. Default `1`. */
  readonly std?: number;
  /** The lower bound, in the values' own units (absolute, as PyTorch's `a`). Default `-2`; `-Infinity` for none. */
  readonly a?: number;
  /** The upper bound, absolute (PyTorch's `b`). Default `2`; `Infinity` for none. */
  readonly b?: number;
  /** Makes the initializer pure. Default: a fresh key per call. */
  readonly seed?: InitializerSeed;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
  /**
   * `'torch'` for the values of PyTorch ≥ 2.12's `trunc_normal_` (finite a and b), with
   * `generator` or a numeric `seed`. Default `'counter'`.
   */
  readonly engine?: Engine;
  /** With engine `'torch'`: the PyTorch generator to draw from, advanced by every call. */
  readonly generator?: TorchGenerator;
}

/**
 * PyTorch's `trunc_normal_`: `N(mean, std²)` truncated to `[a, b]`, with **absolute** bounds as PyTorch
 * takes them (so `truncNormal({ std: 0.02 })` of timm and ViT keeps the std 0.02: its bounds ±2 are
 * 100σ away). A core `TruncatedNormal` with the bounds in units of std:
 * `lower = (a − mean) / std`, `upper = (b − mean) / std`. Values are redrawn, never clamped, and
 * exact for every interval — PyTorch's inverse CDF loses accuracy when both bounds lie far in one
 * tail; here `truncNormal({ a: 8, b: 9 })` is as exact as `truncNormal()`.
 *
 * The stored values lie within [a, b] (strictly inside `mean + lower·std`, `mean + upper·std`, which
 * equal a and b up to a rounding of the quotient). With std 0 every value is mean, which must then lie
 * strictly between a and b.
 *
 * @example
 * ```ts
 * truncNormal({ std: 0.02, seed: 1 }).apply([768, 768]); // timm's ViT init: std 0.0200, |x| ≤ 2
 * truncNormal({ mean: 0, std: 1, a: 0, b: Infinity }); // a half-normal
 * ```
 * @throws InitRangeError for a non-finite mean, a negative or non-finite std, a NaN bound, a ≥ b, or
 *   std 0 with mean outside (a, b); InitTypeError for non-numeric options, a bad seed or dtype.
 */
export function truncNormal(options?: TruncNormalOptions): TruncatedNormal {
  const where = 'truncNormal';
  const read = readOptions(where, options, ['mean', 'std', 'a', 'b', 'seed', 'dtype', 'engine', 'generator']);
  const mean = finiteNumber(where, 'mean', read.mean, 0);
  const std = nonNegativeNumber(where, 'std', read.std, 1);
  const a = read.a === undefined ? -2 : read.a;
  if (typeof a !== 'number' || Number.isNaN(a)) {
    throw new (typeof a === 'number' ? InitRangeError : InitTypeError)(
      argumentMessage(where, 'a', 'be a number (-Infinity for no lower bound)', a),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const b = read.b === undefined ? 2 : read.b;
  if (typeof b !== 'number' || !(b > a)) {
    throw new (typeof b === 'number' ? InitRangeError : InitTypeError)(
      argumentMessage(where, 'b', `be a number greater than a (${a})`, b),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  let lower: number;
  let upper: number;
  if (std === 0) {
    if (!(a < mean && mean < b)) {
      throw new InitRangeError(
        argumentMessage(where, 'mean', `lie strictly between a (${a}) and b (${b}) when std is 0`, mean),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    [lower, upper] = [-Infinity, Infinity];
  } else {
    // Both may be infinite (an open side), never NaN: a < b and std > 0.
    [lower, upper] = [(a - mean) / std, (b - mean) / std];
  }
  if (!(lower < upper)) {
    // a < b, so the two quotients met by rounding. With the mean outside [a, b], a − mean and b − mean
    // are so large next to b − a that they round to one number (mean 1e300, a −2, b 2): the mean is
    // at fault. With the mean inside, only (b − a)/std underflowing can do it: std is.
    throw new InitRangeError(
      a <= mean && mean <= b
        ? argumentMessage(
            where,
            'std',
            `be small enough that a and b stay apart in units of std: (b - a)/std underflows (a ${a}, b ${b}, mean ${mean})`,
            std,
          )
        : argumentMessage(
            where,
            'mean',
            `lie near enough to [a, b] that a and b stay apart in units of std: (a - mean)/std and (b - mean)/std both round to ${lower} (a ${a}, b ${b}, std ${std})`,
            mean,
          ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // The core class sees the bounds in units of std; its errors name the caller's a, b and std.
  return new TruncatedNormal(
    { mean, stddev: std, lower, upper, ...seedAndDType(read) },
    {
      name: where,
      options: { stddev: { name: 'std', value: std }, lower: { name: 'a', value: a }, upper: { name: 'b', value: b } },
    },
  );
}

/** Options of {@link orthogonal}, PyTorch's `orthogonal_` arguments. */
export interface TorchOrthogonalOptions {
  /** Multiplies the matrix. Default `1`. */
  readonly gain?: number;
  /** Makes the initializer pure. Default: a fresh key per call. */
  readonly seed?: InitializerSeed;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * PyTorch's `orthogonal_`: the weight flattened to `[shape[0], product of the rest]`, a
 * Haar-distributed matrix with orthonormal rows (rows ≤ columns) or columns, times `gain`. A core
 * `Orthogonal` with `layout: 'torch'`.
 *
 * @see Saxe, McClelland & Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", 2013. https://arxiv.org/abs/1312.6120
 * @example
 * ```ts
 * orthogonal({ gain: 2, seed: 1 }).apply([64, 3, 7, 7]); // 64 orthonormal rows of 147, times 2
 * ```
 * @throws InitRangeError for a gain that is not finite, a shape of rank < 2; InitTypeError for a
 *   bad seed or dtype.
 */
export function orthogonal(options?: TorchOrthogonalOptions): Orthogonal {
  const read = readOptions('orthogonal', options, ['gain', 'seed', 'dtype']);
  const gain = finiteNumber('orthogonal', 'gain', read.gain, 1);
  return new Orthogonal({ gain, layout: 'torch', ...seedAndDType(read) }, { name: 'orthogonal' });
}

/** Options of {@link eye} and {@link dirac}: the dtype (their values are not random). */
export interface TorchFixedOptions {
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * PyTorch's `eye_`: ones on the main diagonal of a 2-D weight of any shape, zeros elsewhere (the
 * identity of a `Linear` layer). A core `Identity` with gain 1.
 *
 * @example
 * ```ts
 * eye().apply([2, 3]).data; // Float32Array [1, 0, 0, 0, 1, 0]
 * ```
 * @throws InitRangeError for a shape that is not 2-D; InitTypeError for a non-float dtype.
 */
export function eye(options?: TorchFixedOptions): Identity {
  const read = readOptions('eye', options, ['dtype']);
  return new Identity({ gain: 1, ...seedAndDType(read) }, { name: 'eye' });
}

/** Options of {@link dirac}. */
export interface TorchDiracOptions {
  /** The groups of a grouped convolution. Default `1`. */
  readonly groups?: number;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: DType;
}

/**
 * PyTorch's `dirac_`: the identity of a convolution `[out, in, ...kernel]` (3-, 4- or 5-D), 1 at the
 * kernel centre for output channel `g·(out / groups) + d` and input channel `d`. A core `Dirac` with
 * `layout: 'torch'`.
 *
 * @see Zagoruyko & Komodakis, "DiracNets", 2017. https://arxiv.org/abs/1706.00388
 * @example
 * ```ts
 * dirac().apply([16, 16, 3, 3]); // a 3×3 Conv2d(16 → 16) that passes its input through
 * ```
 * @throws InitRangeError for a shape that is not 3- to 5-D or whose out channels do not divide into
 *   groups, or a groups that is not a positive integer.
 */
export function dirac(options?: TorchDiracOptions): Dirac {
  const read = readOptions('dirac', options, ['groups', 'dtype']);
  return new Dirac(
    {
      ...(read.groups === undefined ? {} : { groups: read.groups as number }),
      ...(read.dtype === undefined ? {} : { dtype: read.dtype as DType }),
      layout: 'torch',
    },
    { name: 'dirac' },
  );
}

/** Options of {@link sparse}, PyTorch's `sparse_` arguments. */
export interface TorchSparseOptions {
  /** The fraction of each column set to zero, in [0, 1]. Required. */
  readonly sparsity: number;
  /** The standard deviation of the nonzero values. Default `0.01`. */
  readonly std?: number;
  /** Makes the initializer pure. Default: a fresh key per call. */
  readonly seed?: InitializerSeed;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * PyTorch's `sparse_`: a 2-D weight of `N(0, std²)` values with `⌈sparsity · rows⌉` zeros at distinct
 * random rows of each column. A core `Sparse`.
 *
 * @see Martens, "Deep learning via Hessian-free optimization", ICML 2010.
 * @example
 * ```ts
 * sparse({ sparsity: 0.1, seed: 1 }).apply([100, 50]); // 10 zeros in each column
 * ```
 * @throws InitRangeError / InitTypeError for a missing sparsity or one outside [0, 1], a negative
 *   std, a shape that is not 2-D, a bad seed or dtype.
 */
export function sparse(options: TorchSparseOptions): Sparse {
  const read = readOptions('sparse', options, ['sparsity', 'std', 'seed', 'dtype']);
  if (options === undefined) {
    throw new InitTypeError(
      argumentMessage('sparse', 'options', 'be an object such as { sparsity: 0.1 }', options),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // PyTorch's name: a bad std is reported as std, not as the stddev of the Sparse inside.
  const std = nonNegativeNumber('sparse', 'std', read.std, 0.01);
  return new Sparse(
    { sparsity: read.sparsity as number, stddev: std, ...seedAndDType(read) },
    { name: 'sparse', options: { stddev: { name: 'std', value: std } } },
  );
}
