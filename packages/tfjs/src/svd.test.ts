// Orthogonal's method 'svd' (TF1's) is opt-in in @init/core (`enableSvd` from '@init/core/svd'):
// inside TensorFlow.js too it refuses with core's message until enabled, and then gives apply's
// values. This file must not enable the SVD before its first test.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Orthogonal } from '@init/core';
import { enableSvd } from '@init/core/svd';
import { beforeAll, describe, expect, test } from 'vitest';
import { toTfjs } from './index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("toTfjs(Orthogonal({ method: 'svd' }))", () => {
  test("before enableSvd(): a layer's build throws core's InitTypeError, naming the import", () => {
    const layer = tfl.layers.dense({
      units: 3,
      inputShape: [5],
      kernelInitializer: toTfjs(new Orthogonal({ method: 'svd', seed: 2 })),
    });
    expect(() => tfl.sequential({ layers: [layer] })).toThrow(
      /^Orthogonal: method 'svd' must be enabled first: import \{ enableSvd \} from '@init\/core\/svd'/,
    );
  });

  test("after enableSvd(): the layer's kernel is apply's tensor", () => {
    enableSvd();
    const init = new Orthogonal({ method: 'svd', seed: 2 });
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ units: 3, inputShape: [5], kernelInitializer: toTfjs(init) })],
    });
    const kernel = model.layers[0]?.getWeights()[0]?.dataSync();
    expect(Array.from(kernel ?? [])).toEqual(Array.from(init.apply([5, 3]).data));
  });
});
