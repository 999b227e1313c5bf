import { orthogonalize } from '@init/linalg';
import { fillNormal, readOptions } from '@init/random';
import type { FloatDType, TypedArray } from './dtype.js';
import { OrthogonalKernelInitializer, readKernelShape, writeKernel } from './conv-kernel.js';
import type { FanLayout } from './fans.js';
import type { FillRequest } from './initializer.js';
import type { RandomInitializerOptions } from './random-initializer.js';
import type { SeedConfig } from './seed.js';
import { sizeOf } from './shape.js';
import { encodeValue } from './values.js';

/** Options of {@link DeltaOrthogonal}. */
export interface DeltaOrthogonalOptions extends Omit<RandomInitializerOptions, 'engine'> {
  /** Multiplies the orthogonal matrix: the convolution scales every input's 2-norm by `|gain|`. Default `1`. */
  readonly gain?: number;
  /**
   * `'tf'` (default): the kernel is `[...kernel, in, out]` (TensorFlow, Keras, JAX);
   * `'torch'`: `[out, in, ...kernel]` (PyTorch), with the centre tap `[out, in]` the transpose.
   */
  readonly layout?: FanLayout;
}

/** The config of a DeltaOrthogonal initializer. */
export type DeltaOrthogonalConfig = { gain: number; layout: FanLayout; seed: SeedConfig; dtype: FloatDType };

const DELTA_ORTHOGONAL_OPTIONS = ['gain', 'layout', 'seed', 'dtype', 'engine'] as const;

/**
 * The delta-orthogonal convolution kernel (Xiao et al. 2018, algorithm 2): zeros everywhere except
 * the spatial centre, which holds `gain` times an `in × out` matrix with orthonormal rows (a
 * Haar-random orthogonal matrix's first `in` rows). The convolution then maps every input to an
 * output of the same norm (× |gain|), whatever the padding. For 1-, 2- and 3-D kernels (ranks 3 to
 * 5); the centre of a side of length k is index `⌊(k − 1) / 2⌋`, as TF1 and JAX place it; `in ≤ out`.
 * TF1's `ConvolutionDeltaOrthogonal` (`convolutional_delta_orthogonal`) and JAX's `delta_orthogonal`.
 * With `partitionInfo`, the full kernel is computed and the shard's slice returned.
 *
 * @see Xiao et al., "Dynamical Isometry and a Mean Field Theory of CNNs: How to Train 10,000-Layer Vanilla Convolutional Neural Networks", 2018. https://arxiv.org/abs/1806.05393
 * @example
 * ```ts
 * const kernel = new DeltaOrthogonal({ seed: 1 }).apply([3, 3, 16, 32]); // centre tap [1, 1]: 16 × 32, orthonormal rows
 * new DeltaOrthogonal({ layout: 'torch', seed: 1 }).apply([32, 16, 3, 3]); // the same operator in PyTorch's layout
 * ```
 * @throws InitRangeError for a shape of rank other than 3 to 5, more input than output channels, or
 *   a gain that is not finite or too large for the dtype; InitTypeError for an unknown layout or an
 *   int or bool dtype.
 */
export class DeltaOrthogonal extends OrthogonalKernelInitializer {
  static override readonly className: string = 'DeltaOrthogonal';

  /**
   * @throws InitTypeError for options that are not a plain object, an unknown key, a non-numeric
   *   gain, an unknown layout, a bad seed, or an int or bool dtype; InitRangeError for a gain that
   *   is not finite.
   */
  constructor(options?: DeltaOrthogonalOptions) {
    const where = (new.target as typeof DeltaOrthogonal).className;
    const read = readOptions(where, options, DELTA_ORTHOGONAL_OPTIONS);
    super(where, read);
  }

  getConfig(): DeltaOrthogonalConfig {
    const { seed, dtype } = this.randomConfig();
    return { gain: this.gain, layout: this.layout, seed, dtype };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const where = this.where;
    const kernel = readKernelShape(where, request.fullShape, this.layout);
    const size = sizeOf(where, request.fullShape);
    if (request.size === 0) return;
    // Every value has magnitude at most |gain|: if gain fits the dtype, so does the kernel.
    encodeValue(where, 'gain', this.gain, request.dtype);
    const { spatial, inChannels, outChannels } = kernel;
    // in ≤ out: an in × out matrix with orthonormal rows, Haar-distributed (normal matrix, QR with
    // the sign fix), the same draw as Orthogonal's on [in, out].
    const random = new Float64Array(inChannels * outChannels);
    fillNormal(random, this.callKey());
    const q = orthogonalize(random, inChannels, outChannels, { method: 'qr' });
    let centre = 0;
    for (const side of spatial) centre = centre * side + Math.floor((side - 1) / 2);
    const full = new Float64Array(size);
    full.set(q, centre * inChannels * outChannels);
    writeKernel(out, request, full, kernel, this.layout, this.gain);
  }
}
