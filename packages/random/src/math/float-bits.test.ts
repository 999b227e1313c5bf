import { describe, expect, test } from 'vitest';

// The exhaustive loops take a few seconds; more when the machine is shared.
const TIMEOUT = 120_000;
import {
  bfloat16BitsToNumber,
  float16BitsToNumber,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  representableAbove,
  representableBelow,
  roundToFormat,
} from './float-bits.js';

describe('float16', () => {
  test.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [65504, 0x7bff],
    [65519.99, 0x7bff],
    [65520, 0x7c00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [NaN, 0x7e00],
    [2 ** -24, 0x0001],
    [2 ** -25, 0x0000], // a tie between 0 and the smallest subnormal: to even (0)
    [2 ** -25 * 1.0000001, 0x0001],
    [2 ** -14, 0x0400],
    [2 ** -14 - 2 ** -25, 0x0400], // a tie between the largest subnormal and the smallest normal: to even
    [1 + 2 ** -11, 0x3c00], // tie: to even
    [1 + 3 * 2 ** -11, 0x3c02], // tie: to even (up)
    [0.1, 0x2e66],
    [Math.PI, 0x4248],
  ])('float32ToFloat16Bits(%s) = %s', (value, bits) => {
    expect(float32ToFloat16Bits(value)).toBe(bits);
  });

  test(
    'every non-NaN bit pattern round-trips through its value',
    () => {
      for (let bits = 0; bits < 0x10000; bits++) {
        const value = float16BitsToNumber(bits);
        if (Number.isNaN(value)) {
          expect((bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0).toBe(true);
          continue;
        }
        expect(float32ToFloat16Bits(value)).toBe(bits);
      }
    },
    TIMEOUT,
  );

  test(
    'midpoints between neighbours round to the even one, and a hair off them to the nearer one',
    () => {
      for (let bits = 0; bits < 0x7bff; bits++) {
        const low = float16BitsToNumber(bits);
        const high = float16BitsToNumber(bits + 1);
        const middle = (low + high) / 2;
        expect(float32ToFloat16Bits(middle)).toBe(bits % 2 === 0 ? bits : bits + 1);
        const epsilon = (high - low) * 2 ** -20;
        expect(float32ToFloat16Bits(middle - epsilon)).toBe(bits);
        expect(float32ToFloat16Bits(middle + epsilon)).toBe(bits + 1);
        expect(float32ToFloat16Bits(-middle)).toBe(0x8000 | (bits % 2 === 0 ? bits : bits + 1));
      }
    },
    TIMEOUT,
  );
});

describe('bfloat16', () => {
  /** Independent reference for float32 inputs: the usual integer rounding of the float32 bits. */
  function reference(value: number): number {
    const bits = new Uint32Array(Float32Array.of(value).buffer)[0]!;
    return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
  }

  test.each([
    [1, 0x3f80],
    [-1, 0xbf80],
    [0, 0],
    [-0, 0x8000],
    [Math.PI, 0x4049],
    [Infinity, 0x7f80],
    [NaN, 0x7fc0],
    [3.3895313892515355e38, 0x7f7f],
    [3.3961775292304606e38, 0x7f80],
    [2 ** -133, 0x0001],
    [2 ** -126, 0x0080],
  ])('float32ToBfloat16Bits(%s) = %s', (value, bits) => {
    expect(float32ToBfloat16Bits(value)).toBe(bits);
  });

  test(
    'agrees with integer rounding of the float32 bits on 50 000 pseudo-random finite float32 values',
    () => {
      const words = new Uint32Array(1);
      const floats = new Float32Array(words.buffer);
      let state = 12345;
      for (let i = 0; i < 50000; i++) {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        words[0] = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) >>> 0;
        const value = floats[0]!;
        if (!Number.isFinite(value) || Math.abs(value) >= 3.3961775292304606e38) continue;
        expect(float32ToBfloat16Bits(value)).toBe(reference(value));
      }
    },
    TIMEOUT,
  );

  test(
    'every non-NaN bit pattern round-trips',
    () => {
      for (let bits = 0; bits < 0x10000; bits++) {
        const value = bfloat16BitsToNumber(bits);
        if (!Number.isNaN(value)) expect(float32ToBfloat16Bits(value)).toBe(bits);
      }
    },
    TIMEOUT,
  );
});

describe('format neighbours', () => {
  test.each(['float64', 'float32', 'float16', 'bfloat16'] as const)(
    'representableBelow/Above bracket x strictly in %s',
    (format) => {
      for (const x of [0, 1, -1, 0.1, -0.3, 2, 1000.3, 1e-7]) {
        const below = representableBelow(x, format);
        const above = representableAbove(x, format);
        expect(below).toBeLessThan(x);
        expect(above).toBeGreaterThan(x);
        expect(roundToFormat(below, format)).toBe(below);
        expect(roundToFormat(above, format)).toBe(above);
        // Nothing of the format lies strictly between them except x itself.
        const middle = roundToFormat((below + x) / 2, format);
        expect(middle === below || middle >= x).toBe(true);
      }
    },
  );
});
