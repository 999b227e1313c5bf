// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/core, one
// named test per finding: each failed before its fix.
import { describe, expect, test } from 'vitest';
import { createTorchGenerator, InitRangeError, RandomUniform } from './index.js';

describe('fuzz findings in @init/core', () => {
  test("RandomUniform with engine 'torch' refuses a float32 width that overflows, instead of writing NaN", () => {
    const init = new RandomUniform({ minval: -3e38, maxval: 3e38, engine: 'torch', seed: 1 });
    expect(() => init.apply([4])).toThrow(InitRangeError);
    expect(() => init.apply([4])).toThrow(
      'RandomUniform: maxval - minval must be within the finite range of float32 (PyTorch computes the width in float32). Received: minval=-3e+38, maxval=3e+38.',
    );
    expect(init.apply([4], 'float64').data.every(Number.isFinite)).toBe(true);
    const generator = createTorchGenerator(0);
    const wide = new RandomUniform({ minval: -3e38, maxval: 3e38, engine: 'torch', generator });
    expect(wide.apply([4], 'float64').data.every(Number.isFinite)).toBe(true);
  });
});
