import {
  fillTruncatedNormalTfjs,
  fillTruncatedNormalTorch,
  InitRangeError,
  InitTypeError,
  argumentMessage,
  prepareTruncatedNormal,
  describeValue,
  isInitError,
  readOptions,
  numberError,
} from '@init/random';
import type { CallerNames, CallerOption } from './caller.js';
import type { FloatDType, TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { NORMAL_OPTIONS, NormalInitializer, type NormalDraws, type NormalOptions } from './normal-initializer.js';
import { ENGINES, type RandomInitializerConfig } from './random-initializer.js';

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

  /**
   * @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`):
   *   `truncNormal` of `@init/presets` names its absolute bounds `a` and `b`, and its `std`.
   */
  constructor(options?: TruncatedNormalOptions, caller?: CallerNames) {
    const className = (new.target as typeof TruncatedNormal).className;
    const read = readOptions(className, options, TRUNCATED_NORMAL_OPTIONS);
    const lower = readBound(className, 'lower', read.lower === undefined ? -2 : read.lower);
    const upper = readBound(className, 'upper', read.upper === undefined ? 2 : read.upper);
    if (!(lower < upper)) {
      throw new InitRangeError(
        argumentMessage(className, 'lower', `be less than upper (${upper})`, lower),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    super(read, [lower, upper], ENGINES, caller);
    this.lower = lower;
    this.upper = upper;
    if (this.engine === 'tfjs' && (this.lower !== -2 || this.upper !== 2)) {
      const { names, values } = this.boundNames();
      throw new InitTypeError(
        argumentMessage(
          this.where,
          names,
          // Bounds the caller gave otherwise (truncNormal's absolute a and b) are said in their terms.
          `${names === 'lower and upper' ? 'be -2 and 2' : 'lie 2 standard deviations either side of the mean'} with engine 'tfjs', whose truncation is fixed at two standard deviations`,
          values,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (this.engine === 'torch' && !(Number.isFinite(this.lower) && Number.isFinite(this.upper) && this.stddev > 0)) {
      const { names, values } = this.boundNames();
      throw new InitRangeError(
        argumentMessage(
          this.where,
          names,
          `be finite, with ${this.argument('stddev', this.stddev).name} > 0, with engine 'torch' (PyTorch's trunc_normal_ draws uniform_(a, b))`,
          values,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
  }

  /** Both bounds as the caller wrote them: `lower and upper` with their values, or the caller's names. */
  private boundNames(): { names: string; values: unknown[]; low: CallerOption; high: CallerOption } {
    const low = this.argument('lower', this.lower);
    const high = this.argument('upper', this.upper);
    return { names: `${low.name} and ${high.name}`, values: [low.value, high.value], low, high };
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
    try {
      this.drawCounter(out, request, (key) => prepareTruncatedNormal(key, { mean, stddev, lower, upper, dtype }));
    } catch (error) {
      // The checks of checkDType passed, so the sampler's only refusal left is its give-up: an
      // element redrawn 2^20 times, bounds whose values in the dtype carry almost none of the law's
      // mass. Said here in the caller's words rather than fillTruncatedNormal's.
      if (!isInitError(error) || !error.message.startsWith('fillTruncatedNormal: ')) throw error;
      const { names, low, high } = this.boundNames();
      const meanName = this.argument('mean', mean).name;
      const stddevName = this.argument('stddev', stddev).name;
      throw new InitRangeError(
        `${this.where}: ${names} must leave measurable probability on ${dtype} values strictly between the bounds ` +
          `they give (${meanName} ${mean}, ${stddevName} ${stddev}); an element was redrawn 2^20 times. ` +
          `Received: ${low.name}=${describeValue(low.value)}, ${high.name}=${describeValue(high.value)}.`,
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
  }
}
