import { fillNormalTfjs, fillNormalTorch, prepareNormal, readOptions } from '@init/random';
import { NORMAL_OPTIONS, NormalInitializer, type NormalDraws, type NormalOptions } from './normal-initializer.js';

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
 * With `engine: 'torch'`, the values are PyTorch's `tensor.normal_(mean, stddev)` on the CPU, from
 * the given `generator` (continuing its stream) or from `torch.manual_seed(seed)`.
 *
 * @example
 * ```ts
 * new RandomNormal({ stddev: 0.02, seed: 42 }).apply([768, 768]); // BERT-style embedding init
 * ```
 * @throws InitRangeError for a negative or non-finite stddev or a non-finite mean; InitTypeError
 *   for an int or bool dtype, or an unknown engine.
 */
export class RandomNormal extends NormalInitializer {
  static override readonly className: string = 'RandomNormal';
  protected readonly draws: NormalDraws = { counter: prepareNormal, tfjs: fillNormalTfjs, torch: fillNormalTorch };

  constructor(options?: RandomNormalOptions) {
    super(readOptions((new.target as typeof RandomNormal).className, options, NORMAL_OPTIONS));
  }
}
