/**
 * The outputs shown in the TSDoc @example blocks, checked, so the documentation cannot drift from
 * the code.
 */
import { describe, expect, test } from 'vitest';
import {
  bfloat16BitsToNumber,
  fillNormal,
  fillNormalTfjs,
  fillTruncatedNormal,
  fillTruncatedNormalTfjs,
  fillUniform,
  fillUniformInt,
  fillUniformTfjs,
  float16BitsToNumber,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  foldIn,
  keyFromSeed,
  keyFromString,
  keyToString,
  split,
} from './index.js';
import { deterministicExp, deterministicLog } from './math/deterministic-math.js';

describe('documented examples', () => {
  const root = keyFromSeed(42);

  test('keys', () => {
    expect(keyToString(keyFromSeed(42))).toBe('key:000000000000002a');
    expect(keyToString(keyFromSeed(2n ** 40n))).toBe('key:0000010000000000');
    expect(keyToString(keyFromSeed('encoder'))).toBe('key:0d9fed2a972d2484');
    expect(keyToString(foldIn(root, 3))).toBe('key:6319c7f8ec92357c');
    expect(keyToString(foldIn(root, 'encoder/layer_3/kernel'))).toBe('key:e55db0cab3bf613c');
    expect(split(root, 2).map(keyToString)).toEqual(['key:fba0d14648c3b7a8', 'key:2b18afd031bc9cdb']);
    expect(keyToString(keyFromSeed(255))).toBe('key:00000000000000ff');
    expect(keyToString(keyFromString('key:000000000000002A'))).toBe('key:000000000000002a');
  });

  test('default-engine fills', () => {
    expect(Array.from(fillUniform(new Float32Array(3), root))).toEqual([
      0.9962380528450012, 0.868065357208252, 0.14790159463882446,
    ]);
    expect(Array.from(fillNormal(new Float32Array(3), root))).toEqual([
      1.1743378639221191, -0.7825480103492737, -0.6067344546318054,
    ]);
    expect(Array.from(fillTruncatedNormal(new Float32Array(3), root))).toEqual([
      1.1743378639221191, -0.7825480103492737, -0.6067344546318054,
    ]);
    expect(Array.from(fillUniformInt(new Int32Array(5), root, { low: 0, high: 10 }))).toEqual([8, 3, 0, 2, 0]);
  });

  test('tfjs-engine fills', () => {
    expect(Array.from(fillUniformTfjs(new Float32Array(3), 42))).toEqual([
      0.6848635077476501, 0.5463244915008545, 0.8455933332443237,
    ]);
    expect(Array.from(fillNormalTfjs(new Float32Array(2), 42))).toEqual([1.9053093194961548, 0.4774465560913086]);
    expect(Array.from(fillTruncatedNormalTfjs(new Float32Array(2), 42))).toEqual([
      1.9053093194961548, 0.4774465560913086,
    ]);
  });

  test('conversions and deterministic math', () => {
    expect(float32ToFloat16Bits(1).toString(16)).toBe('3c00');
    expect(float32ToFloat16Bits(65504).toString(16)).toBe('7bff');
    expect(float32ToFloat16Bits(1 + 2 ** -11).toString(16)).toBe('3c00');
    expect(float16BitsToNumber(0x3c00)).toBe(1);
    expect(float16BitsToNumber(0x0001)).toBe(5.960464477539063e-8);
    expect(float32ToBfloat16Bits(1).toString(16)).toBe('3f80');
    expect(float32ToBfloat16Bits(Math.PI).toString(16)).toBe('4049');
    expect(bfloat16BitsToNumber(0x4049)).toBe(3.140625);
    expect(deterministicLog(Math.E)).toBe(1);
    // One ulp above Math.E (2.718281828459045): the value the documented example shows.
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: deliberately not Math.E.
    expect(deterministicExp(1)).toBe(2.7182818284590455);
  });
});
