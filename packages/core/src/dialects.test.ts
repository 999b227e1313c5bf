// Dialects: each framework's saved config loads with that framework's meaning. The statistical
// checks compare a sample standard deviation with the framework's intended one; each uses a fixed
// seed and a tolerance of 5 standard errors, a false-alarm rate below 1e-6 per check.
import { describe, expect, test } from 'vitest';
import { expectTruncatedStd, sampleStd, TRUNCATED_VARIANCE } from '../test/moments.js';
import { KERAS_2_2_4_MODEL, KERAS_3_MODEL, TF_KERAS_MODEL } from './__fixtures__/keras-configs.js';
import * as core from './index.js';

// Keras's correction of the truncated normal: the standard deviation of a standard normal truncated
// to (−2, 2).
const CORRECTION = 0.87962566103423978;

/** The kernel initializer config of each Dense layer of a saved model config. */
function kernelInitializers(model: { readonly config: { readonly layers: readonly unknown[] } }): unknown[] {
  return model.config.layers
    .map((layer) => (layer as { config: { kernel_initializer?: unknown } }).config.kernel_initializer)
    .filter((initializer) => initializer !== undefined);
}

describe('the dialect option', () => {
  test('lists tf1, keras and tfjs', () => {
    expect(core.DIALECTS).toEqual(['tf1', 'keras', 'tfjs']);
  });

  test('an unknown dialect is an InitTypeError naming dialect, with the closest name', () => {
    const call = (): unknown => core.deserialize({ className: 'Zeros' }, { dialect: 'kears' as never });
    expect(call).toThrow(core.InitTypeError);
    expect(call).toThrow(
      `deserialize: dialect must be one of 'tf1', 'keras', 'tfjs' (did you mean 'keras'?). Received: "kears".`,
    );
    expect(() => core.deserialize({ className: 'Zeros' }, { dialect: 'TFJS' as never })).toThrow(/did you mean 'tfjs'/);
    expect(() => core.deserialize({ className: 'Zeros' }, { dialect: 3 as never })).toThrow(
      "deserialize: dialect must be one of 'tf1', 'keras', 'tfjs'. Received: 3.",
    );
  });

  test("default: Keras's envelope { class_name } is read as Keras, { className } as @init's own (tf1)", () => {
    const config = { scale: 2, mode: 'fan_in', distribution: 'normal', seed: 1 };
    const keras = core.deserialize({ class_name: 'VarianceScaling', config }) as core.VarianceScaling;
    const own = core.deserialize({ className: 'VarianceScaling', config }) as core.VarianceScaling;
    expect(keras.distribution).toBe('truncated_normal');
    expect(own.distribution).toBe('normal');
    // Either envelope in any dialect, when named.
    expect(
      (core.deserialize({ class_name: 'VarianceScaling', config }, { dialect: 'tf1' }) as core.VarianceScaling)
        .distribution,
    ).toBe('normal');
    expect(
      (core.deserialize({ className: 'VarianceScaling', config }, { dialect: 'keras' }) as core.VarianceScaling)
        .distribution,
    ).toBe('truncated_normal');
  });

  test('serialize → deserialize round-trips in the default dialect, for every random class', () => {
    for (const init of [
      new core.VarianceScaling({ seed: 3 }),
      new core.RandomNormal({ seed: 3 }),
      new core.RandomUniform({ seed: 3, minval: 0, maxval: 2 }),
      new core.TruncatedNormal({ seed: 3 }),
    ]) {
      const again = core.deserialize(JSON.parse(JSON.stringify(core.serialize(init))));
      expect(again.getConfig()).toEqual(init.getConfig());
    }
  });
});

describe("'keras' (Keras ≥ 2.2.0, tf.keras, Keras 3)", () => {
  test("VarianceScaling 'normal' is the corrected truncated normal; other distributions as written", () => {
    const read = (distribution: string): string =>
      (core.deserialize({ class_name: 'VarianceScaling', config: { distribution } }) as core.VarianceScaling)
        .distribution;
    expect(read('normal')).toBe('truncated_normal');
    expect(read('NORMAL')).toBe('truncated_normal');
    expect(read('truncated_normal')).toBe('truncated_normal');
    expect(read('untruncated_normal')).toBe('untruncated_normal');
    expect(read('Uniform')).toBe('uniform');
  });

  test("Keras's defaults for the keys a config leaves out, and its ids as class names", () => {
    expect(core.deserialize({ class_name: 'RandomNormal', config: {} }).getConfig()).toMatchObject({
      mean: 0,
      stddev: 0.05,
    });
    expect(core.deserialize({ class_name: 'RandomUniform', config: {} }).getConfig()).toMatchObject({
      minval: -0.05,
      maxval: 0.05,
    });
    expect(core.deserialize({ class_name: 'VarianceScaling', config: {} }).getConfig()).toMatchObject({
      distribution: 'truncated_normal',
    });
    expect(core.deserialize({ class_name: 'normal', config: { seed: 2 } })).toBeInstanceOf(core.RandomNormal);
    expect(core.deserialize({ class_name: 'random_uniform', config: {} })).toBeInstanceOf(core.RandomUniform);
    expect(core.deserialize({ class_name: 'zero', config: {} })).toBeInstanceOf(core.Zeros);
    expect(core.deserialize({ class_name: 'orthogonal_initializer', config: { gain: 2 } })).toBeInstanceOf(
      core.Orthogonal,
    );
    expect(core.deserialize({ class_name: 'constant', config: {} }).apply([2]).data).toEqual(new Float32Array([0, 0]));
    // In tf1, Keras's ids are not class names.
    expect(() => core.deserialize({ class_name: 'normal', config: {} }, { dialect: 'tf1' })).toThrow(
      /className must name a registered initializer/,
    );
  });

  test('a Keras 2.2.4 model: He normal saved as VarianceScaling "normal" has std √(2/fanIn) (0.0625, not 0.055)', () => {
    const [he, glorot, normal] = kernelInitializers(KERAS_2_2_4_MODEL);
    const heInit = core.deserialize(he) as core.VarianceScaling;
    expect(heInit.getConfig()).toMatchObject({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal' });
    const kernel = new core.VarianceScaling({ ...heInit.getConfig(), seed: 11 } as never).apply([512, 256]).data;
    expectTruncatedStd(kernel, Math.sqrt(2 / 512));
    // The seed's reading would be 12% low: far outside the tolerance.
    expect(Math.abs(sampleStd(kernel) - Math.sqrt(2 / 512) * Math.sqrt(TRUNCATED_VARIANCE))).toBeGreaterThan(0.005);
    // Glorot uniform: limit √(6 / (fanIn + fanOut)) for the [256, 128] kernel.
    const glorotInit = new core.VarianceScaling({ ...core.deserialize(glorot).getConfig(), seed: 12 } as never);
    const values = glorotInit.apply([256, 128]).data;
    const limit = Math.sqrt(6 / (256 + 128));
    expect(Math.max(...values)).toBeLessThan(limit);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-limit);
    expect(Math.max(...values)).toBeGreaterThan(limit * 0.99);
    expect(core.deserialize(normal).getConfig()).toMatchObject({ mean: 0, stddev: 0.05, seed: null });
  });

  test('a tf.keras model: VarianceScaling "truncated_normal" std √(1/fanIn); Orthogonal kernel orthonormal', () => {
    const layers = kernelInitializers(TF_KERAS_MODEL);
    const lecun = core.deserialize(layers[1]) as core.VarianceScaling;
    expect(lecun.distribution).toBe('truncated_normal');
    expectTruncatedStd(
      new core.VarianceScaling({ ...lecun.getConfig(), seed: 13 } as never).apply([256, 256]).data,
      1 / 16,
    );
    const orthogonal = core.deserialize(layers[2]);
    expect(orthogonal).toBeInstanceOf(core.Orthogonal);
    const q = new core.Orthogonal({ ...(orthogonal.getConfig() as object), seed: 14, dtype: 'float64' } as never).apply(
      [256, 256],
    ).data;
    let dot = 0;
    let norm = 0;
    for (let row = 0; row < 256; row++) {
      dot += q[row * 256]! * q[row * 256 + 1]!;
      norm += q[row * 256]! ** 2;
    }
    expect(Math.abs(dot)).toBeLessThan(1e-12);
    expect(Math.abs(norm - 1)).toBeLessThan(1e-12);
  });

  test('a Keras 3 model: the envelopes with module and registered_name; TruncatedNormal stddev as given', () => {
    const [he, truncated] = kernelInitializers(KERAS_3_MODEL);
    const heInit = core.deserialize(he) as core.VarianceScaling;
    expect(heInit.getConfig()).toMatchObject({ scale: 2, distribution: 'truncated_normal', layout: 'tf' });
    expectTruncatedStd(
      new core.VarianceScaling({ ...heInit.getConfig(), seed: 15 } as never).apply([512, 256]).data,
      0.0625,
    );
    // Keras's TruncatedNormal takes the stddev before truncation (keras.random.truncated_normal),
    // as ours does: std 0.02 · 0.8796.
    const init = core.deserialize(truncated);
    expect(init.getConfig()).toMatchObject({ mean: 0, stddev: 0.02, seed: 1337 });
    expectTruncatedStd(init.apply([512, 256]).data, 0.02 * CORRECTION);
  });
});

describe("'tf1' (TF1's init_ops, TF ≤ 1.9, and @init's own configs)", () => {
  test("'normal' is the uncorrected truncated normal: std ≈ 0.88·√scale", () => {
    const init = core.deserialize(
      {
        class_name: 'VarianceScaling',
        config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: 21, dtype: 'float32' },
      },
      { dialect: 'tf1' },
    );
    expectTruncatedStd(init.apply([512, 256]).data, 0.0625 * CORRECTION);
  });

  test("TF1's defaults: RandomNormal stddev 1, RandomUniform [0, 1)", () => {
    expect(core.deserialize({ className: 'RandomNormal', config: {} }).getConfig()).toMatchObject({ stddev: 1 });
    expect(core.deserialize({ class_name: 'RandomUniform', config: {} }, { dialect: 'tf1' }).getConfig()).toMatchObject(
      {
        minval: 0,
      },
    );
  });
});

describe("'tfjs' (TensorFlow.js getConfig() and model.json)", () => {
  test("camelCase modes, engine 'tfjs', TensorFlow.js's seeds (−5, 2.5)", () => {
    const init = core.deserialize(
      { className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: -5 } },
      { dialect: 'tfjs' },
    );
    expect(init.getConfig()).toMatchObject({ mode: 'fan_avg', distribution: 'normal', engine: 'tfjs', seed: -5 });
    expect(
      core.deserialize({ className: 'RandomNormal', config: { seed: 2.5 } }, { dialect: 'tfjs' }).getConfig(),
    ).toMatchObject({ mean: 0, stddev: 0.05, seed: 2.5, engine: 'tfjs' });
    // model.json spells the values in snake_case; both read.
    expect(
      core
        .deserialize({ class_name: 'VarianceScaling', config: { mode: 'fan_out', seed: null } }, { dialect: 'tfjs' })
        .getConfig(),
    ).toMatchObject({ mode: 'fan_out', distribution: 'normal', engine: 'tfjs' });
  });

  test("TensorFlow.js's quirks: 'truncatedNormal' draws a uniform, an explicit 0 is its default", () => {
    const vs = core.deserialize(
      { className: 'VarianceScaling', config: { distribution: 'truncatedNormal', seed: 3 } },
      { dialect: 'tfjs' },
    );
    expect(vs.getConfig()).toMatchObject({ distribution: 'uniform', engine: 'tfjs' });
    expect(
      core
        .deserialize({ className: 'RandomUniform', config: { minval: 0, maxval: 1 } }, { dialect: 'tfjs' })
        .getConfig(),
    ).toMatchObject({ minval: -0.05, maxval: 1 });
    expect(
      core.deserialize({ className: 'RandomNormal', config: { mean: 1, stddev: 0 } }, { dialect: 'tfjs' }).getConfig(),
    ).toMatchObject({ mean: 1, stddev: 0.05 });
  });

  test('refuses what TensorFlow.js refuses, naming the option', () => {
    expect(() =>
      core.deserialize({ className: 'VarianceScaling', config: { mode: 'fanAvgg' } }, { dialect: 'tfjs' }),
    ).toThrow(
      "VarianceScaling: mode must be one of 'fanIn', 'fanOut', 'fanAvg' (did you mean 'fanAvg'?). Received: \"fanAvgg\".",
    );
    expect(() =>
      core.deserialize(
        { className: 'VarianceScaling', config: { distribution: 'untruncated_normal' } },
        { dialect: 'tfjs' },
      ),
    ).toThrow(/VarianceScaling: distribution must be one of 'normal', 'uniform', 'truncatedNormal'/);
    expect(() => core.deserialize({ className: 'Constant', config: {} }, { dialect: 'tfjs' })).toThrow(
      'Constant: value must be given in a TensorFlow.js config (TensorFlow.js has no default). Received: undefined.',
    );
    expect(core.deserialize({ className: 'Constant', config: { value: 2 } }, { dialect: 'tfjs' })).toBeInstanceOf(
      core.Constant,
    );
  });

  test('the same config text, three meanings', () => {
    const config = { scale: 2, mode: 'fan_in', distribution: 'normal', seed: 5 };
    const distributions = core.DIALECTS.map(
      (dialect) =>
        (core.deserialize({ class_name: 'VarianceScaling', config }, { dialect }) as core.VarianceScaling).distribution,
    );
    expect(distributions).toEqual(['normal', 'truncated_normal', 'normal']);
    const tfjs = core.deserialize({ class_name: 'VarianceScaling', config }, { dialect: 'tfjs' });
    expect(tfjs.getConfig()).toMatchObject({ engine: 'tfjs' });
  });
});
