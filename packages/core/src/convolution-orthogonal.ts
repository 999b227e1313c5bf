import { orthogonalize } from '@init/linalg';
import { fillNormal, foldIn, InitRangeError, type Key, readOptions, numberError } from '@init/random';
import { OrthogonalKernelInitializer, readKernelShape, writeKernel } from './conv-kernel.js';
import type { FloatDType, TypedArray } from './dtype.js';
import type { FanLayout } from './fans.js';
import type { FillRequest } from './initializer.js';
import type { RandomInitializerOptions } from './random-initializer.js';
import type { SeedConfig } from './seed.js';
import { sizeOf } from './shape.js';
import { encodeValue } from './values.js';

/** The spatial ranks TF1 has a class for: ConvolutionOrthogonal1D, 2D and 3D. */
export type SpatialRank = 1 | 2 | 3;

/** Options of {@link ConvolutionOrthogonal}. */
export interface ConvolutionOrthogonalOptions extends Omit<RandomInitializerOptions, 'engine'> {
  /** Multiplies the kernel: the circular convolution scales every input's 2-norm by `|gain|`. Default `1`. */
  readonly gain?: number;
  /** `'tf'` (default): `[...kernel, in, out]`; `'torch'`: `[out, in, ...kernel]`, the same operator. */
  readonly layout?: FanLayout;
  /**
   * The number of spatial axes the shape must have (TF1's `ConvolutionOrthogonal1D`, `2D`, `3D`).
   * Default: any of 1, 2, 3, read from the shape's rank.
   */
  readonly spatialRank?: SpatialRank;
}

/** The config of a ConvolutionOrthogonal initializer (`spatialRank` only when set). */
export type ConvolutionOrthogonalConfig = {
  gain: number;
  layout: FanLayout;
  spatialRank?: SpatialRank;
  seed: SeedConfig;
  dtype: FloatDType;
};

const CONVOLUTION_ORTHOGONAL_OPTIONS = ['gain', 'layout', 'spatialRank', 'seed', 'dtype', 'engine'] as const;

/**
 * An orthogonal convolution kernel (Xiao et al. 2018, algorithm 1; TF1's `ConvolutionOrthogonal1D`,
 * `2D` and `3D`): the circular convolution it defines maps every `in`-channel signal to an
 * `out`-channel signal of the same 2-norm, times `|gain|`, for any signal length (exactly with
 * circular padding; zero padding loses a little at the borders).
 *
 * The construction, as TF1's: write a kernel as a matrix polynomial `K(z) = Σ_t K_t z^t` in one
 * variable per spatial axis. `P + (I − P)·z_a`, for a symmetric projection `P` (`P = Pᵀ = P²`), is
 * unitary on the unit circle, and so is any product of such factors. The kernel is
 * `K(z) = gain · O · Π_{i < k−1} Π_a (P_{i,a} + (I − P_{i,a})·z_a)`: `O` is the first `in` rows of a
 * Haar-random `out × out` orthogonal matrix, each `P = Q·diag(m)·Qᵀ` with `Q` Haar-random and `m` a
 * fair coin per column, and the product takes `k − 1` factors per axis, so each side has `k` taps.
 * Then `K(z)·K(z)^* = gain²·I` on the unit circle, which is the norm preservation.
 *
 * TF1's rules hold: ranks 3, 4 or 5 (1, 2 or 3 spatial axes), all kernel sides equal, `in ≤ out`.
 * The product is evaluated left to right on the `in × out` rows (`O` first), so the cost is
 * `(k − 1)·d` products of `in × out` taps by a projection, not TF1's `out × out` convolutions.
 * With `partitionInfo`, the full kernel is computed and the shard's slice returned.
 *
 * @see Xiao et al., "Dynamical Isometry and a Mean Field Theory of CNNs: How to Train 10,000-Layer Vanilla Convolutional Neural Networks", 2018. https://arxiv.org/abs/1806.05393
 * @example
 * ```ts
 * new ConvolutionOrthogonal({ seed: 1 }).apply([3, 3, 16, 32]); // 2-D, 3×3 taps, 16 → 32 channels
 * new ConvolutionOrthogonal({ layout: 'torch', seed: 1 }).apply([32, 16, 3, 3]); // the same in PyTorch's layout
 * ```
 * @throws InitRangeError for a rank other than 3 to 5 (or than `spatialRank + 2`), unequal kernel
 *   sides, more input than output channels, or a gain that is not finite or too large for the
 *   dtype; InitTypeError for an unknown layout or spatialRank, or an int or bool dtype.
 */
export class ConvolutionOrthogonal extends OrthogonalKernelInitializer {
  static override readonly className: string = 'ConvolutionOrthogonal';
  /** Config keys written only when set; `deserialize` reads them too. */
  static readonly optionalConfigKeys: readonly string[] = ['spatialRank'];
  readonly spatialRank: SpatialRank | undefined;

  /**
   * @throws InitTypeError for options that are not a plain object, an unknown key, a non-numeric
   *   gain, an unknown layout or spatialRank, a bad seed, or an int or bool dtype; InitRangeError
   *   for a gain that is not finite.
   */
  constructor(options?: ConvolutionOrthogonalOptions) {
    const where = (new.target as typeof ConvolutionOrthogonal).className;
    const read = readOptions(where, options, CONVOLUTION_ORTHOGONAL_OPTIONS);
    super(where, read);
    const spatialRank = read.spatialRank;
    if (spatialRank !== undefined && spatialRank !== 1 && spatialRank !== 2 && spatialRank !== 3) {
      throw numberError(where, 'spatialRank', 'be 1, 2 or 3', spatialRank);
    }
    this.spatialRank = spatialRank;
  }

  getConfig(): ConvolutionOrthogonalConfig {
    const { seed, dtype } = this.randomConfig();
    return {
      gain: this.gain,
      layout: this.layout,
      ...(this.spatialRank === undefined ? {} : { spatialRank: this.spatialRank }),
      seed,
      dtype,
    };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const where = this.where;
    const { fullShape } = request;
    if (this.spatialRank !== undefined && fullShape.length !== this.spatialRank + 2) {
      throw new InitRangeError(
        `${where}: shape must have rank ${this.spatialRank + 2} for spatialRank ${this.spatialRank} ` +
          `(TF1's ConvolutionOrthogonal${this.spatialRank}D). Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const kernel = readKernelShape(where, fullShape, this.layout);
    const side = kernel.spatial[0] as number;
    if (kernel.spatial.some((size) => size !== side)) {
      throw new InitRangeError(
        `${where}: shape must have equal kernel sides, as TF1 requires (k − 1 factors per axis give k taps on every side). ` +
          `Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    sizeOf(where, fullShape); // the size limit, with the class name in the message
    if (request.size === 0) return;
    // Every tap row of an isometric kernel has squared entries summing to at most 1: if gain fits
    // the dtype, so does every value.
    encodeValue(where, 'gain', this.gain, request.dtype);
    const full = orthogonalKernel(this.callKey(), kernel.spatial.length, side, kernel.inChannels, kernel.outChannels);
    writeKernel(out, request, full, kernel, this.layout, this.gain);
  }
}

/** A Haar-random n × n orthogonal matrix (row-major) from its own key: normal draws, QR, sign fix. */
function haarOrthogonal(key: Key, n: number): Float64Array {
  const random = new Float64Array(n * n);
  fillNormal(random, key);
  return orthogonalize(random, n, n, { method: 'qr' });
}

/**
 * The kernel `O · Π factors` in TF layout `[k, …, k, in, out]` (float64, before gain): `d` spatial
 * axes of side `k`. Random draws come from keys folded from `key`: 0 for O, n + 1 for the n-th
 * projection (and n + 1 + 2^30 for its coin flips), so each draw is independent of the others.
 */
function orthogonalKernel(key: Key, d: number, k: number, inChannels: number, outChannels: number): Float64Array {
  const n = outChannels;
  const rowLength = inChannels * n;
  // O: the first `in` rows of a Haar n × n matrix (orthonormal rows).
  const start = haarOrthogonal(foldIn(key, 0), n).subarray(0, rowLength);
  // The polynomial: taps on a grid of `extents` (one per axis), each an in × n block, row-major.
  let extents = new Array<number>(d).fill(1);
  let taps = Float64Array.from(start);
  let projection = 0;
  for (let factor = 0; factor < k - 1; factor++) {
    for (let axis = 0; axis < d; axis++) {
      const { basis, rank } = symmetricProjection(key, projection++, n);
      // Multiply every tap T on the right by (P + (I − P)·z_axis): T·P stays at its tap and
      // T − T·P moves one step along `axis`.
      const grown = extents.map((extent, a) => (a === axis ? extent + 1 : extent));
      const next = new Float64Array(product(grown) * rowLength);
      const tapCount = product(extents);
      const projected = new Float64Array(rowLength);
      const coefficients = new Float64Array(inChannels * rank);
      for (let tap = 0; tap < tapCount; tap++) {
        const source = taps.subarray(tap * rowLength, (tap + 1) * rowLength);
        projectRows(source, basis, rank, inChannels, n, coefficients, projected);
        const here = moveTap(tap, extents, grown, axis, 0);
        const there = moveTap(tap, extents, grown, axis, 1);
        for (let e = 0; e < rowLength; e++) {
          const p = projected[e] as number;
          next[here * rowLength + e] = (next[here * rowLength + e] as number) + p;
          next[there * rowLength + e] = (next[there * rowLength + e] as number) + ((source[e] as number) - p);
        }
      }
      extents = grown;
      taps = next;
    }
  }
  return taps;
}

/**
 * The n-th symmetric projection `P = Q_m·Q_mᵀ`: `Q_m` the columns of a Haar-random n × n matrix kept
 * by fair coins (a standard normal > 0, as TF1 draws them). Returned as the kept columns, `rank` of
 * them, stored row by row as an n × rank matrix.
 */
function symmetricProjection(key: Key, index: number, n: number): { basis: Float64Array; rank: number } {
  const q = haarOrthogonal(foldIn(key, index + 1), n);
  const coins = new Float64Array(n);
  fillNormal(coins, foldIn(key, index + 1 + 2 ** 30));
  const kept: number[] = [];
  for (let column = 0; column < n; column++) if ((coins[column] as number) > 0) kept.push(column);
  const rank = kept.length;
  const basis = new Float64Array(n * rank);
  for (let row = 0; row < n; row++) {
    for (let s = 0; s < rank; s++) basis[row * rank + s] = q[row * n + (kept[s] as number)] as number;
  }
  return { basis, rank };
}

/** `out = T·P = (T·Q_m)·Q_mᵀ` for an in × n block T, through the in × rank coefficients. */
function projectRows(
  source: Float64Array,
  basis: Float64Array,
  rank: number,
  rows: number,
  n: number,
  coefficients: Float64Array,
  out: Float64Array,
): void {
  coefficients.fill(0);
  for (let i = 0; i < rows; i++) {
    for (let l = 0; l < n; l++) {
      const value = source[i * n + l] as number;
      if (value === 0) continue;
      for (let s = 0; s < rank; s++) {
        coefficients[i * rank + s] = (coefficients[i * rank + s] as number) + value * (basis[l * rank + s] as number);
      }
    }
  }
  for (let i = 0; i < rows; i++) {
    for (let l = 0; l < n; l++) {
      let sum = 0;
      for (let s = 0; s < rank; s++) sum += (coefficients[i * rank + s] as number) * (basis[l * rank + s] as number);
      out[i * n + l] = sum;
    }
  }
}

/** The flat index, on the `grown` grid, of tap `tap` of the `extents` grid moved `step` along `axis`. */
function moveTap(
  tap: number,
  extents: readonly number[],
  grown: readonly number[],
  axis: number,
  step: number,
): number {
  let rest = tap;
  const index = new Array<number>(extents.length);
  for (let a = extents.length - 1; a >= 0; a--) {
    index[a] = rest % (extents[a] as number);
    rest = Math.floor(rest / (extents[a] as number));
  }
  index[axis] = (index[axis] as number) + step;
  let flat = 0;
  for (let a = 0; a < grown.length; a++) flat = flat * (grown[a] as number) + (index[a] as number);
  return flat;
}

function product(values: readonly number[]): number {
  let result = 1;
  for (const value of values) result *= value;
  return result;
}
