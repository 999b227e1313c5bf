import {
  Constant,
  Dirac,
  ConvolutionOrthogonal,
  DeltaOrthogonal,
  Identity,
  type Initializer,
  STFT,
  InitTypeError,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  serialize,
  Sparse,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
} from '@init/core';
import { describe, expect, test } from 'vitest';
import { expectKeras3Axes, keras3Envelope } from '../../core/test/keras.js';
import {
  classIdentifiers,
  get,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  kerasIdentifiers,
  LecunNormal,
  LecunUniform,
  tfjsIdentifiers,
} from './index.js';

const counter = { seed: null, dtype: 'float32', engine: 'counter' };
const tfjs = { seed: null, dtype: 'float32', engine: 'tfjs' };
const kerasRandomNormal = { mean: 0, stddev: 0.05, ...counter };
const kerasRandomUniform = { minval: -0.05, maxval: 0.05, ...counter };
const kerasVarianceScaling = { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', layout: 'tf', ...counter };
const orthogonal = { gain: 1, method: 'qr', seed: null, dtype: 'float32' };
const stft = { side: 'real', window: 'hann', scaling: 'density', periodic: false, dtype: 'float32' };
const convolution = { gain: 1, layout: 'tf', seed: null, dtype: 'float32' };

// Every id: the class it gives and that class's config (the framework's defaults).
const expected: Record<string, readonly [abstract new (...args: never[]) => Initializer, Record<string, unknown>]> = {
  glorot_uniform: [GlorotUniform, counter],
  glorot_normal: [GlorotNormal, counter],
  he_uniform: [HeUniform, counter],
  he_normal: [HeNormal, counter],
  lecun_uniform: [LecunUniform, counter],
  lecun_normal: [LecunNormal, counter],
  zeros: [Zeros, { dtype: 'float32' }],
  zero: [Zeros, { dtype: 'float32' }],
  ones: [Ones, { dtype: 'float32' }],
  one: [Ones, { dtype: 'float32' }],
  constant: [Constant, { value: 0, dtype: 'float32', verifyShape: false }],
  random_normal: [RandomNormal, kerasRandomNormal],
  normal: [RandomNormal, kerasRandomNormal],
  random_uniform: [RandomUniform, kerasRandomUniform],
  uniform: [RandomUniform, kerasRandomUniform],
  truncated_normal: [TruncatedNormal, { ...kerasRandomNormal, lower: -2, upper: 2 }],
  variance_scaling: [VarianceScaling, kerasVarianceScaling],
  orthogonal: [Orthogonal, orthogonal],
  orthogonal_initializer: [Orthogonal, orthogonal],
  identity: [Identity, { gain: 1, dtype: 'float32' }],
  GlorotUniform: [GlorotUniform, counter],
  GlorotNormal: [GlorotNormal, counter],
  HeUniform: [HeUniform, counter],
  HeNormal: [HeNormal, counter],
  LecunUniform: [LecunUniform, counter],
  LecunNormal: [LecunNormal, counter],
  Zeros: [Zeros, { dtype: 'float32' }],
  Ones: [Ones, { dtype: 'float32' }],
  Constant: [Constant, { value: 0, dtype: 'float32', verifyShape: false }],
  RandomNormal: [RandomNormal, kerasRandomNormal],
  RandomUniform: [RandomUniform, kerasRandomUniform],
  TruncatedNormal: [TruncatedNormal, { ...kerasRandomNormal, lower: -2, upper: 2 }],
  VarianceScaling: [VarianceScaling, kerasVarianceScaling],
  Orthogonal: [Orthogonal, orthogonal],
  OrthogonalInitializer: [Orthogonal, orthogonal],
  Identity: [Identity, { gain: 1, dtype: 'float32' }],
  IdentityInitializer: [Identity, { gain: 1, dtype: 'float32' }],
  STFT: [STFT, stft],
  STFTInitializer: [STFT, stft],
  stft: [STFT, stft],
  Dirac: [Dirac, { groups: 1, layout: 'tf', dtype: 'float32' }],
  Sparse: [Sparse, { sparsity: 0.1, stddev: 0.01, seed: null, dtype: 'float32' }],
  UniformUnitScaling: [UniformUnitScaling, { factor: 1, seed: null, dtype: 'float32' }],
  DeltaOrthogonal: [DeltaOrthogonal, convolution],
  ConvolutionDeltaOrthogonal: [DeltaOrthogonal, convolution],
  ConvolutionOrthogonal: [ConvolutionOrthogonal, convolution],
  ConvolutionOrthogonal1D: [ConvolutionOrthogonal, convolution],
  ConvolutionOrthogonal2D: [ConvolutionOrthogonal, convolution],
  ConvolutionOrthogonal3D: [ConvolutionOrthogonal, convolution],
  glorotUniform: [GlorotUniform, tfjs],
  glorotNormal: [GlorotNormal, tfjs],
  heUniform: [HeUniform, tfjs],
  heNormal: [HeNormal, tfjs],
  leCunUniform: [LecunUniform, tfjs],
  leCunNormal: [LecunNormal, tfjs],
  LeCunUniform: [LecunUniform, tfjs],
  LeCunNormal: [LecunNormal, tfjs],
  randomNormal: [RandomNormal, { mean: 0, stddev: 0.05, ...tfjs }],
  randomUniform: [RandomUniform, { minval: -0.05, maxval: 0.05, ...tfjs }],
  truncatedNormal: [TruncatedNormal, { mean: 0, stddev: 0.05, lower: -2, upper: 2, ...tfjs }],
  varianceScaling: [VarianceScaling, { scale: 1, mode: 'fan_in', distribution: 'normal', layout: 'tf', ...tfjs }],
};

const allIds = [...kerasIdentifiers(), ...classIdentifiers(), ...tfjsIdentifiers()];

test('the identifier lists and the expectations name the same ids, with no duplicates', () => {
  expect(new Set(allIds).size).toBe(allIds.length);
  expect([...allIds].sort()).toEqual(Object.keys(expected).sort());
});

describe.each(allIds)('get(%j)', (id) => {
  const [cls, config] = expected[id] as (typeof expected)[string];

  test("gives the framework's initializer with its defaults", () => {
    const init = get(id);
    expect(init).toBeInstanceOf(cls);
    expect(init.getConfig()).toEqual(config);
  });

  test('round-trips: get(serialize(get(id))) has the same class and config', () => {
    const init = get(id);
    const again = get(serialize(init));
    expect(again.className).toBe(init.className);
    expect(again.getConfig()).toEqual(init.getConfig());
  });

  test('round-trips seeded, value for value, in the Keras envelope too (our own configs: dialect tf1)', () => {
    const serialized = serialize(get(id));
    const seeded = 'seed' in serialized.config ? { ...serialized.config, seed: 7 } : serialized.config;
    // Each class's own kind of shape: a square matrix, a convolution kernel, an STFT kernel, a matrix.
    const shape = id.toLowerCase().includes('identity')
      ? [4, 4]
      : id === 'Dirac'
        ? [3, 4, 6]
        : id.startsWith('Convolution') || id === 'DeltaOrthogonal'
          ? [3, 3, 4, 6]
          : /stft/i.test(id)
            ? [8, 1, 5]
            : [4, 6];
    const a = get({ className: serialized.className, config: seeded }).apply(shape).data;
    // `class_name` is read as Keras means it unless told otherwise; @init's own configs say tf1.
    const b = get(keras3Envelope(serialized.className, seeded) as never, { dialect: 'tf1' }).apply(shape).data;
    expect(b).toEqual(a);
    expect(get({ className: serialized.className, config: seeded }).apply(shape).data).toEqual(a);
  });
});

describe('objects', () => {
  test("Keras 3's own serialized forms", () => {
    const he = get(keras3Envelope('HeNormal', { seed: null }) as never);
    expect(he).toBeInstanceOf(HeNormal);
    expect(he.getConfig()).toEqual(counter);
    const vs = get({
      class_name: 'VarianceScaling',
      config: { scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 3 },
    });
    expect(vs.getConfig()).toMatchObject({ scale: 2, mode: 'fan_out', distribution: 'uniform', seed: 3 });
    const orthogonalInit = get({ class_name: 'OrthogonalInitializer', config: { gain: 2, seed: 1 } });
    expect(orthogonalInit).toBeInstanceOf(Orthogonal);
    expect(orthogonalInit.getConfig()).toMatchObject({ gain: 2, method: 'qr', seed: 1 });
    expect(get({ class_name: 'Constant', config: { value: 3 } }).apply([2]).data).toEqual(new Float32Array([3, 3]));
  });

  test('a preset config with a seed, dtype and engine', () => {
    const init = get({ className: 'GlorotNormal', config: { seed: 5, dtype: 'float64', engine: 'tfjs' } });
    expect(init.getConfig()).toEqual({ seed: 5, dtype: 'float64', engine: 'tfjs' });
    expect(init.apply([3, 3]).data).toEqual(
      new GlorotNormal({ seed: 5, dtype: 'float64', engine: 'tfjs' }).apply([3, 3]).data,
    );
    expect(get({ className: 'HeUniform' }).getConfig()).toEqual(counter);
  });

  test("Keras 3.16's preset configs with input_axes/output_axes", () => {
    const init = get(keras3Envelope('GlorotUniform', { seed: 4, input_axes: [0], output_axes: [1, 2] }) as never);
    expect(init).toBeInstanceOf(GlorotUniform);
    expectKeras3Axes(init as GlorotUniform, { ...counter, seed: 4, inputAxes: [0], outputAxes: [1, 2] }, get);
    const nulls = get({ class_name: 'HeNormal', config: { seed: null, input_axes: null, output_axes: null } });
    expect(nulls.getConfig()).toEqual(counter);
  });

  test('a derived-key seed survives the round trip', () => {
    const keyed = serialize(new RandomNormal({ seed: 12345678901234567890n }));
    expect(keyed.config.seed).toEqual({ key: expect.any(String) });
    const preset = get({ className: 'LecunUniform', config: { seed: keyed.config.seed } });
    expect(serialize(preset).config.seed).toEqual(keyed.config.seed);
    expect(get(serialize(preset)).apply([5, 5]).data).toEqual(preset.apply([5, 5]).data);
  });

  test('refuses options a preset fixes, and unknown outer keys', () => {
    expect(() => get({ className: 'GlorotUniform', config: { scale: 2 } })).toThrow(
      expect.objectContaining({
        code: 'ERR_INIT_INVALID_ARGUMENT',
        message: expect.stringContaining(
          'GlorotUniform: scale must be a known option; GlorotUniform takes seed, dtype, engine, layout, inAxis, outAxis, batchAxis, inputAxes, outputAxes (the scale, mode',
        ),
      }),
    );
    expect(() => get({ className: 'Zeros', config: {}, extra: 1 } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INIT_INVALID_CONFIG' }),
    );
    expect(() => get({ config: {} } as never)).toThrow(
      'get: identifier.className must be a string. Received: undefined.',
    );
    expect(() => get({ className: 'HeNormal', config: { seed: { key: 1 } } })).toThrow(
      expect.objectContaining({ code: 'ERR_INIT_INVALID_CONFIG' }),
    );
    expect(() => get({ className: 'HeNormal', config: { engine: 'torch' } })).toThrow(
      "HeNormal: engine must be one of 'counter', 'tfjs'. Received: \"torch\".",
    );
  });

  test('an unknown class name suggests the closest', () => {
    expect(() => get({ className: 'GlorotUnifrom', config: {} })).toThrow(
      'get: identifier.className must name a known initializer (did you mean \'GlorotUniform\'?). Received: "GlorotUnifrom".',
    );
  });

  test('hostile objects are refused, never run, never pollute prototypes', () => {
    let ran = false;
    const withGetter = {
      get className(): string {
        ran = true;
        return 'Zeros';
      },
      config: {},
    };
    expect(() => get(withGetter)).toThrow(expect.objectContaining({ code: 'ERR_INIT_INVALID_CONFIG' }));
    const presetGetter = {
      className: 'HeNormal',
      config: {
        get seed(): number {
          ran = true;
          return 1;
        },
      },
    };
    expect(() => get(presetGetter)).toThrow(expect.objectContaining({ code: 'ERR_INIT_INVALID_CONFIG' }));
    expect(ran).toBe(false);
    const proto = JSON.parse('{"className":"HeNormal","config":{"__proto__":{"polluted":true}}}') as {
      className: string;
      config: unknown;
    };
    expect(() => get(proto)).toThrow(/must not have the key "__proto__"/);
    const outerProto = JSON.parse('{"className":"Zeros","__proto__":{"polluted":true}}') as { className: string };
    expect(() => get(outerProto)).toThrow(/must not have the key "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    class Fake {
      className = 'Zeros';
      config = {};
    }
    expect(() => get(new Fake())).toThrow(
      'get: identifier must be a plain object. Received: an object of type Object.',
    );
    expect(() => get({ className: 'Zeros', config: new Map() } as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INIT_INVALID_CONFIG' }),
    );
  });

  test('names that only exist on Object.prototype are unknown ids', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => get(name)).toThrow(expect.objectContaining({ code: 'ERR_INIT_UNKNOWN_IDENTIFIER' }));
      expect(() => get({ className: name, config: {} })).toThrow(
        expect.objectContaining({ code: 'ERR_INIT_UNKNOWN_IDENTIFIER' }),
      );
    }
  });
});

test('an Initializer instance is returned as it is', () => {
  const init = new HeNormal({ seed: 1 });
  expect(get(init)).toBe(init);
  const zeros = new Zeros();
  expect(get(zeros)).toBe(zeros);
});

describe('unknown ids', () => {
  test.each([
    ['glorot_unifrom', "'glorot_uniform', 'GlorotUniform', 'glorotUniform'"],
    ['he_normall', "'he_normal', 'HeNormal', 'heNormal'"],
    ['HE_NORMAL', "'he_normal', 'HeNormal', 'heNormal'"],
    ['lecun_normel', "'lecun_normal', 'LecunNormal', 'leCunNormal'"],
    ['zeroes', "'zeros', 'Zeros', 'zero'"],
    ['randomnormal', "'random_normal', 'RandomNormal', 'randomNormal'"],
  ])('%j suggests the closest: %s', (id, suggestions) => {
    expect(() => get(id)).toThrow(
      expect.objectContaining({
        name: 'InitTypeError',
        code: 'ERR_INIT_UNKNOWN_IDENTIFIER',
        message: `get: identifier must name a known initializer (did you mean ${suggestions}?). Received: ${JSON.stringify(id)}.`,
      }),
    );
  });

  test("PyTorch's names point to the Glorot and He names and to the PyTorch-style helpers", () => {
    expect(() => get('xavier_uniform')).toThrow(
      "get: identifier must name a known initializer (did you mean 'glorot_uniform', 'GlorotUniform', 'glorotUniform'?); PyTorch's xavier_*/kaiming_* are xavierUniform, xavierNormal, kaimingUniform and kaimingNormal here. Received: \"xavier_uniform\".",
    );
    expect(() => get('kaiming_normal')).toThrow(/did you mean 'he_normal', 'HeNormal', 'heNormal'\?\); PyTorch's/);
  });

  test('with nothing close, the Keras ids are listed', () => {
    expect(() => get('kumaraswamy')).toThrow(
      `get: identifier must name a known initializer, such as ${kerasIdentifiers()
        .map((id) => `'${id}'`)
        .join(', ')}. Received: "kumaraswamy".`,
    );
  });

  test.each([42, null, undefined, true, [], () => 1, Symbol('x')])('a non-identifier (%s) is refused', (value) => {
    expect(() => get(value as never)).toThrow(
      expect.objectContaining({
        code: 'ERR_INIT_INVALID_ARGUMENT',
        message: expect.stringMatching(
          /^get: identifier must be a string id, a \{ className, config \} object or an Initializer instance\. Received: /,
        ),
      }),
    );
  });
});

test('documented example', () => {
  expect(get('random_normal').getConfig()).toEqual({
    mean: 0,
    stddev: 0.05,
    seed: null,
    dtype: 'float32',
    engine: 'counter',
  });
  expect(get({ class_name: 'GlorotUniform', config: { seed: 42 } }).apply([2, 3]).data).toEqual(
    new GlorotUniform({ seed: 42 }).apply([2, 3]).data,
  );
  expect(() => get('glorot_unifrom')).toThrow(
    "get: identifier must name a known initializer (did you mean 'glorot_uniform', 'GlorotUniform', 'glorotUniform'?). Received: \"glorot_unifrom\".",
  );
});

describe('review fixes', () => {
  test('getters nested in a preset config are refused without being called', () => {
    let called = 0;
    const dtype: unknown[] = [];
    Object.defineProperty(dtype, 0, {
      enumerable: true,
      get: () => {
        called += 1;
        return 'float32';
      },
    });
    expect(() => get({ className: 'GlorotUniform', config: { dtype } } as never)).toThrow(
      /must be a data property, not a getter or setter/,
    );
    expect(called).toBe(0);
  });

  test('a very long unknown name gets no suggestions (no edit-distance table is built for it)', () => {
    expect(() => get('x'.repeat(1_000_000))).toThrow(InitTypeError);
    expect(() => get('x'.repeat(1_000_000))).toThrow(/name a known initializer, such as 'glorot_uniform'/);
  });
});
