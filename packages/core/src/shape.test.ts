import { describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError, MAX_ELEMENTS, Zeros } from './index.js';

describe('shape validation', () => {
  test.each([
    { shape: [-1], received: '-1' },
    { shape: [2, 1.5], received: '1.5' },
    { shape: [Number.NaN], received: 'NaN' },
    { shape: [Infinity], received: 'Infinity' },
    { shape: [2 ** 53], received: String(2 ** 53) },
    { shape: ['3'], received: '"3"' },
  ])('rejects $shape', ({ shape, received }) => {
    const call = (): unknown => new Zeros().apply(shape as number[]);
    expect(call).toThrow(InitRangeError);
    expect(call).toThrow(`must be a non-negative safe integer. Received: ${received}.`);
    try {
      call();
    } catch (error) {
      expect((error as InitRangeError).code).toBe('ERR_INIT_INVALID_SHAPE');
    }
  });

  test('rejects a shape that is not an array', () => {
    expect(() => new Zeros().apply(3 as never)).toThrow(InitTypeError);
    expect(() => new Zeros().apply(3 as never)).toThrow(
      'Zeros: shape must be an array of non-negative integers. Received: 3.',
    );
  });

  test('a scalar shape has one element and zero-sized shapes have none', () => {
    expect(new Zeros().apply([]).data).toHaveLength(1);
    expect(new Zeros().apply([0, 5]).data).toHaveLength(0);
    expect(new Zeros().apply([2 ** 40, 0]).data).toHaveLength(0);
  });

  test('more elements than a typed array holds is an error that points to partitionInfo', () => {
    const call = (): unknown => new Zeros().apply([2 ** 20, 2 ** 12 + 1]);
    expect(call).toThrow(InitRangeError);
    expect(call).toThrow(/at most 4294967296 elements.*partitionInfo/);
    expect(MAX_ELEMENTS).toBe(2 ** 32);
  });

  test('a shard of a tensor too large for one typed array works', () => {
    const shard = new Zeros().apply([2, 3], 'float32', { fullShape: [2 ** 40, 3], varOffset: [2 ** 39, 0] });
    expect(Array.from(shard.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
