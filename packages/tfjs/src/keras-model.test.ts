// A real Keras model.json (Keras 2.1.5, converted; origin in __fixtures__/README.md) loads with
// installTfjs, its initializers resolve to @init's, and the weights they make are what the configs
// ask for.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { type Initializer, Orthogonal, VarianceScaling, Zeros } from '@init/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { installTfjs, uninstallTfjs } from './index.js';
import { TfjsOrthogonal } from './tfjs-orthogonal.js';

const topology = JSON.parse(
  readFileSync(new URL('./__fixtures__/keras-2.1.5-lstm.model.json', import.meta.url), 'utf8'),
) as object;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => uninstallTfjs());

type WithInitializers = Record<string, { initializer?: Initializer } | undefined>;

/** Largest |(A·Aᵀ)[i][j] − δij| over the rows of a row-major rows × cols matrix. */
function rowOrthonormalityError(values: Float32Array, rows: number, cols: number): number {
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j <= i; j++) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += (values[i * cols + k] as number) * (values[j * cols + k] as number);
      worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

function maxAbs(values: Float32Array | undefined): number {
  let max = 0;
  for (const value of values ?? []) max = Math.max(max, Math.abs(value));
  return max;
}

test.each(['tfjs', 'counter'] as const)(
  "Keras 2.1.5's LSTM model.json loads with installTfjs({ engine: '%s' }) and its initializers are @init's",
  async (engine) => {
    installTfjs({ engine });
    // Topology only, no weights: every weight is made by its initializer.
    const model = await tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: structuredClone(topology) }));
    const [lstm, , dense] = model.layers as unknown as [{ cell: WithInitializers }, unknown, WithInitializers];

    expect(lstm.cell.kernelInitializer?.initializer).toBeInstanceOf(VarianceScaling);
    expect(lstm.cell.recurrentInitializer?.initializer).toBeInstanceOf(engine === 'tfjs' ? TfjsOrthogonal : Orthogonal);
    expect(lstm.cell.biasInitializer?.initializer).toBeInstanceOf(Zeros);
    expect(dense.kernelInitializer?.initializer).toBeInstanceOf(VarianceScaling);
    expect(dense.biasInitializer?.initializer).toBeInstanceOf(Zeros);
    // Keras's config, read as Keras means it: Glorot uniform (scale 1, fan_avg, uniform).
    expect((dense.kernelInitializer?.initializer as VarianceScaling | undefined)?.getConfig()).toMatchObject({
      scale: 1,
      mode: 'fan_avg',
      distribution: 'uniform',
      seed: null,
    });

    const [kernel, recurrent, bias, denseKernel] = model
      .getWeights()
      .map((weight) => ({ shape: weight.shape, values: weight.dataSync() as Float32Array }));
    expect(recurrent?.shape).toEqual([256, 1024]);
    // Orthonormal rows (256 < 1024), to float32 rounding: 1e-5 is ~80 float32 ulps of 1.
    expect(rowOrthonormalityError(recurrent?.values as Float32Array, 256, 1024)).toBeLessThan(1e-5);
    // Glorot uniform limits: √(6 / (fanIn + fanOut)).
    const limit = Math.sqrt(6 / (393 + 1024));
    expect(kernel?.shape).toEqual([393, 1024]);
    // (float32 rounding is monotonic, so a value below the limit stays at most fround(limit)).
    expect(maxAbs(kernel?.values)).toBeLessThanOrEqual(Math.fround(limit));
    expect(maxAbs(kernel?.values)).toBeGreaterThan(0.99 * limit);
    expect(maxAbs(denseKernel?.values)).toBeLessThanOrEqual(Math.fround(Math.sqrt(6 / (256 + 393))));
    // Zeros, with Keras's unit forget bias of ones in the second quarter.
    expect(Array.from(bias?.values ?? [])).toEqual([
      ...Array<number>(256).fill(0),
      ...Array<number>(256).fill(1),
      ...Array<number>(512).fill(0),
    ]);

    // It runs.
    const prediction = model.predict(tf.zeros([1, 10, 393])) as tf.Tensor;
    expect(prediction.shape).toEqual([1, 393]);
    expect(tf.sum(prediction).dataSync()[0]).toBeCloseTo(1, 5);
  },
);
