// Dirac, Sparse, DeltaOrthogonal, ConvolutionOrthogonal and STFT read their options through the
// shared rules (issue #12), as every other class: a plain object or undefined, no unknown key (the
// closest name suggested), null refused where a number or name is meant, each value read once, and
// errors worded `<Class>: <option> must … Received: ….`.
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import {
  ConvolutionOrthogonal,
  DeltaOrthogonal,
  Dirac,
  InitRangeError,
  InitTypeError,
  Sparse,
  STFT,
  type Initializer,
} from './index.js';

/** Each class with options that make a valid instance, and a shape it fills. */
const CLASSES: readonly {
  readonly name: string;
  readonly make: (options: unknown) => Initializer;
  readonly valid: Record<string, unknown>;
  readonly shape: number[];
}[] = [
  { name: 'Dirac', make: (o) => new Dirac(o as never), valid: { groups: 1 }, shape: [3, 2, 2] },
  { name: 'Sparse', make: (o) => new Sparse(o as never), valid: { sparsity: 0.5, seed: 1 }, shape: [4, 3] },
  { name: 'DeltaOrthogonal', make: (o) => new DeltaOrthogonal(o as never), valid: { seed: 1 }, shape: [3, 2, 2] },
  {
    name: 'ConvolutionOrthogonal',
    make: (o) => new ConvolutionOrthogonal(o as never),
    valid: { seed: 1 },
    shape: [3, 2, 2],
  },
  { name: 'STFT', make: (o) => new STFT(o as never), valid: { side: 'imag' }, shape: [4, 1, 3] },
];

describe('the newer classes read their options through the shared rules', () => {
  test.each(CLASSES)(
    '$name: null, a string and an array as options are an InitTypeError naming options',
    ({ name, make }) => {
      for (const options of [null, 'x', [1], new Date(0)]) {
        expect(() => make(options)).toThrow(InitTypeError);
        expect(() => make(options)).toThrow(new RegExp(`^${name}: options must be a plain object`));
      }
    },
  );

  test.each(CLASSES)('$name: an unknown key is an error suggesting the closest name', ({ name, make, valid }) => {
    const [key] = Object.keys(valid) as [string];
    const misspelt = `${key.slice(0, -1)}${key.at(-1) === 'x' ? 'y' : 'x'}`;
    expect(() => make({ ...valid, [misspelt]: 1 })).toThrow(InitTypeError);
    expect(() => make({ ...valid, [misspelt]: 1 })).toThrow(
      new RegExp(`^${name}: ${misspelt} must be a known option \\(did you mean ${key}\\?\\)`),
    );
  });

  test.each(CLASSES)(
    '$name: options from another realm and with a null prototype are read',
    ({ make, valid, shape }) => {
      const foreign = runInNewContext(`(${JSON.stringify(valid)})`) as Record<string, unknown>;
      const bare = Object.assign(Object.create(null) as object, valid);
      const expected = Array.from(make(valid).apply(shape).data);
      expect(Array.from(make(foreign).apply(shape).data)).toEqual(expected);
      expect(Array.from(make(bare).apply(shape).data)).toEqual(expected);
    },
  );

  test.each(CLASSES)(
    '$name: undefined values mean the default, as if the key were absent',
    ({ make, valid, shape }) => {
      const withUndefined = { ...valid, dtype: undefined };
      expect(Array.from(make(withUndefined).apply(shape).data)).toEqual(Array.from(make(valid).apply(shape).data));
    },
  );

  test('null where a number is meant is refused, not read as the default', () => {
    expect(() => new Dirac({ groups: null as never })).toThrow(
      'Dirac: groups must be a positive integer. Received: null.',
    );
    expect(() => new Sparse({ sparsity: 0.5, stddev: null as never })).toThrow(
      'Sparse: stddev must be a non-negative finite number. Received: null.',
    );
    expect(() => new DeltaOrthogonal({ gain: null as never })).toThrow(
      'DeltaOrthogonal: gain must be a finite number. Received: null.',
    );
    expect(() => new ConvolutionOrthogonal({ gain: null as never })).toThrow(
      'ConvolutionOrthogonal: gain must be a finite number. Received: null.',
    );
    expect(() => new ConvolutionOrthogonal({ spatialRank: null as never })).toThrow(
      'ConvolutionOrthogonal: spatialRank must be 1, 2 or 3. Received: null.',
    );
    for (const make of [
      () => new Dirac({ groups: null as never }),
      () => new DeltaOrthogonal({ gain: null as never }),
      () => new ConvolutionOrthogonal({ gain: null as never }),
    ]) {
      expect(make).toThrow(InitTypeError);
    }
  });

  test('null where a name is meant is refused; STFT keeps null for "no window" and "no scaling"', () => {
    expect(() => new Dirac({ layout: null as never })).toThrow(
      "Dirac: layout must be one of 'tf', 'torch'. Received: null.",
    );
    expect(() => new DeltaOrthogonal({ layout: null as never })).toThrow(
      "DeltaOrthogonal: layout must be one of 'tf', 'torch'. Received: null.",
    );
    expect(() => new STFT({ side: null as never })).toThrow(
      "STFT: side must be one of 'real', 'imag'. Received: null.",
    );
    expect(() => new STFT({ periodic: null as never })).toThrow(
      'STFT: periodic must be true or false. Received: null.',
    );
    expect(() => new Dirac({ dtype: null as never })).toThrow(/^Dirac: dtype must be/);
    const plain = new STFT({ window: null, scaling: null }).apply([2, 1, 2]);
    // No window, no scaling: cos(−2π·t·f / 2) for t, f in {0, 1}.
    expect(Array.from(plain.data)).toEqual([1, 1, 1, -1]);
  });

  test('a spatialRank of the wrong value is an InitRangeError, of the wrong type an InitTypeError', () => {
    expect(() => new ConvolutionOrthogonal({ spatialRank: 4 as never })).toThrow(InitRangeError);
    expect(() => new ConvolutionOrthogonal({ spatialRank: '2' as never })).toThrow(InitTypeError);
    expect(() => new ConvolutionOrthogonal({ spatialRank: '2' as never })).toThrow(
      'ConvolutionOrthogonal: spatialRank must be 1, 2 or 3. Received: "2".',
    );
  });

  test('an engine or generator option slipped past the types is refused, not ignored', () => {
    expect(() => new Sparse({ sparsity: 0.5, engine: 'tfjs' } as never)).toThrow(
      'Sparse: engine must be one of \'counter\'. Received: "tfjs".',
    );
    expect(() => new DeltaOrthogonal({ generator: {} } as never)).toThrow(
      /^DeltaOrthogonal: generator must be a known option/,
    );
  });

  test('each option is read once: a getter runs once and the value checked is the value used', () => {
    let reads = 0;
    const options = {
      get groups() {
        reads++;
        return reads === 1 ? 1 : 0;
      },
    };
    const dirac = new Dirac(options);
    expect(reads).toBe(1);
    expect(dirac.groups).toBe(1);

    let gainReads = 0;
    const proxy = new Proxy(
      { gain: 2, seed: 1 },
      {
        get(target, key, receiver) {
          if (key === 'gain') gainReads++;
          return gainReads > 1 && key === 'gain' ? Number.NaN : Reflect.get(target, key, receiver);
        },
      },
    );
    const delta = new DeltaOrthogonal(proxy);
    expect(gainReads).toBe(1);
    expect(delta.gain).toBe(2);
  });

  test("STFT's window list is copied once, element by element, before it is checked", () => {
    let reads = 0;
    const window = new Proxy([1, 1, 1], {
      get(target, key, receiver) {
        if (key === '1') {
          reads++;
          return reads === 1 ? 2 : Number.NaN;
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const init = new STFT({ window, scaling: null });
    expect(reads).toBe(1);
    expect(init.window).toEqual([1, 2, 1]);
    expect(Object.isFrozen(init.window)).toBe(true);
    expect(init.apply([3, 1, 2]).data.every(Number.isFinite)).toBe(true);
    expect(() => new STFT({ window: [1, null] as never })).toThrow(
      'STFT: window must hold finite numbers only. Received: [1, null].',
    );
  });
});
