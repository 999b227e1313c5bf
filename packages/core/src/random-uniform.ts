import {
  fillUniformTfjs,
  prepareUniform,
  prepareUniformInt,
  fillUniformTorch,
  InitRangeError,
  InitTypeError,
  argumentMessage,
  requireUniformFits,
  requireUniformTfjsFits,
  finiteNumber,
  readOptions,
  requireUniformTorchFits,
} from '@init/random';
import { assertDType, assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import {
  RandomInitializer,
  type RandomInitializerConfig,
  type RandomInitializerOptions,
} from './random-initializer.js';

/** Options of {@link RandomUniform}. */
export interface RandomUniformOptions extends Omit<RandomInitializerOptions, 'dtype'> {
  /** The lower bound, included. Default `0`. */
  readonly minval?: number;
  /** The upper bound, excluded. Default `1` for float dtypes; required for int32. */
  readonly maxval?: number;
  /** The default dtype: a float dtype, or int32 for integers in [minval, maxval). Default `'float32'`. */
  readonly dtype?: FloatDType | 'int32';
}

const RANDOM_UNIFORM_OPTIONS = ['minval', 'maxval', 'seed', 'dtype', 'engine', 'generator'] as const;
const BOUND_NAMES = ['minval', 'maxval'] as const;

/** The interval rule with the caller's names: minval < maxval, and maxval − minval finite. */
function requireInterval(where: string, minval: number, maxval: number): void {
  if (!(minval < maxval)) {
    throw new InitRangeError(
      `${where}: minval must be less than maxval. Received: minval=${minval}, maxval=${maxval}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (!Number.isFinite(maxval - minval)) {
    // low + (high − low)·u would be infinite or NaN.
    throw new InitRangeError(
      `${where}: maxval - minval must be a finite number. Received: minval=${minval}, maxval=${maxval}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/**
 * Draws values uniformly from `[minval, maxval)`; with dtype int32, integers in that range, every
 * one equally likely. TF1's `random_uniform_initializer`, with its defaults (minval 0, maxval 1).
 *
 * Never returns `maxval`, not even after rounding to float32 or a 16-bit format.
 *
 * With `engine: 'tfjs'` and the same numeric seed, minval and maxval, the values equal
 * `tf.initializers.randomUniform({ minval, maxval, seed })` of TensorFlow.js. Give both bounds
 * explicitly when matching it: TensorFlow.js defaults to [-0.05, 0.05) and, through its `||`
 * defaults, even turns an explicit `minval: 0` into -0.05.
 *
 * With `engine: 'torch'`, the values are PyTorch's `tensor.uniform_(minval, maxval)` on the CPU
 * (float32 or float64), from the given `generator` (continuing its stream) or from
 * `torch.manual_seed(seed)`.
 *
 * @example
 * ```ts
 * const init = new RandomUniform({ minval: -1, maxval: 1, seed: 42 });
 * init.apply([2, 2]).data; // the same four values on every call
 * new RandomUniform({ minval: 0, maxval: 6, dtype: 'int32', seed: 1 }).apply([3]).data; // Int32Array of dice rolls - 1
 * ```
 * @throws InitRangeError when minval ≥ maxval or a bound is not finite; InitTypeError for an
 *   unknown dtype or engine, or int32 without maxval.
 */
export class RandomUniform extends RandomInitializer<FloatDType | 'int32'> {
  static override readonly className: string = 'RandomUniform';
  readonly dtype: FloatDType | 'int32';
  readonly minval: number;
  readonly maxval: number;
  /** Whether maxval was given: integer dtypes need an explicit upper bound, as in TF. */
  private readonly maxvalGiven: boolean;

  constructor(options?: RandomUniformOptions) {
    const where = (new.target as typeof RandomUniform).className;
    const read = readOptions(where, options, RANDOM_UNIFORM_OPTIONS);
    super(read);
    const dtype = assertDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.dtype = dtype === 'int32' ? dtype : assertFloatDType(where, dtype);
    this.minval = finiteNumber(where, 'minval', read.minval, 0);
    this.maxvalGiven = read.maxval !== undefined;
    this.maxval = finiteNumber(where, 'maxval', read.maxval, 1);
    requireInterval(where, this.minval, this.maxval);
    // Fail where the mistake was written: a dtype given here must hold the bounds (without one, the
    // dtype of each call is checked, which may be wider than float32).
    if (read.dtype !== undefined) this.checkDType(this.dtype);
  }

  /** `maxval` is null when it was left to its float default, so int32 still demands one after a round trip. */
  getConfig(): RandomInitializerConfig<FloatDType | 'int32'> & { minval: number; maxval: number | null } {
    return { minval: this.minval, maxval: this.maxvalGiven ? this.maxval : null, ...this.randomConfig() };
  }

  /**
   * Float dtypes whose range holds both bounds (with at least one value of the dtype in between),
   * and int32 when both bounds are integers in [−2^31, 2^31] and maxval was given — on every engine.
   */
  protected override checkDType(dtype: DType): DType {
    const where = this.where;
    if (dtype !== 'int32' || this.engine === 'torch') {
      const format = super.checkDType(dtype) as FloatDType;
      if (this.engine === 'tfjs') requireUniformTfjsFits(where, this.minval, this.maxval, format, BOUND_NAMES);
      else requireUniformFits(where, this.minval, this.maxval, format, BOUND_NAMES);
      // PyTorch computes the width in float32 for float32 tensors: it must not overflow either.
      if (this.engine === 'torch') {
        requireUniformTorchFits(where, this.minval, this.maxval, format as 'float32' | 'float64', BOUND_NAMES);
      }
      return format;
    }
    if (!this.maxvalGiven) {
      throw new InitTypeError(
        `${where}: maxval must be given for dtype 'int32' (its default of 1 is for floats). Received: undefined.`,
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    for (const [argument, bound] of [
      ['minval', this.minval],
      ['maxval', this.maxval],
    ] as const) {
      if (!Number.isInteger(bound) || bound < -(2 ** 31) || bound > 2 ** 31) {
        throw new InitRangeError(
          argumentMessage(where, argument, "be an integer in [-2^31, 2^31] for dtype 'int32'", bound),
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
    }
    return dtype;
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const low = this.minval;
    const high = this.maxval;
    if (this.engine === 'torch') {
      fillUniformTorch(out as Float32Array, this.torchGenerator(request), { low, high });
    } else if (this.engine === 'tfjs') {
      fillUniformTfjs(out as Float32Array, this.tfjsSeed(request), {
        low,
        high,
        dtype: request.dtype as FloatDType | 'int32',
      });
    } else if (request.dtype === 'int32') {
      this.drawCounter(out, request, (key) => prepareUniformInt(key, { low, high, dtype: 'int32' }));
    } else {
      const dtype = request.dtype as FloatDType;
      this.drawCounter(out, request, (key) => prepareUniform(key, { low, high, dtype }));
    }
  }
}
