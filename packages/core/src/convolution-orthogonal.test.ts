// DeltaOrthogonal and ConvolutionOrthogonal: the operator each kernel defines is checked directly,
// by a circular convolution written out here (no FFT), on random signals.
import { fillNormal, keyFromSeed } from '@init/random';
import { describe, expect, test } from 'vitest';
import { valuesOf, expectShardsAreSlices } from '../test/support.js';
import {
  ConvolutionOrthogonal,
  DeltaOrthogonal,
  deserialize,
  InitRangeError,
  InitTypeError,
  serialize,
} from './index.js';

/** A TF-layout kernel [...spatial, in, out] read out of a torch-layout one [out, in, ...spatial]. */
function torchToTf(values: readonly number[], torchShape: readonly number[]): number[] {
  const [outChannels = 0, inChannels = 0, ...spatial] = torchShape;
  const taps = spatial.reduce((a, b) => a * b, 1);
  const result: number[] = new Array(values.length);
  for (let o = 0; o < outChannels; o++) {
    for (let i = 0; i < inChannels; i++) {
      for (let t = 0; t < taps; t++)
        result[(t * inChannels + i) * outChannels + o] = values[(o * inChannels + i) * taps + t] as number;
    }
  }
  return result;
}

/**
 * The circular convolution (TensorFlow's conv, a cross-correlation, with circular padding) of a
 * signal x of spatial size `signal` and `inChannels` channels with a TF-layout kernel:
 * y[n, o] = Σ_t Σ_i x[(n + t) mod N, i] · K[t, i, o], for every position n of the signal grid.
 */
function circularConvolution(
  x: Float64Array,
  signal: readonly number[],
  kernel: readonly number[],
  kernelSpatial: readonly number[],
  inChannels: number,
  outChannels: number,
): Float64Array {
  const d = signal.length;
  const positions = signal.reduce((a, b) => a * b, 1);
  const taps = kernelSpatial.reduce((a, b) => a * b, 1);
  const y = new Float64Array(positions * outChannels);
  const unflatten = (flat: number, sizes: readonly number[]): number[] => {
    const index = new Array<number>(sizes.length);
    for (let a = sizes.length - 1; a >= 0; a--) {
      index[a] = flat % (sizes[a] as number);
      flat = Math.floor(flat / (sizes[a] as number));
    }
    return index;
  };
  for (let n = 0; n < positions; n++) {
    const position = unflatten(n, signal);
    for (let t = 0; t < taps; t++) {
      const tap = unflatten(t, kernelSpatial);
      let source = 0;
      for (let a = 0; a < d; a++)
        source =
          source * (signal[a] as number) + (((position[a] as number) + (tap[a] as number)) % (signal[a] as number));
      for (let i = 0; i < inChannels; i++) {
        const xi = x[source * inChannels + i] as number;
        for (let o = 0; o < outChannels; o++) {
          y[n * outChannels + o] =
            (y[n * outChannels + o] as number) + xi * (kernel[(t * inChannels + i) * outChannels + o] as number);
        }
      }
    }
  }
  return y;
}

function norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += (values[k] as number) ** 2;
  return Math.sqrt(sum);
}

/** The worst |‖x * K‖ / ‖x‖ − |gain|| over `trials` random signals of spatial size `signal`. */
function worstNormError(
  kernel: readonly number[],
  kernelShape: readonly number[],
  signal: readonly number[],
  gain: number,
  trials: number,
  seed: number,
): number {
  const spatial = kernelShape.slice(0, -2);
  const inChannels = kernelShape.at(-2) as number;
  const outChannels = kernelShape.at(-1) as number;
  let worst = 0;
  for (let trial = 0; trial < trials; trial++) {
    const x = new Float64Array(signal.reduce((a, b) => a * b, 1) * inChannels);
    fillNormal(x, keyFromSeed(`signal/${seed}/${trial}`));
    const y = circularConvolution(x, signal, kernel, spatial, inChannels, outChannels);
    worst = Math.max(worst, Math.abs(norm(y) / norm(x) - Math.abs(gain)));
  }
  return worst;
}

describe('ConvolutionOrthogonal', () => {
  test.each([
    { shape: [3, 4, 8], signal: [16] },
    { shape: [5, 3, 3], signal: [12] },
    { shape: [4, 8, 8], signal: [3] }, // a signal shorter than the kernel: the taps wrap around
    { shape: [1, 5, 7], signal: [6] },
    { shape: [3, 3, 4, 6], signal: [6, 5] },
    { shape: [2, 2, 6, 6], signal: [4, 7] },
    { shape: [4, 4, 2, 5], signal: [5, 5] },
    { shape: [3, 3, 3, 3, 4], signal: [4, 3, 5] },
    { shape: [2, 2, 2, 2, 2], signal: [3, 3, 3] },
  ])(
    '$shape: circular convolution preserves the norm of random signals (float32 ≤ 1e-5, float64 ≤ 1e-12)',
    ({ shape, signal }) => {
      const gain = 1.5;
      const init = new ConvolutionOrthogonal({ gain, seed: 7 });
      const kernel64 = valuesOf(init.apply(shape, 'float64'));
      const kernel32 = valuesOf(init.apply(shape, 'float32'));
      expect(worstNormError(kernel64, shape, signal, gain, 4, 1) / gain).toBeLessThanOrEqual(1e-12);
      expect(worstNormError(kernel32, shape, signal, gain, 4, 2) / gain).toBeLessThanOrEqual(1e-5);
      // Not a delta in disguise: with k > 1 the taps away from the first carry energy.
      const taps = shape.slice(0, -2).reduce((a, b) => a * b, 1);
      const tapSize = (shape.at(-2) as number) * (shape.at(-1) as number);
      if (taps > 1) expect(norm(kernel64.slice(tapSize))).toBeGreaterThan(0.1);
    },
  );

  test('the torch layout is the same operator, permuted', () => {
    const tf = valuesOf(new ConvolutionOrthogonal({ seed: 3 }).apply([3, 3, 4, 6], 'float64'));
    const torch = valuesOf(new ConvolutionOrthogonal({ seed: 3, layout: 'torch' }).apply([6, 4, 3, 3], 'float64'));
    expect(torchToTf(torch, [6, 4, 3, 3])).toEqual(tf);
  });

  test('seeded: the same kernel on every call; another seed, another kernel', () => {
    const a = new ConvolutionOrthogonal({ seed: 1 }).apply([3, 5, 5]).data;
    expect(new ConvolutionOrthogonal({ seed: 1 }).apply([3, 5, 5]).data).toEqual(a);
    expect(new ConvolutionOrthogonal({ seed: 2 }).apply([3, 5, 5]).data).not.toEqual(a);
    // Unseeded: a fresh kernel per call, still norm-preserving.
    const fresh = new ConvolutionOrthogonal();
    expect(fresh.apply([3, 5, 5]).data).not.toEqual(fresh.apply([3, 5, 5]).data);
  });

  test('shards are slices of the full kernel, in both layouts', () => {
    expectShardsAreSlices(
      new ConvolutionOrthogonal({ seed: 5, layout: 'tf' }),
      [3, 3, 4, 6],
      [
        { varOffset: [1, 0, 0, 0], shape: [2, 3, 4, 6] },
        { varOffset: [0, 1, 2, 0], shape: [3, 2, 2, 3] },
        { varOffset: [2, 2, 3, 5], shape: [1, 1, 1, 1] },
      ],
    );
    expectShardsAreSlices(
      new ConvolutionOrthogonal({ seed: 5, layout: 'torch' }),
      [6, 4, 3, 3],
      [
        { varOffset: [1, 0, 0, 0], shape: [2, 4, 3, 3] },
        { varOffset: [0, 1, 1, 0], shape: [6, 2, 2, 3] },
        { varOffset: [5, 3, 2, 2], shape: [1, 1, 1, 1] },
      ],
    );
  });

  test("TF1's rules: ranks 3 to 5, equal sides, in ≤ out, spatialRank", () => {
    expect(() => new ConvolutionOrthogonal({ seed: 1 }).apply([4, 4])).toThrow(
      'ConvolutionOrthogonal: shape must be a 1-D, 2-D or 3-D convolution kernel, of rank 3, 4 or 5 ([...kernel, in, out]). Received: [4, 4].',
    );
    expect(() => new ConvolutionOrthogonal({ seed: 1 }).apply([3, 5, 4, 4])).toThrow(
      'ConvolutionOrthogonal: shape must have equal kernel sides, as TF1 requires (k − 1 factors per axis give k taps on every side). Received: [3, 5, 4, 4].',
    );
    expect(() => new ConvolutionOrthogonal({ seed: 1 }).apply([3, 8, 4])).toThrow(
      'ConvolutionOrthogonal: the input channels (shape[-2] = 8) must not exceed the output channels (shape[-1] = 4)',
    );
    expect(() => new ConvolutionOrthogonal({ layout: 'torch' }).apply([4, 8, 3])).toThrow(
      /\(shape\[1\] = 8\) must not exceed the output channels \(shape\[0\] = 4\)/,
    );
    expect(() => new ConvolutionOrthogonal({ spatialRank: 2 }).apply([3, 4, 4])).toThrow(
      "ConvolutionOrthogonal: shape must have rank 4 for spatialRank 2 (TF1's ConvolutionOrthogonal2D). Received: [3, 4, 4].",
    );
    expect(() => new ConvolutionOrthogonal({ spatialRank: 4 as never })).toThrow(
      'ConvolutionOrthogonal: spatialRank must be 1, 2 or 3. Received: 4.',
    );
    expect(() => new ConvolutionOrthogonal({ gain: Number.POSITIVE_INFINITY })).toThrow(InitRangeError);
    expect(() => new ConvolutionOrthogonal({ dtype: 'int32' as never })).toThrow(InitTypeError);
    expect(() => new ConvolutionOrthogonal({ layout: 'nchw' as never })).toThrow(
      "ConvolutionOrthogonal: layout must be one of 'tf', 'torch'.",
    );
    expect(new ConvolutionOrthogonal().apply([3, 0, 4]).data).toHaveLength(0);
  });

  test('serializes, with TF1 class names read as this class', () => {
    const init = new ConvolutionOrthogonal({ gain: 2, layout: 'torch', spatialRank: 1, seed: 4 });
    expect(serialize(init)).toEqual({
      className: 'ConvolutionOrthogonal',
      config: { gain: 2, layout: 'torch', spatialRank: 1, seed: 4, dtype: 'float32' },
    });
    const rebuilt = deserialize(JSON.parse(JSON.stringify(serialize(init))));
    expect(rebuilt.apply([8, 4, 3]).data).toEqual(init.apply([8, 4, 3]).data);
    const tf1 = deserialize({ class_name: 'ConvolutionOrthogonal2D', config: { gain: 1, seed: 3, dtype: 'float32' } });
    expect(tf1).toBeInstanceOf(ConvolutionOrthogonal);
    expect(new ConvolutionOrthogonal().getConfig()).not.toHaveProperty('spatialRank');
  });
});

describe('DeltaOrthogonal', () => {
  /** max |C·Cᵀ − gain²·I| for the in × out centre tap C. */
  function rowResidual(c: readonly number[], rows: number, cols: number, gain: number): number {
    let worst = 0;
    for (let a = 0; a < rows; a++) {
      for (let b = 0; b < rows; b++) {
        let dot = 0;
        for (let t = 0; t < cols; t++) dot += (c[a * cols + t] as number) * (c[b * cols + t] as number);
        worst = Math.max(worst, Math.abs(dot - (a === b ? gain * gain : 0)));
      }
    }
    return worst;
  }

  test.each([
    { shape: [3, 8, 16], centre: [1] },
    { shape: [4, 8, 8], centre: [1] },
    { shape: [1, 5, 9], centre: [0] },
    { shape: [3, 3, 16, 32], centre: [1, 1] },
    { shape: [5, 2, 6, 6], centre: [2, 0] },
    { shape: [3, 4, 5, 4, 12], centre: [1, 1, 2] },
  ])(
    '$shape: the centre tap $centre has orthonormal rows (float32 ≤ 1e-6), every other tap is 0',
    ({ shape, centre }) => {
      const spatial = shape.slice(0, -2);
      const inChannels = shape.at(-2) as number;
      const outChannels = shape.at(-1) as number;
      const tapSize = inChannels * outChannels;
      let centreTap = 0;
      for (let a = 0; a < spatial.length; a++) centreTap = centreTap * (spatial[a] as number) + (centre[a] as number);
      for (const gain of [1, -0.5]) {
        const values = valuesOf(new DeltaOrthogonal({ gain, seed: 11 }).apply(shape, 'float32'));
        const c = values.slice(centreTap * tapSize, (centreTap + 1) * tapSize);
        expect(rowResidual(c, inChannels, outChannels, gain)).toBeLessThanOrEqual(1e-6 * gain * gain);
        values.forEach((value, k) => {
          if (Math.floor(k / tapSize) !== centreTap) expect(value).toBe(0);
        });
        // So the (any-padding) convolution preserves norms too.
        expect(
          worstNormError(
            values,
            shape,
            spatial.map(() => 5),
            gain,
            2,
            3,
          ) / Math.abs(gain),
        ).toBeLessThanOrEqual(1e-5);
      }
    },
  );

  test('the torch layout holds the transposed centre tap of the same operator', () => {
    const tf = valuesOf(new DeltaOrthogonal({ seed: 6 }).apply([3, 3, 4, 8], 'float64'));
    const torch = valuesOf(new DeltaOrthogonal({ seed: 6, layout: 'torch' }).apply([8, 4, 3, 3], 'float64'));
    expect(torchToTf(torch, [8, 4, 3, 3])).toEqual(tf);
    // The [out, in] centre tap has orthonormal columns.
    const centre = [];
    for (let o = 0; o < 8; o++) for (let i = 0; i < 4; i++) centre.push(torch[(o * 4 + i) * 9 + 4] as number);
    let worst = 0;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        let dot = 0;
        for (let o = 0; o < 8; o++) dot += (centre[o * 4 + a] as number) * (centre[o * 4 + b] as number);
        worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  test('shards are slices of the full kernel', () => {
    expectShardsAreSlices(
      new DeltaOrthogonal({ seed: 2 }),
      [3, 3, 4, 6],
      [
        { varOffset: [1, 1, 0, 0], shape: [1, 1, 4, 6] },
        { varOffset: [0, 0, 1, 2], shape: [3, 3, 2, 3] },
        { varOffset: [2, 0, 0, 0], shape: [1, 3, 4, 6] },
      ],
    );
  });

  test('errors and config', () => {
    expect(() => new DeltaOrthogonal().apply([3, 3])).toThrow(/rank 3, 4 or 5/);
    expect(() => new DeltaOrthogonal().apply([2, 2, 2, 2, 2, 2])).toThrow(InitRangeError);
    expect(() => new DeltaOrthogonal().apply([3, 16, 8])).toThrow(
      'DeltaOrthogonal: the input channels (shape[-2] = 16) must not exceed the output channels (shape[-1] = 8), as TF1 requires',
    );
    expect(() => new DeltaOrthogonal({ gain: 1e39, seed: 1 }).apply([3, 2, 2])).toThrow(
      'DeltaOrthogonal: gain must round to a finite float32',
    );
    expect(serialize(new DeltaOrthogonal({ seed: 1 }))).toEqual({
      className: 'DeltaOrthogonal',
      config: { gain: 1, layout: 'tf', seed: 1, dtype: 'float32' },
    });
    const tf1 = deserialize({
      class_name: 'ConvolutionDeltaOrthogonal',
      config: { gain: 2, seed: 5, dtype: 'float64' },
    });
    expect(tf1.apply([3, 2, 4]).data).toEqual(
      new DeltaOrthogonal({ gain: 2, seed: 5, dtype: 'float64' }).apply([3, 2, 4]).data,
    );
  });
});
