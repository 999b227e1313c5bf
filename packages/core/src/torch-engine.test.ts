import { createTorchGenerator, fillNormalTorch, fillTruncatedNormalTorch, fillUniformTorch } from '@init/random';
import { describe, expect, test } from 'vitest';
import * as core from './index.js';
import { expectThrows } from '../../random/test/errors.js';

describe("engine 'torch'", () => {
  test('RandomUniform and RandomNormal draw what uniform_ and normal_ draw, continuing the generator', () => {
    const generator = createTorchGenerator(0);
    const uniform = new core.RandomUniform({ minval: -2, maxval: 3, engine: 'torch', generator });
    const normal = new core.RandomNormal({ mean: 1, stddev: 0.5, engine: 'torch', generator });
    const results = [
      uniform.apply([4, 5]),
      normal.apply([33]),
      uniform.apply([3], 'float64'),
      normal.apply([2], 'float64'),
    ];
    const replay = createTorchGenerator(0);
    expect(results.map((tensor) => tensor.data)).toEqual([
      fillUniformTorch(new Float32Array(20), replay, { low: -2, high: 3 }),
      fillNormalTorch(new Float32Array(33), replay, { mean: 1, stddev: 0.5 }),
      fillUniformTorch(new Float64Array(3), replay, { low: -2, high: 3 }),
      fillNormalTorch(new Float64Array(2), replay, { mean: 1, stddev: 0.5 }),
    ]);
  });

  test('a numeric seed starts every call from torch.manual_seed(seed): pure, like the other engines', () => {
    const init = new core.RandomNormal({ engine: 'torch', seed: 7 });
    expect(init.apply([40]).data).toEqual(init.apply([40]).data);
    expect(init.apply([40]).data).toEqual(fillNormalTorch(new Float32Array(40), createTorchGenerator(7)));
  });

  test('VarianceScaling: uniform and untruncated normal with PyTorch’s bound', () => {
    const generator = createTorchGenerator(1);
    const init = new core.VarianceScaling({
      scale: 2,
      mode: 'fan_out',
      distribution: 'uniform',
      layout: 'torch',
      engine: 'torch',
      generator,
    });
    // kaiming_uniform_(w, mode='fan_out', nonlinearity='relu') on [6, 4, 3]: fan_out 18.
    const bound = Math.sqrt(3) * (Math.sqrt(2) / Math.sqrt(18));
    expect(init.apply([6, 4, 3]).data).toEqual(
      fillUniformTorch(new Float32Array(72), createTorchGenerator(1), { low: -bound, high: bound }),
    );
  });

  test('TruncatedNormal draws trunc_normal_ with a = mean + lower·std, b = mean + upper·std', () => {
    const init = new core.TruncatedNormal({ mean: 1, stddev: 0.5, lower: -2, upper: 2, engine: 'torch', seed: 4 });
    const expected = fillTruncatedNormalTorch(new Float32Array(50), createTorchGenerator(4), {
      mean: 1,
      stddev: 0.5,
      a: 0,
      b: 2,
    });
    expect(init.apply([5, 10]).data).toEqual(expected);
  });

  test('the config holds the engine and the seed, never the generator', () => {
    const withGenerator = new core.RandomUniform({ engine: 'torch', generator: createTorchGenerator(0) });
    expect(withGenerator.getConfig()).toEqual({
      minval: 0,
      maxval: null,
      seed: null,
      dtype: 'float32',
      engine: 'torch',
    });
    const restored = core.deserialize(core.serialize(withGenerator)) as core.RandomUniform;
    expect(restored.engine).toBe('torch');
    expect(restored.generator).toBeUndefined();
    const seeded = new core.RandomNormal({ engine: 'torch', seed: 3 });
    expect((core.deserialize(core.serialize(seeded)) as core.RandomNormal).apply([20]).data).toEqual(
      seeded.apply([20]).data,
    );
  });

  test.each([
    [
      () =>
        new core.RandomUniform({ engine: 'torch', generator: createTorchGenerator(0) }).apply([4], undefined, {
          fullShape: [8],
          varOffset: [4],
        }),
      core.InitRangeError,
      "RandomUniform: partitionInfo must be absent with engine 'torch'",
    ],
    [
      () => new core.RandomNormal({ engine: 'torch', seed: 1 }).apply([4], 'float16'),
      core.InitTypeError,
      "RandomNormal: dtype must be 'float32' or 'float64' with engine 'torch'",
    ],
    [
      () => new core.RandomUniform({ engine: 'torch', seed: 1, minval: 0, maxval: 4, dtype: 'int32' }),
      core.InitTypeError,
      'RandomUniform: dtype',
    ],
    [
      () => new core.RandomUniform({ generator: createTorchGenerator(0) }),
      core.InitTypeError,
      "RandomUniform: generator must be absent unless engine is 'torch'",
    ],
    [
      () => new core.RandomUniform({ engine: 'torch', seed: 1, generator: createTorchGenerator(0) }),
      core.InitTypeError,
      'RandomUniform: seed must be absent when a generator is given',
    ],
    [
      () => new core.RandomUniform({ engine: 'torch', seed: 'abc' }),
      core.InitTypeError,
      "RandomUniform: seed must be a number (or absent) with engine 'torch'",
    ],
    [
      () => new core.RandomUniform({ engine: 'torch', generator: {} as never }),
      core.InitTypeError,
      'RandomUniform: generator must be a TorchGenerator',
    ],
    [
      () => new core.VarianceScaling({ engine: 'torch', seed: 1 }),
      core.InitTypeError,
      "VarianceScaling: distribution must be 'uniform' or 'untruncated_normal' with engine 'torch'",
    ],
    [
      () => new core.TruncatedNormal({ engine: 'torch', seed: 1, upper: Infinity }),
      core.InitRangeError,
      "TruncatedNormal: lower and upper must be finite, with stddev > 0, with engine 'torch'",
    ],
  ] as const)('refuses %#', expectThrows);
});
