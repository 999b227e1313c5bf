import { Constant, Ones, Zeros } from '@init/core';
import { describe, expect, test } from 'vitest';
import { constant_initializer, ones_initializer, zeros_initializer } from './index.js';

describe('TF1 aliases', () => {
  test('are the core classes themselves', () => {
    expect(zeros_initializer).toBe(Zeros);
    expect(ones_initializer).toBe(Ones);
    expect(constant_initializer).toBe(Constant);
  });

  test("behave as the seed's functions did", () => {
    // W = tf.get_variable('W', shape=[3, 3], initializer=tf.constant_initializer([1, 1, 1, 1, -8, 1, 1, 1, 1]))
    const laplacian = new constant_initializer({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3]);
    expect(Array.from(laplacian.data)).toEqual([1, 1, 1, 1, -8, 1, 1, 1, 1]);
    expect(Array.from(new zeros_initializer({ dtype: 'bool' }).apply([2]).data)).toEqual([0, 0]);
    expect(Array.from(new ones_initializer().apply([2]).data)).toEqual([1, 1]);
  });
});
