// Core's 'tfjs' dialect against TensorFlow.js 4.22 itself: a model.json that TensorFlow.js saved
// (src/__fixtures__/tfjs-model.json, written by scripts/save-tfjs-model.ts) and the getConfig()
// objects of TensorFlow.js's initializers load in @init with TensorFlow.js's meaning, and their
// values equal TensorFlow.js's bit for bit (engine 'tfjs'). Nothing is installed here: TensorFlow.js
// draws with its own initializers.
import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { deserialize, type VarianceScaling } from '@init/core';
import { get } from '@init/presets';
import { beforeAll, describe, expect, test } from 'vitest';
import type { TfjsInitializer } from './tfjs-runtime.js';

interface LayerJson {
  class_name: string;
  config: { name: string; kernel_initializer?: unknown; bias_initializer?: unknown };
}
const modelJson = JSON.parse(readFileSync(new URL('./__fixtures__/tfjs-model.json', import.meta.url), 'utf8')) as {
  modelTopology: { config: { layers: LayerJson[] } };
  generatedBy: string;
};

/** The bytes of a float32 array: bit-for-bit equality, −0 and NaN payloads included. */
function bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** What TensorFlow.js's own initializer draws for a shape: create, dataSync, dispose. */
function tfjsValues(initializer: TfjsInitializer, shape: number[]): Float32Array {
  const tensor = initializer.apply(shape, 'float32');
  const values = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return values;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a model.json saved by TensorFlow.js', () => {
  test('was written by TensorFlow.js 4.22 and holds its initializers in snake_case', () => {
    expect(modelJson.generatedBy).toBe('TensorFlow.js tfjs-layers v4.22.0');
    const kernel = modelJson.modelTopology.config.layers[0]!.config.kernel_initializer;
    expect(kernel).toEqual({
      class_name: 'VarianceScaling',
      config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: -5 },
    });
  });

  test("every weight TensorFlow.js builds from it equals @init's 'tfjs' dialect, bit for bit", async () => {
    const model = await tfl.models.modelFromJSON({ modelTopology: modelJson.modelTopology as never });
    const layers = modelJson.modelTopology.config.layers;
    expect(model.layers.map((layer) => layer.name)).toEqual(layers.map((layer) => layer.config.name));
    let compared = 0;
    for (const [index, layer] of model.layers.entries()) {
      const saved = layers[index]!.config;
      const weights = layer.getWeights();
      for (const [position, key] of (['kernel_initializer', 'bias_initializer'] as const).entries()) {
        const weight = weights[position];
        if (weight === undefined || saved[key] === undefined) continue;
        const ours = deserialize(saved[key], { dialect: 'tfjs' }).apply(weight.shape).data as Float32Array;
        expect(bytes(ours), `${saved.name} ${key}`).toEqual(bytes(weight.dataSync() as Float32Array));
        compared++;
      }
    }
    expect(compared).toBe(12);
    model.dispose();
  });

  test("read in the default (Keras) dialect, the same file would mean other values: why 'tfjs' is named", () => {
    const glorot = modelJson.modelTopology.config.layers[0]!.config.kernel_initializer;
    expect(() => deserialize(glorot)).toThrow(/seed/); // −5 is a seed of TensorFlow.js's only
    const he = modelJson.modelTopology.config.layers[1]!.config.kernel_initializer as {
      config: Record<string, unknown>;
    };
    const asKeras = deserialize({
      class_name: 'VarianceScaling',
      config: { ...he.config, seed: 3 },
    }) as VarianceScaling;
    expect(asKeras.distribution).toBe('truncated_normal');
    const asTfjs = deserialize(he, { dialect: 'tfjs' }) as VarianceScaling;
    expect(asTfjs.distribution).toBe('normal');
  });
});

describe("TensorFlow.js's getConfig() objects", () => {
  // Each TensorFlow.js initializer (Orthogonal and Identity aside: below), with the seeds TensorFlow.js
  // takes, including 0's "no seed" for the normal draws left out.
  const cases: [string, () => TfjsInitializer, number[]][] = [
    ['glorotUniform', () => tfl.initializers.glorotUniform({ seed: 1 }), [20, 30]],
    ['glorotNormal', () => tfl.initializers.glorotNormal({ seed: -7 }), [20, 30]],
    ['heUniform', () => tfl.initializers.heUniform({ seed: 3.25 }), [3, 3, 4, 8]],
    ['heNormal', () => tfl.initializers.heNormal({ seed: 4 }), [3, 3, 4, 8]],
    ['leCunUniform', () => tfl.initializers.leCunUniform({ seed: 5 }), [64]],
    ['leCunNormal', () => tfl.initializers.leCunNormal({ seed: 6 }), [16, 16]],
    [
      'varianceScaling',
      () => tfl.initializers.varianceScaling({ scale: 3, mode: 'fanAvg', seed: 8 }),
      [2, 3, 4, 5, 6, 7],
    ],
    ['randomUniform', () => tfl.initializers.randomUniform({ minval: -2, maxval: 3, seed: 9 }), [50]],
    ['randomNormal', () => tfl.initializers.randomNormal({ mean: 1, stddev: 2, seed: 10 }), [50]],
    ['truncatedNormal', () => tfl.initializers.truncatedNormal({ mean: -1, stddev: 0.5, seed: 11 }), [50]],
    ['constant', () => tfl.initializers.constant({ value: -3.5 }), [4, 5]],
    ['zeros', () => tfl.initializers.zeros(), [4, 5]],
    ['ones', () => tfl.initializers.ones(), [4, 5]],
  ];

  test.each(cases)('%s: { className, config } as TensorFlow.js writes it loads to its values', (_, make, shape) => {
    const initializer = make();
    // TensorFlow.js's serialization of an initializer: getClassName() (VarianceScaling for the
    // Glorot/He/LeCun helpers) and getConfig(), camelCase values.
    const serialized = { className: initializer.getClassName(), config: initializer.getConfig() };
    const ours = deserialize(JSON.parse(JSON.stringify(serialized)), { dialect: 'tfjs' });
    expect(bytes(ours.apply(shape).data as Float32Array)).toEqual(bytes(tfjsValues(initializer, shape)));
  });

  test.each(cases.filter(([name]) => /^(glorot|he|leCun)/.test(name)))(
    '%s: under its own class name, through get',
    (name, make, shape) => {
      const initializer = make();
      const className = `${name[0]!.toUpperCase()}${name.slice(1)}`;
      const ours = get({ className, config: { seed: initializer.getConfig().seed as number } }, { dialect: 'tfjs' });
      expect(bytes(ours.apply(shape).data as Float32Array)).toEqual(bytes(tfjsValues(initializer, shape)));
      // and the string id alone gives the same class, on engine 'tfjs'
      expect(get(name, { dialect: 'tfjs' }).className).toBe(ours.className);
    },
  );

  test("orthogonal and identity: TensorFlow.js's classes and defaults (Orthogonal on @init's stream)", () => {
    const orthogonal = deserialize(
      { className: 'Orthogonal', config: tfl.initializers.orthogonal({ gain: 2, seed: 3 }).getConfig() },
      { dialect: 'tfjs' },
    );
    const q = orthogonal.apply([8, 8], 'float64').data;
    let norm = 0;
    for (let row = 0; row < 8; row++) norm += q[row * 8]! ** 2;
    expect(norm).toBeCloseTo(4, 12);
    const identity = tfl.initializers.identity({ gain: 3 });
    const ours = deserialize({ className: 'Identity', config: identity.getConfig() }, { dialect: 'tfjs' });
    expect(bytes(ours.apply([4, 4]).data as Float32Array)).toEqual(bytes(tfjsValues(identity, [4, 4])));
  });
});
