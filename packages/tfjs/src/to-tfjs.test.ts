// toTfjs: @init initializers inside TensorFlow.js layers, saved into a model's JSON and read back.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  Initializer,
  InitTypeError,
  Orthogonal,
  registerInitializer,
  RandomNormal,
  VarianceScaling,
  type TypedArray,
} from '@init/core';
import {
  HeNormal,
  kaimingUniform,
  orthogonal as torchOrthogonal,
  sparse,
  truncNormal,
  xavierNormal,
} from '@init/presets';
import { beforeAll, describe, expect, test } from 'vitest';
import { toTfjs } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A user's own class, registered with @init's registry under its className. */
class Halves extends Initializer {
  static override readonly className: string = 'Halves';
  readonly dtype = 'float32' as const;
  readonly scale: number;
  constructor(options: { scale?: number } = {}) {
    super();
    this.scale = options.scale ?? 1;
  }
  getConfig(): Record<string, unknown> {
    return { scale: this.scale };
  }
  protected generate(out: TypedArray): void {
    out.fill(0.5 * this.scale);
  }
}
registerInitializer(Halves);

const initializers: [string, Initializer][] = [
  ['Orthogonal', new Orthogonal({ gain: 2, seed: 7 })],
  [
    'VarianceScaling truncated_normal fan_avg',
    new VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'truncated_normal', seed: 8 }),
  ],
  ['HeNormal (presets)', new HeNormal({ seed: 9 })],
  ["PyTorch's kaiming_uniform_ (presets)", kaimingUniform({ a: Math.sqrt(5), seed: 10 })],
  ["PyTorch's xavier_normal_ (presets)", xavierNormal({ seed: 11 })],
  ["PyTorch's trunc_normal_ (presets)", truncNormal({ std: 0.5, a: -0.6, b: 0.9, seed: 13 })],
  ["PyTorch's orthogonal_ on [out, in] (presets)", torchOrthogonal({ gain: 1.5, seed: 14 })],
  ["PyTorch's sparse_ (presets)", sparse({ sparsity: 0.5, std: 0.1, seed: 15 })],
  [
    "JAX's variance_scaling with in_axis/out_axis, fan_geo_avg",
    new VarianceScaling({ scale: 2, mode: 'fan_geo_avg', inAxis: 0, outAxis: -1, seed: 16 }),
  ],
  ['RandomNormal with a string seed', new RandomNormal({ stddev: 0.5, seed: 'Encoder/Layer_3/Kernel' })],
  ['a registered user class', new Halves({ scale: 3 })],
];

function values(tensor: tf.Tensor): Float32Array {
  const data = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return data;
}

/** The model, saved to a JSON string and loaded back from memory. */
async function saveAndLoad(model: tfl.LayersModel): Promise<{ json: string; loaded: tfl.LayersModel }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const saved = artifacts as tf.io.ModelArtifacts;
  const json = JSON.stringify(saved.modelTopology);
  const loaded = await tfl.loadLayersModel(tf.io.fromMemory({ ...saved, modelTopology: JSON.parse(json) as object }));
  return { json, loaded };
}

describe.each(initializers)('toTfjs(%s)', (_, initializer) => {
  test('apply gives the @init values as a float32 tf.Tensor of the shape', () => {
    const adapter = toTfjs(initializer);
    const tensor = adapter.apply([6, 4]);
    expect(tensor.dtype).toBe('float32');
    expect(tensor.shape).toEqual([6, 4]);
    expect(values(tensor)).toEqual(initializer.apply([6, 4]).data);
  });

  test('as kernel, bias, embeddings and recurrent initializer: the weights are its values, and survive a save and load', async () => {
    const adapter = toTfjs(initializer);
    // Orthogonal, Sparse and JAX's axes need a matrix: their layers keep TensorFlow.js's zero biases.
    const matrixOnly = ((): boolean => {
      try {
        initializer.apply([4]);
        return false;
      } catch {
        return true;
      }
    })();
    const bias = matrixOnly ? 'zeros' : adapter;
    const model = tfl.sequential({
      layers: [
        tfl.layers.embedding({ inputDim: 6, outputDim: 4, inputLength: 3, embeddingsInitializer: adapter }),
        tfl.layers.simpleRNN({
          units: 4,
          kernelInitializer: adapter,
          recurrentInitializer: adapter,
          biasInitializer: bias,
        }),
        tfl.layers.dense({ units: 2, kernelInitializer: adapter, biasInitializer: bias }),
      ],
    });
    const shapes = [[6, 4], [4, 4], [4, 4], [4], [4, 2], [2]];
    const expected = shapes.map((shape) =>
      shape.length < 2 && matrixOnly ? new Float32Array(shape[0] as number) : initializer.apply(shape).data,
    );
    model.getWeights().forEach((weight, index) => {
      expect(weight.shape).toEqual(shapes[index]);
      expect(weight.dataSync()).toEqual(expected[index]);
    });

    const { json, loaded } = await saveAndLoad(model);
    expect(json).toContain('"class_name":"InitInitializer"');
    expect(json).toContain(`"class_name":"${initializer.className}"`);
    const reloaded = (loaded.layers[2] as unknown as { kernelInitializer: { initializer: Initializer } })
      .kernelInitializer.initializer;
    expect(reloaded).toBeInstanceOf(initializer.constructor);
    expect(reloaded.apply([5, 3]).data).toEqual(initializer.apply([5, 3]).data);
    expect(loaded.getWeights().map((weight) => weight.dataSync())).toEqual(
      model.getWeights().map((weight) => weight.dataSync()),
    );
  }, 30_000);
});

test('an error of the @init initializer reaches the layer unchanged', () => {
  const layer = tfl.layers.dense({ units: 3, inputShape: [2], biasInitializer: toTfjs(new Orthogonal({ seed: 1 })) });
  expect(() => tfl.sequential({ layers: [layer] })).toThrow(/Orthogonal: shape must have at least 2 dimensions/);
});

test('int32 requests truncate toward zero, as TensorFlow.js stores random values in an Int32Array', () => {
  const initializer = new RandomNormal({ stddev: 10, seed: 3 });
  const floats = initializer.apply([50]).data as Float32Array;
  const ints = values(toTfjs(initializer).apply([50], 'int32'));
  expect(Array.from(ints)).toEqual(Array.from(floats, Math.trunc));
});

test('the saved config of a string seed is the key it stands for: same values after a load', () => {
  const config = toTfjs(new RandomNormal({ seed: 'Encoder/Layer_3' })).getConfig() as {
    initializer: { config: { seed: unknown } };
  };
  expect(config.initializer.config.seed).toMatchObject({ key: expect.stringMatching(/^key:[0-9a-f]{16}$/) });
  expect(toTfjs(new RandomNormal({ seed: 'encoder' })).getConfig()).toMatchObject({
    initializer: { config: { seed: 'encoder' } },
  });
});

describe('bad input', () => {
  test('something other than an @init initializer', () => {
    expect(() => toTfjs(tfl.initializers.zeros() as never)).toThrow(InitTypeError);
    expect(() => toTfjs({} as never)).toThrow(
      'toTfjs: initializer must be an @init Initializer (from @init/core or @init/presets). Received:',
    );
  });

  test("a user class whose config would not survive TensorFlow.js's JSON is refused where it is written", () => {
    class Shouty extends Halves {
      static override readonly className: string = 'Shouty';
      override getConfig(): Record<string, unknown> {
        return { label: 'LOUD' };
      }
    }
    expect(() => toTfjs(new Shouty())).toThrow(
      "Shouty: config.label must be lower-case snake_case to survive TensorFlow.js's model JSON",
    );
  });

  test('a model.json whose InitInitializer names an unknown class fails with the registry error', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ units: 1, inputShape: [2], kernelInitializer: toTfjs(new Orthogonal({ seed: 1 })) })],
    });
    const json = JSON.parse(
      JSON.stringify(model.toJSON(null, false)).replace('"class_name":"Orthogonal"', '"class_name":"NoSuchThing"'),
    ) as object;
    await expect(tfl.models.modelFromJSON(json as never)).rejects.toThrow(/NoSuchThing/);
  });
});
