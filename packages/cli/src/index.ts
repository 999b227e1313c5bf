export { fnmatch, globToRegExp } from './fnmatch.js';
export { initializerFor, InitializerError, parameterKey } from './initializer-for.js';
export { inspectFile, type TensorStats } from './inspect.js';
export {
  filesOfHost,
  indexJson,
  OptionError,
  parseShard,
  parseSize,
  planFiles,
  type Plan,
  type PlannedFile,
  type PlannedTensor,
} from './layout.js';
export { checkpointFiles, decode, forEachSlice } from './read.js';
export {
  encodeHeader,
  FormatError,
  readHeader,
  SAFETENSORS_DTYPES,
  type Header,
  type TensorEntry,
} from './safetensors.js';
export { parseSeed } from './seed.js';
export { parseSpec, SpecError, type Identifier, type Parameter, type Spec } from './spec.js';
export { verifyCheckpoint, type TensorCheck } from './verify.js';
export {
  SLICE_BYTES,
  WriteError,
  writeCheckpoint,
  type Progress,
  type WriteOptions,
  type WriteResult,
} from './write.js';
