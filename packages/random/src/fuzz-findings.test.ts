// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/random, one
// named test per finding: each failed before its fix.
import { describe, expect, test } from 'vitest';
import {
  bfloat16BitsToNumber,
  createTorchGenerator,
  fillNormalTorch,
  fillTruncatedNormalTorch,
  fillUniformTfjs,
  fillUniformTorch,
  float16BitsToNumber,
  fillNormal,
  fillNormalTfjs,
  fillTruncatedNormal,
  fillTruncatedNormalTfjs,
  InitRangeError,
  InitTypeError,
  keyFromSeed,
  prepareNormal,
  prepareTruncatedNormal,
  prepareUniformInt,
} from './index.js';

function detached(length: number): Float32Array {
  const array = new Float32Array(length);
  structuredClone(array.buffer, { transfer: [array.buffer] });
  return array;
}

describe('fuzz findings in @init/random', () => {
  test("the 'torch' fills refuse a detached out instead of silently writing nothing", () => {
    const generator = createTorchGenerator(0);
    for (const fill of [fillUniformTorch, fillNormalTorch, fillTruncatedNormalTorch]) {
      expect(() => fill(detached(4), generator)).toThrow(InitTypeError);
      expect(() => fill(detached(4), generator)).toThrow(
        `${fill.name}: out must not be detached (its buffer was transferred). Received: a detached Float32Array.`,
      );
    }
  });

  test('fillNormalTorch refuses a stddev whose widest sample overflows float32, never writing -Infinity', () => {
    const out = new Float32Array(12).fill(7);
    expect(() => fillNormalTorch(out, createTorchGenerator(1524796842), { stddev: 1.2460991972436282e38 })).toThrow(
      InitRangeError,
    );
    expect(() => fillNormalTorch(out, createTorchGenerator(1), { stddev: 1.2460991972436282e38 })).toThrow(
      /^fillNormalTorch: stddev must keep mean ± 13\.7\d·stddev \(the widest sample\) within the finite range of float32\./,
    );
    expect(Array.from(out)).toEqual(new Array(12).fill(7));
    // In float64 the same stddev is fine.
    const wide = fillNormalTorch(new Float64Array(12), createTorchGenerator(1), { stddev: 1.2460991972436282e38 });
    expect(wide.every(Number.isFinite)).toBe(true);
  });

  test('fillUniformTorch: bounds near the float64 limit give finite values (fma no longer overflows to NaN)', () => {
    const out = fillUniformTorch(new Float64Array(13), createTorchGenerator(514941968), {
      low: -5e-324,
      high: 1.3393857490036326e300,
    });
    for (const value of out) expect(value >= 0 && value < 1.3393857490036326e300).toBe(true);
  });

  test('fillUniformTorch refuses a float32 width that overflows (PyTorch computes high - low in float32)', () => {
    expect(() => fillUniformTorch(new Float32Array(4), createTorchGenerator(0), { low: -3e38, high: 3e38 })).toThrow(
      'fillUniformTorch: high - low must be within the finite range of float32 (PyTorch computes the width in float32). Received: low=-3e+38, high=3e+38.',
    );
    const wide = fillUniformTorch(new Float64Array(4), createTorchGenerator(0), { low: -3e38, high: 3e38 });
    expect(wide.every(Number.isFinite)).toBe(true);
  });

  test("fillTruncatedNormalTorch names its own a and b, not an internal call's low and high", () => {
    expect(() => fillTruncatedNormalTorch(new Float32Array(4), createTorchGenerator(0), { a: 2 ** 53 + 2 })).toThrow(
      'fillTruncatedNormalTorch: a must be less than b (2). Received: 9007199254740994.',
    );
  });

  test('fillTruncatedNormalTorch refuses truncations its rejection sampler could never finish, instead of hanging', () => {
    const generator = createTorchGenerator(0);
    const out = new Float32Array(8).fill(3);
    // Mass 0 near the mean: the mean 50 standard deviations below a wide interval.
    expect(() => fillTruncatedNormalTorch(out, generator, { mean: -50, stddev: 1, a: 0, b: 1e30 })).toThrow(
      /^fillTruncatedNormalTorch: \[a, b\] must hold enough of the normal's mass/,
    );
    // A point mass outside [a, b].
    expect(() => fillTruncatedNormalTorch(out, generator, { mean: 5, stddev: 0 })).toThrow(InitRangeError);
    expect(Array.from(out)).toEqual(new Array(8).fill(3));
    // A point mass on a bound is the mean (PyTorch's p would be 0/0 and loop).
    expect(Array.from(fillTruncatedNormalTorch(out, generator, { mean: 2, stddev: 0 }))).toEqual(new Array(8).fill(2));
    // A far tail that is reachable still works: mean 0, [40, 41].
    const tail = fillTruncatedNormalTorch(new Float64Array(8), generator, { a: 40, b: 41 });
    for (const value of tail) expect(value >= 40 && value <= 41).toBe(true);
  });

  test('fillUniformTfjs keeps 16-bit values below high: converting a float32 value no longer rounds up to it', () => {
    for (const [dtype, read] of [
      ['bfloat16', bfloat16BitsToNumber],
      ['float16', float16BitsToNumber],
    ] as const) {
      const out = fillUniformTfjs(new Uint16Array(4096), -127, { dtype });
      for (const bits of out) {
        const value = read(bits);
        expect(value >= 0 && value < 1, `${dtype} ${value}`).toBe(true);
      }
    }
    // The float32 values are TensorFlow.js's, unchanged.
    const float32 = fillUniformTfjs(new Float32Array(3), 42);
    expect(Array.from(float32)).toEqual([0.6848635077476501, 0.5463244915008545, 0.8455933332443237]);
  });

  test('fillNormal and prepareNormal with stddev 0 fill the mean exactly, -0 included (as fillTruncatedNormal)', () => {
    // Found at FUZZ_SCALE=10: { mean: -0, stddev: 0, dtype: 'bfloat16' } wrote +0 where z > 0.
    const key = keyFromSeed(0x267c0ec1);
    for (const [dtype, make, read] of [
      ['float32', () => new Float32Array(38), Number],
      ['float64', () => new Float64Array(38), Number],
      ['float16', () => new Uint16Array(38), float16BitsToNumber],
      ['bfloat16', () => new Uint16Array(38), bfloat16BitsToNumber],
    ] as const) {
      const filled = fillNormal(make(), key, { mean: -0, stddev: 0, dtype, offset: 3 });
      const prepared = prepareNormal(key, { mean: -0, stddev: 0, dtype }).fill(make(), 3);
      for (const out of [filled, prepared]) {
        for (const value of out) expect(Object.is(read(value), -0), `${dtype} ${read(value)}`).toBe(true);
      }
      // The truncated normal's rule, which was already this one.
      const truncated = fillTruncatedNormal(make(), key, { mean: -0, stddev: 0, dtype });
      expect(Array.from(filled)).toEqual(Array.from(truncated));
    }
    // Any other mean: the value mean + 0·z had already, rounded once to the format.
    expect(Array.from(fillNormal(new Uint16Array(2), key, { mean: 0.1, stddev: 0, dtype: 'float16' }))).toEqual([
      0x2e66, 0x2e66,
    ]);
    expect(Array.from(fillNormal(new Float32Array(2), key, { mean: 0.1, stddev: 0 }))).toEqual([
      Math.fround(0.1),
      Math.fround(0.1),
    ]);
  });

  test("the 'tfjs' normal fills refuse a mean beyond float32's range whatever out is (TensorFlow.js computes in float32)", () => {
    // Found at FUZZ_SCALE=10: stddev 0, mean -3.4028235677973366e38 (rounds to -Infinity in float32)
    // wrote -Infinity into a Float64Array.
    const mean = -3.4028235677973366e38;
    for (const fill of [fillTruncatedNormalTfjs, fillNormalTfjs]) {
      const out = new Float64Array(3).fill(7);
      expect(() => fill(out, undefined, { mean, stddev: 0 })).toThrow(InitRangeError);
      expect(() => fill(out, 1, { mean, stddev: 0 })).toThrow(
        `${fill.name}: mean must be within the finite range of float32 (TensorFlow.js computes in float32). Received: -3.4028235677973366e+38.`,
      );
      expect(Array.from(out)).toEqual([7, 7, 7]);
      // The largest float32 is a mean TensorFlow.js can hold.
      expect(Array.from(fill(out, 1, { mean: -3.4028234663852886e38, stddev: 0 }))).toEqual(
        new Array(3).fill(-3.4028234663852886e38),
      );
    }
  });

  test('prepareTruncatedNormal names itself, not fillTruncatedNormal, when its bounds do not fit', () => {
    // Found at FUZZ_SCALE=10: { dtype: 'float32', upper: 1.7976931348623157e308 }.
    expect(() => prepareTruncatedNormal(keyFromSeed(1), { dtype: 'float32', upper: 1.7976931348623157e308 })).toThrow(
      /^prepareTruncatedNormal: upper must keep mean \+ upper·stddev within the finite range of float32/,
    );
    expect(() => fillTruncatedNormal(new Float32Array(2), keyFromSeed(1), { upper: 1.7976931348623157e308 })).toThrow(
      /^fillTruncatedNormal: upper must keep mean \+ upper·stddev within the finite range of float32/,
    );
  });

  test('null is refused for lower, upper and prepareUniformInt dtype, not read as the default', () => {
    // Found at FUZZ_SCALE=10: prepareTruncatedNormal accepted { lower: null } as lower -2.
    const key = keyFromSeed(2);
    for (const name of ['lower', 'upper'] as const) {
      expect(() => prepareTruncatedNormal(key, { [name]: null } as never)).toThrow(
        `prepareTruncatedNormal: ${name} must be a number of standard deviations (-Infinity or Infinity for an open side). Received: null.`,
      );
      expect(() => fillTruncatedNormal(new Float32Array(2), key, { [name]: null } as never)).toThrow(InitRangeError);
    }
    expect(() => prepareUniformInt(key, { low: 0, high: 4, dtype: null } as never)).toThrow(
      "prepareUniformInt: dtype must be one of 'int32', 'float32', 'float64'. Received: null.",
    );
  });
});
