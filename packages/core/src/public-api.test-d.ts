// Type tests of @init/core's public API (Vitest typecheck mode: `expectTypeOf` and
// `@ts-expect-error` are checked by the compiler, not run).
import { describe, expectTypeOf, test } from 'vitest';
import {
  type CallerNames,
  Constant,
  computeFans,
  type DType,
  type DeserializeOptions,
  type Dialect,
  deserialize,
  type Fans,
  type FloatDType,
  type Initializer,
  type NameRow,
  nameRow,
  Ones,
  Orthogonal,
  type PartitionInfo,
  RandomNormal,
  RandomUniform,
  type RandomInitializerConfig,
  type SeedConfig,
  type SerializedInitializer,
  serialize,
  type Tensor,
  TruncatedNormal,
  type TypedArray,
  VarianceScaling,
  type VarianceScalingOptions,
  Zeros,
} from './index.js';
import { enableSvd } from './svd-index.js';

describe('apply: the tensor type follows the dtype', () => {
  const init = new RandomNormal({ seed: 1 });
  test('overloads', () => {
    expectTypeOf(init.apply([2, 3])).toEqualTypeOf<Tensor>();
    expectTypeOf(init.apply([2, 3], 'float32').data).toEqualTypeOf<Float32Array>();
    expectTypeOf(init.apply([2, 3], 'float64').data).toEqualTypeOf<Float64Array>();
    expectTypeOf(init.apply([2, 3], 'bfloat16').data).toEqualTypeOf<Uint16Array>();
    expectTypeOf(new Ones().apply([2], 'int32').data).toEqualTypeOf<Int32Array>();
    expectTypeOf(new Zeros().apply([2], 'bool').data).toEqualTypeOf<Uint8Array>();
    expectTypeOf(init.apply([2, 3], 'float16').dtype).toEqualTypeOf<'float16'>();
    const partition: PartitionInfo = { fullShape: [4, 3], varOffset: [2, 0] };
    expectTypeOf(init.apply([2, 3], undefined, partition)).toEqualTypeOf<Tensor>();
    // @ts-expect-error not a dtype
    init.apply([2], 'float8');
    // @ts-expect-error a shape is an array of numbers
    init.apply(3);
  });

  test('Tensor', () => {
    expectTypeOf<Tensor['shape']>().toEqualTypeOf<readonly number[]>();
    expectTypeOf<Tensor<'int32'>['data']>().toEqualTypeOf<Int32Array>();
    expectTypeOf<Tensor['data']>().toEqualTypeOf<TypedArray>();
  });
});

describe('fill returns the buffer it was given', () => {
  test('per array type', () => {
    const init = new VarianceScaling({ seed: 1 });
    expectTypeOf(init.fill(new Float32Array(6), [2, 3])).toEqualTypeOf<Float32Array<ArrayBuffer>>();
    expectTypeOf(init.fill(new Uint16Array(6), [2, 3], { dtype: 'bfloat16' })).toEqualTypeOf<
      Uint16Array<ArrayBuffer>
    >();
    // @ts-expect-error out is a typed array
    init.fill([0, 0], [2]);
  });
});

describe('options', () => {
  test('each class takes its own options, checked', () => {
    expectTypeOf<VarianceScalingOptions['mode']>().toEqualTypeOf<
      'fan_in' | 'fan_out' | 'fan_avg' | 'fan_geo_avg' | undefined
    >();
    expectTypeOf<VarianceScalingOptions['distribution']>().toEqualTypeOf<
      'normal' | 'truncated_normal' | 'untruncated_normal' | 'uniform' | undefined
    >();
    new VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'uniform', seed: 'layer/kernel' });
    new RandomUniform({ minval: 0, maxval: 6, dtype: 'int32' });
    new Constant({
      value: [
        [1, 2],
        [3, 4],
      ],
      verifyShape: true,
    });
    new Orthogonal({ gain: 2, method: 'svd' });
    // '@init/core/svd': what method 'svd' needs before apply.
    expectTypeOf(enableSvd).toEqualTypeOf<() => void>();
    new TruncatedNormal({ stddev: 0.02, seed: 7n });
    // @ts-expect-error Keras's camelCase fan mode is spelled fan_in
    new VarianceScaling({ mode: 'fanIn' });
    // @ts-expect-error random initializers make floats (RandomUniform alone draws int32)
    new RandomNormal({ dtype: 'int32' });
    // @ts-expect-error Orthogonal has no engine option
    new Orthogonal({ engine: 'tfjs' });
    // @ts-expect-error no such option
    new Zeros({ value: 1 });
  });

  test('a function that builds a class for its caller passes CallerNames as the second argument', () => {
    const caller: CallerNames = { name: 'xavierUniform', options: { scale: { name: 'gain', value: 3 } } };
    new VarianceScaling({ scale: 9 }, caller);
    new TruncatedNormal({ lower: -1, upper: 1 }, { name: 'truncNormal' });
    expectTypeOf<CallerNames['options']>().toEqualTypeOf<
      { readonly [option: string]: { readonly name: string; readonly value: unknown } } | undefined
    >();
    // @ts-expect-error the caller's function name is required
    new VarianceScaling({}, { options: {} });
  });
});

describe('configs', () => {
  test('getConfig is typed per class', () => {
    expectTypeOf(new RandomNormal().getConfig()).toEqualTypeOf<
      RandomInitializerConfig & { mean: number; stddev: number }
    >();
    expectTypeOf(new RandomUniform().getConfig().dtype).toEqualTypeOf<FloatDType | 'int32'>();
    expectTypeOf(new Orthogonal().getConfig().dtype).toEqualTypeOf<FloatDType>();
    expectTypeOf(new Orthogonal().getConfig().seed).toEqualTypeOf<SeedConfig>();
    expectTypeOf(new Zeros().getConfig()).toEqualTypeOf<{ dtype: DType }>();
    expectTypeOf<RandomInitializerConfig['dtype']>().toEqualTypeOf<FloatDType>();
  });

  test('serialize and deserialize', () => {
    expectTypeOf(serialize(new Zeros())).toEqualTypeOf<SerializedInitializer>();
    expectTypeOf(deserialize).returns.toEqualTypeOf<Initializer>();
    expectTypeOf(deserialize).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf<DeserializeOptions['dialect']>().toEqualTypeOf<Dialect | undefined>();
    expectTypeOf<Dialect>().toEqualTypeOf<'tf1' | 'keras' | 'tfjs'>();
    deserialize({ className: 'Zeros' }, { dialect: 'tfjs' });
    // @ts-expect-error not a dialect
    deserialize({ className: 'Zeros' }, { dialect: 'pytorch' });
  });
});

describe('the name table', () => {
  test('a row is checked against its class options', () => {
    expectTypeOf(nameRow({ cls: RandomNormal, kerasOptions: { stddev: 0.05 } })).toEqualTypeOf<NameRow>();
    // @ts-expect-error RandomNormal has no minval
    nameRow({ cls: RandomNormal, kerasOptions: { minval: 0 } });
  });
});

describe('computeFans', () => {
  test('layouts and axes', () => {
    expectTypeOf(computeFans([3, 3, 16, 32])).toEqualTypeOf<Fans>();
    expectTypeOf(computeFans([32, 16, 3, 3], 'torch')).toEqualTypeOf<Fans>();
    // @ts-expect-error not a layout
    computeFans([2, 2], 'caffe');
  });
});
