import { assertDType, type DType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { readOptions } from './numbers.js';

/** Options of {@link Zeros}. */
export interface ZerosOptions {
  /** The default dtype of the tensors it makes. Default `'float32'`. */
  readonly dtype?: DType;
}

/**
 * Makes tensors of zeros (`false` for bool), in any dtype. TF1's `zeros_initializer`.
 *
 * @example
 * ```ts
 * new Zeros().apply([2, 3]).data; // Float32Array [0, 0, 0, 0, 0, 0]
 * new Zeros({ dtype: 'bool' }).apply([2]).data; // Uint8Array [0, 0]
 * ```
 */
export class Zeros extends Initializer {
  static override readonly className: string = 'Zeros';
  readonly dtype: DType;

  /** @throws InitTypeError for an unknown dtype. */
  constructor(options?: ZerosOptions) {
    super();
    const read = readOptions(this.className, options, ['dtype']);
    this.dtype = assertDType(this.className, read.dtype === undefined ? 'float32' : read.dtype);
  }

  getConfig(): { dtype: DType } {
    return { dtype: this.dtype };
  }

  protected generate(out: TypedArray, _request: FillRequest): void {
    // Zero is the all-zero bit pattern in every dtype, float16 and bfloat16 included.
    out.fill(0);
  }
}
