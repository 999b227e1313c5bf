export { InitRangeError, InitTypeError, argumentMessage, describeValue, isInitError } from './errors.js';
export type { InitErrorCode } from './errors.js';
export { foldIn, isKey, keyFromSeed, keyFromString, keyToString, MAX_SPLIT, split } from './keys.js';
export type { Key, Seed, SplitOptions } from './keys.js';
export { keyFromSeedAt } from './keys.js';
export { freshKey, setGlobalSeed } from './global-seed.js';
export type { FillDType, FloatArray } from './distributions/arguments.js';
export { fillUniform } from './distributions/uniform.js';
export type { UniformOptions } from './distributions/uniform.js';
export { fillNormal, fillTruncatedNormal } from './distributions/normal.js';
export type { NormalOptions, TruncatedNormalOptions } from './distributions/normal.js';
export { fillUniformInt } from './distributions/uniform-int.js';
export type { UniformIntOptions } from './distributions/uniform-int.js';
export { fillNormalTfjs, fillTruncatedNormalTfjs, fillUniformTfjs } from './distributions/tfjs.js';
export type { NormalTfjsOptions, UniformTfjsOptions } from './distributions/tfjs.js';
export {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
} from './math/float-bits.js';
export { capabilities, SAMPLING_WORKSPACE_BYTES, setKernels, withSamplingMemory } from './kernels/wasm-kernels.js';
export type { Capabilities, SharedMemory } from './kernels/wasm-kernels.js';
export { PreparedSampler } from './distributions/prepared.js';
export { prepareUniform } from './distributions/uniform.js';
export type { PrepareUniformOptions } from './distributions/uniform.js';
export { prepareNormal, prepareTruncatedNormal } from './distributions/normal.js';
export type { PrepareNormalOptions, PrepareTruncatedNormalOptions } from './distributions/normal.js';
export { prepareUniformInt } from './distributions/uniform-int.js';
export type { PrepareUniformIntOptions } from './distributions/uniform-int.js';
export { createTorchGenerator, TorchGenerator } from './engines/torch-generator.js';
export type { TorchSeed } from './engines/torch-generator.js';
export { fillNormalTorch, fillUniformTorch } from './distributions/torch.js';
export type { NormalTorchOptions, TorchFloatArray, UniformTorchOptions } from './distributions/torch.js';
export { fillTruncatedNormalTorch, requireUniformTorchFits } from './distributions/torch.js';
export type { TruncatedNormalTorchOptions } from './distributions/torch.js';
export {
  booleanValue,
  finiteNumber,
  isDetached,
  isPlainObject,
  nonNegativeNumber,
  numberError,
  oneOf,
  outputKind,
  positiveNumber,
  quotedList,
  readOptions,
  typedArrayKind,
} from './rules.js';
export type { OptionValues } from './rules.js';
export { closestNames, editDistance } from './edit-distance.js';
export { requireNormalFits, requireTruncatedFits, type TruncatedNames } from './distributions/normal.js';
export type { BoundNames } from './distributions/truncated-normal.js';
export type { NormalSampler } from './distributions/normal.js';
export { requireBoundsFit, requireUniformFits } from './distributions/uniform.js';
export { requireUniformTfjsFits } from './distributions/tfjs.js';
export type { FloatFormat } from './math/float-bits.js';
export { roundToFormat } from './math/float-bits.js';
