// installTfjs / uninstallTfjs against @tensorflow/tfjs-layers 4.22 on the CPU backend: every class
// name, string id and factory computes with @init; engine 'tfjs' gives TensorFlow.js's values bit
// for bit; uninstallTfjs puts TensorFlow.js back exactly.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Initializer, InitTypeError, Orthogonal, RandomUniform, type VarianceScaling } from '@init/core';
import { GlorotUniform, HeNormal, LecunNormal } from '@init/presets';
import { setGlobalSeed } from '@init/random';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { kerasAliases, tfjsClassNames } from './from-tfjs-config.js';
import { installTfjs, uninstallTfjs } from './index.js';
import { TfjsOrthogonal } from './tfjs-orthogonal.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  uninstallTfjs();
  setGlobalSeed(null);
});

type TfjsInit = ReturnType<typeof tfl.initializers.zeros>;
type Entry = [new (...args: never[]) => TfjsInit, (cls: unknown, config: object) => TfjsInit];

function registry(): Record<string, Entry | undefined> {
  return tf.serialization.SerializationMap.getMap().classNameMap as unknown as Record<string, Entry | undefined>;
}

/** What tfjs-layers does with a `{ className, config }` from a model.json: the registry's fromConfig. */
function fromRegistry(className: string, config: object): TfjsInit {
  const entry = registry()[className];
  if (entry === undefined) throw new Error(`${className} is not registered`);
  return entry[1](entry[0], structuredClone(config));
}

function values(initializer: TfjsInit, shape: number[]): Float32Array {
  const tensor = initializer.apply(shape);
  const data = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return data;
}

const ours = (initializer: unknown): Initializer | undefined =>
  (initializer as { initializer?: Initializer }).initializer;

// [TensorFlow.js class name, config]. Seeds other than the golden vectors' (1, 42, 123456789);
// TensorFlow.js's quirks included: `minval: 0` and `stddev: 0` turned into the defaults by `||`, and
// distribution 'truncatedNormal' drawn as uniform.
const seeded: [string, Record<string, unknown>][] = [
  ['RandomUniform', { minval: -0.3, maxval: 0.7, seed: 11 }],
  ['RandomUniform', { minval: 0, maxval: 1, seed: 12 }],
  ['RandomUniform', { seed: 0 }],
  ['RandomNormal', { mean: 0.5, stddev: 2, seed: 13 }],
  ['RandomNormal', { stddev: 0, seed: 14 }],
  ['TruncatedNormal', { mean: -1, stddev: 0.3, seed: 15 }],
  ['TruncatedNormal', { seed: 16 }],
  ['VarianceScaling', { scale: 2, mode: 'fanIn', distribution: 'normal', seed: 17 }],
  ['VarianceScaling', { scale: 0.5, mode: 'fanOut', distribution: 'uniform', seed: 18 }],
  ['VarianceScaling', { scale: 3, mode: 'fanAvg', distribution: 'truncatedNormal', seed: 19 }],
  ['GlorotUniform', { seed: 21 }],
  ['GlorotNormal', { seed: 22 }],
  ['HeNormal', { seed: 23 }],
  ['HeUniform', { seed: 24 }],
  ['LeCunNormal', { seed: 25 }],
  ['LeCunUniform', { seed: 26 }],
  ['Zeros', {}],
  ['Ones', {}],
  ['Constant', { value: -2.5 }],
];
// Ranks 1 and 6 use TensorFlow.js's √size fan rule, 2 to 5 the usual one.
const shapes = [[7], [16, 8], [5, 3, 6], [3, 3, 4, 5], [2, 3, 2, 4, 3], [2, 2, 2, 2, 3, 3]];

describe("engine 'tfjs': TensorFlow.js's own values, bit for bit", () => {
  test.each(seeded)('%s %j, from a model.json config and from the TensorFlow.js object', (className, config) => {
    const tfjs = fromRegistry(className, config);
    const expected = shapes.map((shape) => values(tfjs, shape));
    installTfjs({ engine: 'tfjs' });
    const loaded = fromRegistry(className, config);
    expect(ours(loaded)).toBeInstanceOf(Initializer);
    // The object TensorFlow.js made before installation now computes with @init too.
    expect(ours(tfjs)).toBeUndefined();
    shapes.forEach((shape, index) => {
      expect(values(loaded, shape), `${className} [${shape}] from the registry`).toEqual(expected[index]);
      expect(values(tfjs, shape), `${className} [${shape}] TensorFlow.js's object`).toEqual(expected[index]);
    });
  });

  test("Keras's snake_case spellings in a config (which TensorFlow.js itself refuses) mean the same", () => {
    const expected = values(
      fromRegistry('VarianceScaling', { mode: 'fanAvg', distribution: 'truncatedNormal', seed: 20 }),
      [4, 6],
    );
    expect(() => fromRegistry('VarianceScaling', { mode: 'fan_avg', seed: 20 })).toThrow(
      'fan_avg is not a valid FanMode',
    );
    installTfjs();
    expect(
      values(fromRegistry('VarianceScaling', { mode: 'fan_avg', distribution: 'truncated_normal', seed: 20 }), [4, 6]),
    ).toEqual(expected);
  });

  test('Identity on a square matrix', () => {
    const expected = values(fromRegistry('Identity', { gain: 2.5 }), [6, 6]);
    installTfjs();
    expect(values(fromRegistry('Identity', { gain: 2.5 }), [6, 6])).toEqual(expected);
  });

  test('the factories tf.initializers.* (their objects compute with @init)', () => {
    const factories: [string, () => TfjsInit][] = [
      ['glorotUniform', () => tfl.initializers.glorotUniform({ seed: 31 })],
      ['heNormal', () => tfl.initializers.heNormal({ seed: 32 })],
      ['leCunUniform', () => tfl.initializers.leCunUniform({ seed: 33 })],
      ['randomNormal', () => tfl.initializers.randomNormal({ stddev: 3, seed: 34 })],
      ['truncatedNormal', () => tfl.initializers.truncatedNormal({ mean: 2, seed: 35 })],
      [
        'varianceScaling',
        () => tfl.initializers.varianceScaling({ scale: 4, mode: 'fanAvg', distribution: 'uniform', seed: 36 }),
      ],
    ];
    const expected = factories.map(([, make]) => values(make(), [9, 4]));
    installTfjs();
    factories.forEach(([name, make], index) => {
      expect(values(make(), [9, 4]), name).toEqual(expected[index]);
    });
  });

  test("Orthogonal: TensorFlow.js's random matrix, factored in float64: equal to TensorFlow.js's values to float32 rounding", () => {
    for (const shape of [
      [8, 8],
      [12, 5],
      [5, 12],
      [3, 3, 4, 6],
      [40, 40],
    ]) {
      const expected = values(tfl.initializers.orthogonal({ gain: 1.5, seed: 37 }), shape);
      installTfjs();
      const loaded = fromRegistry('Orthogonal', { gain: 1.5, seed: 37 });
      expect(ours(loaded)).toBeInstanceOf(TfjsOrthogonal);
      const actual = values(loaded, shape);
      let worst = 0;
      for (let i = 0; i < actual.length; i++)
        worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
      // TensorFlow.js's float32 Householder QR: errors of a few float32 ulps times the dimension.
      expect(worst, `[${shape}]`).toBeLessThan(1.5 * 64 * 2 ** -23 * Math.max(...shape));
      expect(worst, `[${shape}]`).toBeGreaterThan(0);
      uninstallTfjs();
    }
  });
});

describe('every string id of tfjs-layers resolves to @init', () => {
  // INITIALIZER_IDENTIFIER_REGISTRY_SYMBOL_MAP's keys ('constant' needs a value, so only as a config).
  const ids = [
    'glorotNormal',
    'glorotUniform',
    'heNormal',
    'heUniform',
    'identity',
    'leCunNormal',
    'leCunUniform',
    'ones',
    'orthogonal',
    'randomNormal',
    'randomUniform',
    'truncatedNormal',
    'varianceScaling',
    'zeros',
  ];

  test.each(ids)(
    "'%s' in a Dense layer computes with @init (the same values as @init's own class after setGlobalSeed)",
    (id) => {
      installTfjs();
      const kernel = (): Float32Array => {
        const model = tfl.sequential({
          layers: [tfl.layers.dense({ units: 6, inputShape: [6], kernelInitializer: id as never, useBias: false })],
        });
        return model.getWeights()[0]?.dataSync() as Float32Array;
      };
      setGlobalSeed(2024);
      const first = kernel();
      setGlobalSeed(2024);
      // Unseeded: drawn from @init's global seed, hence reproducible. TensorFlow.js would use Math.random.
      expect(kernel()).toEqual(first);
    },
  );

  test.each(ids)(
    "'%s' equals what get() of @init/presets makes for the TensorFlow.js id, with the same fresh key",
    async (id) => {
      const { get } = await import('@init/presets');
      installTfjs();
      setGlobalSeed(99);
      const model = tfl.sequential({
        layers: [tfl.layers.dense({ units: 6, inputShape: [6], kernelInitializer: id as never, useBias: false })],
      });
      const kernel = model.getWeights()[0]?.dataSync();
      setGlobalSeed(99);
      // @init/presets reads 'orthogonal' with Keras's defaults (counter engine); TensorFlow.js's
      // Orthogonal under engine 'tfjs' is TfjsOrthogonal.
      const reference = id === 'orthogonal' ? new TfjsOrthogonal() : get(id);
      expect(kernel).toEqual(reference.apply([6, 6]).data);
    },
  );
});

describe('engines', () => {
  test("engine 'counter': @init's streams and Keras's meaning of the config", () => {
    installTfjs({ engine: 'counter' });
    // An explicit minval: 0 is kept (TensorFlow.js's `||` would make it -0.05).
    const uniform = ours(fromRegistry('RandomUniform', { minval: 0, maxval: 1, seed: 5 }));
    expect(uniform).toBeInstanceOf(RandomUniform);
    expect((uniform as RandomUniform).getConfig()).toMatchObject({ minval: 0, maxval: 1, engine: 'counter', seed: 5 });
    // 'normal' is the truncated normal corrected to the intended variance, as in Keras ≥ 2.3.
    expect(
      (ours(fromRegistry('VarianceScaling', { distribution: 'normal', seed: 5 })) as VarianceScaling).distribution,
    ).toBe('truncated_normal');
    expect(
      (ours(fromRegistry('VarianceScaling', { distribution: 'untruncated_normal', seed: 5 })) as VarianceScaling)
        .distribution,
    ).toBe('untruncated_normal');
    expect(ours(fromRegistry('HeNormal', { seed: 5 }))).toBeInstanceOf(HeNormal);
    expect(ours(fromRegistry('Orthogonal', { seed: 5 }))).toBeInstanceOf(Orthogonal);
    // Different values from TensorFlow.js's for the same seed.
    uninstallTfjs();
    const tfjs = values(fromRegistry('GlorotUniform', { seed: 5 }), [4, 4]);
    installTfjs({ engine: 'counter' });
    const counter = values(fromRegistry('GlorotUniform', { seed: 5 }), [4, 4]);
    expect(counter).not.toEqual(tfjs);
    expect(counter).toEqual(new GlorotUniform({ seed: 5 }).apply([4, 4]).data);
  });

  test('calling installTfjs again switches the engine', () => {
    installTfjs({ engine: 'counter' });
    expect((ours(fromRegistry('RandomNormal', { seed: 3 })) as RandomUniform).engine).toBe('counter');
    installTfjs({ engine: 'tfjs' });
    expect((ours(fromRegistry('RandomNormal', { seed: 3 })) as RandomUniform).engine).toBe('tfjs');
  });

  test("the Keras aliases are read off @init/presets' name table", () => {
    // Keras ≥ 2.4's LeCun spelling, Keras 3's *Initializer class names; every one a TensorFlow.js class.
    expect(kerasAliases().sort()).toEqual([
      'IdentityInitializer',
      'LecunNormal',
      'LecunUniform',
      'OrthogonalInitializer',
    ]);
  });

  test('Keras class names TensorFlow.js lacks load after installation', () => {
    expect(() => fromRegistry('LecunNormal', { seed: 1 })).toThrow('LecunNormal is not registered');
    installTfjs();
    expect(ours(fromRegistry('LecunNormal', { seed: 1 }))).toBeInstanceOf(LecunNormal);
    expect(ours(fromRegistry('OrthogonalInitializer', { gain: 1, seed: 1 }))).toBeInstanceOf(TfjsOrthogonal);
    expect(values(fromRegistry('IdentityInitializer', { gain: 3 }), [3, 3])).toEqual(
      new Float32Array([3, 0, 0, 0, 3, 0, 0, 0, 3]),
    );
  });
});

describe('saved configs keep TensorFlow.js format', () => {
  test('a helper saves as VarianceScaling with its fixed options, as tfjs-layers does', () => {
    installTfjs();
    const loaded = fromRegistry('HeNormal', { seed: 4 });
    expect(loaded.getClassName()).toBe('VarianceScaling');
    expect(loaded.getConfig()).toEqual({ scale: 2, mode: 'fanIn', distribution: 'normal', seed: 4 });
    expect(fromRegistry('VarianceScaling', { mode: 'fan_out', distribution: 'truncated_normal' }).getConfig()).toEqual({
      scale: 1,
      mode: 'fanOut',
      distribution: 'truncatedNormal',
      seed: null,
    });
    expect(fromRegistry('RandomUniform', { seed: 2 }).getConfig()).toEqual({ minval: -0.05, maxval: 0.05, seed: 2 });
  });
});

describe('uninstallTfjs', () => {
  test("puts back TensorFlow.js's registry entries and apply methods exactly, and removes the aliases", () => {
    const TFJS_CLASS_NAMES = tfjsClassNames();
    const before = Object.fromEntries(TFJS_CLASS_NAMES.map((name) => [name, registry()[name]]));
    const methods = TFJS_CLASS_NAMES.map((name) =>
      Object.getOwnPropertyDescriptor(registry()[name]?.[0].prototype ?? {}, 'apply'),
    );
    installTfjs();
    expect(TFJS_CLASS_NAMES.filter((name) => registry()[name] === before[name])).toEqual([]);
    uninstallTfjs();
    for (const name of TFJS_CLASS_NAMES) expect(registry()[name], name).toBe(before[name]);
    TFJS_CLASS_NAMES.forEach((name, index) => {
      const descriptor = Object.getOwnPropertyDescriptor(registry()[name]?.[0].prototype ?? {}, 'apply');
      expect(descriptor, name).toEqual(methods[index]);
    });
    expect(registry().LecunNormal).toBeUndefined();
    expect(ours(fromRegistry('GlorotUniform', { seed: 1 }))).toBeUndefined();
    // Calling it again does nothing.
    uninstallTfjs();
    expect(registry().Orthogonal).toBe(before.Orthogonal);
  });
});

describe('bad input', () => {
  test('options and engine', () => {
    expect(() => installTfjs({ engine: 'torch' as never })).toThrow(
      `installTfjs: engine must be one of 'tfjs', 'counter'. Received: "torch".`,
    );
    expect(() => installTfjs(null as never)).toThrow(InitTypeError);
    expect(registry().LecunNormal).toBeUndefined();
  });

  test("engine 'tfjs' Orthogonal refuses shards (its stream is sequential), float16 and vectors", () => {
    const orthogonal = new TfjsOrthogonal({ seed: 3 });
    expect(() => orthogonal.apply([2, 4], 'float32', { fullShape: [4, 4], varOffset: [0, 0] })).toThrow(
      /Orthogonal: partitionInfo must be absent with engine 'tfjs'/,
    );
    expect(() => orthogonal.apply([4, 4], 'float16')).toThrow(
      /Orthogonal: dtype must be 'float32' or 'float64' with engine 'tfjs'/,
    );
    expect(() => orthogonal.apply([4])).toThrow('Orthogonal: shape must have at least 2 dimensions. Received: [4].');
    expect(() => new TfjsOrthogonal({ gain: Number.NaN })).toThrow(
      'Orthogonal: gain must be a finite number. Received: NaN.',
    );
  });

  test('configs: an unknown key, a distribution TensorFlow.js lacks under its engine, a value @init refuses', () => {
    installTfjs();
    expect(() => fromRegistry('VarianceScaling', { scale: 1, stdev: 2 })).toThrow(
      "VarianceScaling: config key 'stdev' must be one of scale, mode, distribution, seed. Received: 2.",
    );
    // Core's 'tfjs' dialect words these (one wording for deserialize, get and installTfjs).
    expect(() => fromRegistry('VarianceScaling', { distribution: 'untruncatedNormal' })).toThrow(
      /VarianceScaling: distribution must be one of 'normal', 'uniform', 'truncatedNormal'/,
    );
    expect(() => fromRegistry('VarianceScaling', { mode: 'fanSideways' })).toThrow(
      /VarianceScaling: mode must be one of 'fanIn', 'fanOut', 'fanAvg'/,
    );
    expect(() => fromRegistry('Constant', {})).toThrow(
      'Constant: value must be given in a TensorFlow.js config (TensorFlow.js has no default). Received: undefined.',
    );
    // TensorFlow.js takes any finite seed (-3 is hashed as its text), so engine 'tfjs' does too (#12).
    expect(() => fromRegistry('RandomNormal', { seed: -3 })).not.toThrow();
    expect(() => fromRegistry('RandomNormal', { seed: Number.NaN })).toThrow(/RandomNormal: seed must be/);
  });
});
