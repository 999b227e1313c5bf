// Reading checkpoints back: which files a path names, and a tensor's bytes in slices.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  argumentMessage,
  bfloat16BitsToNumber,
  describeValue,
  float16BitsToNumber,
  InitTypeError,
  typedArrayKind,
} from '@init/random';
import { DTYPE_BYTES, FormatError, readHeader, type Header, type TensorEntry } from './safetensors.js';

/** Bytes read at once when a tensor is streamed. */
export const READ_BYTES = 16 * 2 ** 20;

/**
 * The safetensors files a path names: the file itself; an index file's shards; or in a directory,
 * the index's shards or `model.safetensors`.
 * @throws FormatError when there is nothing to read.
 */
export function checkpointFiles(path: string): string[] {
  if (!existsSync(path)) throw new FormatError(`${path}: no such file or directory.`);
  if (statSync(path).isDirectory()) {
    const index = join(path, 'model.safetensors.index.json');
    if (existsSync(index)) return checkpointFiles(index);
    const single = join(path, 'model.safetensors');
    if (existsSync(single)) return [single];
    throw new FormatError(`${path}: the directory has neither model.safetensors.index.json nor model.safetensors.`);
  }
  if (path.endsWith('.json')) {
    let weightMap: unknown;
    try {
      weightMap = (JSON.parse(readFileSync(path, 'utf8')) as { weight_map?: unknown }).weight_map;
    } catch (error) {
      throw new FormatError(`${path}: not a valid index: ${(error as Error).message}.`);
    }
    if (typeof weightMap !== 'object' || weightMap === null)
      throw new FormatError(`${path}: the index has no weight_map.`);
    return [...new Set(Object.values(weightMap as Record<string, string>))]
      .sort()
      .map((file) => join(dirname(path), file));
  }
  return [path];
}

/** Calls `visit` with the tensor's bytes in order, READ_BYTES at a time (whole elements). */
export function forEachSlice(
  path: string,
  header: Header,
  tensor: TensorEntry,
  visit: (bytes: Uint8Array) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    const element = DTYPE_BYTES[tensor.dtype] as number;
    const sliceBytes = Math.floor(READ_BYTES / element) * element;
    const buffer = Buffer.alloc(Math.min(sliceBytes, tensor.dataOffsets[1] - tensor.dataOffsets[0]));
    for (let position = tensor.dataOffsets[0]; position < tensor.dataOffsets[1]; ) {
      const length = Math.min(buffer.length, tensor.dataOffsets[1] - position);
      const read = readSync(fd, buffer, 0, length, header.dataStart + position);
      if (read !== length) throw new FormatError(`${path}: the file ends inside tensor ${tensor.name}.`);
      visit(buffer.subarray(0, length));
      position += length;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The numbers of a slice of a tensor's bytes (whole elements, little-endian as safetensors stores
 * them): F32, F64 and I32 as views of the bytes, F16 and BF16 decoded from their bits into float64,
 * U8 and BOOL as bytes.
 * @throws FormatError for a dtype other than those, or a byte count that is not a whole number of
 * elements; InitTypeError when `bytes` is not a Uint8Array.
 */
export function decode(dtype: string, bytes: Uint8Array): ArrayLike<number> {
  const element = typeof dtype === 'string' && Object.hasOwn(DTYPE_BYTES, dtype) ? DTYPE_BYTES[dtype] : undefined;
  if (element === undefined) {
    throw new FormatError(
      `decode: dtype must be one of ${Object.keys(DTYPE_BYTES).join(', ')}. Received: ${describeValue(dtype)}.`,
    );
  }
  if (typedArrayKind(bytes) !== 'Uint8Array') {
    throw new InitTypeError(argumentMessage('decode', 'bytes', 'be a Uint8Array', bytes), 'ERR_INIT_INVALID_ARGUMENT');
  }
  if (bytes.byteLength % element !== 0) {
    throw new FormatError(
      `decode: ${bytes.byteLength} bytes are not a whole number of ${dtype} elements (${element} bytes each).`,
    );
  }
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset, byteLength } = aligned;
  switch (dtype) {
    case 'F32':
      return new Float32Array(buffer, byteOffset, byteLength / 4);
    case 'F64':
      return new Float64Array(buffer, byteOffset, byteLength / 8);
    case 'I32':
      return new Int32Array(buffer, byteOffset, byteLength / 4);
    case 'F16':
    case 'BF16': {
      const bits = new Uint16Array(buffer, byteOffset, byteLength / 2);
      const toNumber = dtype === 'F16' ? float16BitsToNumber : bfloat16BitsToNumber;
      const values = new Float64Array(bits.length);
      for (let i = 0; i < bits.length; i++) values[i] = toNumber(bits[i] as number);
      return values;
    }
    default:
      return new Uint8Array(buffer, byteOffset, byteLength);
  }
}

export { readHeader };
