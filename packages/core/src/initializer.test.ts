import { describe, expect, test } from 'vitest';
import { Constant, InitRangeError, InitTypeError, Ones, Zeros } from './index.js';

describe('Initializer.apply', () => {
  test('returns a frozen tensor with its own copy of the shape', () => {
    const shape = [2, 2];
    const tensor = new Ones().apply(shape);
    shape[0] = 5;
    expect(tensor.shape).toEqual([2, 2]);
    expect(Object.isFrozen(tensor)).toBe(true);
    expect(Object.isFrozen(tensor.shape)).toBe(true);
  });
});

describe('Initializer.fill', () => {
  test('infers the dtype from the buffer when the initializer dtype does not fit', () => {
    const out = new Float64Array(3);
    new Constant({ value: 0.1 }).fill(out, [3]);
    expect(Array.from(out)).toEqual([0.1, 0.1, 0.1]);
    const ints = new Int32Array(2);
    new Ones().fill(ints, [2]);
    expect(Array.from(ints)).toEqual([1, 1]);
  });

  test('uses the initializer dtype for an ambiguous buffer that fits it', () => {
    const out = new Uint16Array(1);
    new Ones({ dtype: 'bfloat16' }).fill(out, []);
    expect(out[0]).toBe(0x3f80);
  });

  test('asks for a dtype when a Uint16Array is ambiguous', () => {
    const call = (): unknown => new Ones().fill(new Uint16Array(1), [1]);
    expect(call).toThrow(InitTypeError);
    expect(call).toThrow("Ones: out is a Uint16Array, so options.dtype must say 'float16' or 'bfloat16'.");
  });

  test('rejects options that are not an object', () => {
    expect(() => new Zeros().fill(new Float32Array(2), [2], null as never)).toThrow(
      'Zeros: options must be a plain object such as { dtype: … } or undefined. Received: null.',
    );
  });

  test('rejects a buffer of the wrong length or type', () => {
    expect(() => new Zeros().fill(new Float32Array(5), [2, 3])).toThrow(InitRangeError);
    expect(() => new Zeros().fill(new Float32Array(5), [2, 3])).toThrow(
      'Zeros: out must have 6 elements for shape [2, 3]. Received: 5 elements.',
    );
    expect(() => new Zeros().fill(new Float32Array(2), [2], { dtype: 'int32' })).toThrow(
      "Zeros: out must be a Int32Array for dtype 'int32'. Received: a Float32Array of length 2.",
    );
    expect(() => new Zeros().fill([0, 0] as never, [2])).toThrow(InitTypeError);
  });
});

describe('partitionInfo validation', () => {
  test.each([
    { partition: null, message: 'Zeros: partitionInfo must be an object { fullShape, varOffset }. Received: null.' },
    { partition: { fullShape: [4, 4], varOffset: [0] }, message: "must have the shard's rank 2" },
    { partition: { fullShape: [4], varOffset: [0, 0] }, message: "must have the shard's rank 2" },
    {
      partition: { fullShape: [4, 4], varOffset: [0, -1] },
      message: 'partitionInfo.varOffset[1] must be a non-negative safe integer. Received: -1.',
    },
    { partition: { fullShape: [4, 4], varOffset: [3, 0] }, message: 'on axis 0 it covers [3, 5) of 4' },
    {
      partition: { fullShape: [4, 1.5], varOffset: [0, 0] },
      message: 'partitionInfo.fullShape[1] must be a non-negative safe integer',
    },
    { partition: { fullShape: [4, 4], varOffset: 'x' }, message: 'partitionInfo.varOffset must be an array' },
  ])('rejects $partition', ({ partition, message }) => {
    expect(() => new Zeros().apply([2, 2], 'float32', partition as never)).toThrow(message);
  });

  test('a full shape whose flat indices exceed 2^53 is refused', () => {
    expect(() =>
      new Zeros().apply([1, 1], 'float32', { fullShape: [2 ** 26, 2 ** 26], varOffset: [0, 0] }),
    ).not.toThrow();
    expect(() => new Zeros().apply([1, 1], 'float32', { fullShape: [2 ** 27, 2 ** 27], varOffset: [0, 0] })).toThrow(
      /at most 2\^53 - 1 elements/,
    );
  });
});
