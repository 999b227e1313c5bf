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

  describe('CallerNames: errors speak in the words of the function that built the initializer', () => {
    const caller = { name: 'myPreset', options: { scale: { name: 'gain', value: 3.5e38 } } };

    test('an apply-time error names the function and the caller option behind scale, with its value', () => {
      const init = new core.VarianceScaling({ scale: 3.5e38 ** 2, distribution: 'uniform', seed: 1 }, caller);
      expect(() => init.apply([1, 2])).toThrow(core.InitRangeError);
      expect(() => init.apply([1, 2])).toThrow(/^myPreset: gain must give bounds .* Received: 3\.5e\+38\.$/);
      // Without one, the class's own words, as before.
      const plain = new core.VarianceScaling({ scale: 3.5e38 ** 2, distribution: 'uniform', seed: 1 });
      expect(() => plain.apply([1, 2])).toThrow(/^VarianceScaling: scale must give bounds .* Received: 1\.225e\+77\.$/);
    });

    test('options passed through (dtype, shape, seed) are named as written, after the function', () => {
      expect(() => new core.VarianceScaling({ dtype: 'int32' as never }, { name: 'myPreset' })).toThrow(
        /^myPreset: dtype must be a floating-point dtype/,
      );
      expect(() => new core.VarianceScaling({ seed: 1 }, { name: 'myPreset' }).apply([-1])).toThrow(
        /^myPreset: shape\[0\] must be a non-negative safe integer/,
      );
    });

    test("with engine 'torch' a scale whose bound overflows float32 is refused before drawing, in the caller's words", () => {
      const generator = core.createTorchGenerator(0);
      const init = new core.VarianceScaling(
        { scale: 9e76, mode: 'fan_avg', distribution: 'uniform', layout: 'torch', engine: 'torch', generator },
        { name: 'myPreset', options: { scale: { name: 'gain', value: 3e38 } } },
      );
      expect(() => init.apply([2, 2])).toThrow(/^myPreset: gain must give bounds .* Received: 3e\+38\.$/);
      // The generator was not advanced by the refused call.
      expect(generator.random()).toBe(core.createTorchGenerator(0).random());
    });

    test('a malformed caller is refused', () => {
      expect(() => new core.VarianceScaling({}, { name: '' })).toThrow(core.InitTypeError);
      expect(() => new core.VarianceScaling({}, 'x' as never)).toThrow(/^VarianceScaling: caller must be how/);
      expect(() => new core.VarianceScaling({}, { name: 'f', options: { scale: 1 as never } })).toThrow(
        /^VarianceScaling: caller\.options\.scale must be how/,
      );
    });

    test("TruncatedNormal's give-up after 2^20 redraws is said in its own words, not fillTruncatedNormal's", () => {
      const init = new core.TruncatedNormal({ lower: 100, upper: Infinity, seed: 1 });
      expect(() => init.apply([4], 'bfloat16')).toThrow(
        'TruncatedNormal: lower and upper must leave measurable probability on bfloat16 values strictly between the bounds they give (mean 0, stddev 1); an element was redrawn 2^20 times. Received: lower=100, upper=Infinity.',
      );
    });
  });

  test("RandomUniform with engine 'tfjs' refuses bounds bfloat16 holds no value between, in its own words, not fillUniformTfjs's", () => {
    const init = new core.RandomUniform({ minval: 4.4e-323, maxval: 5e-323, seed: 7, engine: 'tfjs' });
    expectThrows(
      () => init.fill(new Uint16Array(6), [3, 2], { dtype: 'bfloat16' }),
      core.InitRangeError,
      'RandomUniform: minval must leave room for at least one bfloat16 value below maxval (5e-323). Received: 4.4e-323.',
    );
  });

  test('ConvolutionOrthogonal names shape when its kernel sides differ (a layout made wrong can do that)', () => {
    const init = new core.ConvolutionOrthogonal({ layout: 'tf', seed: 1 });
    expectThrows(
      () => init.apply([3, 2, 2, 2]),
      core.InitRangeError,
      'ConvolutionOrthogonal: shape must have equal kernel sides, as TF1 requires (k − 1 factors per axis give k taps on every side). Received: [3, 2, 2, 2].',
    );
  });
});
