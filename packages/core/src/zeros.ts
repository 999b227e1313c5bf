import type { TypedArray } from './dtype.js';
import { DTypeOnlyInitializer, type DTypeOnlyOptions } from './dtype-initializer.js';
import type { FillRequest } from './initializer.js';

/** Options of {@link Zeros}. */
export type ZerosOptions = DTypeOnlyOptions;

/**
 * Makes tensors of zeros (`false` for bool), in any dtype. TF1's `zeros_initializer`.
 *
 * @example
 * ```ts
 * new Zeros().apply([2, 3]).data; // Float32Array [0, 0, 0, 0, 0, 0]
 * new Zeros({ dtype: 'bool' }).apply([2]).data; // Uint8Array [0, 0]
 * ```
 */
export class Zeros extends DTypeOnlyInitializer {
  static override readonly className: string = 'Zeros';

  protected generate(out: TypedArray, _request: FillRequest): void {
    // Zero is the all-zero bit pattern in every dtype, float16 and bfloat16 included.
    out.fill(0);
  }
}
