// The error classes are defined once, in @init/random (the lowest package that validates input),
// and re-exported here so a framework that depends on @init/core alone can catch them, and so the
// authors of their own initializers (and @init/presets) can write messages in the same form.
export {
  argumentMessage,
  describeValue,
  InitRangeError,
  InitTypeError,
  isInitError,
  type InitErrorCode,
} from '@init/random';
