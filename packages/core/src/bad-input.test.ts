// Regression tests for the bad inputs of issue #12 ("Every input a user can hand it"): each example
// of the issue, by name, with the documented result: one of our errors naming the caller's class and
// option, or correct values.
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { allocating } from './dtype.js';
import {
  Constant,
  deserialize,
  Identity,
  InitRangeError,
  InitTypeError,
  MAX_BYTES,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  serialize,
  TruncatedNormal,
  VarianceScaling,
  Zeros,
  type Initializer,
  type TypedArray,
} from './index.js';

function detached(length: number): Float32Array {
  const buffer = new ArrayBuffer(length * 4);
  const array = new Float32Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return array;
}

describe("engine 'tfjs' refuses what the default engine refuses, never writing ±Infinity", () => {
  test('RandomNormal({ stddev: 1e5, engine: tfjs }).apply([64], float16)', () => {
    const init = new RandomNormal({ seed: 1, stddev: 1e5, engine: 'tfjs' });
    expect(() => init.apply([64], 'float16')).toThrow(InitRangeError);
    expect(() => init.apply([64], 'float16')).toThrow(
      /^RandomNormal: stddev must keep mean ± 9\.30·stddev \(the widest sample\) within the finite range of float16\. Received: 100000\.$/,
    );
    // The same parameters in float32 are fine, on both engines.
    expect(init.apply([64]).data.every(Number.isFinite)).toBe(true);
    expect(() => new RandomNormal({ seed: 1, stddev: 1e5 }).apply([64], 'float16')).toThrow(
      /^RandomNormal: stddev must keep/,
    );
  });

  test('RandomUniform({ maxval: 1e39, engine: tfjs }).apply([8])', () => {
    const init = new RandomUniform({ seed: 1, maxval: 1e39, engine: 'tfjs' });
    expect(() => init.apply([8])).toThrow(InitRangeError);
    expect(() => init.apply([8])).toThrow(
      'RandomUniform: maxval must be within the finite range of float32. Received: 1e+39.',
    );
    // TensorFlow.js draws in float32 before any widening, so float64 does not help it; the counter engine draws in float64.
    expect(() => init.apply([8], 'float64')).toThrow(
      /^RandomUniform: maxval must be within the finite range of float32/,
    );
    expect(new RandomUniform({ seed: 1, maxval: 1e39 }).apply([8], 'float64').data.every(Number.isFinite)).toBe(true);
  });

  test('TruncatedNormal and VarianceScaling in float16 on both engines', () => {
    for (const engine of ['counter', 'tfjs'] as const) {
      expect(() => new TruncatedNormal({ seed: 1, stddev: 4e4, engine }).apply([4], 'float16')).toThrow(
        /^TruncatedNormal: stddev must keep mean ± 2·stddev/,
      );
      expect(() => new VarianceScaling({ seed: 1, scale: 1e12, engine }).apply([2, 2], 'float16')).toThrow(
        /^VarianceScaling: scale must /,
      );
      expect(() =>
        new VarianceScaling({ seed: 1, scale: 1e12, distribution: 'uniform', engine }).apply([2, 2], 'float16'),
      ).toThrow(/^VarianceScaling: scale must give bounds .* Received: 1000000000000\.$/);
    }
  });
});

describe('options objects', () => {
  test('new RandomNormal(null) is our InitTypeError, not a raw TypeError', () => {
    expect(() => new RandomNormal(null as never)).toThrow(InitTypeError);
    expect(() => new RandomNormal(null as never)).toThrow(
      'RandomNormal: options must be a plain object such as { mean: … } or undefined. Received: null.',
    );
  });

  test("new RandomNormal('x') is refused, not silently {}", () => {
    expect(() => new RandomNormal('x' as never)).toThrow(
      /^RandomNormal: options must be a plain object .* Received: "x"\.$/,
    );
    for (const bad of [42, [], new Date(0), () => 1, new Map()])
      expect(() => new RandomNormal(bad as never)).toThrow(InitTypeError);
  });

  test('a misspelt key ({ stdev: 5 }) is an error suggesting the closest name', () => {
    expect(() => new RandomNormal({ stdev: 5 } as never)).toThrow(
      'RandomNormal: stdev must be a known option (did you mean stddev?); RandomNormal takes mean, stddev, seed, dtype, engine, generator. Received: 5.',
    );
    expect(() => new VarianceScaling({ distrbution: 'uniform' } as never)).toThrow(
      /^VarianceScaling: distrbution must be a known option \(did you mean distribution\?\)/,
    );
    expect(() => new Zeros({ dtyp: 'int32' } as never)).toThrow(
      /^Zeros: dtyp must be a known option \(did you mean dtype\?\)/,
    );
    expect(() => new Constant({ verify_shape: true } as never)).toThrow(
      /^Constant: verify_shape must be a known option \(did you mean verifyShape\?\)/,
    );
  });

  test('null for a number is refused, not read as the default', () => {
    expect(() => new RandomNormal({ stddev: null } as never)).toThrow(InitTypeError);
    expect(() => new RandomNormal({ stddev: null } as never)).toThrow(
      'RandomNormal: stddev must be a non-negative finite number. Received: null.',
    );
    expect(() => new VarianceScaling({ scale: null } as never)).toThrow(
      'VarianceScaling: scale must be a positive finite number. Received: null.',
    );
    expect(() => new Identity({ gain: null } as never)).toThrow(
      'Identity: gain must be a finite number. Received: null.',
    );
    expect(() => new RandomNormal({ seed: null } as never)).toThrow(/^RandomNormal: seed must be .* Received: null\.$/);
  });

  test("new RandomUniform({ maxval: null, dtype: 'int32' }) is an error, not zeros", () => {
    expect(() => new RandomUniform({ maxval: null, dtype: 'int32' } as never)).toThrow(
      'RandomUniform: maxval must be a finite number. Received: null.',
    );
  });

  test('options are read once: a getter runs once, and the value checked is the value used', () => {
    let reads = 0;
    const options = {
      get stddev(): number {
        reads++;
        return reads === 1 ? 2 : Number.NaN;
      },
      seed: 3,
    };
    const init = new RandomNormal(options);
    expect(reads).toBe(1);
    expect(init.stddev).toBe(2);
    const proxied = new Proxy({ mean: 1, seed: 3 }, {});
    expect(new RandomNormal(proxied).mean).toBe(1);
  });

  test('plain objects of another realm and with a null prototype are options too', () => {
    const foreign = runInNewContext('({ stddev: 2, seed: 1 })') as object;
    expect(new RandomNormal(foreign).stddev).toBe(2);
    const bare = Object.assign(Object.create(null) as object, { stddev: 3 });
    expect(new RandomNormal(bare).stddev).toBe(3);
  });
});

describe('sizes', () => {
  test('a float64 allocation beyond the budget is an InitRangeError naming class, shape, dtype and bytes', () => {
    const call = (): unknown => new Zeros().apply([2 ** 30], 'float64');
    expect(call).toThrow(InitRangeError);
    expect(call).toThrow(
      `Zeros: shape must need at most ${MAX_BYTES} bytes (4 GiB) of output and scratch for dtype 'float64'; initialize a tensor this large in shards with partitionInfo. Received: [1073741824], which needs 8589934592 bytes.`,
    );
    // Scratch counts too: Orthogonal's float64 workspace for a float32 result.
    expect(() => new Orthogonal({ seed: 1 }).apply([16384, 16384])).toThrow(
      /^Orthogonal: shape must need at most .* which needs \d+ bytes\.$/,
    );
  });

  test("an allocation the machine refuses is an InitRangeError, not the engine's bare RangeError", () => {
    const failing = (): never => {
      throw new RangeError('Array buffer allocation failed');
    };
    expect(() => allocating('RandomNormal', [65536, 65536], 'float32', 2 ** 34, failing)).toThrow(InitRangeError);
    expect(() => allocating('RandomNormal', [65536, 65536], 'float32', 2 ** 34, failing)).toThrow(
      /^RandomNormal: shape must fit in the memory this machine can allocate: 17179869184 bytes for dtype 'float32' failed .* Received: \[65536, 65536\]\.$/,
    );
  });
});

describe('buffers', () => {
  test.each([
    ['Zeros', new Zeros()],
    ['Ones', new Ones()],
    ['Identity', new Identity()],
    ['RandomNormal', new RandomNormal({ seed: 1 })],
  ] as const)('%s.fill on a detached buffer is our InitTypeError', (name, init) => {
    const shape = name === 'Identity' ? [2, 2] : [4];
    expect(() => init.fill(detached(4), shape)).toThrow(InitTypeError);
    expect(() => init.fill(detached(4), shape)).toThrow(
      `${name}: out must not be detached (its buffer was transferred). Received: a detached Float32Array.`,
    );
    expect(() => init.fill(detached(0), [0], { dtype: 'float32' })).toThrow(InitTypeError);
  });

  test('fill takes a Float32Array from another realm (vm), a SharedArrayBuffer and an offset subarray alike', () => {
    const init = new RandomNormal({ seed: 7 });
    const expected = init.apply([6]).data;
    const foreign = runInNewContext('new Float32Array(6)') as Float32Array;
    expect(Array.from(init.fill(foreign, [6]))).toEqual(Array.from(expected));
    const shared = new Float32Array(new SharedArrayBuffer(4 * 10)).subarray(2, 8);
    expect(Array.from(init.fill(shared, [6]))).toEqual(Array.from(expected));
    const offset = new Float32Array(10).subarray(3, 9);
    expect(Array.from(init.fill(offset, [6]))).toEqual(Array.from(expected));
    const foreignInt = runInNewContext('new Int32Array(3)') as Int32Array;
    expect(Array.from(new RandomUniform({ seed: 1, maxval: 10, dtype: 'int32' }).fill(foreignInt, [3]))).toEqual(
      Array.from(new RandomUniform({ seed: 1, maxval: 10, dtype: 'int32' }).apply([3]).data),
    );
  });

  test("the caller's buffer is unchanged on error", () => {
    const cases: [Initializer, TypedArray, readonly number[], { dtype?: 'float16' }][] = [
      [
        new RandomNormal({ seed: 1, stddev: 1e5, engine: 'tfjs' }),
        new Uint16Array(4).fill(7),
        [4],
        { dtype: 'float16' },
      ],
      [new RandomUniform({ seed: 1, maxval: 1e39 }), new Float32Array(4).fill(7), [4], {}],
      [new Identity({ gain: 1e5 }), new Uint16Array(4).fill(7), [2, 2], { dtype: 'float16' }],
      [new Identity(), new Float32Array(4).fill(7), [4], {}],
      [new Constant({ value: [1, 2, 3, 4, 5] }), new Float32Array(4).fill(7), [4], {}],
    ];
    for (const [init, out, shape, options] of cases) {
      expect(() => init.fill(out, shape, options)).toThrow();
      expect(Array.from(out).every((value) => value === 7)).toBe(true);
    }
  });

  test('TruncatedNormal giving up after 2^20 redraws of one element leaves the buffer unchanged', () => {
    // float32 holds 24576 and 24576 + 2^-9 around 24576σ: a value rounds strictly above the bound
    // only for z > 24576 + 2^-10, probability about 2^-20 per draw, so each element gives up with
    // probability about 1/e. With this seed the first elements succeed and a later one gives up:
    // drawn straight into out, they would already be written when the error is thrown.
    const init = new TruncatedNormal({ seed: 2, lower: 24576.000413, upper: Infinity });
    const out = new Float32Array(8).fill(7);
    expect(() => init.fill(out, [8])).toThrow(
      /^TruncatedNormal: lower and upper must leave measurable probability on float32 values .*redrawn 2\^20 times\. Received: lower=24576\.000413, upper=Infinity\.$/,
    );
    expect(Array.from(out)).toEqual(new Array(8).fill(7));
  });
});

describe('shapes are read once', () => {
  test('a shape whose element getter changes between reads is read once, and the first read is used', () => {
    let reads = 0;
    const shape = [0, 3];
    Object.defineProperty(shape, 0, {
      get: () => {
        reads++;
        return reads === 1 ? 2 : 1e9;
      },
    });
    const tensor = new Zeros().apply(shape);
    expect(reads).toBe(1);
    expect(tensor.shape).toEqual([2, 3]);
    expect(tensor.data).toHaveLength(6);
  });

  test('partitionInfo arrays are read once too', () => {
    let reads = 0;
    const varOffset = [0];
    Object.defineProperty(varOffset, 0, {
      get: () => {
        reads++;
        return reads === 1 ? 1 : -5;
      },
    });
    const shard = new RandomNormal({ seed: 1 }).apply([2], 'float32', { fullShape: [3], varOffset });
    expect(reads).toBe(1);
    expect(Array.from(shard.data)).toEqual(Array.from(new RandomNormal({ seed: 1 }).apply([3]).data.subarray(1)));
  });
});

describe('messages name the class and option the caller wrote', () => {
  test("RandomUniform({ maxval: 1e39 }) names RandomUniform's maxval, not fillUniform's high", () => {
    expect(() => new RandomUniform({ maxval: 1e39 }).apply([2])).toThrow(
      'RandomUniform: maxval must be within the finite range of float32. Received: 1e+39.',
    );
    expect(() => new RandomUniform({ minval: 1 + 1e-10, maxval: 1 + 2e-10 }).apply([2])).toThrow(
      /^RandomUniform: minval must leave room for at least one float32 value below maxval/,
    );
  });

  test('a subclass is named by its own className', () => {
    class Halves extends RandomNormal {
      static override readonly className: string = 'Halves';
    }
    expect(() => new Halves({ stdev: 1 } as never)).toThrow(/^Halves: stdev must be a known option/);
  });
});

describe('deserialize', () => {
  test('options.classes is validated', () => {
    expect(() => deserialize({ className: 'Zeros', config: {} }, { classes: 5 as never })).toThrow(
      'deserialize: classes must be an array of Initializer classes. Received: 5.',
    );
    expect(() => deserialize({ className: 'Zeros', config: {} }, { classes: [Date] as never })).toThrow(
      /^deserialize: classes\[0\] must be a class that extends Initializer/,
    );
    expect(() => deserialize({ className: 'Zeros', config: {} }, { clases: [] } as never)).toThrow(
      /^deserialize: clases must be a known option \(did you mean classes\?\)/,
    );
  });

  test.each([30, 31, 32])('a Constant of rank %i round-trips through its config', (rank) => {
    let value: unknown = 1.5;
    for (let axis = 0; axis < rank; axis++) value = [value];
    const constant = new Constant({ value: value as never });
    const copy = deserialize(JSON.parse(JSON.stringify(serialize(constant))));
    expect(copy.getConfig()).toEqual(constant.getConfig());
    expect(Array.from(copy.apply(new Array<number>(rank).fill(1)).data)).toEqual([1.5]);
  });

  test('a Constant of rank 33 is refused at construction', () => {
    let value: unknown = 1;
    for (let axis = 0; axis < 33; axis++) value = [value];
    expect(() => new Constant({ value: value as never })).toThrow(
      'Constant: value must be nested at most 32 levels deep.',
    );
  });
});

describe('dialects: configs from real frameworks load with their own meaning', () => {
  // Sample std of He normal on a [512, 256] kernel; 5 standard errors of a truncated-normal sample
  // std (kurtosis 2.366) is 0.0004 here: a false-alarm rate below 1e-6.
  const std = (values: ArrayLike<number>): number => {
    let sum = 0;
    let squares = 0;
    for (let index = 0; index < values.length; index++) sum += values[index]!;
    const mean = sum / values.length;
    for (let index = 0; index < values.length; index++) squares += (values[index]! - mean) ** 2;
    return Math.sqrt(squares / values.length);
  };

  test("Keras ≥ 2.2 / tf.keras He normal saved as VarianceScaling 'normal' has std 0.0625, not 0.055", () => {
    const saved = {
      class_name: 'VarianceScaling',
      config: { scale: 2.0, mode: 'fan_in', distribution: 'normal', seed: 5 },
    };
    expect(Math.abs(std(deserialize(saved).apply([512, 256]).data) - 0.0625)).toBeLessThan(0.0004);
    // TF1's reading, still there when asked for:
    expect(Math.abs(std(deserialize(saved, { dialect: 'tf1' }).apply([512, 256]).data) - 0.055)).toBeLessThan(0.0004);
  });

  test("TensorFlow.js's getConfig() output (mode: 'fanAvg') loads with { dialect: 'tfjs' }, and says so without it", () => {
    const config = { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: 3 };
    expect(deserialize({ className: 'VarianceScaling', config }, { dialect: 'tfjs' }).getConfig()).toMatchObject({
      mode: 'fan_avg',
      engine: 'tfjs',
    });
    expect(() => deserialize({ className: 'VarianceScaling', config })).toThrow(
      "VarianceScaling: mode must be one of 'fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg' ('fanAvg' is TensorFlow.js's spelling: pass { dialect: 'tfjs' }). Received: \"fanAvg\".",
    );
  });

  test("seeds TensorFlow.js accepts (−5, 2.5) load under the 'tfjs' dialect (engine 'tfjs')", () => {
    for (const seed of [-5, 2.5]) {
      const init = deserialize({ className: 'RandomNormal', config: { seed } }, { dialect: 'tfjs' });
      expect(init.getConfig()).toMatchObject({ seed, engine: 'tfjs' });
      expect(init.apply([4]).data).toEqual(init.apply([4]).data);
    }
  });

  test('an unknown dialect is an InitTypeError naming dialect, with the closest one', () => {
    expect(() => deserialize({ className: 'Zeros' }, { dialect: 'tfjss' as never })).toThrow(
      "deserialize: dialect must be one of 'tf1', 'keras', 'tfjs' (did you mean 'tfjs'?). Received: \"tfjss\".",
    );
  });
});
