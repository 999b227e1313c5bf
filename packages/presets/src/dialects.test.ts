// get(identifier, { dialect }): each framework's ids and configs with that framework's meaning.
// The statistical checks use fixed seeds and 5 standard errors: a false-alarm rate below 1e-6 each.
import { Constant, InitTypeError, Orthogonal, RandomNormal, VarianceScaling, Zeros } from '@init/core';
import { describe, expect, test } from 'vitest';
import { expectTruncatedStd, TRUNCATED_VARIANCE } from '../../core/test/moments.js';
import { keras3Envelope } from '../../core/test/keras.js';
import { get, GlorotNormal, GlorotUniform, HeNormal, LecunNormal } from './index.js';

describe("get(id, { dialect: 'keras' })", () => {
  test("Keras's ids and class names with Keras's defaults; TensorFlow.js's ids are not Keras's", () => {
    expect(get('he_normal', { dialect: 'keras' })).toBeInstanceOf(HeNormal);
    expect(get('normal', { dialect: 'keras' }).getConfig()).toMatchObject({ stddev: 0.05 });
    expect(get('VarianceScaling', { dialect: 'keras' }).getConfig()).toMatchObject({
      distribution: 'truncated_normal',
    });
    expect(() => get('heNormal', { dialect: 'keras' })).toThrow(/did you mean 'he_normal', 'HeNormal'/);
  });

  test("a Keras 3 config of a preset class, and a Keras id as class name, with Keras's meaning", () => {
    const he = get({ class_name: 'he_normal', config: { seed: 3 } });
    expect(he).toBeInstanceOf(HeNormal);
    expectTruncatedStd(he.apply([512, 256]).data, Math.sqrt(2 / 512));
    const glorot = get(keras3Envelope('GlorotNormal', { seed: 4 }) as never, { dialect: 'keras' });
    expect(glorot).toBeInstanceOf(GlorotNormal);
    expectTruncatedStd(glorot.apply([512, 256]).data, Math.sqrt(2 / (512 + 256)));
  });
});

describe("get(id, { dialect: 'tfjs' })", () => {
  test("TensorFlow.js's ids, its spellings shared with Keras, and its class names, on engine 'tfjs'", () => {
    const lecun = get('leCunNormal', { dialect: 'tfjs' });
    expect(lecun).toBeInstanceOf(LecunNormal);
    expect(lecun.getConfig()).toMatchObject({ engine: 'tfjs' });
    expect(get('LeCunNormal', { dialect: 'tfjs' })).toBeInstanceOf(LecunNormal);
    expect(get('randomNormal', { dialect: 'tfjs' }).getConfig()).toMatchObject({ stddev: 0.05, engine: 'tfjs' });
    expect(get('varianceScaling', { dialect: 'tfjs' }).getConfig()).toMatchObject({
      distribution: 'normal',
      engine: 'tfjs',
    });
    expect(get('zeros', { dialect: 'tfjs' })).toBeInstanceOf(Zeros);
    expect(get('orthogonal', { dialect: 'tfjs' })).toBeInstanceOf(Orthogonal);
    // TensorFlow.js's Constant has no default value: getInitializer('constant') throws there too.
    expect(() => get('constant', { dialect: 'tfjs' })).toThrow(/Constant: value must be given/);
    expect(() => get('he_normal', { dialect: 'tfjs' })).toThrow(/did you mean 'heNormal'/);
  });

  test("a TensorFlow.js getConfig() object: LeCunNormal's uncorrected truncated normal, std 0.88·√(1/fanIn)", () => {
    const lecun = get({ className: 'LeCunNormal', config: { seed: 17 } }, { dialect: 'tfjs' });
    expect(lecun).toBeInstanceOf(LecunNormal);
    expectTruncatedStd(lecun.apply([512, 256]).data, Math.sqrt(TRUNCATED_VARIANCE / 512));
    // TensorFlow.js serializes its glorotNormal as VarianceScaling with camelCase values.
    const glorot = get(
      { className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: 18 } },
      { dialect: 'tfjs' },
    ) as VarianceScaling;
    expect(glorot.getConfig()).toMatchObject({ mode: 'fan_avg', distribution: 'normal', engine: 'tfjs', seed: 18 });
    // The same values as the preset class on engine 'tfjs' with that seed: TensorFlow.js's glorotNormal.
    expect(glorot.apply([6, 5]).data).toEqual(new GlorotNormal({ seed: 18, engine: 'tfjs' }).apply([6, 5]).data);
  });
});

describe("get(id, { dialect: 'tf1' })", () => {
  test("TF1's names with TF1's meaning; class names with TF1's defaults", () => {
    const glorot = get('glorot_normal_initializer', { dialect: 'tf1' });
    expect(glorot).toBeInstanceOf(VarianceScaling);
    expect(glorot.getConfig()).toMatchObject({ mode: 'fan_avg', distribution: 'normal' });
    expect(get('glorot_uniform_initializer', { dialect: 'tf1' }).getConfig()).toMatchObject({
      distribution: 'uniform',
    });
    expect(get('random_normal_initializer', { dialect: 'tf1' }).getConfig()).toMatchObject({ stddev: 1 });
    expect(get('RandomNormal', { dialect: 'tf1' })).toBeInstanceOf(RandomNormal);
    expect(get('orthogonal_initializer', { dialect: 'tf1' }).getConfig()).toMatchObject({ method: 'svd' });
    expect(get('constant_initializer', { dialect: 'tf1' })).toBeInstanceOf(Constant);
    expect(() => get('glorot_normal_initialiser', { dialect: 'tf1' })).toThrow(
      /did you mean 'glorot_normal_initializer'/,
    );
  });

  test('an unknown dialect names dialect with the closest one', () => {
    const call = (): unknown => get('zeros', { dialect: 'kera' as never });
    expect(call).toThrow(InitTypeError);
    expect(call).toThrow(
      "get: dialect must be one of 'tf1', 'keras', 'tfjs' (did you mean 'keras'?). Received: \"kera\".",
    );
    expect(() => get('zeros', { dialct: 'keras' } as never)).toThrow(/did you mean dialect\?/);
    expect(get(new GlorotUniform(), { dialect: 'tfjs' })).toBeInstanceOf(GlorotUniform);
  });
});
