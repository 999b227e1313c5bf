// Type tests of @init/presets' public API (Vitest typecheck mode: `expectTypeOf` and
// `@ts-expect-error` are checked by the compiler, not run).
import type {
  FloatDType,
  Initializer,
  NameRow,
  Orthogonal,
  RandomInitializerConfig,
  VarianceScaling,
} from '@init/core';
import { describe, expectTypeOf, test } from 'vitest';
import {
  calculateGain,
  GlorotUniform,
  get,
  glorotUniform,
  HeNormal,
  type GetOptions,
  type GlorotUniformOptions,
  type InitializerIdentifier,
  type KaimingOptions,
  type KerasPresetConfig,
  type KerasPresetOptions,
  type LecunNormalOptions,
  kaimingNormal,
  kerasIdentifiers,
  type Nonlinearity,
  nameTable,
  orthogonal_initializer,
  xavierUniform,
} from './index.js';

describe('Keras presets', () => {
  test('classes extend VarianceScaling; factories return the class', () => {
    expectTypeOf<GlorotUniform>().toExtend<VarianceScaling>();
    expectTypeOf(glorotUniform({ seed: 1 })).toEqualTypeOf<GlorotUniform>();
    expectTypeOf(new HeNormal().apply([3, 3], 'float64').data).toEqualTypeOf<Float64Array>();
  });

  test('options and config: seed, dtype, engine only', () => {
    expectTypeOf<KerasPresetOptions['dtype']>().toEqualTypeOf<FloatDType | undefined>();
    expectTypeOf<GlorotUniformOptions>().toEqualTypeOf<KerasPresetOptions>();
    expectTypeOf<LecunNormalOptions>().toEqualTypeOf<KerasPresetOptions>();
    expectTypeOf(new GlorotUniform().getConfig()).toEqualTypeOf<KerasPresetConfig>();
    expectTypeOf<KerasPresetConfig>().toExtend<RandomInitializerConfig>();
    new GlorotUniform({ seed: 42, engine: 'tfjs' });
    // @ts-expect-error the scale is fixed by the class
    new GlorotUniform({ scale: 2 });
    // @ts-expect-error TF1's positional seed is glorot_uniform_initializer's, not glorotUniform's
    glorotUniform(42);
  });
});

describe('get and the name table', () => {
  test('get takes ids, configs and initializers and returns an Initializer', () => {
    expectTypeOf(get).parameter(0).toEqualTypeOf<InitializerIdentifier>();
    expectTypeOf(get('he_normal')).toEqualTypeOf<Initializer>();
    get({ class_name: 'GlorotUniform', config: { seed: 7 } });
    get(new HeNormal());
    get('leCunNormal', { dialect: 'tfjs' });
    expectTypeOf<GetOptions['dialect']>().toEqualTypeOf<'tf1' | 'keras' | 'tfjs' | undefined>();
    // @ts-expect-error not a dialect
    get('he_normal', { dialect: 'torch' });
    // @ts-expect-error a number is not an identifier
    get(42);
  });

  test('the table and its lists', () => {
    expectTypeOf(nameTable()).toEqualTypeOf<readonly NameRow[]>();
    expectTypeOf(kerasIdentifiers()).toEqualTypeOf<string[]>();
  });
});

describe('PyTorch helpers and TF1 aliases', () => {
  test('calculateGain takes PyTorch nonlinearity names', () => {
    expectTypeOf(calculateGain).parameters.toEqualTypeOf<[Nonlinearity, (number | undefined)?]>();
    expectTypeOf(calculateGain('leaky_relu', 0.2)).toEqualTypeOf<number>();
    // @ts-expect-error PyTorch spells it leaky_relu
    calculateGain('leakyRelu');
  });

  test('xavier and kaiming return a VarianceScaling', () => {
    expectTypeOf(xavierUniform({ gain: 2 })).toEqualTypeOf<VarianceScaling>();
    expectTypeOf(kaimingNormal({ mode: 'fan_out', nonlinearity: 'relu' })).toEqualTypeOf<VarianceScaling>();
    expectTypeOf<'fan_in' | 'fan_out'>().toExtend<NonNullable<KaimingOptions['mode']>>();
    // @ts-expect-error PyTorch's kaiming has no fan_avg
    kaimingNormal({ mode: 'fan_avg' });
  });

  test("TF1's orthogonal_initializer makes an Orthogonal", () => {
    expectTypeOf(new orthogonal_initializer()).toExtend<Orthogonal>();
  });
});
