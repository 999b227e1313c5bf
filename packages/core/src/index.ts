export { Constant, type ConstantConfigValue, type ConstantOptions, type ConstantValue } from './constant.js';
export {
  DTYPES,
  isDType,
  isFloatDType,
  type DType,
  type DTypeArrayMap,
  type FloatDType,
  type TypedArray,
} from './dtype.js';
export { InitRangeError, InitTypeError, isInitError, type InitErrorCode } from './errors.js';
export { computeFans, type FanLayout, type Fans } from './fans.js';
export { Initializer, type FillOptions, type FillRequest } from './initializer.js';
export { Ones, type OnesOptions } from './ones.js';
export type { PartitionInfo } from './partition.js';
export { MAX_ELEMENTS } from './shape.js';
export type { Tensor } from './tensor.js';
export { Zeros, type ZerosOptions } from './zeros.js';
