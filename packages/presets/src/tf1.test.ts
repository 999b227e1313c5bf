import * as core from '@init/core';
import { serialize, deserialize } from '@init/core';
import { describe, expect, test } from 'vitest';
import * as tf1 from './index.js';
import { GlorotNormal, GlorotUniform } from './index.js';

describe('TF1 aliases', () => {
  test.each([
    ['zeros_initializer', tf1.zeros_initializer, core.Zeros],
    ['ones_initializer', tf1.ones_initializer, core.Ones],
    ['constant_initializer', tf1.constant_initializer, core.Constant],
    ['random_uniform_initializer', tf1.random_uniform_initializer, core.RandomUniform],
    ['random_normal_initializer', tf1.random_normal_initializer, core.RandomNormal],
    ['truncated_normal_initializer', tf1.truncated_normal_initializer, core.TruncatedNormal],
    ['uniform_unit_scaling_initializer', tf1.uniform_unit_scaling_initializer, core.UniformUnitScaling],
    ['variance_scaling_initializer', tf1.variance_scaling_initializer, core.VarianceScaling],
  ] as const)('%s is the core class itself', (_, alias, cls) => {
    expect(alias).toBe(cls);
  });

  test("have TF1's defaults, not Keras's", () => {
    expect(new tf1.random_uniform_initializer().getConfig()).toMatchObject({ minval: 0, maxval: null }); // null: maxval left to its float default, 1
    expect(new tf1.random_uniform_initializer().maxval).toBe(1);
    expect(new tf1.random_normal_initializer().getConfig()).toMatchObject({ mean: 0, stddev: 1 });
    expect(new tf1.truncated_normal_initializer().getConfig()).toMatchObject({ mean: 0, stddev: 1 });
    expect(new tf1.uniform_unit_scaling_initializer().getConfig()).toMatchObject({ factor: 1 });
    expect(new tf1.variance_scaling_initializer().getConfig()).toMatchObject({
      scale: 1,
      mode: 'fan_in',
      distribution: 'normal',
    });
    expect(new tf1.constant_initializer().apply([2]).data).toEqual(new Float32Array([0, 0]));
  });

  test("behave as TF1's functions did", () => {
    // W = tf.get_variable('W', shape=[3, 3], initializer=tf.constant_initializer([1, 1, 1, 1, -8, 1, 1, 1, 1]))
    const laplacian = new tf1.constant_initializer({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3]);
    expect(Array.from(laplacian.data)).toEqual([1, 1, 1, 1, -8, 1, 1, 1, 1]);
    expect(Array.from(new tf1.zeros_initializer({ dtype: 'bool' }).apply([2]).data)).toEqual([0, 0]);
    expect(Array.from(new tf1.ones_initializer().apply([2]).data)).toEqual([1, 1]);
    // TF1's "larger shape" example: the last value fills the rest.
    expect(Array.from(new tf1.constant_initializer({ value: [0, 1, 2, 3, 4, 5, 6, 7] }).apply([3, 4]).data)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7,
    ]);
  });
});

describe('orthogonal_initializer', () => {
  test("defaults to TF1's SVD algorithm and is an Orthogonal", () => {
    const init = new tf1.orthogonal_initializer({ seed: 4 });
    expect(init).toBeInstanceOf(core.Orthogonal);
    expect(init.method).toBe('svd');
    expect(init.apply([5, 3]).data).toEqual(new core.Orthogonal({ seed: 4, method: 'svd' }).apply([5, 3]).data);
    expect(new tf1.orthogonal_initializer({ method: 'qr', gain: 2 }).method).toBe('qr');
  });

  test('makes orthonormal columns (QᵀQ = I to float64 rounding)', () => {
    const [rows, cols] = [9, 4];
    const q = new tf1.orthogonal_initializer({ seed: 8 }).apply([rows, cols], 'float64').data;
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += (q[r * cols + a] as number) * (q[r * cols + b] as number);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
  });

  test('round-trips through core as Orthogonal with method svd', () => {
    const init = new tf1.orthogonal_initializer({ seed: 2 });
    const serialized = serialize(init);
    expect(serialized).toEqual({
      className: 'Orthogonal',
      config: { gain: 1, method: 'svd', seed: 2, dtype: 'float32' },
    });
    expect(deserialize(serialized).apply([4, 4]).data).toEqual(init.apply([4, 4]).data);
  });

  test('documented example', () => {
    expect(Array.from(new tf1.orthogonal_initializer({ seed: 1 }).apply([2, 2], 'float64').data)).toEqual([
      0.7029429262907743, 0.7112462600096839, -0.7112462600096839, 0.7029429262907743,
    ]);
  });
});

describe('glorot_uniform_initializer / glorot_normal_initializer', () => {
  test("are VarianceScaling with fan_avg and TF1's distributions", () => {
    expect(tf1.glorot_uniform_initializer(3, 'float64').getConfig()).toEqual({
      scale: 1,
      mode: 'fan_avg',
      distribution: 'uniform',
      layout: 'tf',
      seed: 3,
      dtype: 'float64',
      engine: 'counter',
    });
    expect(tf1.glorot_normal_initializer().getConfig()).toEqual({
      scale: 1,
      mode: 'fan_avg',
      distribution: 'normal',
      layout: 'tf',
      seed: null,
      dtype: 'float32',
      engine: 'counter',
    });
  });

  test('glorot_uniform_initializer(seed) gives the values of GlorotUniform({ seed })', () => {
    expect(tf1.glorot_uniform_initializer(42).apply([3, 3, 4, 8]).data).toEqual(
      new GlorotUniform({ seed: 42 }).apply([3, 3, 4, 8]).data,
    );
  });

  test("glorot_normal_initializer is TF1's uncorrected draw: 0.87962566… times Keras's GlorotNormal", () => {
    const seed = tf1.glorot_normal_initializer(42).apply([2, 3], 'float64').data;
    const keras = new GlorotNormal({ seed: 42 }).apply([2, 3], 'float64').data;
    for (const [i, value] of seed.entries()) expect(value / (keras[i] as number)).toBeCloseTo(0.87962566103423978, 14);
  });

  test('refuse int dtypes and bad seeds', () => {
    expect(() => tf1.glorot_uniform_initializer(1, 'int32' as never)).toThrow(/dtype must be a floating-point dtype/);
    expect(() => tf1.glorot_normal_initializer(-1)).toThrow(/seed must be a non-negative safe integer/);
  });
});

describe("TF1's convolution family", () => {
  test('convolutional_delta_orthogonal is DeltaOrthogonal', () => {
    expect(tf1.convolutional_delta_orthogonal).toBe(core.DeltaOrthogonal);
  });

  test.each([
    [tf1.convolutional_orthogonal_1d, 1, [3, 4, 8], [3, 3, 4, 8]],
    [tf1.convolutional_orthogonal_2d, 2, [3, 3, 4, 8], [3, 4, 8]],
    [tf1.convolutional_orthogonal_3d, 3, [2, 2, 2, 4, 8], [2, 2, 4, 8]],
  ] as const)(
    '%o: a ConvolutionOrthogonal of spatial rank %i, refusing other ranks',
    (Alias, spatialRank, good, bad) => {
      const init = new Alias({ seed: 3, gain: 2 });
      expect(init).toBeInstanceOf(core.ConvolutionOrthogonal);
      expect(init.getConfig()).toEqual({ gain: 2, layout: 'tf', spatialRank, seed: 3, dtype: 'float32' });
      expect(init.apply([...good]).data).toEqual(
        new core.ConvolutionOrthogonal({ seed: 3, gain: 2 }).apply([...good]).data,
      );
      expect(() => init.apply([...bad])).toThrow(
        `ConvolutionOrthogonal: shape must have rank ${spatialRank + 2} for spatialRank ${spatialRank}`,
      );
      // It serializes as the core class, so it deserializes without @init/presets.
      expect(deserialize(serialize(init)).apply([...good]).data).toEqual(init.apply([...good]).data);
    },
  );
});
