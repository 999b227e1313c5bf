// The README's table of differences, checked against TensorFlow.js 4.22 itself where it can be
// (Keras 3 and TF1 rows are read from their sources; PyTorch rows are pinned in pytorch.test.ts).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Identity, VarianceScaling } from '@init/core';
import { beforeAll, expect, test } from 'vitest';
import { GlorotUniform } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function values(initializer: { apply(shape: number[]): tf.Tensor }, shape: number[]): Float32Array {
  const tensor = initializer.apply(shape);
  const data = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return data;
}

test("TensorFlow.js's `||` defaults turn an explicit minval 0 into -0.05 and stddev 0 into 0.05", () => {
  const uniform = tfl.initializers.randomUniform({ minval: 0, maxval: 1, seed: 3 });
  expect((uniform.getConfig() as { minval: number }).minval).toBe(-0.05);
  expect(Math.min(...values(uniform, [1000]))).toBeLessThan(0);
  expect((tfl.initializers.randomNormal({ stddev: 0, seed: 3 }).getConfig() as { stddev: number }).stddev).toBe(0.05);
});

test("TensorFlow.js's VarianceScaling accepts distribution 'truncatedNormal' and draws a uniform", () => {
  const truncatedNormal = values(
    tfl.initializers.varianceScaling({ distribution: 'truncatedNormal', seed: 5 }),
    [20, 30],
  );
  const uniform = new VarianceScaling({ distribution: 'uniform', seed: 5, engine: 'tfjs' }).apply([20, 30]).data;
  expect(truncatedNormal).toEqual(uniform);
});

test("TensorFlow.js's fans for rank 1 are √n where TF1 and Keras use n", () => {
  const tfjs = values(tfl.initializers.varianceScaling({ distribution: 'uniform', seed: 8 }), [64]);
  expect(tfjs).toEqual(new VarianceScaling({ distribution: 'uniform', seed: 8, engine: 'tfjs' }).apply([64]).data);
  expect(new VarianceScaling({ engine: 'tfjs' }).variance([64])).toBe(1 / 8);
  expect(new VarianceScaling().variance([64])).toBe(1 / 64);
  // Rank 6: √size in TensorFlow.js, the receptive-field rule in TF1 and Keras.
  expect(new VarianceScaling({ engine: 'tfjs' }).variance([2, 2, 2, 2, 3, 3])).toBeCloseTo(1 / Math.sqrt(144), 15);
  expect(new VarianceScaling().variance([2, 2, 2, 2, 3, 3])).toBe(1 / 48);
});

test("TensorFlow.js's Identity is square-only; core's (as Keras 3's) takes any 2-D shape", () => {
  expect(() => values(tfl.initializers.identity({}), [2, 3])).toThrow(/2D square matrices/);
  expect(Array.from(new Identity().apply([2, 3]).data)).toEqual([1, 0, 0, 0, 1, 0]);
});

test('TensorFlow.js serializes its glorotUniform as VarianceScaling; Keras 3 and this package as GlorotUniform', () => {
  expect(tfl.initializers.glorotUniform({}).getClassName()).toBe('VarianceScaling');
  expect(new GlorotUniform().className).toBe('GlorotUniform');
});
