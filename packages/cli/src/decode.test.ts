import { describe, expect, test } from 'vitest';
import { bfloat16BitsToNumber, float16BitsToNumber, isInitError } from '@init/random';
import { decode } from './read.js';
import { FormatError } from './safetensors.js';

/** Little-endian bytes of `values` written through a DataView, so the test does not share decode's views. */
function bytesOf(count: number, write: (view: DataView, i: number) => void, byteSize: number, offset = 0): Uint8Array {
  const buffer = new ArrayBuffer(offset + count * byteSize);
  const view = new DataView(buffer, offset);
  for (let i = 0; i < count; i++) write(view, i);
  return new Uint8Array(buffer, offset, count * byteSize);
}

describe('decode', () => {
  test('each dtype reads the little-endian values written, also from an unaligned slice', () => {
    for (const offset of [0, 3]) {
      const f32 = [1.5, -0, 3.4028234663852886e38, Number.NaN];
      expect(
        Array.from(
          decode(
            'F32',
            bytesOf(4, (v, i) => v.setFloat32(i * 4, f32[i]!, true), 4, offset),
          ),
        ),
      ).toEqual(f32);
      const f64 = [Math.PI, -1e-310, Number.NEGATIVE_INFINITY];
      expect(
        Array.from(
          decode(
            'F64',
            bytesOf(3, (v, i) => v.setFloat64(i * 8, f64[i]!, true), 8, offset),
          ),
        ),
      ).toEqual(f64);
      const i32 = [-2147483648, 0, 2147483647];
      expect(
        Array.from(
          decode(
            'I32',
            bytesOf(3, (v, i) => v.setInt32(i * 4, i32[i]!, true), 4, offset),
          ),
        ),
      ).toEqual(i32);
      const bits = [0x3c00, 0x8000, 0x7bff, 0x0001];
      expect(
        Array.from(
          decode(
            'F16',
            bytesOf(4, (v, i) => v.setUint16(i * 2, bits[i]!, true), 2, offset),
          ),
        ),
      ).toEqual(bits.map(float16BitsToNumber));
      expect(
        Array.from(
          decode(
            'BF16',
            bytesOf(4, (v, i) => v.setUint16(i * 2, bits[i]!, true), 2, offset),
          ),
        ),
      ).toEqual(bits.map(bfloat16BitsToNumber));
      expect(
        Array.from(
          decode(
            'U8',
            bytesOf(2, (v, i) => v.setUint8(i, 200 + i), 1, offset),
          ),
        ),
      ).toEqual([200, 201]);
      expect(
        Array.from(
          decode(
            'BOOL',
            bytesOf(2, (v, i) => v.setUint8(i, i), 1, offset),
          ),
        ),
      ).toEqual([0, 1]);
    }
  });

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
