import type { DType, DTypeArrayMap } from './dtype.js';

/**
 * A dense, row-major (C order) tensor: `data[i]` is the element at flat index `i` of `shape`.
 * float16/bfloat16 data holds raw 16-bit patterns; bool data holds 0 and 1.
 */
export interface Tensor<D extends DType = DType> {
  readonly shape: readonly number[];
  readonly dtype: D;
  readonly data: DTypeArrayMap[D];
}
