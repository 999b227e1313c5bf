import type { TypedArray } from './dtype.js';
import { DTypeOnlyInitializer, type DTypeOnlyOptions } from './dtype-initializer.js';
import type { FillRequest } from './initializer.js';
import { encodeValue } from './values.js';

/** Options of {@link Ones}. */
export type OnesOptions = DTypeOnlyOptions;

/**
 * Makes tensors of ones (`true` for bool), in any dtype. TF1's `ones_initializer`.
 *
 * @example
 * ```ts
 * new Ones().apply([2, 2]).data; // Float32Array [1, 1, 1, 1]
 * new Ones({ dtype: 'bfloat16' }).apply([2]).data; // Uint16Array [16256, 16256] (0x3f80, the bits of 1)
 * ```
 */
export class Ones extends DTypeOnlyInitializer {
  static override readonly className: string = 'Ones';

  protected generate(out: TypedArray, request: FillRequest): void {
    out.fill(encodeValue(this.where, 'value', 1, request.dtype));
  }
}
