import { describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError, isInitError } from '../errors.js';
import { keyFromSeed } from '../keys.js';
import { fillNormal, fillTruncatedNormal } from './normal.js';
import { fillUniform } from './uniform.js';
import { fillUniformInt } from './uniform-int.js';

const key = keyFromSeed(1);

describe('bad input gets our errors', () => {
  test.each([
    [
      'low = high',
      () => fillUniform(new Float32Array(2), key, { low: 1, high: 1 }),
      InitRangeError,
      /^fillUniform: low must be less than high \(1\)\. Received: 1\.$/,
    ],
    [
      'low > high',
      () => fillUniform(new Float32Array(2), key, { low: 2, high: 1 }),
      InitRangeError,
      /low must be less than high/,
    ],
    [
      'NaN low',
      () => fillUniform(new Float32Array(2), key, { low: NaN }),
      InitRangeError,
      /^fillUniform: low must be a finite number\. Received: NaN\.$/,
    ],
    [
      'overflowing range',
      () => fillUniform(new Float64Array(2), key, { low: -1e308, high: 1e308 }),
      InitRangeError,
      /high - low must be finite/,
    ],
    [
      'no float32 in [low, high)',
      () => fillUniform(new Float32Array(2), key, { low: 1 + 1e-10, high: 1 + 2e-10 }),
      InitRangeError,
      /leave room for at least one float32 value/,
    ],
    [
      'no float16 in [low, high)',
      () => fillUniform(new Uint16Array(2), key, { low: 70000, high: 80000, dtype: 'float16' }),
      InitRangeError,
      /float16/,
    ],
    [
      'negative stddev',
      () => fillNormal(new Float32Array(2), key, { stddev: -1 }),
      InitRangeError,
      /^fillNormal: stddev must be a non-negative finite number\. Received: -1\.$/,
    ],
    [
      'infinite stddev',
      () => fillTruncatedNormal(new Float32Array(2), key, { stddev: Infinity }),
      InitRangeError,
      /stddev must be a non-negative finite number/,
    ],
    [
      'NaN mean',
      () => fillNormal(new Float32Array(2), key, { mean: NaN }),
      InitRangeError,
      /mean must be a finite number/,
    ],
    [
      'truncation with no representable value inside',
      () => fillTruncatedNormal(new Uint16Array(2), key, { mean: 1000.3, stddev: 0.1, dtype: 'float16' }),
      InitRangeError,
      /leave at least one float16 value strictly between/,
    ],
    [
      'negative offset',
      () => fillUniform(new Float32Array(2), key, { offset: -1 }),
      InitRangeError,
      /^fillUniform: offset must be a non-negative safe integer/,
    ],
    [
      'fractional offset',
      () => fillNormal(new Float32Array(2), key, { offset: 0.5 }),
      InitRangeError,
      /offset must be/,
    ],
    [
      'offset past 2^53',
      () => fillNormal(new Float32Array(2), key, { offset: 2 ** 53 - 1 }),
      InitRangeError,
      /offset \+ out\.length/,
    ],
    [
      'not a key',
      () => fillUniform(new Float32Array(2), 42 as never),
      InitTypeError,
      /^fillUniform: key must be a Key/,
    ],
    [
      'Uint16Array without dtype',
      () => fillUniform(new Uint16Array(2), key),
      InitTypeError,
      /^fillUniform: dtype must be 'float16' or 'bfloat16' when out is a Uint16Array/,
    ],
    [
      'dtype that does not fit the array',
      () => fillNormal(new Float32Array(2), key, { dtype: 'float64' }),
      InitTypeError,
      /dtype must fit out \(a Float32Array/,
    ],
    [
      'float16 on a Float64Array',
      () => fillNormal(new Float64Array(2), key, { dtype: 'float16' }),
      InitTypeError,
      /dtype must fit out/,
    ],
    [
      'unknown dtype',
      () => fillNormal(new Float32Array(2), key, { dtype: 'int8' as never }),
      InitTypeError,
      /dtype must be one of 'float32', 'float64', 'float16', 'bfloat16'/,
    ],
    [
      'wrong array type',
      () => fillNormal(new Int32Array(2) as never, key),
      InitTypeError,
      /out must be a Float32Array, a Float64Array, or a Uint16Array/,
    ],
    ['plain array', () => fillUniform([0, 0] as never, key), InitTypeError, /out must be/],
    [
      'options not an object',
      () => fillUniform(new Float32Array(2), key, 3 as never),
      InitTypeError,
      /options must be a plain object/,
    ],
    [
      'int: fractional low',
      () => fillUniformInt(new Int32Array(2), key, { low: 0.5, high: 3 }),
      InitRangeError,
      /^fillUniformInt: low must be a safe integer\. Received: 0\.5\.$/,
    ],
    [
      'int: low = high',
      () => fillUniformInt(new Int32Array(2), key, { low: 3, high: 3 }),
      InitRangeError,
      /low must be less than high/,
    ],
    [
      'int: beyond Int32',
      () => fillUniformInt(new Int32Array(2), key, { low: 0, high: 2 ** 31 + 1 }),
      InitRangeError,
      /lie within \[-2147483648, 2147483647\] for a Int32Array/,
    ],
    [
      'int: beyond float32 exact integers',
      () => fillUniformInt(new Float32Array(2), key, { low: 0, high: 2 ** 24 + 2 }),
      InitRangeError,
      /Float32Array/,
    ],
    [
      'int: range beyond 2^53 - 1',
      () => fillUniformInt(new Float64Array(2), key, { low: -(2 ** 52), high: 2 ** 52 }),
      InitRangeError,
      /high - low must be at most 2\^53 - 1/,
    ],
    [
      'int: Uint16Array',
      () => fillUniformInt(new Uint16Array(2) as never, key, { low: 0, high: 2 }),
      InitTypeError,
      /out must be an Int32Array, a Float32Array or a Float64Array/,
    ],
  ])('%s', (_name, call, errorClass, message) => {
    expect(call).toThrow(errorClass);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect(isInitError(error)).toBe(true);
    }
  });

  test('offset errors carry ERR_INIT_INVALID_PARTITION, dtype errors ERR_INIT_INVALID_DTYPE', () => {
    const codeOf = (call: () => unknown): string | undefined => {
      try {
        call();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return undefined;
    };
    expect(codeOf(() => fillUniform(new Float32Array(1), key, { offset: -1 }))).toBe('ERR_INIT_INVALID_PARTITION');
    expect(codeOf(() => fillUniform(new Uint16Array(1), key))).toBe('ERR_INIT_INVALID_DTYPE');
    expect(codeOf(() => fillUniform(new Float32Array(1), key, { low: 2, high: 1 }))).toBe('ERR_INIT_INVALID_ARGUMENT');
  });

  test('edge cases that are not errors', () => {
    expect(Array.from(fillTruncatedNormal(new Float32Array(3), key, { mean: 0.25, stddev: 0 }))).toEqual([
      0.25, 0.25, 0.25,
    ]);
    expect(Array.from(fillNormal(new Float64Array(2), key, { mean: -1, stddev: 0 }))).toEqual([-1, -1]);
    // A low that float32 cannot represent: the stored values still satisfy low ≤ x.
    const values = fillUniform(new Float32Array(4096), key, { low: 0.1, high: 0.1000001 });
    expect(values.every((x) => x >= 0.1 && x < 0.1000001)).toBe(true);
    // The uniform never returns high even where rounding would reach it.
    const rounded = fillUniform(new Uint16Array(4096), key, { low: 1, high: 1.001, dtype: 'bfloat16' });
    expect(rounded.every((bits) => bits === 0x3f80)).toBe(true);
  });
});

describe('parameters the output format cannot hold are refused, not turned into infinities', () => {
  test.each([
    [
      'fillNormal float32 mean 1e39',
      () => fillNormal(new Float32Array(4), key, { mean: 1e39 }),
      /fillNormal: mean must be within the finite range of float32/,
    ],
    [
      'fillNormal float16 mean 1e5',
      () => fillNormal(new Uint16Array(4), key, { mean: 1e5, dtype: 'float16' }),
      /mean must be within the finite range of float16/,
    ],
    [
      'fillNormal float32 stddev 1e38',
      () => fillNormal(new Float32Array(4), key, { stddev: 1e38 }),
      /fillNormal: stddev must keep mean ± 13\.71·stddev/,
    ],
    [
      'fillNormal float64 stddev 1e308',
      () => fillNormal(new Float64Array(4), key, { stddev: 1e308 }),
      /within the finite range of float64/,
    ],
    [
      'fillTruncatedNormal float32 stddev 1e39',
      () => fillTruncatedNormal(new Float32Array(4), key, { stddev: 1e39 }),
      /fillTruncatedNormal: stddev must keep mean ± 2·stddev within the finite range of float32/,
    ],
    [
      'fillTruncatedNormal stddev 0, mean 1e39',
      () => fillTruncatedNormal(new Float32Array(4), key, { mean: 1e39, stddev: 0 }),
      /mean must be within the finite range of float32/,
    ],
    [
      'fillUniform float32 ±1e300',
      () => fillUniform(new Float32Array(4), key, { low: -1e300, high: 1e300 }),
      /fillUniform: low must be within the finite range of float32/,
    ],
    [
      'fillUniform float16 [0, 1e5)',
      () => fillUniform(new Uint16Array(4), key, { low: 0, high: 1e5, dtype: 'float16' }),
      /fillUniform: high must be within the finite range of float16/,
    ],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(InitRangeError);
    expect(call).toThrow(message);
  });

  test('the widest normal sample stays finite at the largest allowed stddev', () => {
    const values = fillNormal(new Float32Array(1 << 12), key, { stddev: 2e37 });
    expect(values.every(Number.isFinite)).toBe(true);
  });
});
