import { ConvolutionOrthogonal } from '@init/core';
import { fillNormal, keyFromSeed } from '@init/random';

// A 1-D kernel of 3 taps from 2 to 4 channels, and a random 2-channel signal of length 8.
const kernel = new ConvolutionOrthogonal({ gain: 2, seed: 42 }).apply([3, 2, 4], 'float64').data;
const x = fillNormal(new Float64Array(8 * 2), keyFromSeed('signal'));

// y[n, o] = Σ_t Σ_i x[(n + t) mod 8, i] · k[t, i, o]: the circular convolution, written out.
const y = new Float64Array(8 * 4);
for (let n = 0; n < 8; n++)
  for (let t = 0; t < 3; t++)
    for (let i = 0; i < 2; i++)
      for (let o = 0; o < 4; o++) y[n * 4 + o]! += x[((n + t) % 8) * 2 + i]! * kernel[(t * 2 + i) * 4 + o]!;

const norm = (v: Float64Array) => Math.sqrt(v.reduce((sum, value) => sum + value * value, 0));
console.log('‖y‖ / ‖x‖ =', (norm(y) / norm(x)).toFixed(12)); // = gain
console.log(
  'taps carry energy:',
  [0, 1, 2].map((t) => +norm(kernel.subarray(t * 8, (t + 1) * 8)).toFixed(6)),
);
