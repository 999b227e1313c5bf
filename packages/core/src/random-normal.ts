import { fillNormal, fillNormalTfjs } from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { finiteNumber, nonNegativeNumber } from './numbers.js';
import { RandomInitializer, type RandomInitializerConfig, type RandomInitializerOptions } from './random-initializer.js';

/** Options of {@link RandomNormal} and {@link TruncatedNormal}. */
export interface NormalOptions extends RandomInitializerOptions {
  /** The mean. Default `0`. */
  readonly mean?: number;
  /** The standard deviation (of the untruncated normal). Default `1`. */
  readonly stddev?: number;
}

/** Options of {@link RandomNormal}. */
export type RandomNormalOptions = NormalOptions;

/**
 * Draws values from a normal distribution `N(mean, stddev²)`. TF1's `random_normal_initializer`,
 * with its defaults (mean 0, stddev 1). Floating-point dtypes only.
 *
 * With `engine: 'tfjs'` and the same numeric seed, mean and stddev, the values equal
 * `tf.initializers.randomNormal({ mean, stddev, seed })` of TensorFlow.js (whose own defaults are
 * mean 0, stddev 0.05, and whose `||` turns an explicit `stddev: 0` into 0.05).
 *
 * @example
 * ```ts
 * new RandomNormal({ stddev: 0.02, seed: 42 }).apply([768, 768]); // BERT-style embedding init
 * ```
 * @throws InitRangeError for a negative or non-finite stddev or a non-finite mean; InitTypeError
 *   for an int or bool dtype, or an unknown engine.
 */
export class RandomNormal extends RandomInitializer {
  static override readonly className: string = 'RandomNormal';
  readonly dtype: FloatDType;
  readonly mean: number;
  readonly stddev: number;

  constructor(options: RandomNormalOptions = {}) {
    super(options);
    this.dtype = assertFloatDType('RandomNormal', options.dtype ?? 'float32');
    this.mean = finiteNumber('RandomNormal', 'mean', options.mean ?? 0);
    this.stddev = nonNegativeNumber('RandomNormal', 'stddev', options.stddev ?? 1);
  }

  getConfig(): RandomInitializerConfig & { mean: number; stddev: number } {
    return { mean: this.mean, stddev: this.stddev, ...this.randomConfig() };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { mean, stddev } = this;
    const dtype = request.dtype as FloatDType;
    if (this.engine === 'tfjs') {
      fillNormalTfjs(out as Float32Array, this.tfjsSeed(request), { mean, stddev, dtype });
    } else {
      this.drawCounter(out, request, (slice, key, offset) => fillNormal(slice as Float32Array, key, { mean, stddev, offset, dtype }));
    }
  }
}
