import { RandomNormal, VarianceScaling } from '@init/core';
import { get, glorotUniform } from '@init/presets';

// The values of tf.initializers.glorotUniform({ seed: 1 }) in TensorFlow.js 4.22, bit for bit:
console.log(glorotUniform({ seed: 1, engine: 'tfjs' }).apply([784, 10]).data.subarray(0, 3));

// TensorFlow.js's string ids carry its semantics (and its defaults) with them:
console.log(get('glorotUniform').getConfig());
console.log(get('randomNormal').getConfig());

// Its quirks, reproduced: a normal with seed 0 is unseeded in TensorFlow.js, so here too.
const zero = new RandomNormal({ seed: 0, engine: 'tfjs' });
const firstCall = zero.apply([2]).data.join();
const secondCall = zero.apply([2]).data.join();
console.log(firstCall === secondCall);

// A sequential generator cannot start mid-tensor:
try {
  new VarianceScaling({ seed: 1, engine: 'tfjs' }).apply([2, 4], 'float32', { fullShape: [4, 4], varOffset: [2, 0] });
} catch (error) {
  console.log(String(error));
}
