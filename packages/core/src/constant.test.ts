import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Constant, DTYPES, InitRangeError, InitTypeError, type DType } from './index.js';
import { expectShardsAreSlices, shapeAndShard } from '../test/support.js';

const seedValue = [0, 1, 2, 3, 4, 5, 6, 7];

describe("Constant: TF1's examples", () => {
  test('fitting shape', () => {
    const tensor = new Constant({ value: seedValue }).apply([2, 4]);
    expect(tensor.shape).toEqual([2, 4]);
    expect(tensor.dtype).toBe('float32');
    expect(tensor.data).toEqual(new Float32Array([0, 1, 2, 3, 4, 5, 6, 7]));
  });

  test('larger shape: the list is continued with its last element', () => {
    expect(new Constant({ value: seedValue }).apply([3, 4]).data).toEqual(
      new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7]),
    );
  });

  test('smaller shape: too many values names both counts', () => {
    const call = (): unknown => new Constant({ value: seedValue }).apply([2, 3]);
    expect(call).toThrow(InitRangeError);
    expect(call).toThrow('Constant: value must have at most 6 elements to fill shape [2, 3]. Received: 8 elements.');
  });

  test('shape verification', () => {
    const init = new Constant({ value: seedValue, verifyShape: true });
    expect(() => init.apply([3, 4])).toThrow(InitTypeError);
    expect(() => init.apply([3, 4])).toThrow(
      'Constant: value must have the shape [3, 4] when verifyShape is true. Received: shape [8].',
    );
    expect(Array.from(init.apply([8]).data)).toEqual(seedValue);
    const nested = new Constant({
      value: [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ],
      verifyShape: true,
    });
    expect(Array.from(nested.apply([2, 4]).data)).toEqual(seedValue);
    expect(() => nested.apply([4, 2])).toThrow('Received: shape [2, 4].');
  });

  test("the Laplacian kernel of TF1's walk-through", () => {
    const kernel = new Constant({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3]);
    expect(Array.from(kernel.data)).toEqual([1, 1, 1, 1, -8, 1, 1, 1, 1]);
  });
});

describe('Constant values', () => {
  test('a scalar fills the whole tensor; the default value is 0', () => {
    expect(Array.from(new Constant({ value: 2.5 }).apply([2, 2]).data)).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(Array.from(new Constant().apply([3]).data)).toEqual([0, 0, 0]);
  });

  test('nested arrays and typed arrays are read in row-major order', () => {
    const nested = new Constant({
      value: [
        [[1], [2]],
        [[3], [4]],
      ],
    });
    expect(nested.valueShape).toEqual([2, 2, 1]);
    expect(Array.from(nested.apply([2, 3]).data)).toEqual([1, 2, 3, 4, 4, 4]);
    const typed = new Constant({ value: new Int32Array([5, 6]) });
    expect(typed.valueShape).toEqual([2]);
    expect(Array.from(typed.apply([3]).data)).toEqual([5, 6, 6]);
  });

  test('the value is copied: changing the caller array later changes nothing', () => {
    const value = [1, 2, 3];
    const init = new Constant({ value });
    value[0] = 100;
    expect(Array.from(init.apply([3]).data)).toEqual([1, 2, 3]);
    expect(init.getConfig()).toEqual({ value: [1, 2, 3], dtype: 'float32', verifyShape: false });
  });

  test.each<{ dtype: DType; value: number | boolean; stored: number; array: string }>([
    { dtype: 'float32', value: -1.5, stored: -1.5, array: 'Float32Array' },
    { dtype: 'float64', value: 0.1, stored: 0.1, array: 'Float64Array' },
    { dtype: 'float16', value: 1, stored: 0x3c00, array: 'Uint16Array' },
    { dtype: 'float16', value: -2, stored: 0xc000, array: 'Uint16Array' },
    { dtype: 'bfloat16', value: 1, stored: 0x3f80, array: 'Uint16Array' },
    { dtype: 'bfloat16', value: -8, stored: 0xc100, array: 'Uint16Array' },
    { dtype: 'int32', value: -7, stored: -7, array: 'Int32Array' },
    { dtype: 'uint8', value: 255, stored: 255, array: 'Uint8Array' },
    { dtype: 'bool', value: true, stored: 1, array: 'Uint8Array' },
    { dtype: 'bool', value: 0, stored: 0, array: 'Uint8Array' },
  ])('dtype $dtype stores $value as $stored', ({ dtype, value, stored, array }) => {
    const tensor = new Constant({ value, dtype }).apply([2]);
    expect(tensor.dtype).toBe(dtype);
    expect(tensor.data.constructor.name).toBe(array);
    expect(Array.from(tensor.data)).toEqual([stored, stored]);
  });

  test.each<{ dtype: DType; value: unknown; message: RegExp }>([
    {
      dtype: 'int32',
      value: 1.5,
      message: /value\[0\] must be an integer in \[-2\^31, 2\^31\) for dtype 'int32'. Received: 1.5./,
    },
    { dtype: 'int32', value: 2 ** 31, message: /for dtype 'int32'/ },
    { dtype: 'uint8', value: -1, message: /value\[0\] must be an integer in \[0, 255\]/ },
    { dtype: 'uint8', value: 256, message: /Received: 256/ },
    { dtype: 'bool', value: 2, message: /must be true, false, 0 or 1/ },
    { dtype: 'float32', value: true, message: /must be a number for dtype 'float32'. Received: true./ },
    { dtype: 'float32', value: Number.NaN, message: /must be a finite number. Received: NaN./ },
    { dtype: 'float64', value: -Infinity, message: /Received: -Infinity/ },
    { dtype: 'float32', value: 1e39, message: /round to a finite float32/ },
    { dtype: 'float16', value: 70000, message: /round to a finite float16/ },
    { dtype: 'bfloat16', value: 3.4e38 * 1.001, message: /round to a finite bfloat16/ },
    { dtype: 'float32', value: 'one', message: /value must be a number, a boolean, an array/ },
    { dtype: 'float32', value: [[1, 2], [3]], message: /rectangular nested array, with 2 elements at depth 1/ },
    { dtype: 'float32', value: [1, [2]], message: /rectangular nested array/ },
    { dtype: 'float32', value: [1, 'x'], message: /at depth 1 it holds "x"/ },
  ])('rejects $value for $dtype', ({ dtype, value, message }) => {
    expect(() => new Constant({ value: value as number, dtype })).toThrow(message);
  });

  test('a value checked against another dtype at apply time', () => {
    const init = new Constant({ value: 1.5 });
    expect(() => init.apply([2], 'int32')).toThrow(/for dtype 'int32'/);
  });

  test('an empty list fills only an empty tensor', () => {
    expect(new Constant({ value: [] }).apply([0, 3]).data).toHaveLength(0);
    expect(() => new Constant({ value: [] }).apply([2])).toThrow('Constant: value must have at least one element');
  });

  test('a cyclic or absurdly deep value is refused, not looped over', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => new Constant({ value: cyclic as never })).toThrow(
      'Constant: value must be nested at most 32 levels deep.',
    );
    let deep: unknown = 1;
    for (let level = 0; level < 20000; level++) deep = [deep];
    expect(() => new Constant({ value: deep as never })).toThrow(InitTypeError);
  });

  test('bad options', () => {
    expect(() => new Constant({ verifyShape: 'yes' as never })).toThrow(
      'Constant: verifyShape must be true or false. Received: "yes".',
    );
    expect(() => new Constant({ dtype: 'float8' as never })).toThrow(
      `Constant: dtype must be one of 'float32', 'float64', 'float16', 'bfloat16', 'int32', 'uint8', 'bool'. Received: "float8".`,
    );
  });
});

describe('Constant with partitionInfo', () => {
  test('each row shard is its slice of the full tensor', () => {
    const init = new Constant({ value: seedValue });
    const full = init.apply([3, 4]);
    const top = init.apply([2, 4], undefined, { fullShape: [3, 4], varOffset: [0, 0] });
    const bottom = init.apply([1, 4], undefined, { fullShape: [3, 4], varOffset: [2, 0] });
    expect(Array.from(top.data)).toEqual(Array.from(full.data.subarray(0, 8)));
    expect(Array.from(bottom.data)).toEqual([7, 7, 7, 7]);
  });

  test('too many values and verifyShape are judged against the full shape', () => {
    const init = new Constant({
      value: [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ],
      verifyShape: true,
    });
    expect(Array.from(init.apply([1, 4], undefined, { fullShape: [2, 4], varOffset: [1, 0] }).data)).toEqual([
      4, 5, 6, 7,
    ]);
    expect(() =>
      new Constant({ value: seedValue }).apply([1, 2], undefined, { fullShape: [2, 3], varOffset: [0, 0] }),
    ).toThrow('at most 6 elements to fill shape [2, 3]');
  });

  test('any shard equals the slice of the full tensor (property)', () => {
    fc.assert(
      fc.property(
        shapeAndShard({ min: 1, max: 5 }, { min: 0, max: 4 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(...DTYPES.filter((dtype) => dtype !== 'bool' && dtype !== 'uint8')),
        ({ fullShape, shard }, valueCount, dtype) => {
          const size = fullShape.reduce((a, b) => a * b, 1);
          const value = Array.from({ length: Math.min(valueCount, size) }, (_, i) => i + 1);
          expectShardsAreSlices(new Constant({ value }), fullShape, [shard], dtype);
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
  });
});
