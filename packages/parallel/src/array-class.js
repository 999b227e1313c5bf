// The typed array class that stores each dtype, shared by the calling thread (task.ts,
// parallel.ts) and the worker (worker.js). Plain JavaScript, like worker.js, so that a worker
// thread loads it as it stands from the sources and the build alike; array-class.d.ts types it.

/**
 * The typed array class that stores a dtype's values: float16 and bfloat16 as their 16-bit
 * patterns, bool as 0/1 bytes.
 * @param {import('@init/core').DType} dtype
 */
export function arrayClassOf(dtype) {
  switch (dtype) {
    case 'float32':
      return Float32Array;
    case 'float64':
      return Float64Array;
    case 'float16':
    case 'bfloat16':
      return Uint16Array;
    case 'int32':
      return Int32Array;
    default:
      // 'uint8' and 'bool'
      return Uint8Array;
  }
}
