import { describe, expect, test } from 'vitest';
import { DTYPES, Ones, Zeros, type DType } from './index.js';

// The stored element for 1 in each dtype: float16 0x3c00 and bfloat16 0x3f80 are the bit patterns.
const one: Record<DType, number> = {
  float32: 1,
  float64: 1,
  float16: 0x3c00,
  bfloat16: 0x3f80,
  int32: 1,
  uint8: 1,
  bool: 1,
};

describe.each(DTYPES)('dtype %s', (dtype) => {
  test('Zeros gives zeros (false for bool)', () => {
    const tensor = new Zeros().apply([2, 3], dtype);
    expect(tensor.dtype).toBe(dtype);
    expect(Array.from(tensor.data)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('Ones gives ones (true for bool)', () => {
    const tensor = new Ones({ dtype }).apply([4]);
    expect(tensor.dtype).toBe(dtype);
    expect(Array.from(tensor.data)).toEqual([one[dtype], one[dtype], one[dtype], one[dtype]]);
  });

  test('fill writes the same values as apply into a caller buffer', () => {
    const expected = new Ones().apply([3, 2], dtype).data;
    const out = new Ones().apply([6], dtype).data.slice().fill(0);
    expect(new Ones().fill(out, [3, 2], { dtype })).toBe(out);
    expect(out).toEqual(expected);
  });
});

describe('Zeros and Ones', () => {
  test('a shard equals the slice of the full tensor', () => {
    const shard = new Ones().apply([2, 2], 'int32', { fullShape: [4, 4], varOffset: [1, 2] });
    expect(Array.from(shard.data)).toEqual([1, 1, 1, 1]);
  });

  test('configs', () => {
    expect(new Zeros().getConfig()).toEqual({ dtype: 'float32' });
    expect(new Ones({ dtype: 'bool' }).getConfig()).toEqual({ dtype: 'bool' });
    expect(Zeros.className).toBe('Zeros');
    expect(new Ones().className).toBe('Ones');
  });

  test('an unknown dtype lists the valid ones', () => {
    expect(() => new Zeros({ dtype: 'int64' as never })).toThrow(
      /dtype must be one of 'float32', .*'bool'. Received: "int64"./,
    );
    expect(() => new Ones().apply([2], 'complex64' as never)).toThrow(/Ones: dtype must be one of/);
  });
});
