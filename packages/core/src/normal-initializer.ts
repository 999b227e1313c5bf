import {
  type fillNormalTfjs,
  type prepareNormal,
  requireNormalFits,
  requireTruncatedFits,
  type TorchGenerator,
  finiteNumber,
  nonNegativeNumber,
  type OptionValues,
} from '@init/random';
import type { CallerNames } from './caller.js';
import { assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import {
  ENGINES,
  type Engine,
  RandomInitializer,
  type RandomInitializerConfig,
  type RandomInitializerOptions,
} from './random-initializer.js';

/** Options of {@link RandomNormal} and {@link TruncatedNormal}. */
export interface NormalOptions extends RandomInitializerOptions {
  /** The mean. Default `0`. */
  readonly mean?: number;
  /** The standard deviation (of the untruncated normal). Default `1`. */
  readonly stddev?: number;
}

/** The options of RandomNormal and TruncatedNormal. */
export const NORMAL_OPTIONS = ['mean', 'stddev', 'seed', 'dtype', 'engine', 'generator'] as const;

/**
 * The streams a normal initializer draws from: the counter-based one, TensorFlow.js's, and
 * (when the class supports engine 'torch') PyTorch's.
 */
export interface NormalDraws {
  readonly counter: typeof prepareNormal;
  readonly tfjs: typeof fillNormalTfjs;
  readonly torch?: (
    out: Float32Array | Float64Array,
    generator: TorchGenerator,
    options: { mean: number; stddev: number },
  ) => unknown;
}

/**
 * What RandomNormal and TruncatedNormal share: mean, stddev, float dtypes, and a draw from the
 * counter-based or the TensorFlow.js stream. Subclasses name the two fill functions.
 */
export abstract class NormalInitializer extends RandomInitializer {
  readonly dtype: FloatDType;
  readonly mean: number;
  readonly stddev: number;
  protected abstract readonly draws: NormalDraws;

  /** The truncation bounds in standard units (TruncatedNormal), or undefined for an untruncated normal. */
  private readonly truncation: readonly [number, number] | undefined;

  /**
   * @param options the options as read by `readOptions` (or a user subclass's own object).
   * @param law `'normal'`, or TruncatedNormal's bounds in standard units: the dtype rule then covers
   *   the truncated interval only.
   * @param engines the engines the subclass draws with (default: all).
   * @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`).
   */
  protected constructor(
    options: OptionValues<(typeof NORMAL_OPTIONS)[number]>,
    law: 'normal' | readonly [number, number] = 'normal',
    engines: readonly Engine[] = ENGINES,
    caller?: CallerNames,
  ) {
    super(options, engines, caller);
    const where = this.where;
    this.truncation = law === 'normal' ? undefined : law;
    this.dtype = assertFloatDType(where, options.dtype === undefined ? 'float32' : options.dtype);
    this.mean = finiteNumber(where, 'mean', options.mean, 0);
    this.stddev = nonNegativeNumber(where, 'stddev', options.stddev, 1);
    // Fail where the mistake was written: a dtype given here must hold every sample (without one,
    // the dtype of each call is checked, which may be wider than float32).
    if (options.dtype !== undefined) this.checkDType(this.dtype);
  }

  /**
   * Float dtypes that hold every sample the engine can draw (mean ± 13.7·stddev for the counter
   * engine's ziggurat, ± 9.3·stddev for TensorFlow.js's polar method, ± 2·stddev truncated), so no
   * sample is ever ±Infinity, on every engine.
   */
  protected override checkDType(dtype: DType): DType {
    const format = super.checkDType(dtype) as FloatDType;
    const sampler = this.engine === 'tfjs' ? 'tfjs' : 'counter';
    // In the caller's words when a function built this (truncNormal's std, a and b).
    const stddev = this.argument('stddev', this.stddev);
    const names = { mean: this.argument('mean', this.mean).name, stddev: stddev.name, received: stddev.value };
    if (this.truncation !== undefined) {
      const [lower, upper] = this.truncation;
      const bounds = { lower: this.argument('lower', lower), upper: this.argument('upper', upper) };
      requireTruncatedFits(
        this.where,
        this.mean,
        this.stddev,
        format,
        sampler,
        { ...names, ...bounds },
        this.truncation,
      );
    } else requireNormalFits(this.where, this.mean, this.stddev, format, sampler, names);
    return format;
  }

  getConfig(): RandomInitializerConfig & { mean: number; stddev: number } {
    return { mean: this.mean, stddev: this.stddev, ...this.randomConfig() };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { mean, stddev } = this;
    const dtype = request.dtype as FloatDType;
    if (this.engine === 'tfjs') {
      this.draws.tfjs(out as Float32Array, this.tfjsSeed(request), { mean, stddev, dtype });
    } else if (this.engine === 'torch' && this.draws.torch !== undefined) {
      this.draws.torch(out as Float32Array, this.torchGenerator(request), { mean, stddev });
    } else {
      this.drawCounter(out, request, (key) => this.draws.counter(key, { mean, stddev, dtype }));
    }
  }
}
