// engine 'tfjs' against TensorFlow.js itself: @tensorflow/tfjs-layers 4.22 on the CPU backend, the
// same seed and explicit arguments, compared bit for bit.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tfjsValues(
  initializer: { apply(shape: number[], dtype?: tf.DataType): tf.Tensor },
  shape: number[],
  dtype?: tf.DataType,
): Float32Array | Int32Array {
  const tensor = initializer.apply(shape, dtype);
  const values = tensor.dataSync() as Float32Array | Int32Array;
  tensor.dispose();
  return values;
}

const shapes = [[7], [16, 8], [3, 3, 4, 5], [2, 3, 4, 5, 6]];

describe.each(shapes)('shape %j', (...shape) => {
  test.each([0, 1, 42, 123456789])('RandomUniform, seed %i', (seed) => {
    const ours = new RandomUniform({ minval: -0.3, maxval: 0.7, seed, engine: 'tfjs' }).apply(shape).data;
    expect(ours).toEqual(tfjsValues(tfl.initializers.randomUniform({ minval: -0.3, maxval: 0.7, seed }), shape));
  });

  test.each([1, 42, 2 ** 31 + 5])('RandomNormal, seed %i', (seed) => {
    const ours = new RandomNormal({ mean: 0.25, stddev: 1.5, seed, engine: 'tfjs' }).apply(shape).data;
    expect(ours).toEqual(tfjsValues(tfl.initializers.randomNormal({ mean: 0.25, stddev: 1.5, seed }), shape));
  });

  test.each([1, 42, 777])('TruncatedNormal, seed %i', (seed) => {
    const ours = new TruncatedNormal({ mean: -1, stddev: 0.5, seed, engine: 'tfjs' }).apply(shape).data;
    expect(ours).toEqual(tfjsValues(tfl.initializers.truncatedNormal({ mean: -1, stddev: 0.5, seed }), shape));
  });

  test.each([
    ['fan_in', 'fanIn', 'normal'],
    ['fan_out', 'fanOut', 'normal'],
    ['fan_avg', 'fanAvg', 'uniform'],
    ['fan_in', 'fanIn', 'uniform'],
  ] as const)('VarianceScaling %s %s', (mode, tfjsMode, distribution) => {
    const seed = 31;
    const ours = new VarianceScaling({ scale: 2, mode, distribution, seed, engine: 'tfjs' }).apply(shape).data;
    expect(ours).toEqual(
      tfjsValues(tfl.initializers.varianceScaling({ scale: 2, mode: tfjsMode, distribution, seed }), shape),
    );
  });
});

test('RandomUniform int32 matches tfjs-layers with dtype int32', () => {
  const ours = new RandomUniform({ minval: 1, maxval: 10, dtype: 'int32', seed: 5, engine: 'tfjs' }).apply([50]).data;
  expect(ours).toEqual(tfjsValues(tfl.initializers.randomUniform({ minval: 1, maxval: 10, seed: 5 }), [50], 'int32'));
});

test("TensorFlow.js's || default turns minval 0 into -0.05; ours keeps 0 (documented in the README)", () => {
  const tfjsZero = tfjsValues(tfl.initializers.randomUniform({ minval: 0, maxval: 1, seed: 8 }), [20]);
  expect(new RandomUniform({ minval: -0.05, maxval: 1, seed: 8, engine: 'tfjs' }).apply([20]).data).toEqual(tfjsZero);
  expect(new RandomUniform({ minval: 0, maxval: 1, seed: 8, engine: 'tfjs' }).apply([20]).data).not.toEqual(tfjsZero);
});
