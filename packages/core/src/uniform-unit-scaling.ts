import { prepareUniform, oneOf, positiveNumber, readOptions } from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { LAYOUTS, type FanLayout } from './fans.js';
import { requireDerivedUniformFits } from './numbers.js';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';
import type { SeedConfig } from './seed.js';

/** Options of {@link UniformUnitScaling}. */
export interface UniformUnitScalingOptions extends Omit<RandomInitializerOptions, 'engine'> {
  /** Multiplies the bound; Sussillo & Abbott found about 1.43 for ReLU and 1.15 for tanh. Default `1`. */
  readonly factor?: number;
  /**
   * Where the inputs are: `'tf'` (default; `inputSize` is the product of all dims but the last,
   * `[...kernel, in, out]`) or `'torch'` (all dims but the first, `[out, in, ...kernel]`).
   */
  readonly layout?: FanLayout;
}

/**
 * Draws from `[−maxVal, maxVal)` with `maxVal = factor · √(3 / inputSize)`, where `inputSize` is
 * the product of all dims but the last (at least 1): the input size of a dense layer or a
 * convolution, so that `x · W` keeps the variance of `x`. TF1's `uniform_unit_scaling_initializer`.
 * With `layout: 'torch'` the inputs are all dims but the first (`[out, in, ...kernel]`).
 * With `partitionInfo`, `inputSize` comes from the full shape.
 *
 * @see Sussillo & Abbott, "Random Walk Initialization for Training Very Deep Feedforward Networks", 2014. https://arxiv.org/abs/1412.6558
 * @example
 * ```ts
 * new UniformUnitScaling({ factor: 1.43, seed: 3 }).apply([256, 128]); // bound 1.43·√(3/256)
 * new UniformUnitScaling({ layout: 'torch', seed: 3 }).apply([128, 256]); // nn.Linear(256, 128).weight: bound √(3/256)
 * ```
 * @throws InitRangeError for a factor that is not a positive finite number; InitTypeError for an
 *   unknown layout or an
 *   int or bool dtype.
 */
export class UniformUnitScaling extends RandomInitializer {
  static override readonly className: string = 'UniformUnitScaling';
  /** Config keys written only when set; `deserialize` reads them too. */
  static readonly optionalConfigKeys: readonly string[] = ['layout'];
  readonly dtype: FloatDType;
  readonly factor: number;
  readonly layout: FanLayout;

  constructor(options?: UniformUnitScalingOptions) {
    const where = (new.target as typeof UniformUnitScaling).className;
    const read = readOptions(where, options, ['factor', 'layout', 'seed', 'dtype', 'engine']);
    super(read, ['counter']);
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.factor = positiveNumber(where, 'factor', read.factor, 1);
    this.layout = oneOf(where, 'layout', read.layout, LAYOUTS, 'tf');
  }

  /** `{ factor, seed, dtype }`, and `layout` when it is `'torch'`. */
  getConfig(): { factor: number; layout?: FanLayout; seed: SeedConfig; dtype: FloatDType } {
    const { seed, dtype } = this.randomConfig();
    return { factor: this.factor, ...(this.layout === 'torch' ? { layout: this.layout } : {}), seed, dtype };
  }

  /** The bound for a (full) shape. */
  maxVal(fullShape: readonly number[]): number {
    // The input axes: all but the last ('tf', [...kernel, in, out]) or all but the first ('torch').
    const [first, end] = this.layout === 'torch' ? [1, fullShape.length] : [0, fullShape.length - 1];
    let inputSize = 1;
    for (let axis = first; axis < end; axis++) inputSize *= fullShape[axis] as number;
    // "Avoid errors when initializing zero-size tensors", as TF1's source says.
    return Math.sqrt(3 / Math.max(inputSize, 1)) * this.factor;
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const high = this.maxVal(request.fullShape);
    const dtype = request.dtype as FloatDType;
    requireDerivedUniformFits(this.where, 'factor', this.factor, -high, high, dtype, 'counter');
    this.drawCounter(out, request, (key) => prepareUniform(key, { low: -high, high, dtype }));
  }
}
