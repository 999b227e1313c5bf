/**
 * Parity with TensorFlow.js 4.22 (tfjs-core with the CPU backend): the 'tfjs' engine must give the
 * same bits as tf.randomUniform / tf.randomNormal / tf.truncatedNormal(...).dataSync().
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError } from '../errors.js';
import { setGlobalSeed } from '../global-seed.js';
import { halfDecoder, halfEncoder } from '../math/float-bits.js';
import { fillNormalTfjs, fillTruncatedNormalTfjs, fillUniformTfjs } from './tfjs.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setGlobalSeed(null));

function tfjsValues(make: () => tf.Tensor): Float32Array | Int32Array {
  const tensor = make();
  const values = tensor.dataSync() as Float32Array | Int32Array;
  tensor.dispose();
  return values;
}

const seeds = [1, 42, 7.5, -3, 123456789, 2 ** 40];

describe('fillUniformTfjs = tf.randomUniform', () => {
  test.each(seeds)('float32 [0, 1), seed %s, 1000 elements', (seed) => {
    expect(fillUniformTfjs(new Float32Array(1000), seed)).toEqual(
      tfjsValues(() => tf.randomUniform([1000], 0, 1, 'float32', seed)),
    );
  });

  test('seed 0 is a real seed for randomUniform (tfjs converts it with toString)', () => {
    expect(fillUniformTfjs(new Float32Array(100), 0)).toEqual(
      tfjsValues(() => tf.randomUniform([100], 0, 1, 'float32', 0)),
    );
  });

  test.each([
    [-0.05, 0.05],
    [-3, 17],
    [1e-3, 2e-3],
  ])('float32 [%s, %s)', (low, high) => {
    expect(fillUniformTfjs(new Float32Array(500), 9, { low, high })).toEqual(
      tfjsValues(() => tf.randomUniform([500], low, high, 'float32', 9)),
    );
  });

  test.each([
    [0, 10],
    [-5, 5],
    [0, 1],
  ])('int32 [%s, %s) truncates like tfjs', (low, high) => {
    expect(fillUniformTfjs(new Int32Array(500), 11, { low, high, dtype: 'int32' })).toEqual(
      tfjsValues(() => tf.randomUniform([500], low, high, 'int32', 11)),
    );
  });

  test('float64 holds the same float32 values; float16/bfloat16 round them', () => {
    const reference = fillUniformTfjs(new Float32Array(300), 5);
    expect(fillUniformTfjs(new Float64Array(300), 5)).toEqual(Float64Array.from(reference));
    for (const dtype of ['float16', 'bfloat16'] as const) {
      expect(fillUniformTfjs(new Uint16Array(300), 5, { dtype })).toEqual(
        Uint16Array.from(reference, halfEncoder(dtype)),
      );
      const values = Array.from(fillUniformTfjs(new Uint16Array(3), 5, { dtype }), halfDecoder(dtype));
      expect(values.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
  });
});

describe('fillNormalTfjs = tf.randomNormal, fillTruncatedNormalTfjs = tf.truncatedNormal', () => {
  test.each(seeds)('normal, seed %s, odd length 1001 (ends on the first of a pair)', (seed) => {
    expect(fillNormalTfjs(new Float32Array(1001), seed)).toEqual(
      tfjsValues(() => tf.randomNormal([1001], 0, 1, 'float32', seed)),
    );
  });

  test.each(seeds)('truncated normal, seed %s', (seed) => {
    expect(fillTruncatedNormalTfjs(new Float32Array(1001), seed)).toEqual(
      tfjsValues(() => tf.truncatedNormal([1001], 0, 1, 'float32', seed)),
    );
  });

  test.each([
    [0, 0.05],
    [3, 2],
    [-1, 0],
  ])('mean %s stddev %s', (mean, stddev) => {
    expect(fillNormalTfjs(new Float32Array(400), 17, { mean, stddev })).toEqual(
      tfjsValues(() => tf.randomNormal([400], mean, stddev, 'float32', 17)),
    );
    expect(fillTruncatedNormalTfjs(new Float32Array(400), 17, { mean, stddev })).toEqual(
      tfjsValues(() => tf.truncatedNormal([400], mean, stddev, 'float32', 17)),
    );
  });

  test('seed 0 and undefined are unseeded (tfjs quirk): reproducible only through setGlobalSeed', () => {
    setGlobalSeed(3);
    const first = fillNormalTfjs(new Float32Array(16), 0);
    setGlobalSeed(3);
    expect(fillNormalTfjs(new Float32Array(16), undefined)).toEqual(first);
    setGlobalSeed(null);
    expect(fillNormalTfjs(new Float32Array(16), 0)).not.toEqual(first);
  });
});

describe('tfjs engine argument checks', () => {
  test('refuses offsets other than 0 with ERR_INIT_INVALID_PARTITION', () => {
    const fills: ((out: Float32Array, seed: number, options: { offset: number }) => Float32Array)[] = [
      fillUniformTfjs,
      fillNormalTfjs,
      fillTruncatedNormalTfjs,
    ];
    for (const fill of fills) {
      expect(() => fill(new Float32Array(4), 1, { offset: 8 })).toThrow(InitRangeError);
      try {
        fill(new Float32Array(4), 1, { offset: 8 });
      } catch (error) {
        expect((error as InitRangeError).code).toBe('ERR_INIT_INVALID_PARTITION');
      }
      expect(fill(new Float32Array(4), 1, { offset: 0 })).toHaveLength(4);
    }
  });

  test('rejects low ≥ high, non-finite seeds, negative stddev, and dtype mismatches', () => {
    expect(() => fillUniformTfjs(new Float32Array(4), 1, { low: 1, high: 1 })).toThrow(
      /^fillUniformTfjs: low must be less than high \(1\)\. Received: 1\.$/,
    );
    expect(() => fillUniformTfjs(new Float32Array(4), NaN)).toThrow(
      /^fillUniformTfjs: seed must be a finite number or undefined\. Received: NaN\.$/,
    );
    expect(() => fillNormalTfjs(new Float32Array(4), 1, { stddev: -1 })).toThrow(InitRangeError);
    expect(() => fillUniformTfjs(new Float32Array(4), 1, { dtype: 'int32' })).toThrow(InitTypeError);
    expect(() => fillUniformTfjs(new Int32Array(4), 1, { dtype: 'float32' })).toThrow(InitTypeError);
    expect(() => fillNormalTfjs(new Uint16Array(4), 1)).toThrow(InitTypeError);
  });
});
