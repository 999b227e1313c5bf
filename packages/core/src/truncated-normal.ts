import { fillTruncatedNormal, fillTruncatedNormalTfjs } from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { finiteNumber, nonNegativeNumber } from './numbers.js';
import { RandomInitializer, type RandomInitializerConfig } from './random-initializer.js';
import type { NormalOptions } from './random-normal.js';

/** Options of {@link TruncatedNormal}. */
export type TruncatedNormalOptions = NormalOptions;

/**
 * Draws values from a normal distribution `N(mean, stddev²)` truncated to
 * `|x − mean| < 2·stddev`: values outside are redrawn, not clamped (TF's rule). TF1's
 * `truncated_normal_initializer`, with its defaults (mean 0, stddev 1). The standard deviation of
 * the result is about `0.88·stddev` (see VarianceScaling's `'truncated_normal'` for the corrected
 * form). Floating-point dtypes only.
 *
 * With `engine: 'tfjs'` and the same numeric seed, mean and stddev, the values equal
 * `tf.initializers.truncatedNormal({ mean, stddev, seed })` of TensorFlow.js.
 *
 * @example
 * ```ts
 * new TruncatedNormal({ stddev: 0.01, seed: 7 }).apply([3, 3, 64, 64]);
 * ```
 * @throws InitRangeError for a negative or non-finite stddev or a non-finite mean; InitTypeError
 *   for an int or bool dtype, or an unknown engine.
 */
export class TruncatedNormal extends RandomInitializer {
  static override readonly className: string = 'TruncatedNormal';
  readonly dtype: FloatDType;
  readonly mean: number;
  readonly stddev: number;

  constructor(options: TruncatedNormalOptions = {}) {
    super(options);
    this.dtype = assertFloatDType('TruncatedNormal', options.dtype ?? 'float32');
    this.mean = finiteNumber('TruncatedNormal', 'mean', options.mean ?? 0);
    this.stddev = nonNegativeNumber('TruncatedNormal', 'stddev', options.stddev ?? 1);
  }

  getConfig(): RandomInitializerConfig & { mean: number; stddev: number } {
    return { mean: this.mean, stddev: this.stddev, ...this.randomConfig() };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { mean, stddev } = this;
    const dtype = request.dtype as FloatDType;
    if (this.engine === 'tfjs') {
      fillTruncatedNormalTfjs(out as Float32Array, this.tfjsSeed(request), { mean, stddev, dtype });
    } else {
      this.drawCounter(out, request, (slice, key, offset) =>
        fillTruncatedNormal(slice as Float32Array, key, { mean, stddev, offset, dtype }),
      );
    }
  }
}
