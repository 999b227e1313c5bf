// A real tf.Sequential model (Embedding, LSTM, Conv2D, Dense) with string ids, configs and
// factory-made initializers: built, trained one step with model.fit on the CPU backend, saved to
// JSON and loaded back, without @init, with installTfjs({ engine: 'tfjs' }) and with engine
// 'counter'. With engine 'tfjs' the initial weights equal TensorFlow.js's own, bit for bit, for
// every layer whose initializers are seed-defined.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Initializer } from '@init/core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { installTfjs, uninstallTfjs } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => uninstallTfjs());

// Seeds other than the golden vectors' (1, 42, 123456789).
const SEEDS = {
  embedding: 1017,
  lstmKernel: 2029,
  lstmRecurrent: 3041,
  conv: 4057,
  dense: 5077,
  denseBias: 6089,
} as const;
type Config = { className: string; config: Record<string, unknown> };
const config = (className: string, options: Record<string, unknown>): Config => ({ className, config: options });

/**
 * The model, with every kind of identifier tfjs-layers takes: `{ className, config }` objects (as a
 * model.json holds them), string ids ('zeros', 'ones', 'identity', 'glorotUniform', 'orthogonal')
 * and initializers made by tf.initializers factories.
 */
function buildModel(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(
    tfl.layers.embedding({
      inputDim: 12,
      outputDim: 6,
      inputLength: 8,
      embeddingsInitializer: config('RandomUniform', { minval: -0.1, maxval: 0.1, seed: SEEDS.embedding }) as never,
    }),
  );
  model.add(
    tfl.layers.lstm({
      units: 4,
      returnSequences: true,
      kernelInitializer: config('VarianceScaling', {
        scale: 1,
        mode: 'fanAvg',
        distribution: 'uniform',
        seed: SEEDS.lstmKernel,
      }) as never,
      recurrentInitializer: config('Orthogonal', { gain: 1, seed: SEEDS.lstmRecurrent }) as never,
      biasInitializer: 'zeros',
    }),
  );
  model.add(tfl.layers.reshape({ targetShape: [8, 4, 1] }));
  model.add(
    tfl.layers.conv2d({
      filters: 3,
      kernelSize: 3,
      padding: 'same',
      kernelInitializer: tfl.initializers.heNormal({ seed: SEEDS.conv }),
      biasInitializer: 'ones',
    }),
  );
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 10, kernelInitializer: 'glorotUniform', biasInitializer: 'zeros' }));
  model.add(tfl.layers.dense({ units: 10, kernelInitializer: 'identity', useBias: false }));
  model.add(tfl.layers.dense({ units: 5, kernelInitializer: 'orthogonal', biasInitializer: 'zeros' }));
  model.add(
    tfl.layers.dense({
      units: 2,
      activation: 'softmax',
      kernelInitializer: config('GlorotNormal', { seed: SEEDS.dense }) as never,
      biasInitializer: tfl.initializers.truncatedNormal({ stddev: 0.02, seed: SEEDS.denseBias }),
    }),
  );
  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  return model;
}

// Weight index → what made it. Unseeded ones (string ids of random initializers) are random in
// TensorFlow.js and in @init alike and are not compared. The LSTM's recurrent kernel is Orthogonal
// (compared separately, to float32 rounding).
const WEIGHTS = [
  ['embedding RandomUniform seeded', 'seeded'],
  ['lstm kernel VarianceScaling seeded', 'seeded'],
  ['lstm recurrent kernel Orthogonal seeded', 'orthogonal'],
  ['lstm bias zeros + unit forget bias', 'seeded'],
  ['conv2d kernel heNormal seeded', 'seeded'],
  ['conv2d bias ones', 'seeded'],
  ['dense glorotUniform unseeded', 'unseeded'],
  ['dense bias zeros', 'seeded'],
  ['dense identity', 'seeded'],
  ['dense orthogonal unseeded', 'unseeded'],
  ['dense bias zeros', 'seeded'],
  ['dense GlorotNormal seeded', 'seeded'],
  ['dense bias truncatedNormal seeded', 'seeded'],
] as const;

function weights(model: tfl.LayersModel): Float32Array[] {
  return model.getWeights().map((weight) => weight.dataSync() as Float32Array);
}

async function trainOneStep(model: tfl.LayersModel): Promise<number> {
  const tokens = tf.tensor2d(
    [
      [1, 2, 3, 4, 5, 6, 7, 8],
      [8, 7, 6, 5, 4, 3, 2, 1],
    ],
    [2, 8],
    'int32',
  );
  const labels = tf.tensor2d([
    [1, 0],
    [0, 1],
  ]);
  const history = await model.fit(tokens, labels, { epochs: 1, batchSize: 2, verbose: 0 });
  tf.dispose([tokens, labels]);
  return history.history.loss?.[0] as number;
}

/** Saves to JSON (through a real JSON string) and loads back from memory. */
async function saveAndLoad(model: tfl.LayersModel): Promise<{ loaded: tfl.LayersModel; json: string }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (artifacts === undefined) throw new Error('nothing was saved');
  const json = JSON.stringify(artifacts.modelTopology);
  const loaded = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: JSON.parse(json) as object,
      weightSpecs: artifacts.weightSpecs,
      weightData: artifacts.weightData,
    } as tf.io.ModelArtifacts),
  );
  return { loaded, json };
}

/** Build, train one step, save, load: the loaded model's weights are the trained ones. */
async function roundTrip(): Promise<{
  initial: Float32Array[];
  model: tfl.Sequential;
  loaded: tfl.LayersModel;
  json: string;
  loss: number;
}> {
  const model = buildModel();
  const initial = weights(model).map((values) => values.slice());
  const loss = await trainOneStep(model);
  expect(Number.isFinite(loss)).toBe(true);
  const trained = weights(model);
  expect(trained.some((values, index) => values.some((value, i) => value !== initial[index]?.[i]))).toBe(true);
  const { loaded, json } = await saveAndLoad(model);
  expect(weights(loaded)).toEqual(trained);
  return { initial, model, loaded, json, loss };
}

function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

function initializersOf(model: tfl.LayersModel): unknown[] {
  const found: unknown[] = [];
  for (const layer of model.layers) {
    const record = layer as unknown as Record<string, unknown>;
    const cell = record.cell as Record<string, unknown> | undefined;
    for (const source of [record, cell ?? {}]) {
      for (const key of ['kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'embeddingsInitializer']) {
        if (source[key] !== undefined && source[key] !== null) found.push(source[key]);
      }
    }
  }
  return found;
}

const isOurs = (initializer: unknown): boolean =>
  (initializer as { initializer?: unknown }).initializer instanceof Initializer;

describe('a Sequential model with Embedding, LSTM, Conv2D and Dense layers', () => {
  test('without @init: builds, trains one step, saves to JSON and loads back (TensorFlow.js alone)', async () => {
    const { loaded } = await roundTrip();
    expect(initializersOf(loaded).some(isOurs)).toBe(false);
  });

  test("installTfjs({ engine: 'tfjs' }): same round trip, TensorFlow.js's initial weights bit for bit, initializers resolve to @init", async () => {
    const tfjs = buildModel();
    const reference = weights(tfjs);
    installTfjs({ engine: 'tfjs' });
    const { initial, model, loaded, json } = await roundTrip();
    expect(initial).toHaveLength(WEIGHTS.length);
    WEIGHTS.forEach(([name, kind], index) => {
      const ours = initial[index] as Float32Array;
      const theirs = reference[index] as Float32Array;
      expect(ours.length, name).toBe(theirs.length);
      if (kind === 'seeded') expect(ours, name).toEqual(theirs);
      // Same random matrix, QR in float64 instead of TensorFlow.js's float32 ops.
      if (kind === 'orthogonal') expect(maxAbsDifference(ours, theirs), name).toBeLessThan(1e-5);
    });
    // The string ids, configs and factory-made initializers all compute with @init; those read
    // from the model's JSON are @init objects.
    expect(initializersOf(model).filter(isOurs).length).toBeGreaterThan(0);
    const loadedInitializers = initializersOf(loaded);
    expect(loadedInitializers.length).toBeGreaterThanOrEqual(WEIGHTS.length);
    expect(loadedInitializers.filter((initializer) => !isOurs(initializer))).toEqual([]);
    // The JSON keeps TensorFlow.js's format: a model saved with @init installed loads without it.
    expect(json).toContain('"class_name":"VarianceScaling"');
    expect(json).not.toContain('InitInitializer');
    tfjs.dispose();
  });

  test("installTfjs({ engine: 'counter' }): same round trip on @init's counter streams, other values than TensorFlow.js's", async () => {
    const reference = weights(buildModel());
    installTfjs({ engine: 'counter' });
    const { initial } = await roundTrip();
    // The embedding's RandomUniform: same seed, other stream.
    expect(initial[0]).not.toEqual(reference[0]);
    // Zeros and ones do not depend on the engine.
    expect(initial[5]).toEqual(reference[5]);
  });

  test('a model saved with @init installed loads in TensorFlow.js alone', async () => {
    installTfjs();
    const model = buildModel();
    await trainOneStep(model);
    uninstallTfjs();
    const { loaded } = await saveAndLoad(model);
    expect(initializersOf(loaded).some(isOurs)).toBe(false);
    expect(weights(loaded)).toEqual(weights(model));
  });
});
