import { InitRangeError, finiteNumber, readOptions } from '@init/random';
import type { CallerNames } from './caller.js';
import { assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { forEachRun } from './partition.js';
import { encodeValue } from './values.js';

/** Options of {@link Identity}. */
export interface IdentityOptions {
  /** The value on the diagonal. Default `1`. */
  readonly gain?: number;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

/**
 * Makes `gain` times the identity matrix: ones on the main diagonal of a 2-D shape of any
 * rows × cols (as Keras 3's `Identity`; TensorFlow.js accepts only square shapes), zeros elsewhere.
 * With `partitionInfo`, each shard is its slice of the full eye.
 *
 * @example
 * ```ts
 * new Identity({ gain: 2 }).apply([2, 3]).data; // Float32Array [2, 0, 0, 0, 2, 0]
 * ```
 * @throws InitRangeError for a shape that is not 2-D or a gain that is not finite or too large for the dtype;
 *   InitTypeError for an int or bool dtype.
 */
export class Identity extends Initializer {
  static override readonly className: string = 'Identity';
  readonly dtype: FloatDType;
  readonly gain: number;

  /** @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`). */
  constructor(options?: IdentityOptions, caller?: CallerNames) {
    super();
    const where = this.speakAs(caller);
    const read = readOptions(where, options, ['gain', 'dtype']);
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.gain = finiteNumber(where, 'gain', read.gain, 1);
    if (read.dtype !== undefined) encodeValue(where, 'gain', this.gain, this.dtype);
  }

  getConfig(): { gain: number; dtype: FloatDType } {
    return { gain: this.gain, dtype: this.dtype };
  }

  protected override checkDType(dtype: DType): FloatDType {
    const format = assertFloatDType(this.where, dtype);
    encodeValue(this.where, 'gain', this.gain, format);
    return format;
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { fullShape } = request;
    if (fullShape.length !== 2) {
      throw new InitRangeError(
        `${this.where}: shape must be 2-D. Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const cols = fullShape[1] as number;
    const diagonalLength = Math.min(fullShape[0] as number, cols);
    const diagonal = encodeValue(this.where, 'gain', this.gain, request.dtype);
    out.fill(0);
    forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
      // Diagonal element (i, i) has flat index i·(cols + 1): visit only those inside the run.
      const end = fullStart + length;
      for (let i = Math.ceil(fullStart / (cols + 1)); i < diagonalLength && i * (cols + 1) < end; i++) {
        out[localStart + i * (cols + 1) - fullStart] = diagonal;
      }
    });
  }
}
