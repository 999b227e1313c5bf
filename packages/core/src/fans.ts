import { oneOf } from './numbers.js';
import { assertShape } from './shape.js';

/** How a weight's axes are laid out. */
export type FanLayout = 'tf' | 'torch';

/** Input and output units of a weight, as variance-scaling initializers use them. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** The weight layouts, in the order error messages list them. */
export const LAYOUTS: readonly FanLayout[] = Object.freeze(['tf', 'torch']);

/**
 * The number of input and output units of a weight shape, with the seed's `_compute_fans` rules.
 *
 * - rank 0: `fanIn = fanOut = 1` (constants);
 * - rank 1: `fanIn = fanOut = shape[0]`;
 * - `'tf'` layout (TensorFlow, Keras, TensorFlow.js): a dense kernel is `[in, out]` and a
 *   convolution kernel `[...kernel, in, out]`, so `fanIn = in · receptiveField` and
 *   `fanOut = out · receptiveField`, with `receptiveField` the product of the kernel dims;
 * - `'torch'` layout (PyTorch): `[out, in, ...kernel]`, with the same products.
 *
 * Ranks 0 and 1 follow TF1 in both layouts (PyTorch's `_calculate_fan_in_and_fan_out` refuses
 * them). A zero-sized dim gives a zero fan; VarianceScaling divides by `max(1, fan)`.
 *
 * @example
 * ```ts
 * computeFans([3, 3, 64, 128]);             // { fanIn: 576, fanOut: 1152 }
 * computeFans([128, 64, 3, 3], 'torch');    // { fanIn: 576, fanOut: 1152 }
 * ```
 * @throws InitTypeError for an unknown layout; InitRangeError for a bad shape.
 */
export function computeFans(shape: readonly number[], layout: FanLayout = 'tf'): Fans {
  assertShape('computeFans', shape);
  oneOf('computeFans', 'layout', layout, LAYOUTS);
  const rank = shape.length;
  if (rank === 0) return { fanIn: 1, fanOut: 1 };
  if (rank === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  if (layout === 'tf') {
    let receptiveField = 1;
    for (let axis = 0; axis < rank - 2; axis++) receptiveField *= shape[axis] as number;
    return {
      fanIn: (shape[rank - 2] as number) * receptiveField,
      fanOut: (shape[rank - 1] as number) * receptiveField,
    };
  }
  let receptiveField = 1;
  for (let axis = 2; axis < rank; axis++) receptiveField *= shape[axis] as number;
  return { fanIn: (shape[1] as number) * receptiveField, fanOut: (shape[0] as number) * receptiveField };
}
