// TF1's aliases (tensorflow/python/ops/init_ops.py), with TF1's own semantics: each
// snake_case class name is the @init/core class, so `new constant_initializer({ value })` works as
// `tf.constant_initializer(value)` did, with TF1's defaults (uniform [0, 1), normal σ = 1,
// VarianceScaling's uncorrected 'normal'). snake_case appears only here, at the package edge.
import {
  Constant,
  ConvolutionOrthogonal,
  Identity,
  type ConvolutionOrthogonalOptions,
  DeltaOrthogonal,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
  type FloatDType,
  type Initializer,
  type InitializerSeed,
  type OrthogonalOptions,
  readOptions,
} from '@init/core';
import { enableSvd } from '@init/core/svd';

/** TF1's `zeros_initializer`: the class {@link Zeros}. */
export const zeros_initializer = Zeros;
/** TF1's `ones_initializer`: the class {@link Ones}. */
export const ones_initializer = Ones;
/** TF1's `constant_initializer`: the class {@link Constant} (value 0 by default). */
export const constant_initializer = Constant;
/** TF1's `random_uniform_initializer`: the class {@link RandomUniform}, on [0, 1) by default. */
export const random_uniform_initializer = RandomUniform;
/** TF1's `random_normal_initializer`: the class {@link RandomNormal}, mean 0 and stddev 1 by default. */
export const random_normal_initializer = RandomNormal;
/** TF1's `truncated_normal_initializer`: the class {@link TruncatedNormal}, stddev 1 by default, truncated at ±2σ. */
export const truncated_normal_initializer = TruncatedNormal;
/** TF1's `identity_initializer` (`tf.compat.v1.initializers.identity`): the class {@link Identity}, gain 1 by default. */
export const identity_initializer = Identity;
/** TF1's `uniform_unit_scaling_initializer`: the class {@link UniformUnitScaling}. */
export const uniform_unit_scaling_initializer = UniformUnitScaling;
/**
 * TF1's `variance_scaling_initializer`: the class {@link VarianceScaling}, whose default
 * distribution `'normal'` is TF1's: a ±2σ truncated normal with σ = √(scale / n), not
 * corrected for the truncation.
 */
export const variance_scaling_initializer = VarianceScaling;

/**
 * TF1's `orthogonal_initializer` as TF1 wrote it: an {@link Orthogonal} whose default method
 * is `'svd'`, TF1's algorithm (the singular vectors of a uniform [0, 1) matrix), where
 * `Orthogonal` itself defaults to the Haar-distributed `'qr'` of later TF, Keras and PyTorch. Pass
 * `method: 'qr'` to get that. It serializes as `Orthogonal` with `method: 'svd'` in its config, so
 * it deserializes to the same values.
 *
 * Constructing it with method `'svd'` calls `enableSvd()` from `@init/core/svd` (what
 * `Orthogonal`'s method `'svd'` needs, and so what this class is for): no opt-in of your own, and
 * ml-matrix is in the bundles that use this class. A plain `Orthogonal({ method: 'svd' })`, e.g. one
 * read back by `deserialize` in a process that never constructed this class, needs the call itself.
 *
 * @see Saxe, McClelland & Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", 2013. https://arxiv.org/abs/1312.6120
 * @example
 * ```ts
 * new orthogonal_initializer({ seed: 1 }).apply([2, 2], 'float64').data;
 * // Float64Array [0.7029429262907743, 0.7112462600096839, -0.7112462600096839, 0.7029429262907743]
 * ```
 * @throws as {@link Orthogonal}: InitRangeError for a rank below 2 or a gain that is not a positive
 *   finite number; InitTypeError for an unknown method or an int or bool dtype.
 */
export class orthogonal_initializer extends Orthogonal {
  constructor(options?: OrthogonalOptions) {
    const read = readOptions('orthogonal_initializer', options, ['gain', 'method', 'seed', 'dtype', 'engine']);
    super({ ...read, method: read.method === undefined ? 'svd' : read.method } as OrthogonalOptions);
    // TF1's algorithm is what this class exists for, so it opts in itself (see the class comment).
    if (this.method === 'svd') enableSvd();
  }
}

/** TF1's Glorot initializers: VarianceScaling with scale 1 and mode `'fan_avg'`, positional seed and dtype. */
function glorot(
  distribution: 'uniform' | 'normal',
  seed: InitializerSeed | undefined,
  dtype: FloatDType,
): VarianceScaling {
  return new VarianceScaling({
    scale: 1,
    mode: 'fan_avg',
    distribution,
    dtype,
    ...(seed === undefined ? {} : { seed }),
  });
}

/**
 * TF1's `glorot_uniform_initializer(seed, dtype)`: VarianceScaling with scale 1, mode
 * `'fan_avg'` and a uniform distribution, i.e. uniform on `[−√(6 / (fanIn + fanOut)), +…)`.
 *
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010. https://proceedings.mlr.press/v9/glorot10a.html
 * @example
 * ```ts
 * glorot_uniform_initializer(42).apply([2, 3]).data; // the values of new GlorotUniform({ seed: 42 })
 * ```
 * @throws InitTypeError / InitRangeError from {@link VarianceScaling} for a bad seed or a non-float dtype.
 */
export function glorot_uniform_initializer(seed?: InitializerSeed, dtype: FloatDType = 'float32'): VarianceScaling {
  return glorot('uniform', seed, dtype);
}

/**
 * TF1's `glorot_normal_initializer(seed, dtype)` as TF1 wrote it: VarianceScaling with scale
 * 1, mode `'fan_avg'` and TF1's `'normal'`: a ±2σ truncated normal with
 * σ = `√(2 / (fanIn + fanOut))`, *not* corrected for the truncation, so the values' standard
 * deviation is about 0.88·σ. Keras 3's {@link GlorotNormal} corrects it.
 *
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks", 2010. https://proceedings.mlr.press/v9/glorot10a.html
 * @example
 * ```ts
 * glorot_normal_initializer(42).apply([2, 3]).data; // 0.87962566… times new GlorotNormal({ seed: 42 })'s values
 * ```
 * @throws InitTypeError / InitRangeError from {@link VarianceScaling} for a bad seed or a non-float dtype.
 */
export function glorot_normal_initializer(seed?: InitializerSeed, dtype: FloatDType = 'float32'): VarianceScaling {
  return glorot('normal', seed, dtype);
}

/**
 * TF1's `convolutional_delta_orthogonal` (`ConvolutionDeltaOrthogonal`): the class
 * {@link DeltaOrthogonal}, zeros except an orthogonal `in × out` centre tap.
 */
export const convolutional_delta_orthogonal = DeltaOrthogonal;

/** The options of TF1's per-rank orthogonal convolutions: those of ConvolutionOrthogonal but the rank. */
export type ConvolutionOrthogonalRankOptions = Omit<ConvolutionOrthogonalOptions, 'spatialRank'>;

/**
 * TF1's `convolutional_orthogonal_1d` (`ConvolutionOrthogonal1D`): a {@link ConvolutionOrthogonal}
 * for `[k, in, out]` kernels only (`spatialRank: 1`), as TF1's class refuses other ranks.
 * @example
 * ```ts
 * new convolutional_orthogonal_1d({ seed: 1 }).apply([3, 16, 32]);
 * ```
 * @throws as {@link ConvolutionOrthogonal}, and InitRangeError for a shape of rank other than 3.
 */
export class convolutional_orthogonal_1d extends ConvolutionOrthogonal {
  constructor(options: ConvolutionOrthogonalRankOptions = {}) {
    super({ ...options, spatialRank: 1 });
  }
}

/**
 * TF1's `convolutional_orthogonal_2d` (`ConvolutionOrthogonal2D`): a {@link ConvolutionOrthogonal}
 * for `[k, k, in, out]` kernels only (`spatialRank: 2`).
 * @example
 * ```ts
 * new convolutional_orthogonal_2d({ seed: 1 }).apply([3, 3, 16, 32]);
 * ```
 * @throws as {@link ConvolutionOrthogonal}, and InitRangeError for a shape of rank other than 4.
 */
export class convolutional_orthogonal_2d extends ConvolutionOrthogonal {
  constructor(options: ConvolutionOrthogonalRankOptions = {}) {
    super({ ...options, spatialRank: 2 });
  }
}

/**
 * TF1's `convolutional_orthogonal_3d` (`ConvolutionOrthogonal3D`): a {@link ConvolutionOrthogonal}
 * for `[k, k, k, in, out]` kernels only (`spatialRank: 3`).
 * @example
 * ```ts
 * new convolutional_orthogonal_3d({ seed: 1 }).apply([3, 3, 3, 8, 8]);
 * ```
 * @throws as {@link ConvolutionOrthogonal}, and InitRangeError for a shape of rank other than 5.
 */
export class convolutional_orthogonal_3d extends ConvolutionOrthogonal {
  constructor(options: ConvolutionOrthogonalRankOptions = {}) {
    super({ ...options, spatialRank: 3 });
  }
}

/**
 * The initializer a TF1 name gives when called as TF1 code calls it with no arguments
 * (`tf.glorot_normal_initializer()`), or undefined for a name TF1 lacks: `get`'s `'tf1'` dialect.
 * Built on call (no table at module scope); names.test.ts holds it to the name table's TF1 names.
 */
export function tf1Initializer(name: string): Initializer | undefined {
  const makers: Readonly<Record<string, () => Initializer>> = {
    zeros_initializer: () => new zeros_initializer(),
    ones_initializer: () => new ones_initializer(),
    constant_initializer: () => new constant_initializer(),
    random_uniform_initializer: () => new random_uniform_initializer(),
    random_normal_initializer: () => new random_normal_initializer(),
    truncated_normal_initializer: () => new truncated_normal_initializer(),
    identity_initializer: () => new identity_initializer(),
    uniform_unit_scaling_initializer: () => new uniform_unit_scaling_initializer(),
    variance_scaling_initializer: () => new variance_scaling_initializer(),
    // A plain Orthogonal with TF1's method, which does not enable the SVD itself (the class does):
    // `get` stays free of ml-matrix for everyone, and 'svd' needs enableSvd() as after deserialize.
    orthogonal_initializer: () => new Orthogonal({ method: 'svd' }),
    glorot_uniform_initializer: () => glorot_uniform_initializer(),
    glorot_normal_initializer: () => glorot_normal_initializer(),
    convolutional_delta_orthogonal: () => new convolutional_delta_orthogonal(),
    convolutional_orthogonal_1d: () => new convolutional_orthogonal_1d(),
    convolutional_orthogonal_2d: () => new convolutional_orthogonal_2d(),
    convolutional_orthogonal_3d: () => new convolutional_orthogonal_3d(),
  };
  return Object.hasOwn(makers, name) ? makers[name]!() : undefined;
}
