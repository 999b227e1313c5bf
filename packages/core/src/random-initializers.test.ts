import { bfloat16BitsToNumber, float16BitsToNumber, keyFromSeed, setGlobalSeed, split } from '@init/random';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import * as core from './index.js';
import { InitRangeError, InitTypeError, type FloatDType, type Initializer } from './index.js';
import { expectShardsAreSlices, shapeAndShard } from '../test/support.js';
import { expectThrows } from '../../random/test/errors.js';

type Factory = (seed?: number | string | bigint | ReturnType<typeof keyFromSeed>) => Initializer;
const factories: Record<string, Factory> = {
  RandomUniform: (seed) => new core.RandomUniform({ minval: -1, maxval: 2, ...(seed === undefined ? {} : { seed }) }),
  RandomNormal: (seed) => new core.RandomNormal({ mean: 0.5, stddev: 2, ...(seed === undefined ? {} : { seed }) }),
  TruncatedNormal: (seed) => new core.TruncatedNormal({ stddev: 0.3, ...(seed === undefined ? {} : { seed }) }),
  'TruncatedNormal (8, 9)': (seed) =>
    new core.TruncatedNormal({ stddev: 0.3, lower: 8, upper: 9, ...(seed === undefined ? {} : { seed }) }),
  'TruncatedNormal (-Infinity, 0.5)': (seed) =>
    new core.TruncatedNormal({ mean: 1, lower: -Infinity, upper: 0.5, ...(seed === undefined ? {} : { seed }) }),
  UniformUnitScaling: (seed) => new core.UniformUnitScaling({ factor: 1.2, ...(seed === undefined ? {} : { seed }) }),
  'VarianceScaling normal': (seed) => new core.VarianceScaling({ scale: 2, ...(seed === undefined ? {} : { seed }) }),
  'VarianceScaling uniform fan_avg': (seed) =>
    new core.VarianceScaling({ mode: 'fan_avg', distribution: 'uniform', ...(seed === undefined ? {} : { seed }) }),
  'VarianceScaling truncated_normal fan_out': (seed) =>
    new core.VarianceScaling({
      mode: 'fan_out',
      distribution: 'truncated_normal',
      ...(seed === undefined ? {} : { seed }),
    }),
  'VarianceScaling untruncated_normal': (seed) =>
    new core.VarianceScaling({ distribution: 'untruncated_normal', ...(seed === undefined ? {} : { seed }) }),
  Orthogonal: (seed) => new core.Orthogonal(seed === undefined ? {} : { seed }),
};

afterEach(() => setGlobalSeed(null));

describe.each(Object.entries(factories))('%s', (_, make) => {
  test('seeded: the same values on every call and from an equal seed', () => {
    const a = make(42).apply([6, 5]);
    expect(make(42).apply([6, 5]).data).toEqual(a.data);
    expect(make(42).apply([6, 5]).data).toEqual(make(42).apply([6, 5]).data);
    expect(make(43).apply([6, 5]).data).not.toEqual(a.data);
  });

  test('seeds may be numbers, bigints, strings or Keys', () => {
    expect(make(7n).apply([4, 4]).data).toEqual(make(keyFromSeed(7n)).apply([4, 4]).data);
    expect(make('encoder/kernel').apply([4, 4]).data).toEqual(make(keyFromSeed('encoder/kernel')).apply([4, 4]).data);
    const [first, second] = split(keyFromSeed(1), 2);
    expect(make(first).apply([4, 4]).data).not.toEqual(make(second).apply([4, 4]).data);
  });

  test('unseeded: fresh values per call, reproducible after setGlobalSeed', () => {
    const init = make();
    expect(init.apply([4, 4]).data).not.toEqual(init.apply([4, 4]).data);
    setGlobalSeed(99);
    const first = [make().apply([4, 4]).data, make().apply([4, 4]).data];
    setGlobalSeed(99);
    const again = [make().apply([4, 4]).data, make().apply([4, 4]).data];
    expect(again).toEqual(first);
    expect(first[0]).not.toEqual(first[1]);
  });

  test('fill writes exactly what apply returns', () => {
    const expected = make(3).apply([5, 7], 'float64').data;
    const out = new Float64Array(35);
    expect(make(3).fill(out, [5, 7])).toBe(out);
    expect(out).toEqual(expected);
  });

  test('any shard equals the slice of the full tensor (property: rows, columns, blocks)', () => {
    const dtypes: FloatDType[] = ['float32', 'float64', 'float16', 'bfloat16'];
    fc.assert(
      fc.property(
        shapeAndShard({ min: 1, max: 6 }, { min: 2, max: 4 }),
        fc.constantFrom(...dtypes),
        ({ fullShape, shard }, dtype) => expectShardsAreSlices(make(2024), fullShape, [shard], dtype),
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  test("refuses int and bool dtypes (TF1's _assert_float_dtype)", () => {
    expect(() => make(1).apply([2, 2], 'bool')).toThrow(InitTypeError);
    expect(() => make(1).apply([2, 2], 'uint8')).toThrow(/must be a floating-point dtype/);
  });
});

test('fans and bounds come from the full shape when sharded', () => {
  // A row shard of a [1000, 10] dense kernel must use fan_in = 1000, not the shard's 10 rows.
  const init = new core.VarianceScaling({ distribution: 'uniform', seed: 1 });
  const shard = init.apply([10, 10], 'float64', { fullShape: [1000, 10], varOffset: [500, 0] });
  const limit = Math.sqrt(3 / 1000);
  expect(Math.max(...Array.from(shard.data, Math.abs))).toBeLessThan(limit);
  expect(Math.max(...Array.from(shard.data, Math.abs))).toBeGreaterThan(limit / 2);
  const unit = new core.UniformUnitScaling({ seed: 1 });
  const unitShard = unit.apply([10, 10], 'float64', { fullShape: [1000, 10], varOffset: [0, 0] });
  expect(Math.max(...Array.from(unitShard.data, Math.abs))).toBeLessThan(Math.sqrt(3 / 1000));
});

test("UniformUnitScaling's layout: in the config when 'torch', and round-trips", async () => {
  const { deserialize, serialize } = await import('./index.js');
  const init = new core.UniformUnitScaling({ layout: 'torch', seed: 2 });
  expect(init.getConfig()).toEqual({ factor: 1, layout: 'torch', seed: 2, dtype: 'float32' });
  expect(new core.UniformUnitScaling().getConfig()).not.toHaveProperty('layout');
  expect(deserialize(serialize(init)).apply([3, 4]).data).toEqual(init.apply([3, 4]).data);
  expect(() => new core.UniformUnitScaling({ layout: 'nchw' as never })).toThrow(
    "UniformUnitScaling: layout must be one of 'tf', 'torch'. Received: \"nchw\".",
  );
});

describe('RandomUniform with int32', () => {
  test('integers in [minval, maxval), each value present', () => {
    const values = Array.from(
      new core.RandomUniform({ minval: -3, maxval: 4, dtype: 'int32', seed: 2 }).apply([1000]).data,
    );
    expect(new Set(values)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
  });

  test('a float initializer asked for int32 at call time works when maxval was given', () => {
    const values = new core.RandomUniform({ minval: 0, maxval: 10, seed: 2 }).apply([50], 'int32').data;
    expect(values).toBeInstanceOf(Int32Array);
    expect(Math.max(...values)).toBeLessThan(10);
  });

  test('int32 needs an explicit integer maxval', () => {
    expect(() => new core.RandomUniform({ dtype: 'int32' })).toThrow(
      "RandomUniform: maxval must be given for dtype 'int32'",
    );
    expect(() => new core.RandomUniform().apply([2], 'int32')).toThrow(/maxval must be given/);
    expect(() => new core.RandomUniform({ maxval: 2.5, dtype: 'int32' })).toThrow(
      "RandomUniform: maxval must be an integer in [-2^31, 2^31] for dtype 'int32'. Received: 2.5.",
    );
  });
});

describe('TruncatedNormal with other bounds', () => {
  test('values lie strictly inside (mean + lower·stddev, mean + upper·stddev), in every float dtype', () => {
    const decoders = {
      float32: (x: number) => x,
      float64: (x: number) => x,
      float16: float16BitsToNumber,
      bfloat16: bfloat16BitsToNumber,
    } as const;
    for (const [dtype, decode] of Object.entries(decoders) as [FloatDType, (x: number) => number][]) {
      const tensor = new core.TruncatedNormal({ mean: 1, stddev: 0.5, lower: -Infinity, upper: -10, seed: 3 }).apply(
        [50, 40],
        dtype,
      );
      expect(Array.from(tensor.data, decode).every((x) => Number.isFinite(x) && x < 1 - 0.5 * 10)).toBe(true);
    }
  });

  test('the bounds go through the config, infinite ones as strings (JSON has no infinities)', () => {
    const init = new core.TruncatedNormal({ stddev: 0.02, lower: 0, upper: Infinity, seed: 5 });
    const config = init.getConfig();
    expect(config).toEqual({
      mean: 0,
      stddev: 0.02,
      lower: 0,
      upper: 'Infinity',
      seed: 5,
      dtype: 'float32',
      engine: 'counter',
    });
    const rebuilt = new core.TruncatedNormal(JSON.parse(JSON.stringify(config)) as never);
    expect([rebuilt.lower, rebuilt.upper]).toEqual([0, Infinity]);
    expect(rebuilt.apply([7, 9]).data).toEqual(init.apply([7, 9]).data);
    expect(new core.TruncatedNormal().getConfig()).toMatchObject({ lower: -2, upper: 2 });
    expect(new core.TruncatedNormal({ lower: '-Infinity', upper: -1 }).lower).toBe(-Infinity);
  });

  test('the default bounds keep the values of the default stream', () => {
    const explicit = new core.TruncatedNormal({ stddev: 0.3, lower: -2, upper: 2, seed: 9 }).apply([33, 17]).data;
    expect(explicit).toEqual(new core.TruncatedNormal({ stddev: 0.3, seed: 9 }).apply([33, 17]).data);
  });

  test.each([
    [
      () => new core.TruncatedNormal({ lower: 2, upper: 1 }),
      InitRangeError,
      'TruncatedNormal: lower must be less than upper (1). Received: 2.',
    ],
    [
      () => new core.TruncatedNormal({ lower: Number.NaN }),
      InitRangeError,
      'TruncatedNormal: lower must be a number of standard deviations',
    ],
    [
      () => new core.TruncatedNormal({ upper: 'inf' as never }),
      InitTypeError,
      'TruncatedNormal: upper must be a number of standard deviations',
    ],
    [
      () => new core.TruncatedNormal({ upper: 3, engine: 'tfjs' }),
      InitTypeError,
      "TruncatedNormal: lower and upper must be -2 and 2 with engine 'tfjs'",
    ],
  ] as const)('%#: %s', expectThrows);
});

describe('option errors', () => {
  test.each([
    [
      () => new core.RandomUniform({ minval: 1, maxval: 1 }),
      InitRangeError,
      'RandomUniform: minval must be less than maxval. Received: minval=1, maxval=1.',
    ],
    [
      () => new core.RandomUniform({ minval: Number.NaN }),
      InitRangeError,
      'RandomUniform: minval must be a finite number. Received: NaN.',
    ],
    [
      () => new core.RandomNormal({ stddev: -1 }),
      InitRangeError,
      'RandomNormal: stddev must be a non-negative finite number. Received: -1.',
    ],
    [
      () => new core.TruncatedNormal({ stddev: Infinity }),
      InitRangeError,
      'TruncatedNormal: stddev must be a non-negative finite number. Received: Infinity.',
    ],
    [
      () => new core.TruncatedNormal({ mean: '0' as never }),
      InitTypeError,
      'TruncatedNormal: mean must be a finite number. Received: "0".',
    ],
    [
      () => new core.VarianceScaling({ scale: -1 }),
      InitRangeError,
      'VarianceScaling: scale must be a positive finite number. Received: -1.',
    ],
    [
      () => new core.VarianceScaling({ scale: 0 }),
      InitRangeError,
      'VarianceScaling: scale must be a positive finite number. Received: 0.',
    ],
    [
      () => new core.VarianceScaling({ mode: 'fanIn' as never }),
      InitTypeError,
      "VarianceScaling: mode must be one of 'fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg' (did you mean 'fan_in'?). Received: \"fanIn\".",
    ],
    [
      () => new core.VarianceScaling({ distribution: 'gaussian' as never }),
      InitTypeError,
      "VarianceScaling: distribution must be one of 'normal', 'truncated_normal', 'untruncated_normal', 'uniform'. Received: \"gaussian\".",
    ],
    [
      () => new core.VarianceScaling({ engine: 'numpy' as never }),
      InitTypeError,
      "VarianceScaling: engine must be one of 'counter', 'tfjs', 'torch'. Received: \"numpy\".",
    ],
    [
      () => new core.VarianceScaling({ engine: 'tfjs', distribution: 'truncated_normal' }),
      InitTypeError,
      "with engine 'tfjs'",
    ],
    [
      () => new core.UniformUnitScaling({ factor: 0 }),
      InitRangeError,
      'UniformUnitScaling: factor must be a positive finite number. Received: 0.',
    ],
    [
      () => new core.RandomNormal({ seed: -1 }),
      InitRangeError,
      'RandomNormal: seed must be a non-negative safe integer, a bigint below 2^64, a string or a Key. Received: -1.',
    ],
    [() => new core.RandomNormal({ seed: 1.5 }), InitRangeError, 'Received: 1.5.'],
    [() => new core.RandomNormal({ seed: Number.NaN }), InitRangeError, 'Received: NaN.'],
    [
      () => new core.RandomNormal({ seed: 2n ** 64n }),
      InitRangeError,
      'RandomNormal: seed must be a non-negative safe integer, a bigint below 2^64, a string or a Key. Received: 18446744073709551616n.',
    ],
    [() => new core.RandomNormal({ seed: {} as never }), InitTypeError, 'Received: an object.'],
    [
      () => new core.RandomNormal({ seed: 'abc', engine: 'tfjs' }),
      InitTypeError,
      "RandomNormal: seed must be a finite number (or absent) with engine 'tfjs'",
    ],
    [
      () => new core.RandomNormal({ dtype: 'int32' as never }),
      InitTypeError,
      "RandomNormal: dtype must be a floating-point dtype ('float32', 'float64', 'float16' or 'bfloat16'). Received: \"int32\".",
    ],
  ] as const)('%#: %s', expectThrows);

  test('stddev 0 gives the mean, without hanging', () => {
    expect(Array.from(new core.TruncatedNormal({ mean: 3, stddev: 0, seed: 1 }).apply([4]).data)).toEqual([3, 3, 3, 3]);
    expect(Array.from(new core.RandomNormal({ mean: -2, stddev: 0, seed: 1 }).apply([2]).data)).toEqual([-2, -2]);
  });

  test('counter-only classes refuse an engine option that slipped past their types', () => {
    expect(() => new core.UniformUnitScaling({ seed: 1, engine: 'tfjs' } as never)).toThrow(
      'UniformUnitScaling: engine must be one of \'counter\'. Received: "tfjs".',
    );
  });

  test('parameters the dtype cannot hold are refused, never turned into infinities', () => {
    expect(() => new core.RandomUniform({ minval: -1e300, maxval: 1e300, seed: 1 }).apply([4])).toThrow(
      /^RandomUniform: minval must be within the finite range of float32/,
    );
    expect(() => new core.RandomUniform({ maxval: 1e5, seed: 1 }).apply([4], 'float16')).toThrow(
      /^RandomUniform: maxval must be within the finite range of float16/,
    );
    expect(() => new core.RandomNormal({ stddev: 1e300, seed: 1 }).apply([4])).toThrow(InitRangeError);
    expect(() => new core.RandomNormal({ mean: 1e39, seed: 1 }).apply([4])).toThrow(
      /mean must be within the finite range of float32/,
    );
    expect(() => new core.VarianceScaling({ scale: 1e80, seed: 1 }).apply([4, 4])).toThrow(InitRangeError);
    expect(new core.RandomNormal({ stddev: 1e300, seed: 1 }).apply([4], 'float64').data.every(Number.isFinite)).toBe(
      true,
    );
  });

  test('the tfjs engine refuses shards', () => {
    const init = new core.RandomNormal({ seed: 1, engine: 'tfjs' });
    expect(() => init.apply([2, 2], 'float32', { fullShape: [4, 2], varOffset: [0, 0] })).toThrow(
      "RandomNormal: partitionInfo must be absent with engine 'tfjs'",
    );
  });
});
