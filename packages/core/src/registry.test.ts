import { keyFromSeed } from '@init/random';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  Constant,
  deserialize,
  Identity,
  Initializer,
  InitTypeError,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  registerInitializer,
  type TypedArray,
  serialize,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
} from './index.js';
import { enableSvd } from './svd-index.js';
import { expectKeras3Axes, keras3Envelope } from '../test/keras.js';

// Method 'svd' is opt-in; orthogonal-svd.test.ts covers Orthogonal before enableSvd().
beforeAll(() => enableSvd());

const examples: Initializer[] = [
  new Zeros(),
  new Ones({ dtype: 'int32' }),
  new Constant({
    value: [
      [1, 2],
      [3, 4],
    ],
    dtype: 'float64',
  }),
  new RandomUniform({ minval: -3, maxval: 5, seed: 1 }),
  new RandomUniform({ minval: 0, maxval: 10, dtype: 'int32', seed: 'dice' }),
  new RandomNormal({ mean: 1, stddev: 0.1, seed: 2, dtype: 'bfloat16' }),
  new TruncatedNormal({ stddev: 0.02, seed: 2n ** 63n }),
  new UniformUnitScaling({ factor: 1.15, seed: keyFromSeed('layer/kernel') }),
  new VarianceScaling({ scale: 2, mode: 'fan_out', distribution: 'truncated_normal', layout: 'torch', seed: 4 }),
  new VarianceScaling({ engine: 'tfjs', seed: 5, distribution: 'uniform' }),
  new VarianceScaling({ mode: 'fan_geo_avg', inAxis: 0, outAxis: [1], seed: 7 }),
  new VarianceScaling({ mode: 'fan_avg', distribution: 'uniform', inputAxes: [0], outputAxes: [-1], seed: 8 }),
  new Orthogonal({ gain: 2, method: 'svd', seed: 6 }),
  new Orthogonal({ columnAxis: 0, seed: 6 }),
  new Identity({ gain: 0.5 }),
];

describe('serialize / deserialize', () => {
  test.each(examples.map((init) => [init.className, init] as const))(
    '%s round-trips through JSON with the same values',
    (_, init) => {
      const json = JSON.parse(JSON.stringify(serialize(init))) as unknown;
      const rebuilt = deserialize(json);
      expect(rebuilt).toBeInstanceOf(init.constructor);
      expect(rebuilt.getConfig()).toEqual(init.getConfig());
      // Every example is seeded or deterministic, so the rebuilt initializer gives the same values.
      expect(rebuilt.apply([3, 4]).data).toEqual(init.apply([3, 4]).data);
    },
  );

  test('serialize gives the class name and config', () => {
    expect(serialize(new VarianceScaling({ scale: 2, seed: 42 }))).toEqual({
      className: 'VarianceScaling',
      config: {
        scale: 2,
        mode: 'fan_in',
        distribution: 'normal',
        layout: 'tf',
        seed: 42,
        dtype: 'float32',
        engine: 'counter',
      },
    });
    expect(serialize(new RandomNormal()).config).toMatchObject({ seed: null });
  });

  test('reads Keras forms: class_name, snake_case keys, null seeds, Keras 3 envelopes', () => {
    const init = deserialize(
      keras3Envelope('RandomUniform', { minval: -0.5, maxval: 0.5, seed: null }),
    ) as RandomUniform;
    expect(init).toBeInstanceOf(RandomUniform);
    expect([init.minval, init.maxval, init.seed]).toEqual([-0.5, 0.5, undefined]);
    const constant = deserialize({
      class_name: 'Constant',
      config: { value: [1, 2], verify_shape: true, dtype: 'float32' },
    });
    expect(constant.getConfig()).toEqual({ value: [1, 2], dtype: 'float32', verifyShape: true });
    expect(deserialize({ className: 'Zeros' })).toBeInstanceOf(Zeros);
  });

  test('fan axes: written only when set, without layout; Keras 3 input_axes/output_axes read', () => {
    expect(serialize(new VarianceScaling({ inAxis: 0, outAxis: [1, 2], seed: 1 })).config).toEqual({
      scale: 1,
      mode: 'fan_in',
      distribution: 'normal',
      inAxis: 0,
      outAxis: [1, 2],
      seed: 1,
      dtype: 'float32',
      engine: 'counter',
    });
    const axes = { input_axes: [0], output_axes: [1, 2] };
    const config = { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: 3 };
    const init = deserialize(keras3Envelope('VarianceScaling', { ...config, ...axes })) as VarianceScaling;
    const expected = { ...config, inputAxes: [0], outputAxes: [1, 2], dtype: 'float32', engine: 'counter' };
    expectKeras3Axes(init, expected, (serialized) => deserialize(serialized));
    // Keras writes null for "not set": the layout rule.
    const plain = deserialize({
      class_name: 'VarianceScaling',
      config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: 3, input_axes: null, output_axes: null },
    });
    expect(plain.getConfig()).toMatchObject({ layout: 'tf' });
    expect(() => deserialize({ className: 'VarianceScaling', config: { layout: 'torch', inAxis: 1 } })).toThrow(
      'VarianceScaling: layout must be absent when inAxis is given (the axes already say where the fans are); drop layout or the axes. Received: "torch".',
    );
  });

  test('a RandomUniform whose maxval was defaulted still demands one for int32 after a round trip', () => {
    const init = new RandomUniform({ minval: 0, seed: 1 });
    expect(init.getConfig().maxval).toBeNull();
    const rebuilt = deserialize(JSON.parse(JSON.stringify(serialize(init))));
    expect(() => rebuilt.apply([2], 'int32')).toThrow(/maxval must be given/);
    expect(rebuilt.apply([3]).data).toEqual(init.apply([3]).data);
  });

  test("Keras 3's OrthogonalInitializer name, and classes looked up for one call only", () => {
    expect(deserialize({ class_name: 'OrthogonalInitializer', config: { gain: 2, seed: 1 } })).toBeInstanceOf(
      Orthogonal,
    );
    class Twos extends Constant {
      static override readonly className: string = 'Twos';
      constructor() {
        super({ value: 2 });
      }
    }
    expect(Array.from(deserialize({ className: 'Twos' }, { classes: [Twos] }).apply([2]).data)).toEqual([2, 2]);
    expect(() => deserialize({ className: 'Twos' })).toThrow(/className must name a registered initializer/);
  });

  test('unknown names list the known ones', () => {
    const call = (): unknown => deserialize({ className: 'HeNormal', config: {} });
    expect(call).toThrow(InitTypeError);
    expect(call).toThrow(
      /className must name a registered initializer \(Zeros, Ones, Constant, .*Identity.*\)\. Received: "HeNormal"\./,
    );
  });

  test('unknown config keys are refused, listing the valid ones', () => {
    expect(() => deserialize({ className: 'RandomNormal', config: { mean: 0, sigma: 1 } })).toThrow(
      'RandomNormal: config key "sigma" must be one of mean, stddev, seed, dtype, engine. Received: 1.',
    );
  });

  describe('hostile input is refused, never executed, and pollutes nothing', () => {
    test.each([
      [
        'a __proto__ key',
        () => JSON.parse('{"className":"Zeros","config":{"__proto__":{"polluted":true}}}') as unknown,
      ],
      ['an outer __proto__ key', () => JSON.parse('{"className":"Zeros","__proto__":{"polluted":true}}') as unknown],
      ['a constructor key', () => ({ className: 'Zeros', config: { constructor: { prototype: { polluted: true } } } })],
      ['a prototype key', () => ({ className: 'Zeros', config: { prototype: 1 } })],
      ['a class instance as config', () => ({ className: 'Zeros', config: new Map() })],
      ['an object with a foreign prototype', () => Object.create({ className: 'Zeros', config: {} }) as unknown],
      ['a Date value', () => ({ className: 'Constant', config: { value: new Date() } })],
      ['a function value', () => ({ className: 'Constant', config: { value: () => 1 } })],
      ['an array as the object', () => [{ className: 'Zeros' }]],
      ['a string', () => '{"className":"Zeros"}'],
      ['null', () => null],
      ['a className of the wrong type', () => ({ className: { toString: () => 'Zeros' } })],
      ['an Object.prototype name', () => ({ className: 'toString', config: {} })],
      ['an extra outer key', () => ({ className: 'Zeros', config: {}, extra: 1 })],
    ])('%s', (_, make) => {
      expect(() => deserialize(make())).toThrow(InitTypeError);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    test('getters are refused without being called', () => {
      let called = false;
      const config = {};
      Object.defineProperty(config, 'value', {
        enumerable: true,
        get: () => {
          called = true;
          return 1;
        },
      });
      expect(() => deserialize({ className: 'Constant', config })).toThrow(
        'must be a data property, not a getter or setter',
      );
      expect(called).toBe(false);
      const outer = {};
      Object.defineProperty(outer, 'className', {
        enumerable: true,
        get: () => {
          called = true;
          return 'Zeros';
        },
      });
      expect(() => deserialize(outer)).toThrow(InitTypeError);
      expect(called).toBe(false);
    });

    test('deep nesting is refused', () => {
      let value: unknown = 1;
      for (let depth = 0; depth < 100; depth++) value = [value];
      expect(() => deserialize({ className: 'Constant', config: { value } })).toThrow(/nested at most 3[24] levels/);
    });
  });
});

describe('registerInitializer', () => {
  class Halves extends Constant {
    static override readonly className: string = 'Halves';
    constructor() {
      super({ value: 0.5 });
    }
    override getConfig(): { value: number; dtype: 'float32'; verifyShape: boolean } {
      return { value: 0.5, dtype: 'float32', verifyShape: false };
    }
  }

  test('makes a class of the user known to deserialize', () => {
    expect(registerInitializer(Halves)).toBe(Halves);
    expect(registerInitializer(Halves)).toBe(Halves); // idempotent
    expect(Array.from(deserialize({ className: 'Halves', config: {} }).apply([2]).data)).toEqual([0.5, 0.5]);
  });

  test('a class of the user with no constructor is built from its config (never read as a caller)', () => {
    // deserialize builds `new cls(config)`; Initializer's constructor takes no argument, so a config
    // such as { level: 3 } reaches no check meant for built-in classes.
    class Level extends Initializer {
      static override readonly className: string = 'Level';
      readonly dtype = 'float32' as const;
      override getConfig(): Record<string, unknown> {
        return { level: 3 };
      }
      protected override generate(out: TypedArray): void {
        out.fill(3);
      }
    }
    registerInitializer(Level);
    const built = deserialize({ className: 'Level', config: { level: 3 } });
    expect(built).toBeInstanceOf(Level);
    expect(Array.from(built.apply([2]).data)).toEqual([3, 3]);
    expect(deserialize({ class_name: 'Level', config: { level: 3 } }).getConfig()).toEqual({ level: 3 });
  });

  test('refuses classes that are not initializers, have no own className, or take a used name', () => {
    expect(() => registerInitializer(class {} as never)).toThrow(
      'registerInitializer: cls must be a class that extends Initializer',
    );
    class Nameless extends Zeros {}
    expect(() => registerInitializer(Nameless)).toThrow(
      'registerInitializer: cls.className must be a non-empty string of the class itself',
    );
    class Impostor extends Zeros {
      static override readonly className: string = 'Ones';
    }
    expect(() => registerInitializer(Impostor)).toThrow(
      'must not be the name of another registered class. Received: "Ones".',
    );
  });
});
