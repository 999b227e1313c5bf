// Shared by the two orthogonal convolution initializers (DeltaOrthogonal, ConvolutionOrthogonal):
// their common options, reading a convolution kernel's shape in either layout, and writing a kernel
// built in TF layout into a request, permuted to the requested layout and sliced to the shard.
import { InitRangeError, finiteNumber, oneOf, type OptionValues } from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import { LAYOUTS, type FanLayout } from './fans.js';
import type { FillRequest } from './initializer.js';
import { forEachRun } from './partition.js';
import { RandomInitializer } from './random-initializer.js';
import { floatStorer } from './values.js';

/**
 * The base of DeltaOrthogonal and ConvolutionOrthogonal: a float dtype (default `'float32'`), a
 * finite `gain` (default 1) and a `layout` (default `'tf'`), on the counter engine only.
 */
export abstract class OrthogonalKernelInitializer extends RandomInitializer {
  readonly dtype: FloatDType;
  readonly gain: number;
  readonly layout: FanLayout;

  /** `read`: the subclass's options, read once by `readOptions` under the class's name `where`. */
  protected constructor(where: string, read: OptionValues<'gain' | 'layout' | 'seed' | 'dtype' | 'engine'>) {
    super(read, ['counter']);
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.gain = finiteNumber(where, 'gain', read.gain, 1);
    this.layout = oneOf(where, 'layout', read.layout, LAYOUTS, 'tf');
  }
}

/** A convolution kernel's parts: spatial sizes, input and output channels. */
export interface KernelShape {
  readonly spatial: readonly number[];
  readonly inChannels: number;
  readonly outChannels: number;
}

/**
 * Reads `[...spatial, in, out]` (`'tf'`) or `[out, in, ...spatial]` (`'torch'`) with 1 to 3 spatial
 * axes, and checks `in ≤ out` (an isometry from `in` to `out` channels needs that many outputs).
 * @throws InitRangeError for another rank or `in > out`.
 */
export function readKernelShape(where: string, shape: readonly number[], layout: FanLayout): KernelShape {
  if (shape.length < 3 || shape.length > 5) {
    throw new InitRangeError(
      `${where}: shape must be a 1-D, 2-D or 3-D convolution kernel, of rank 3, 4 or 5 ` +
        `(${layout === 'tf' ? '[...kernel, in, out]' : '[out, in, ...kernel]'}). Received: [${shape.join(', ')}].`,
      'ERR_INIT_INVALID_SHAPE',
    );
  }
  const rank = shape.length;
  const kernel: KernelShape =
    layout === 'tf'
      ? {
          spatial: shape.slice(0, rank - 2),
          inChannels: shape[rank - 2] as number,
          outChannels: shape[rank - 1] as number,
        }
      : { spatial: shape.slice(2), inChannels: shape[1] as number, outChannels: shape[0] as number };
  if (kernel.inChannels > kernel.outChannels) {
    const [inName, outName] = layout === 'tf' ? ['shape[-2]', 'shape[-1]'] : ['shape[1]', 'shape[0]'];
    throw new InitRangeError(
      `${where}: the input channels (${inName} = ${kernel.inChannels}) must not exceed the output channels ` +
        `(${outName} = ${kernel.outChannels}), as TF1 requires: an orthogonal map from in to out channels needs in ≤ out. ` +
        `Received: [${shape.join(', ')}].`,
      'ERR_INIT_INVALID_SHAPE',
    );
  }
  return kernel;
}

/**
 * Writes `gain · kernel` into `out` for a request: `kernel` is the full tensor in TF layout
 * (`[...spatial, in, out]`, row-major, float64); with layout `'torch'` element `(o, i, ...t)` is
 * the TF kernel's `(...t, i, o)`. Only the request's slice is written.
 */
export function writeKernel(
  out: TypedArray,
  request: FillRequest,
  kernel: Float64Array,
  shape: KernelShape,
  layout: FanLayout,
  gain: number,
): void {
  const store = floatStorer(request.dtype);
  let full = kernel;
  if (layout === 'torch') {
    const { inChannels, outChannels } = shape;
    const taps = kernel.length / (inChannels * outChannels);
    full = new Float64Array(kernel.length);
    for (let t = 0; t < taps; t++) {
      for (let i = 0; i < inChannels; i++) {
        for (let o = 0; o < outChannels; o++) {
          full[(o * inChannels + i) * taps + t] = kernel[(t * inChannels + i) * outChannels + o] as number;
        }
      }
    }
  }
  forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
    // Zeros stay +0 whatever the sign of gain (−0 would be a surprise in a kernel of zeros).
    for (let k = 0; k < length; k++) {
      const value = full[fullStart + k] as number;
      out[localStart + k] = store(value === 0 ? 0 : gain * value);
    }
  });
}
