// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/core, one
// named test per finding: each failed before its fix.
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { expectThrows } from '../../random/test/errors.js';
import * as core from './index.js';

describe('fuzz findings in @init/core', () => {
  test("RandomUniform with engine 'torch' refuses a float32 width that overflows, instead of writing NaN", () => {
    const init = new core.RandomUniform({ minval: -3e38, maxval: 3e38, engine: 'torch', seed: 1 });
    expectThrows(
      () => init.apply([4]),
      core.InitRangeError,
      'RandomUniform: maxval - minval must be within the finite range of float32 (PyTorch computes the width in float32). Received: minval=-3e+38, maxval=3e+38.',
    );
    expect(init.apply([4], 'float64').data.every(Number.isFinite)).toBe(true);
    const generator = core.createTorchGenerator(0);
    const wide = new core.RandomUniform({ minval: -3e38, maxval: 3e38, engine: 'torch', generator });
    expect(wide.apply([4], 'float64').data.every(Number.isFinite)).toBe(true);
  });

  test('Constant: a scalar value fills an empty shape, as TF fills constant(0, shape=[1, 0, 4])', () => {
    for (const verifyShape of [false, undefined]) {
      const tensor = new core.Constant({ value: 3, ...(verifyShape === undefined ? {} : { verifyShape }) }).apply([
        1, 0, 4,
      ]);
      expect(tensor.shape).toEqual([1, 0, 4]);
      expect(tensor.data).toHaveLength(0);
    }
    // A list still may not hold more elements than the shape.
    expect(() => new core.Constant({ value: [1, 2] }).apply([1, 0, 4])).toThrow(
      'Constant: value must have at most 0 elements to fill shape [1, 0, 4]. Received: 2 elements.',
    );
  });

  test('computeFans reads each axis of an axes object once, and refuses a non-plain object', () => {
    let reads = 0;
    const axes = new Proxy(
      { inAxis: 0 },
      {
        get(target, key, receiver) {
          if (key === 'inAxis') reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    expect(core.computeFans([3, 4], axes)).toEqual({ fanIn: 3, fanOut: 4 });
    expect(reads).toBe(1);
    expectThrows(
      () => core.computeFans([3, 4], new Date(0) as never),
      core.InitTypeError,
      /^computeFans: layoutOrAxes must be an object/,
    );
  });

  test("Sparse refuses a stddev float32 cannot hold with its own name, not fillNormal's", () => {
    const init = new core.Sparse({ sparsity: 0.5, stddev: 2.4824373020197597e37, seed: 1 });
    expect(() => init.apply([3, 4])).toThrow(
      /^Sparse: stddev must keep mean ± 13\.71·stddev \(the widest sample\) within the finite range of float32\./,
    );
    expect(init.apply([3, 4], 'float64').data.every(Number.isFinite)).toBe(true);
  });

  test("Identity.fill into another realm's Float64Array writes float64: a gain of 5e-324 stays 5e-324", () => {
    // This one held before: the finding was the fuzz check's. It took this realm's `instanceof
    // Float64Array` to pick the dtype it expected, so it expected float32 (5e-324 → 0); fill reads
    // the array's kind by its tag and rightly writes float64. Kept so that stays true.
    const out = runInNewContext('new Float64Array(4)') as Float64Array;
    expect(out instanceof Float64Array).toBe(false);
    new core.Identity({ gain: 5e-324 }).fill(out, [2, 2]);
    expect(Array.from(out)).toEqual([5e-324, 0, 0, 5e-324]);
  });
});
