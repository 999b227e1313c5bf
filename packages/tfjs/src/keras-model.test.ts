// A model.json topology in the form Keras 2.x writes and TensorFlow.js's converter keeps (snake_case
// configs, `{ class_name, config }` initializers with `seed: null`, the LSTM's unit forget bias) loads
// with installTfjs, its initializers resolve to @init's, and the weights they make are what the
// configs ask for. The topology is our own (an LSTM over 40 features, Dropout, Dense, softmax).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { type Initializer, Orthogonal, VarianceScaling, Zeros } from '@init/core';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { installTfjs, uninstallTfjs } from './index.js';
import { TfjsOrthogonal } from './tfjs-orthogonal.js';

const FEATURES = 40;
const UNITS = 96;
const STEPS = 12;

/** Keras 2.x's serialization of an initializer: class name, snake_case config, no seed. */
const glorotUniform = {
  class_name: 'VarianceScaling',
  config: { distribution: 'uniform', scale: 1.0, mode: 'fan_avg', seed: null },
};
const zeros = { class_name: 'Zeros', config: {} };
const noRegularization = {
  kernel_regularizer: null,
  bias_regularizer: null,
  activity_regularizer: null,
  kernel_constraint: null,
  bias_constraint: null,
};
const topology = {
  keras_version: '2.1.5',
  backend: 'tensorflow',
  model_config: {
    class_name: 'Sequential',
    config: [
      {
        class_name: 'LSTM',
        config: {
          name: 'encoder_lstm',
          trainable: true,
          dtype: 'float32',
          batch_input_shape: [null, STEPS, FEATURES],
          units: UNITS,
          activation: 'tanh',
          recurrent_activation: 'hard_sigmoid',
          use_bias: true,
          kernel_initializer: glorotUniform,
          recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } },
          bias_initializer: zeros,
          unit_forget_bias: true,
          recurrent_regularizer: null,
          recurrent_constraint: null,
          dropout: 0.0,
          recurrent_dropout: 0.0,
          implementation: 1,
          return_sequences: false,
          return_state: false,
          go_backwards: false,
          stateful: false,
          unroll: false,
          ...noRegularization,
        },
      },
      {
        class_name: 'Dropout',
        config: { name: 'encoder_dropout', trainable: true, rate: 0.25, noise_shape: null, seed: null },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'next_symbol',
          trainable: true,
          units: FEATURES,
          activation: 'linear',
          use_bias: true,
          kernel_initializer: glorotUniform,
          bias_initializer: zeros,
          ...noRegularization,
        },
      },
      { class_name: 'Activation', config: { name: 'next_symbol_softmax', trainable: true, activation: 'softmax' } },
    ],
  },
  training_config: {
    optimizer_config: {
      class_name: 'Adam',
      config: { lr: 0.001, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, decay: 0.0 },
    },
    loss: 'categorical_crossentropy',
    metrics: ['acc'],
    sample_weight_mode: null,
    loss_weights: null,
  },
};

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
  "a Keras 2.x LSTM model.json loads with installTfjs({ engine: '%s' }) and its initializers are @init's",
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
    expect(recurrent?.shape).toEqual([UNITS, 4 * UNITS]);
    // Orthonormal rows (units < 4·units), to float32 rounding: 1e-5 is ~80 float32 ulps of 1.
    expect(rowOrthonormalityError(recurrent?.values as Float32Array, UNITS, 4 * UNITS)).toBeLessThan(1e-5);
    // Glorot uniform limits: √(6 / (fanIn + fanOut)).
    const limit = Math.sqrt(6 / (FEATURES + 4 * UNITS));
    expect(kernel?.shape).toEqual([FEATURES, 4 * UNITS]);
    // (float32 rounding is monotonic, so a value below the limit stays at most fround(limit)).
    expect(maxAbs(kernel?.values)).toBeLessThanOrEqual(Math.fround(limit));
    expect(maxAbs(kernel?.values)).toBeGreaterThan(0.99 * limit);
    expect(maxAbs(denseKernel?.values)).toBeLessThanOrEqual(Math.fround(Math.sqrt(6 / (UNITS + FEATURES))));
    // Zeros, with Keras's unit forget bias of ones in the second quarter.
    expect(Array.from(bias?.values ?? [])).toEqual([
      ...Array<number>(UNITS).fill(0),
      ...Array<number>(UNITS).fill(1),
      ...Array<number>(2 * UNITS).fill(0),
    ]);

    // It runs.
    const prediction = model.predict(tf.zeros([1, STEPS, FEATURES])) as tf.Tensor;
    expect(prediction.shape).toEqual([1, FEATURES]);
    expect(tf.sum(prediction).dataSync()[0]).toBeCloseTo(1, 5);
  },
);
