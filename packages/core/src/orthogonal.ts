import { orthogonalize, type OrthogonalizeMethod } from '@init/linalg';
import { fillNormal, fillUniform, InitRangeError } from '@init/random';
import { assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { finiteNumber, oneOf } from './numbers.js';
import { forEachRun } from './partition.js';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';
import type { SeedConfig } from './seed.js';
import { sizeOf } from './shape.js';
import { encodeValue, floatStorer } from './values.js';

/** Options of {@link Orthogonal}. */
export interface OrthogonalOptions extends Omit<RandomInitializerOptions, 'engine'> {
  /** Multiplies the orthogonal matrix. Default `1`. */
  readonly gain?: number;
  /**
   * `'qr'` (default): a standard normal matrix, reduced QR, column j times sign(R[j][j]): a
   * Haar-distributed (uniformly random) orthogonal matrix, as TF ≥ 1.x, Keras, PyTorch and JAX.
   * `'svd'`: the seed's algorithm, the singular vectors of a uniform [0, 1) matrix — orthogonal
   * but not Haar-distributed.
   */
  readonly method?: OrthogonalizeMethod;
}

const METHODS: readonly OrthogonalizeMethod[] = ['qr', 'svd'];

/**
 * Makes an orthogonal matrix, times `gain`. A shape of rank > 2 is flattened to
 * `[product of all dims but the last, last]`, so a convolution kernel `[kh, kw, in, out]` gets
 * orthonormal columns over its `kh·kw·in` rows. With rows ≥ cols the columns are orthonormal,
 * otherwise the rows are. TF1's `orthogonal_initializer`. With `partitionInfo`, the full matrix is
 * computed and the shard's slice returned.
 *
 * @see Saxe, McClelland & Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", 2013. https://arxiv.org/abs/1312.6120
 * @example
 * ```ts
 * const q = new Orthogonal({ seed: 42 }).apply([4, 4], 'float64').data; // QᵀQ = I to ~1e-15
 * ```
 * @throws InitRangeError for a shape of rank < 2 or a gain that is not finite or too large for the dtype;
 *   InitTypeError for an unknown method or an int or bool dtype.
 */
export class Orthogonal extends RandomInitializer {
  static override readonly className: string = 'Orthogonal';
  readonly dtype: FloatDType;
  readonly gain: number;
  readonly method: OrthogonalizeMethod;

  constructor(options: OrthogonalOptions = {}) {
    super(options, ['counter']);
    this.dtype = assertFloatDType('Orthogonal', options.dtype ?? 'float32');
    this.gain = finiteNumber('Orthogonal', 'gain', options.gain ?? 1);
    this.method = oneOf('Orthogonal', 'method', options.method ?? 'qr', METHODS);
  }

  getConfig(): { gain: number; method: OrthogonalizeMethod; seed: SeedConfig; dtype: FloatDType } {
    const { seed, dtype } = this.randomConfig();
    return { gain: this.gain, method: this.method, seed, dtype };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { fullShape } = request;
    if (fullShape.length < 2) {
      throw new InitRangeError(
        `Orthogonal: shape must have at least 2 dimensions. Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const size = sizeOf('Orthogonal', fullShape);
    if (request.size === 0) return;
    // Every value has magnitude at most |gain|: if gain fits the dtype, so does the matrix.
    encodeValue('Orthogonal', 'gain', this.gain, request.dtype);
    const cols = fullShape[fullShape.length - 1] as number;
    const rows = size / cols;
    const random = new Float64Array(size);
    const key = this.callKey();
    if (this.method === 'qr') fillNormal(random, key);
    else fillUniform(random, key);
    const q = orthogonalize(random, rows, cols, { method: this.method });
    const store = floatStorer(request.dtype);
    const gain = this.gain;
    forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
      for (let k = 0; k < length; k++) out[localStart + k] = store(gain * (q[fullStart + k] as number));
    });
  }
}
