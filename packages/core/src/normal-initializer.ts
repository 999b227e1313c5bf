import type { fillNormalTfjs, prepareNormal, TorchGenerator } from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { finiteNumber, nonNegativeNumber } from './numbers.js';
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

  /** @param engines the engines the subclass draws with (default: all). */
  protected constructor(options: NormalOptions, engines: readonly Engine[] = ENGINES) {
    super(options, engines);
    const where = this.className;
    this.dtype = assertFloatDType(where, options.dtype ?? 'float32');
    this.mean = finiteNumber(where, 'mean', options.mean ?? 0);
    this.stddev = nonNegativeNumber(where, 'stddev', options.stddev ?? 1);
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
