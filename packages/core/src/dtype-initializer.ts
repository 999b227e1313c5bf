import { readOptions } from '@init/random';
import { assertDType, type DType } from './dtype.js';
import { Initializer } from './initializer.js';

/** The options of an initializer that takes nothing but its dtype: {@link Zeros} and {@link Ones}. */
export interface DTypeOnlyOptions {
  /** The default dtype of the tensors it makes. Default `'float32'`. */
  readonly dtype?: DType;
}

/**
 * The base of an initializer whose only option is its dtype, of any kind (bool and ints included),
 * and whose config is `{ dtype }`. The subclass says what it writes.
 */
export abstract class DTypeOnlyInitializer extends Initializer {
  readonly dtype: DType;

  /** @throws InitTypeError for an unknown dtype or option. */
  constructor(options?: DTypeOnlyOptions) {
    super();
    const read = readOptions(this.where, options, ['dtype']);
    this.dtype = assertDType(this.where, read.dtype === undefined ? 'float32' : read.dtype);
  }

  getConfig(): { dtype: DType } {
    return { dtype: this.dtype };
  }
}
