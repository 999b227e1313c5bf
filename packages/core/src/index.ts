export {
  ConvolutionOrthogonal,
  type ConvolutionOrthogonalConfig,
  type ConvolutionOrthogonalOptions,
  type SpatialRank,
} from './convolution-orthogonal.js';
export { DeltaOrthogonal, type DeltaOrthogonalConfig, type DeltaOrthogonalOptions } from './delta-orthogonal.js';
export { STFT, type STFTConfig, type STFTOptions, type STFTScaling, type STFTSide } from './stft.js';
export { WINDOW_NAMES, WINDOWS, type WindowName } from './windows.js';
export {
  Constant,
  MAX_VALUE_RANK,
  type ConstantConfigValue,
  type ConstantOptions,
  type ConstantValue,
} from './constant.js';
export {
  DTYPES,
  isDType,
  isFloatDType,
  type DType,
  type DTypeArrayMap,
  type FloatDType,
  type TypedArray,
} from './dtype.js';
// The error classes and the argument rules every @init package checks its input with are defined
// once, in @init/random (the lowest package that validates input), and re-exported here so that a
// framework depending on core alone catches the errors, and @init/presets and the authors of their
// own initializers write their checks with the same rules and wording.
export {
  argumentMessage,
  booleanValue,
  describeValue,
  finiteNumber,
  InitRangeError,
  InitTypeError,
  isInitError,
  nonNegativeNumber,
  oneOf,
  positiveNumber,
  readOptions,
  type InitErrorCode,
  type OptionValues,
} from '@init/random';
export { closestNames, isPlainObject, typedArrayKind } from '@init/random';
export {
  computeFans,
  LAYOUTS,
  type AxisSpec,
  type FanAxes,
  type FanLayout,
  type FanRule,
  type Fans,
  type KerasFanAxes,
} from './fans.js';
export { DIALECTS, type Dialect } from './dialects.js';
export { Dirac, type DiracOptions } from './dirac.js';
export { Identity, type IdentityOptions } from './identity.js';
export { Initializer, type FillOptions, type FillRequest } from './initializer.js';
export { coreNameRows, findNameRow, nameRow, type NameRow } from './names.js';
export { Ones, type OnesOptions } from './ones.js';
export { Orthogonal, type OrthogonalMatrix, type OrthogonalOptions } from './orthogonal.js';
export type { PartitionInfo } from './partition.js';
export {
  ENGINES,
  RandomInitializer,
  type Engine,
  type RandomInitializerConfig,
  type RandomInitializerOptions,
} from './random-initializer.js';
export { NormalInitializer, type NormalDraws, type NormalOptions } from './normal-initializer.js';
export { RandomNormal, type RandomNormalOptions } from './random-normal.js';
export { RandomUniform, type RandomUniformOptions } from './random-uniform.js';
export {
  deserialize,
  registerInitializer,
  registeredClassNames,
  serialize,
  type ConfigValue,
  type DeserializeOptions,
  type InitializerClass,
  type SerializedInitializer,
} from './registry.js';
export type { InitializerSeed, SeedConfig } from './seed.js';
export { MAX_BYTES, MAX_ELEMENTS, MAX_RANK } from './shape.js';
export { Sparse, type SparseOptions } from './sparse.js';
export type { Tensor } from './tensor.js';
export {
  TruncatedNormal,
  type TruncatedNormalConfig,
  type TruncatedNormalOptions,
  type TruncationBound,
} from './truncated-normal.js';
export { UniformUnitScaling, type UniformUnitScalingOptions } from './uniform-unit-scaling.js';
export {
  DISTRIBUTIONS,
  FAN_AXES_KEYS,
  FAN_MODES,
  TRUNCATED_NORMAL_STDDEV,
  VarianceScaling,
  type Distribution,
  type FanAxesConfig,
  type FanMode,
  type VarianceScalingConfig,
  type VarianceScalingOptions,
} from './variance-scaling.js';
export { Zeros, type ZerosOptions } from './zeros.js';
// PyTorch's generator, for engine 'torch', so that a framework depending on core alone can make one.
export { createTorchGenerator, TorchGenerator, type TorchSeed } from '@init/random';
// Keys, so that presets can derive one seed per parameter (`foldIn(keyFromSeed(seed), name)`).
export { foldIn, isKey, keyFromSeed, type Key } from '@init/random';
export type { CallerNames, CallerOption } from './caller.js';
