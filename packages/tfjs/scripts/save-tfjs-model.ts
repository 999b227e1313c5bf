// Writes src/__fixtures__/tfjs-model.json: the model.json that TensorFlow.js 4.22 itself saves for
// a small Sequential model whose layers use TensorFlow.js's initializers, seeded, including the
// seeds and values only TensorFlow.js accepts or reads its own way (a negative and a fractional
// seed, RandomUniform's `minval: 0`, VarianceScaling's 'truncatedNormal'). The file is what
// `model.save(tf.io.withSaveHandler(…))` hands over — topology, format, generator and weight specs —
// without the weight bytes, which the tests do not need: they build the model from the topology
// (TensorFlow.js draws its initializers again) and compare with @init's 'tfjs' dialect.
//
// Run: cd packages/tfjs && pnpm exec tsx scripts/save-tfjs-model.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

const OUT = fileURLToPath(new URL('../src/__fixtures__/tfjs-model.json', import.meta.url));

await tf.setBackend('cpu');
const model = tfl.sequential({ name: 'dialect_fixture' });
model.add(
  tfl.layers.dense({
    name: 'glorot_normal_negative_seed',
    inputShape: [48],
    units: 40,
    kernelInitializer: tfl.initializers.glorotNormal({ seed: -5 }),
    biasInitializer: tfl.initializers.zeros(),
  }),
);
model.add(
  tfl.layers.dense({
    name: 'he_normal_fractional_seed',
    units: 36,
    kernelInitializer: tfl.initializers.heNormal({ seed: 2.5 }),
    biasInitializer: tfl.initializers.constant({ value: 0.1 }),
  }),
);
model.add(
  tfl.layers.dense({
    name: 'lecun_uniform',
    units: 32,
    kernelInitializer: tfl.initializers.leCunUniform({ seed: 11 }),
    biasInitializer: tfl.initializers.ones(),
  }),
);
model.add(
  tfl.layers.dense({
    name: 'variance_scaling_truncated',
    units: 30,
    kernelInitializer: tfl.initializers.varianceScaling({
      scale: 2,
      mode: 'fanOut',
      distribution: 'truncatedNormal',
      seed: 12,
    }),
  }),
);
model.add(
  tfl.layers.dense({
    name: 'random_uniform_zero_minval',
    units: 28,
    kernelInitializer: tfl.initializers.randomUniform({ minval: 0, maxval: 0.5, seed: 13 }),
    biasInitializer: tfl.initializers.randomNormal({ mean: 0.5, stddev: 0.25, seed: 14 }),
  }),
);
model.add(
  tfl.layers.dense({
    name: 'truncated_normal',
    units: 24,
    kernelInitializer: tfl.initializers.truncatedNormal({ stddev: 0.2, seed: 15 }),
    biasInitializer: tfl.initializers.zeros(),
  }),
);

let saved: tf.io.ModelArtifacts | undefined;
await model.save(
  tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
  }),
);
if (saved === undefined) throw new Error('TensorFlow.js handed over no artifacts');

// model.json as tf.io's file handlers write it (weightsManifest paths name the weights file that is
// not kept here).
const modelJson = {
  modelTopology: saved.modelTopology,
  format: saved.format,
  generatedBy: saved.generatedBy,
  convertedBy: saved.convertedBy ?? null,
  weightsManifest: [{ paths: ['./tfjs-model.weights.bin'], weights: saved.weightSpecs }],
};
writeFileSync(OUT, `${JSON.stringify(modelJson, null, 2)}\n`);
console.log(`${OUT}: written by ${saved.generatedBy}`);
