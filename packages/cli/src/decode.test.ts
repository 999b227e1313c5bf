import { describe, expect, test } from 'vitest';
import { bfloat16BitsToNumber, float16BitsToNumber, isInitError } from '@init/random';
import { decode } from './read.js';
import { FormatError } from './safetensors.js';

/** `count` elements of `bytes` each, written little-endian by `write` through a DataView at byte `offset` of a buffer. */
function bytesOf(count: number, bytes: number, offset: number, write: (view: DataView, at: number, i: number) => void) {
  const buffer = new ArrayBuffer(offset + count * bytes);
  const view = new DataView(buffer, offset);
  for (let i = 0; i < count; i++) write(view, i * bytes, i);
  return new Uint8Array(buffer, offset, count * bytes);
}

const HALF_BITS = [0x3c00, 0x8000, 0x7bff, 0x0001];

/** Per dtype: its element size, how to write value i, and the numbers decode must return. */
const CASES: ReadonlyArray<[string, number, (view: DataView, at: number, i: number) => void, number[]]> = [
  [
    'F32',
    4,
    (v, at, i) => v.setFloat32(at, [1.5, -0, 3.4028234663852886e38, Number.NaN][i]!, true),
    [1.5, -0, 3.4028234663852886e38, Number.NaN],
  ],
  [
    'F64',
    8,
    (v, at, i) => v.setFloat64(at, [Math.PI, -1e-310, Number.NEGATIVE_INFINITY][i]!, true),
    [Math.PI, -1e-310, Number.NEGATIVE_INFINITY],
  ],
  ['I32', 4, (v, at, i) => v.setInt32(at, [-2147483648, 0, 2147483647][i]!, true), [-2147483648, 0, 2147483647]],
  ['F16', 2, (v, at, i) => v.setUint16(at, HALF_BITS[i]!, true), HALF_BITS.map(float16BitsToNumber)],
  ['BF16', 2, (v, at, i) => v.setUint16(at, HALF_BITS[i]!, true), HALF_BITS.map(bfloat16BitsToNumber)],
  ['U8', 1, (v, at, i) => v.setUint8(at, 200 + i), [200, 201]],
  ['BOOL', 1, (v, at, i) => v.setUint8(at, i), [0, 1]],
];

describe('decode', () => {
  test.each(CASES)(
    '%s reads the little-endian values written, also from an unaligned slice',
    (dtype, bytes, write, expected) => {
      for (const offset of [0, 3]) {
        expect(Array.from(decode(dtype, bytesOf(expected.length, bytes, offset, write)))).toEqual(expected);
      }
    },
  );

  // Regressions: these returned a shorter array (the trailing bytes dropped) or read 'XX' as bytes.
  test.each([
    ['I32', 5, 'decode: 5 bytes are not a whole number of I32 elements (4 bytes each).'],
    ['F64', 12, 'decode: 12 bytes are not a whole number of F64 elements (8 bytes each).'],
    ['BF16', 3, 'decode: 3 bytes are not a whole number of BF16 elements (2 bytes each).'],
    ['XX', 4, 'decode: dtype must be one of F32, F64, F16, BF16, I32, U8, BOOL. Received: "XX".'],
    ['toString', 4, 'decode: dtype must be one of'],
  ])('%s with %i bytes is a FormatError', (dtype, length, message) => {
    expect(() => decode(dtype, new Uint8Array(length))).toThrow(FormatError);
    expect(() => decode(dtype, new Uint8Array(length))).toThrow(message);
  });

  test('bytes must be a Uint8Array', () => {
    let caught: unknown;
    try {
      decode('F32', new Float32Array(2) as unknown as Uint8Array);
    } catch (error) {
      caught = error;
    }
    expect(isInitError(caught)).toBe(true);
    expect((caught as Error).message).toBe('decode: bytes must be a Uint8Array. Received: a Float32Array of length 2.');
  });
});
