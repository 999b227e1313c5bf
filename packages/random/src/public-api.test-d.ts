// Type tests of @init/random's public API (Vitest typecheck mode: `expectTypeOf` and
// `@ts-expect-error` are checked by the compiler, not run).
import { describe, expectTypeOf, test } from 'vitest';
import {
  type FillDType,
  type FloatArray,
  fillNormal,
  fillNormalTfjs,
  fillTruncatedNormal,
  fillUniform,
  fillUniformInt,
  fillUniformTfjs,
  foldIn,
  type InitRangeError,
  type InitTypeError,
  isInitError,
  isKey,
  type Key,
  keyFromSeed,
  keyFromString,
  keyToString,
  type Seed,
  setGlobalSeed,
  split,
  type TruncatedNormalOptions,
  type UniformOptions,
} from './index.js';

describe('keys', () => {
  test('seeds are numbers, bigints or strings; keys are opaque', () => {
    expectTypeOf<Seed>().toEqualTypeOf<number | bigint | string>();
    expectTypeOf(keyFromSeed).parameter(0).toEqualTypeOf<Seed>();
    expectTypeOf(keyFromSeed(1)).toEqualTypeOf<Key>();
    expectTypeOf(foldIn(keyFromSeed(1), 'encoder/kernel')).toEqualTypeOf<Key>();
    expectTypeOf(split(keyFromSeed(1), 2)).toEqualTypeOf<Key[]>();
    expectTypeOf(keyToString).returns.toEqualTypeOf<string>();
    expectTypeOf(keyFromString).returns.toEqualTypeOf<Key>();
    // @ts-expect-error a key is not a number
    foldIn(1, 2);
    // @ts-expect-error foldIn takes a number or a string
    foldIn(keyFromSeed(1), 2n);
  });

  test('isKey narrows', () => {
    const value: unknown = keyFromSeed(1);
    if (isKey(value)) expectTypeOf(value).toEqualTypeOf<Key>();
  });

  test('setGlobalSeed takes a seed or null', () => {
    expectTypeOf(setGlobalSeed).parameter(0).toEqualTypeOf<Seed | null>();
  });
});

describe('fills return the array they were given', () => {
  const key = keyFromSeed(1);
  test('per array type', () => {
    expectTypeOf(fillUniform(new Float32Array(2), key)).toEqualTypeOf<Float32Array<ArrayBuffer>>();
    expectTypeOf(fillUniform(new Float64Array(2), key)).toEqualTypeOf<Float64Array<ArrayBuffer>>();
    expectTypeOf(fillNormal(new Uint16Array(2), key, { dtype: 'bfloat16' })).toEqualTypeOf<Uint16Array<ArrayBuffer>>();
    expectTypeOf(fillTruncatedNormal(new Float32Array(2), key, { stddev: 0.02 })).toEqualTypeOf<
      Float32Array<ArrayBuffer>
    >();
    expectTypeOf(fillUniformInt(new Int32Array(2), key, { low: 0, high: 6 })).toEqualTypeOf<Int32Array<ArrayBuffer>>();
    expectTypeOf(fillUniformTfjs(new Int32Array(2), 1, {})).toEqualTypeOf<Int32Array<ArrayBuffer>>();
    expectTypeOf(fillNormalTfjs(new Float64Array(2), undefined)).toEqualTypeOf<Float64Array<ArrayBuffer>>();
  });

  test('only float arrays (or raw 16-bit halves) take float fills', () => {
    expectTypeOf<FloatArray>().toEqualTypeOf<Float32Array | Float64Array | Uint16Array>();
    // @ts-expect-error an Int32Array is not a float array
    fillNormal(new Int32Array(2), key);
    // @ts-expect-error fills take a Key, not a seed
    fillUniform(new Float32Array(2), 42);
  });

  test('options', () => {
    expectTypeOf<FillDType>().toEqualTypeOf<'float32' | 'float64' | 'float16' | 'bfloat16'>();
    expectTypeOf<UniformOptions>().toHaveProperty('low');
    expectTypeOf<UniformOptions>().toHaveProperty('offset');
    expectTypeOf<TruncatedNormalOptions>().toHaveProperty('stddev');
    // @ts-expect-error no such option
    fillUniform(new Float32Array(2), key, { min: 0 });
  });
});

describe('errors', () => {
  test('are TypeError and RangeError subclasses with a code', () => {
    expectTypeOf<InitTypeError>().toExtend<TypeError>();
    expectTypeOf<InitRangeError>().toExtend<RangeError>();
    const error: unknown = new Error();
    if (isInitError(error)) expectTypeOf(error).toEqualTypeOf<InitTypeError | InitRangeError>();
  });
});
