// PyTorch's torch.nn.init.calculate_gain: the factor by which a nonlinearity's output variance must
// be compensated, so that a layer keeps the scale of its input.
import { finiteNumber, oneOf } from '@init/core';

/** The names `calculateGain` knows: `torch.nn.functional` names, as PyTorch spells them. */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/** Every {@link Nonlinearity}, in PyTorch's order. */
export const NONLINEARITIES: readonly Nonlinearity[] = [
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'selu',
];

/** PyTorch's default negative slope for `'leaky_relu'` when no param is given. */
const DEFAULT_NEGATIVE_SLOPE = 0.01;

/**
 * The recommended gain for a nonlinearity, PyTorch's table:
 *
 * | nonlinearity | gain |
 * | --- | --- |
 * | `linear`, `conv1d/2d/3d`, `conv_transpose1d/2d/3d`, `sigmoid` | `1` |
 * | `tanh` | `5/3` |
 * | `relu` | `√2` |
 * | `leaky_relu` | `√(2 / (1 + slope²))`, slope = `param`, default `0.01` |
 * | `selu` | `3/4` |
 *
 * `param` is the negative slope of `'leaky_relu'`; as in PyTorch, the other nonlinearities ignore
 * it (kaiming initialization always passes one), but it must still be a finite number when given.
 * PyTorch warns that SELU networks aiming at self-normalization should use `'linear'` (variance
 * `1/n`), not `'selu'`, whose 3/4 was chosen empirically for gradient flow.
 *
 * @see https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.calculate_gain
 * @example
 * ```ts
 * calculateGain('relu');             // 1.4142135623730951
 * calculateGain('leaky_relu', 0.2);  // 1.3867504905630728
 * calculateGain('tanh');             // 1.6666666666666667
 * ```
 * @throws InitTypeError (ERR_INIT_UNKNOWN_IDENTIFIER) for an unknown nonlinearity, listing the
 *   valid ones; InitTypeError / InitRangeError (ERR_INIT_INVALID_ARGUMENT) for a param that is not
 *   a finite number.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  oneOf('calculateGain', 'nonlinearity', nonlinearity, NONLINEARITIES);
  // PyTorch refuses booleans and non-numbers for leaky_relu ("negative_slope ... not a valid
  // number"); here every nonlinearity refuses them, and NaN/±Infinity too, which would give a gain
  // of NaN or 0.
  if (param !== undefined) finiteNumber('calculateGain', 'param', param);
  const slope = param ?? DEFAULT_NEGATIVE_SLOPE;
  // Where slope² overflows (or loses the 1 entirely), √(2 / (1 + slope²)) is √2 / |slope|: 1e200
  // gives 1.4e-200, not √(2 / Infinity) = 0.
  if (nonlinearity === 'leaky_relu' && Math.abs(slope) >= 1e150) return Math.SQRT2 / Math.abs(slope);
  // One table, of squared gains (below); the square roots are the same doubles PyTorch returns:
  // √(25/9) is 5/3 exactly as rounded, √2 and √(2 / (1 + slope²)) are PyTorch's own expressions.
  return Math.sqrt(squaredGain(nonlinearity, param));
}

/**
 * PyTorch's gain table, squared: `calculateGain(nonlinearity, param)²` without the square root, so
 * that the VarianceScaling scale of the kaiming helpers is `2` for ReLU rather than
 * `√2·√2 = 2.0000000000000004`. The one copy of the table: `calculateGain` takes its square root.
 * Arguments must already be checked.
 */
export function squaredGain(nonlinearity: Nonlinearity, param: number | undefined): number {
  switch (nonlinearity) {
    case 'tanh':
      return 25 / 9; // (5/3)²
    case 'relu':
      return 2;
    case 'leaky_relu': {
      const slope = param ?? DEFAULT_NEGATIVE_SLOPE;
      return 2 / (1 + slope * slope);
    }
    case 'selu':
      // (3/4)²: PyTorch's gain, found empirically (pytorch/pytorch#50664).
      return 9 / 16;
    default:
      // linear, the convolutions and their transposes, and sigmoid.
      return 1;
  }
}
