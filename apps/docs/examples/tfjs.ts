// installTfjs: TensorFlow.js's own initializers, names and saved models, computed by @init.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Orthogonal } from '@init/core';
import { installTfjs, toTfjs, uninstallTfjs } from '@init/tfjs';

await tf.setBackend('cpu');
const show = (values: ArrayLike<number>) => Array.from(values, (x) => x.toFixed(6)).join(' ');

// TensorFlow.js alone, then with @init installed (engine 'tfjs'): the same values.
const theirs = tfl.initializers.heNormal({ seed: 7 }).apply([2, 3]).dataSync();
installTfjs();
const ours = tfl.initializers.heNormal({ seed: 7 }).apply([2, 3]).dataSync();
console.log('TensorFlow.js heNormal:', show(theirs));
console.log('@init, engine tfjs:    ', show(ours));

// A layer's string ids and a saved model's class names now resolve to @init's classes.
const lstm = tfl.layers.lstm({ units: 256, inputShape: [10, 64] }); // recurrentInitializer 'orthogonal'
tfl.sequential({ layers: [lstm] }); // builds a 256×1024 Orthogonal: TensorFlow.js alone takes minutes
const cell = (lstm as unknown as { cell: Record<string, { initializer: { className: string } }> }).cell;
console.log('LSTM recurrent initializer:', cell.recurrentInitializer?.initializer.className);

// toTfjs: any @init initializer as a TensorFlow.js one, saved in the model's JSON.
const dense = tfl.layers.dense({
  units: 2,
  inputShape: [2],
  kernelInitializer: toTfjs(new Orthogonal({ gain: 2, seed: 1 })),
});
const model = tfl.sequential({ layers: [dense] });
const saved = model.toJSON(null, false) as { config: { layers: { config: Record<string, unknown> }[] } };
console.log('saved:', JSON.stringify(saved.config.layers[0]?.config.kernel_initializer));
console.log('kernel:', show(model.getWeights()[0]?.dataSync() ?? []));

uninstallTfjs(); // TensorFlow.js's own classes again
