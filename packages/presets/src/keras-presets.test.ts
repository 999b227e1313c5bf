import { deserialize, serialize, TRUNCATED_NORMAL_STDDEV, VarianceScaling } from '@init/core';
import { describe, expect, test } from 'vitest';
import * as keras from './index.js';

// class, factory, scale, mode, normal?
const presets = [
  [keras.GlorotUniform, keras.glorotUniform, 1, 'fan_avg', false],
  [keras.GlorotNormal, keras.glorotNormal, 1, 'fan_avg', true],
  [keras.HeUniform, keras.heUniform, 2, 'fan_in', false],
  [keras.HeNormal, keras.heNormal, 2, 'fan_in', true],
  [keras.LecunUniform, keras.lecunUniform, 1, 'fan_in', false],
  [keras.LecunNormal, keras.lecunNormal, 1, 'fan_in', true],
] as const;

describe.each(presets)('%o', (Preset, factory, scale, mode, normal) => {
  test('is a VarianceScaling with the preset scale and mode', () => {
    const init = new Preset({ seed: 1 });
    expect(init).toBeInstanceOf(VarianceScaling);
    expect(init.scale).toBe(scale);
    expect(init.mode).toBe(mode);
    expect(init.layout).toBe('tf');
  });

  test("draws Keras 3's distribution with the counter engine and TensorFlow.js's with engine 'tfjs'", () => {
    expect(new Preset().distribution).toBe(normal ? 'truncated_normal' : 'uniform');
    expect(new Preset({ engine: 'tfjs' }).distribution).toBe(normal ? 'normal' : 'uniform');
  });

  test('serializes under its own Keras 3 class name with only seed, dtype and engine', () => {
    const init = new Preset({ seed: 9, dtype: 'float64' });
    expect(init.className).toBe(Preset.className);
    expect(init.getConfig()).toEqual({ seed: 9, dtype: 'float64', engine: 'counter' });
    expect(serialize(new Preset())).toEqual({
      className: Preset.className,
      config: { seed: null, dtype: 'float32', engine: 'counter' },
    });
  });

  test('equals the VarianceScaling it stands for, value for value', () => {
    const distribution = normal ? 'truncated_normal' : 'uniform';
    const expected = new VarianceScaling({ scale, mode, distribution, seed: 'preset' }).apply([3, 3, 8, 16]).data;
    expect(new Preset({ seed: 'preset' }).apply([3, 3, 8, 16]).data).toEqual(expected);
  });

  test('takes layout or fan axes (JAX or Keras 3), keeps them in its config, and refuses both at once', () => {
    const attention = new Preset({ seed: 2, inAxis: 0, outAxis: [1, 2] });
    expect(attention.fans([512, 8, 64])).toEqual({ fanIn: 512, fanOut: 512 });
    expect(attention.getConfig()).toEqual({ seed: 2, dtype: 'float32', engine: 'counter', inAxis: 0, outAxis: [1, 2] });
    const distribution = normal ? 'truncated_normal' : 'uniform';
    expect(attention.apply([16, 2, 4]).data).toEqual(
      new VarianceScaling({ scale, mode, distribution, seed: 2, inAxis: 0, outAxis: [1, 2] }).apply([16, 2, 4]).data,
    );
    const keras = new Preset({ inputAxes: [0], outputAxes: [1, 2] });
    expect(keras.getConfig()).toEqual({
      seed: null,
      dtype: 'float32',
      engine: 'counter',
      inputAxes: [0],
      outputAxes: [1, 2],
    });
    const torch = new Preset({ layout: 'torch', seed: 1 });
    expect(torch.fans([64, 32, 3, 3])).toEqual({ fanIn: 288, fanOut: 576 });
    expect(torch.getConfig()).toEqual({ seed: 1, dtype: 'float32', engine: 'counter', layout: 'torch' });
    const rebuilt = deserialize(JSON.parse(JSON.stringify(serialize(attention))), { classes: [Preset] });
    expect(rebuilt.getConfig()).toEqual(attention.getConfig());
    expect(() => new Preset({ layout: 'tf', batchAxis: 0 })).toThrow(
      `${Preset.className}: layout must be absent when batchAxis is given (the axes already say where the fans are); drop layout or the axes. Received: "tf".`,
    );
    expect(() => new Preset({ engine: 'tfjs', inAxis: 0 })).toThrow(/engine must be 'counter' with fan axes/);
  });

  test('the factory makes the class', () => {
    const made = factory({ seed: 3 });
    expect(made).toBeInstanceOf(Preset);
    expect(made.apply([4, 5]).data).toEqual(new Preset({ seed: 3 }).apply([4, 5]).data);
    expect(factory()).toBeInstanceOf(Preset);
  });

  test('refuses options the class fixes, and non-object options, naming itself', () => {
    expect(() => new Preset({ scale: 3 } as never)).toThrow(
      `${Preset.className}: scale must be a known option; ${Preset.className} takes seed, dtype, engine, layout, inAxis, outAxis, batchAxis, inputAxes, outputAxes (the scale, mode and distribution are fixed by the class; use VarianceScaling to choose them). Received: 3.`,
    );
    expect(() => factory(42 as never)).toThrow(
      `${Preset.className}: options must be an object such as { seed: 42 }. Received: 42.`,
    );
    expect(() => new Preset({ engine: 'numpy' as never })).toThrow(
      `${Preset.className}: engine must be one of 'counter', 'tfjs'. Received: "numpy".`,
    );
    expect(() => new Preset({ engine: 'tfjs', seed: 'text' })).toThrow(
      /must be a finite number \(or absent\) with engine 'tfjs'/,
    );
    expect(() => new Preset({ dtype: 'int32' as never })).toThrow(
      `${Preset.className}: dtype must be a floating-point dtype`,
    );
  });

  test('supports partitions with the counter engine: a shard equals its slice', () => {
    const full = new Preset({ seed: 5 }).apply([6, 4]).data;
    const shard = new Preset({ seed: 5 }).apply([3, 4], undefined, { fullShape: [6, 4], varOffset: [3, 0] }).data;
    expect(shard).toEqual(full.subarray(12, 24));
  });
});

test('a corrected normal preset is exactly 1/0.87962566… times the uncorrected draw of the same key', () => {
  const corrected = new keras.HeNormal({ seed: 11 }).apply([64, 32], 'float64').data;
  const uncorrected = new VarianceScaling({ scale: 2, mode: 'fan_in', distribution: 'normal', seed: 11 }).apply(
    [64, 32],
    'float64',
  ).data;
  for (let i = 0; i < corrected.length; i++) {
    expect(corrected[i]).toBeCloseTo((uncorrected[i] as number) / TRUNCATED_NORMAL_STDDEV, 14);
  }
});

test('deserialize through core needs registerPresets (see register.test.ts); a preset config carries no scale', () => {
  expect(Object.keys(new keras.GlorotNormal().getConfig()).sort()).toEqual(['dtype', 'engine', 'seed']);
  expect(() => deserialize({ className: 'GlorotNormal', config: {} })).toThrow(
    /className must name a registered initializer/,
  );
});

// The @example outputs in the TSDoc of keras-presets.ts, pinned so the docs stay true.
test.each([
  [
    keras.GlorotUniform,
    [
      1.0872031450271606, 0.8063908219337463, -0.7714089751243591, 0.4285327196121216, 0.7024497389793396,
      -0.28767597675323486,
    ],
  ],
  [
    keras.GlorotNormal,
    [
      0.8443551063537598, -0.5626561641693115, -0.43624529242515564, 0.34470951557159424, 0.9561179280281067,
      0.7525931596755981,
    ],
  ],
  [
    keras.HeUniform,
    [
      1.7190190553665161, 1.2750158309936523, -1.2197046279907227, 0.6775697469711304, 1.110670566558838,
      -0.45485565066337585,
    ],
  ],
  [
    keras.HeNormal,
    [
      1.3350427150726318, -0.8896375298500061, -0.6897643804550171, 0.5450335741043091, 1.5117552280426025,
      1.1899542808532715,
    ],
  ],
  [
    keras.LecunUniform,
    [
      1.2155300378799438, 0.9015723466873169, -0.8624614477157593, 0.4791141450405121, 0.785362720489502,
      -0.321631520986557,
    ],
  ],
  [
    keras.LecunNormal,
    [
      0.9440177083015442, -0.6290687322616577, -0.4877370595932007, 0.38539695739746094, 1.0689723491668701,
      0.8414247035980225,
    ],
  ],
] as const)('documented example of %o', (Preset, values) => {
  expect(Array.from(new Preset({ seed: 42 }).apply([2, 3]).data)).toEqual(values);
});

test("HeNormal with layout 'torch' on a PyTorch conv weight [64, 3, 7, 7]: fans 147 / 3136, std √(2/147)", () => {
  const init = new keras.HeNormal({ layout: 'torch', seed: 1 });
  expect(init.fans([64, 3, 7, 7])).toEqual({ fanIn: 147, fanOut: 3136 });
  expect(init.variance([64, 3, 7, 7])).toBeCloseTo(2 / 147, 15);
  // The sample std of the 9408 values, within 5 standard errors (√(κ−1)/√(2n) relative, κ ≈ 2.36 for
  // the 2σ-truncated normal): 0.117, where the tf layout's fans 1344 would give 0.039.
  const values = init.apply([64, 3, 7, 7], 'float64').data;
  let squares = 0;
  for (const x of values) squares += x * x;
  const std = Math.sqrt(squares / values.length);
  expect(Math.abs(std / Math.sqrt(2 / 147) - 1)).toBeLessThan(5 * Math.sqrt(1.36 / (4 * values.length)));
});
