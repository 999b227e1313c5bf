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
  InitRangeError,
  InitTypeError,
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
});
