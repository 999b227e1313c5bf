import {
  fillTruncatedNormalTfjs,
  fillTruncatedNormalTorch,
  InitRangeError,
  InitTypeError,
  argumentMessage,
  prepareTruncatedNormal,
  readOptions,
  numberError,
} from '@init/random';
import type { FloatDType, TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { NORMAL_OPTIONS, NormalInitializer, type NormalDraws, type NormalOptions } from './normal-initializer.js';
import type { RandomInitializerConfig } from './random-initializer.js';

/** The option names of {@link TruncatedNormal}. */
const TRUNCATED_NORMAL_OPTIONS = [...NORMAL_OPTIONS, 'lower', 'upper'] as const;

/** A truncation bound as options and configs hold it: a number, or the open side spelled as a string (JSON has no infinities). */
export type TruncationBound = number | 'Infinity' | '-Infinity';

/** Options of {@link TruncatedNormal}. */
export interface TruncatedNormalOptions extends NormalOptions {
  /**
   * The lower bound in standard deviations from the mean. Default `-2`. `-Infinity` (or the string
   * `'-Infinity'`, as configs write it) for no lower bound.
   */
  readonly lower?: TruncationBound;
  /** The upper bound in standard deviations from the mean. Default `2`. `Infinity` (or `'Infinity'`) for none. */
  readonly upper?: TruncationBound;
}

/** The config of a TruncatedNormal: the normal's, and the bounds (infinite ones as strings). */
export type TruncatedNormalConfig = RandomInitializerConfig & {
  mean: number;
  stddev: number;
  lower: TruncationBound;
  upper: TruncationBound;
};

function readBound(where: string, name: 'lower' | 'upper', value: unknown): number {
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (typeof value === 'number' && !Number.isNaN(value)) return value;
  throw numberError(
    where,
    name,
    "be a number of standard deviations (Infinity, -Infinity or their strings 'Infinity', '-Infinity' for an open side)",
    value,
  );
}

function writeBound(value: number): TruncationBound {
  return value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : value;
}

/**
 * Draws values from a normal distribution `N(mean, stddev²)` truncated to
 * `lower < (x − mean)/stddev < upper`, by default `|x − mean| < 2·stddev`: values outside are
 * redrawn, not clamped (TF's rule), and the bounds hold after rounding to the dtype too. TF1's
 * `truncated_normal_initializer` with its defaults (mean 0, stddev 1, bounds ±2); other bounds
 * (either side may be infinite) give PyTorch's `trunc_normal_` in units of `stddev` (see
 * `truncNormal` in `@init/presets` for PyTorch's absolute bounds). Any interval is sampled exactly,
 * also far in a tail (`{ lower: 8, upper: 9 }`): @init/random's README lists the sampler per
 * interval. With the default bounds the result's standard deviation is about `0.88·stddev` (see
 * VarianceScaling's `'truncated_normal'` for the corrected form). Floating-point dtypes only.
 *
 * With `engine: 'torch'` (finite bounds), the values are those of PyTorch ≥ 2.12's
 * `trunc_normal_(t, mean, std, a = mean + lower·std, b = mean + upper·std)` (its rejection
 * sampler; see @init/random's `fillTruncatedNormalTorch`), from the given `generator` or
 * `torch.manual_seed(seed)`.
 *
 * With `engine: 'tfjs'` (default bounds only) and the same numeric seed, mean and stddev, the values
 * equal `tf.initializers.truncatedNormal({ mean, stddev, seed })` of TensorFlow.js.
 *
 * @example
 * ```ts
 * new TruncatedNormal({ stddev: 0.01, seed: 7 }).apply([3, 3, 64, 64]);
 * new TruncatedNormal({ lower: 0, upper: Infinity, seed: 7 }).apply([100]); // a half-normal
 * ```
 * @throws InitRangeError for a negative or non-finite stddev, a non-finite mean, a NaN bound or
 *   lower ≥ upper; InitTypeError for a bound that is not a number, bounds other than ±2 with engine
 *   'tfjs', an int or bool dtype, or an unknown engine.
 */
export class TruncatedNormal extends NormalInitializer {
  static override readonly className: string = 'TruncatedNormal';
  protected readonly draws: NormalDraws = { counter: prepareTruncatedNormal, tfjs: fillTruncatedNormalTfjs };
  /** The lower bound in standard deviations (−∞ for none). */
  readonly lower: number;
  /** The upper bound in standard deviations (+∞ for none). */
  readonly upper: number;

  constructor(options?: TruncatedNormalOptions) {
    const where = (new.target as typeof TruncatedNormal).className;
    const read = readOptions(where, options, TRUNCATED_NORMAL_OPTIONS);
    const lower = readBound(where, 'lower', read.lower === undefined ? -2 : read.lower);
    const upper = readBound(where, 'upper', read.upper === undefined ? 2 : read.upper);
    if (!(lower < upper)) {
      throw new InitRangeError(
        argumentMessage(where, 'lower', `be less than upper (${upper})`, lower),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    super(read, [lower, upper]);
    this.lower = lower;
    this.upper = upper;
    if (this.engine === 'tfjs' && (this.lower !== -2 || this.upper !== 2)) {
      throw new InitTypeError(
        argumentMessage(
          where,
          'lower and upper',
          "be -2 and 2 with engine 'tfjs', whose truncation is fixed at two standard deviations",
          [this.lower, this.upper],
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (this.engine === 'torch' && !(Number.isFinite(this.lower) && Number.isFinite(this.upper) && this.stddev > 0)) {
      throw new InitRangeError(
        argumentMessage(
          where,
          'lower and upper',
          "be finite, with stddev > 0, with engine 'torch' (PyTorch's trunc_normal_ draws uniform_(a, b))",
          [this.lower, this.upper],
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
  }

  override getConfig(): TruncatedNormalConfig {
    return {
      mean: this.mean,
      stddev: this.stddev,
      lower: writeBound(this.lower),
      upper: writeBound(this.upper),
      ...this.randomConfig(),
    };
  }

  protected override generate(out: TypedArray, request: FillRequest): void {
    if (this.engine === 'tfjs') {
      super.generate(out, request);
      return;
    }
    const { mean, stddev, lower, upper } = this;
    if (this.engine === 'torch') {
      // PyTorch's absolute bounds a = mean + lower·std, b = mean + upper·std.
      const bounds = { a: mean + lower * stddev, b: mean + upper * stddev };
      fillTruncatedNormalTorch(out as Float32Array, this.torchGenerator(request), { mean, stddev, ...bounds });
      return;
    }
    const dtype = request.dtype as FloatDType;
    this.drawCounter(out, request, (key) => prepareTruncatedNormal(key, { mean, stddev, lower, upper, dtype }));
  }
}
