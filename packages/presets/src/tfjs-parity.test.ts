// engine 'tfjs' against TensorFlow.js itself: @tensorflow/tfjs-layers 4.22 on the CPU backend, the
// same seed, compared bit for bit.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, test } from 'vitest';
import { get, GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tfjsValues(
  initializer: { apply(shape: number[], dtype?: tf.DataType): tf.Tensor },
  shape: number[],
): Float32Array {
  const tensor = initializer.apply(shape);
  const values = tensor.dataSync() as Float32Array;
  tensor.dispose();
  return values;
}

const presets = [
  [GlorotUniform, tfl.initializers.glorotUniform, 'glorotUniform'],
  [GlorotNormal, tfl.initializers.glorotNormal, 'glorotNormal'],
  [HeUniform, tfl.initializers.heUniform, 'heUniform'],
  [HeNormal, tfl.initializers.heNormal, 'heNormal'],
  [LecunUniform, tfl.initializers.leCunUniform, 'leCunUniform'],
  [LecunNormal, tfl.initializers.leCunNormal, 'leCunNormal'],
] as const;

// Ranks 1 and 6 exercise TensorFlow.js's own fan rule (√size), 2 to 5 the usual one.
const shapes = [[7], [16, 8], [5, 3, 6], [3, 3, 4, 5], [2, 3, 4, 5, 6], [2, 2, 2, 2, 3, 3]];

describe.each(presets)('%o', (Preset, tfjsFactory, tfjsId) => {
  test.each(shapes)('shape %j, seeds 1, 42, 123456789', (...shape) => {
    for (const seed of [1, 42, 123456789]) {
      const ours = new Preset({ seed, engine: 'tfjs' }).apply(shape).data;
      expect(ours).toEqual(tfjsValues(tfjsFactory({ seed }), shape));
    }
  });

  test(`get('${tfjsId}') plus a seed is tfjs-layers' ${tfjsId}`, () => {
    const config = { ...get(tfjsId).getConfig(), seed: 2024 };
    const ours = get({ className: Preset.className, config }).apply([3, 3, 8, 4]).data;
    expect(ours).toEqual(tfjsValues(tfjsFactory({ seed: 2024 }), [3, 3, 8, 4]));
  });

  test('the counter engine differs from TensorFlow.js, as documented', () => {
    expect(new Preset({ seed: 1 }).apply([16, 8]).data).not.toEqual(tfjsValues(tfjsFactory({ seed: 1 }), [16, 8]));
  });
});

test('get of the tfjs ids with a seed equals tfjs-layers for RandomNormal, RandomUniform, TruncatedNormal and VarianceScaling defaults', () => {
  const pairs = [
    ['randomNormal', tfl.initializers.randomNormal],
    ['randomUniform', tfl.initializers.randomUniform],
    ['truncatedNormal', tfl.initializers.truncatedNormal],
    ['varianceScaling', tfl.initializers.varianceScaling],
  ] as const;
  for (const [id, tfjsFactory] of pairs) {
    const init = get(id);
    const ours = get({ className: init.className, config: { ...init.getConfig(), seed: 99 } }).apply([6, 10]).data;
    expect(ours).toEqual(tfjsValues(tfjsFactory({ seed: 99 } as never), [6, 10]));
  }
});
