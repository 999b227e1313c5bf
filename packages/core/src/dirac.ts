import { InitRangeError, oneOf, readOptions, numberError } from '@init/random';
import type { CallerNames } from './caller.js';
import { assertDType, type DType, type TypedArray } from './dtype.js';
import { LAYOUTS, type FanLayout } from './fans.js';
import { Initializer, type FillRequest } from './initializer.js';
import { encodeValue } from './values.js';

/** Options of {@link Dirac}. */
export interface DiracOptions {
  /**
   * The number of groups of a grouped convolution: the output channels split into `groups` equal
   * blocks, and each block passes its first input channels through. Default `1`.
   */
  readonly groups?: number;
  /**
   * Where the channels are: `'tf'` (default, `[...kernel, in, out]`, TensorFlow and Keras) or
   * `'torch'` (`[out, in, ...kernel]`, PyTorch).
   */
  readonly layout?: FanLayout;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: DType;
}

const DIRAC_OPTIONS = ['groups', 'layout', 'dtype'] as const;

/**
 * Makes the Dirac delta of a convolution kernel: the convolution it initializes passes its input
 * through unchanged. PyTorch's `nn.init.dirac_`: with `out` output and `in` input channels split into
 * `groups` blocks of `out / groups` output channels, the kernel is 1 at the spatial centre
 * (`⌊k / 2⌋` on every kernel axis) for output channel `g·(out / groups) + d` and input channel `d`,
 * for every group g and `d < min(out / groups, in)`, and 0 elsewhere. 3-, 4- and 5-D shapes (1-, 2-
 * and 3-D convolutions), in either layout. With `partitionInfo`, each shard is its slice of the
 * full kernel.
 *
 * @see Zagoruyko & Komodakis, "DiracNets: Training Very Deep Neural Networks Without Skip-Connections", 2017. https://arxiv.org/abs/1706.00388
 * @example
 * ```ts
 * new Dirac({ layout: 'torch' }).apply([2, 2, 3]).data;
 * // Float32Array [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
 * ```
 * @throws InitRangeError for a shape that is not 3-, 4- or 5-D, or whose output channels do not
 *   divide into `groups`; InitTypeError / InitRangeError for a groups that is not a positive
 *   integer; InitTypeError for an unknown layout or dtype.
 */
export class Dirac extends Initializer {
  static override readonly className: string = 'Dirac';
  readonly dtype: DType;
  readonly groups: number;
  readonly layout: FanLayout;

  /**
   * @throws InitTypeError for options that are not a plain object, an unknown key, an unknown layout
   *   or dtype, or a groups that is not a number; InitRangeError for a groups that is not a positive
   *   integer.
   * @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`).
   */
  constructor(options?: DiracOptions, caller?: CallerNames) {
    super();
    const where = this.speakAs(caller);
    const read = readOptions(where, options, DIRAC_OPTIONS);
    this.dtype = assertDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    const groups = read.groups === undefined ? 1 : read.groups;
    if (typeof groups !== 'number' || !Number.isSafeInteger(groups) || groups < 1) {
      throw numberError(where, 'groups', 'be a positive integer', read.groups);
    }
    this.groups = groups;
    this.layout = oneOf(where, 'layout', read.layout, LAYOUTS, 'tf');
  }

  getConfig(): { groups: number; layout: FanLayout; dtype: DType } {
    return { groups: this.groups, layout: this.layout, dtype: this.dtype };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { fullShape, shape, partition } = request;
    const rank = fullShape.length;
    if (rank < 3 || rank > 5) {
      throw new InitRangeError(
        `${this.where}: shape must be 3-, 4- or 5-D (a 1-, 2- or 3-D convolution kernel). Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const torch = this.layout === 'torch';
    const outAxis = torch ? 0 : rank - 1;
    const inAxis = torch ? 1 : rank - 2;
    const outChannels = fullShape[outAxis] as number;
    if (outChannels % this.groups !== 0) {
      throw new InitRangeError(
        `${this.where}: the output channels (axis ${outAxis}) must divide into groups (${this.groups}). Received: shape [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const one = encodeValue(this.where, 'value', 1, request.dtype);
    out.fill(0);
    if (out.length === 0) return;
    const perGroup = outChannels / this.groups;
    const diagonal = Math.min(perGroup, fullShape[inAxis] as number);
    // The multi-index of a one, as the full tensor sees it: every kernel axis at its centre.
    const index = fullShape.map((dim) => Math.floor(dim / 2));
    const offset = partition?.varOffset ?? fullShape.map(() => 0);
    for (let group = 0; group < this.groups; group++) {
      for (let d = 0; d < diagonal; d++) {
        index[outAxis] = group * perGroup + d;
        index[inAxis] = d;
        // Its flat position in the shard, if the shard holds it.
        let local = 0;
        let inside = true;
        for (let axis = 0; axis < rank; axis++) {
          const position = (index[axis] as number) - (offset[axis] as number);
          if (position < 0 || position >= (shape[axis] as number)) {
            inside = false;
            break;
          }
          local = local * (shape[axis] as number) + position;
        }
        if (inside) out[local] = one;
      }
    }
  }
}
