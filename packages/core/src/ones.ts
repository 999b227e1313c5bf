import { assertDType, type DType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { readOptions } from './numbers.js';
import { encodeValue } from './values.js';

/** Options of {@link Ones}. */
export interface OnesOptions {
  /** The default dtype of the tensors it makes. Default `'float32'`. */
  readonly dtype?: DType;
}

/**
 * Makes tensors of ones (`true` for bool), in any dtype. TF1's `ones_initializer`.
 *
 * @example
 * ```ts
 * new Ones().apply([2, 2]).data; // Float32Array [1, 1, 1, 1]
 * new Ones({ dtype: 'bfloat16' }).apply([2]).data; // Uint16Array [16256, 16256] (0x3f80, the bits of 1)
 * ```
 */
export class Ones extends Initializer {
  static override readonly className: string = 'Ones';
  readonly dtype: DType;

  /** @throws InitTypeError for an unknown dtype. */
  constructor(options?: OnesOptions) {
    super();
    const read = readOptions(this.className, options, ['dtype']);
    this.dtype = assertDType(this.className, read.dtype === undefined ? 'float32' : read.dtype);
  }

  getConfig(): { dtype: DType } {
    return { dtype: this.dtype };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    out.fill(encodeValue(this.className, 'value', 1, request.dtype));
  }
}
