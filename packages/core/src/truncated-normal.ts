import { fillTruncatedNormal, fillTruncatedNormalTfjs } from '@init/random';
import { NormalInitializer, type NormalDraws, type NormalOptions } from './normal-initializer.js';

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
export class TruncatedNormal extends NormalInitializer {
  static override readonly className: string = 'TruncatedNormal';
  protected readonly draws: NormalDraws = { counter: fillTruncatedNormal, tfjs: fillTruncatedNormalTfjs };

  constructor(options: TruncatedNormalOptions = {}) {
    super(options);
  }
}
