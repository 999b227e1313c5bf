// STFT against Keras 3's formulas evaluated by NumPy and SciPy (src/__fixtures__/stft-reference.json,
// written by scripts/stft-reference.py): every window STFT names, every scaling, both sides.
import { describe, expect, test } from 'vitest';
import { valuesOf, expectShardsAreSlices } from '../test/support.js';
import { keras3Envelope } from '../test/keras.js';
import reference from './__fixtures__/stft-reference.json' with { type: 'json' };
import { deserialize, InitRangeError, InitTypeError, serialize, STFT, WINDOWS, type WindowName } from './index.js';
import { windowValues } from './windows.js';

interface Case {
  shape: number[];
  side: 'real' | 'imag';
  window: string | number[] | null;
  scaling: 'density' | 'spectrum' | null;
  periodic: boolean;
  values: number[];
}

const cases = reference.cases as Case[];
const windows = reference.windows as Record<string, number[]>;

function maxError(actual: readonly number[], expected: readonly number[]): number {
  expect(actual).toHaveLength(expected.length);
  let worst = 0;
  for (let k = 0; k < actual.length; k++)
    worst = Math.max(worst, Math.abs((actual[k] as number) - (expected[k] as number)));
  return worst;
}

test('the fixture covers every window × scaling × side at several shapes', () => {
  for (const window of WINDOWS) {
    for (const scaling of ['density', 'spectrum', null]) {
      for (const side of ['real', 'imag']) {
        const shapes = cases
          .filter((c) => c.window === window && c.scaling === scaling && c.side === side && !c.periodic)
          .map((c) => c.shape.join('x'));
        expect(shapes.length, `${window} ${scaling} ${side}`).toBeGreaterThanOrEqual(4);
        expect(cases.some((c) => c.window === window && c.scaling === scaling && c.side === side && c.periodic)).toBe(
          true,
        );
      }
    }
  }
});

describe('STFT equals the NumPy/SciPy reference', () => {
  test.each(
    cases.map(
      (c) =>
        [
          `${c.side} ${JSON.stringify(c.window)} ${c.scaling} ${c.periodic ? 'periodic' : 'symmetric'} [${c.shape.join(', ')}]`,
          c,
        ] as const,
    ),
  )('%s', (_, c) => {
    const init = new STFT({
      side: c.side,
      window: c.window as WindowName | number[] | null,
      scaling: c.scaling,
      periodic: c.periodic,
    });
    // float64: the same numbers up to the rounding of the phase (the reference multiplies t·f/N·π
    // in floating point; STFT reduces t·f mod N first), far below 1e-12 for these sizes.
    expect(maxError(valuesOf(init.apply(c.shape, 'float64')), c.values)).toBeLessThanOrEqual(1e-12);
    // float32: the float64 values rounded once.
    const float32 = valuesOf(init.apply(c.shape, 'float32'));
    expect(float32).toEqual(valuesOf(init.apply(c.shape, 'float64')).map(Math.fround));
  });
});

test('every window and SciPy alias equals scipy.signal.get_window, symmetric and periodic', () => {
  const aliases = reference.aliases as Record<string, string>;
  for (const [key, expected] of Object.entries(windows)) {
    const [name, kind, length] = key.split('/') as [string, string, string];
    const values = Array.from(windowValues(name as WindowName, Number(length), kind === 'periodic'));
    expect(maxError(values, expected), key).toBeLessThanOrEqual(1e-14);
  }
  expect(Object.keys(aliases).length).toBeGreaterThan(0);
});

test('shards are slices of the full kernel', () => {
  expectShardsAreSlices(
    new STFT({ side: 'imag', window: 'hamming', scaling: 'spectrum' }),
    [16, 1, 9],
    [
      { varOffset: [4, 0, 0], shape: [5, 1, 9] },
      { varOffset: [0, 0, 3], shape: [16, 1, 4] },
      { varOffset: [7, 0, 2], shape: [2, 1, 5] },
    ],
  );
});

test('a large frame keeps full precision: t·f is reduced modulo N before the cosine', () => {
  // t·f/N = 4095·2048/4096 = 2047.5, an odd multiple of π: cos = −1 exactly, sin = 0 up to sin(π)'s rounding.
  const real = new STFT({ window: null }).apply([4096, 1, 2049], 'float64').data;
  expect(real[4095 * 2049 + 2048]).toBe(-1);
  const imag = new STFT({ side: 'imag', window: null }).apply([4096, 1, 2049], 'float64').data;
  expect(Math.abs(imag[4095 * 2049 + 2048] as number)).toBeLessThanOrEqual(1.3e-16);
});

test('defaults, config and Keras names', () => {
  const init = new STFT();
  expect(init.getConfig()).toEqual({
    side: 'real',
    window: 'hann',
    scaling: 'density',
    periodic: false,
    dtype: 'float32',
  });
  // Keras 3's own config: null window and scaling mean "none", and must survive deserialize.
  const rebuilt = deserialize(
    keras3Envelope('STFT', { side: 'imag', window: null, periodic: true, scaling: null }),
  ) as STFT;
  expect([rebuilt.side, rebuilt.window, rebuilt.scaling, rebuilt.periodic]).toEqual(['imag', null, null, true]);
  const legacy = deserialize({
    class_name: 'STFTInitializer',
    config: { side: 'real', window: 'hamming', scaling: 'spectrum', periodic: false },
  });
  expect(legacy).toBeInstanceOf(STFT);
  const withValues = new STFT({ window: [1, 2, 3], scaling: null });
  expect(deserialize(JSON.parse(JSON.stringify(serialize(withValues)))).apply([3, 1, 2]).data).toEqual(
    withValues.apply([3, 1, 2]).data,
  );
  expect(deserialize({ class_name: 'IdentityInitializer', config: { gain: 2 } }).apply([2, 2]).data).toEqual(
    new Float32Array([2, 0, 0, 2]),
  );
});

test('errors', () => {
  expect(() => new STFT({ side: 'complex' as never })).toThrow(
    "STFT: side must be one of 'real', 'imag'. Received: \"complex\".",
  );
  expect(() => new STFT({ window: 'kaiser' as never })).toThrow(InitTypeError);
  expect(() => new STFT({ window: 'kaiser' as never })).toThrow(
    /window must be null, a list of values, or a window name of SciPy's get_window without parameters \('barthann'/,
  );
  expect(() => new STFT({ window: [1, Number.NaN] })).toThrow('STFT: window must hold finite numbers only.');
  expect(() => new STFT({ scaling: 'l2' as never })).toThrow("STFT: scaling must be one of 'density', 'spectrum'.");
  expect(() => new STFT({ periodic: 1 as never })).toThrow('STFT: periodic must be true or false. Received: 1.');
  expect(() => new STFT({ dtype: 'int32' as never })).toThrow(InitTypeError);
  expect(() => new STFT().apply([8, 1, 5], 'int32')).toThrow(InitTypeError);
  expect(() => new STFT().apply([8, 2, 5])).toThrow(
    'STFT: shape must be [frameLength, 1, fftLength / 2 + 1] with at least 2 frequency bins',
  );
  expect(() => new STFT().apply([8, 1, 1])).toThrow(InitRangeError);
  expect(() => new STFT().apply([8, 5])).toThrow(InitRangeError);
  expect(() => new STFT({ window: [1, 2] }).apply([3, 1, 2])).toThrow(
    'STFT: window must have as many values as the frame length 3 (shape[0]). Received: 2 values.',
  );
  // SciPy's symmetric Bartlett window of length 2 is [0, 0]: Keras would divide by 0.
  expect(() => new STFT({ window: 'bartlett' }).apply([2, 1, 3])).toThrow(
    /STFT: window must not be all zeros with scaling "density"/,
  );
  expect(
    Array.from(new STFT({ window: 'bartlett', scaling: null }).apply([2, 1, 2]).data).every((value) => value === 0),
  ).toBe(true);
});
