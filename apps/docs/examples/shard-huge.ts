// A [2^22, 4096] embedding (2^34 elements, 64 GiB of float32) never exists in one process: each
// host makes its own rows. Element i depends only on the key and i, so host 3000's slice costs
// only its own size, however far into the tensor it lies.
import { MAX_ELEMENTS, RandomNormal } from '@init/core';
import { fillNormal, keyFromSeed } from '@init/random';

const fullShape = [2 ** 22, 4096];
const init = new RandomNormal({ stddev: 0.02, seed: 99 });

try {
  init.apply(fullShape);
} catch (error) {
  console.log(String(error));
}
console.log(MAX_ELEMENTS);

const rowsPerHost = 1024;
const host = 3000;
const shard = init.apply([rowsPerHost, 4096], 'float32', { fullShape, varOffset: [host * rowsPerHost, 0] });
console.log(shard.data.length, shard.data.subarray(0, 3));

// The same values, with @init/random directly: offset is the flat index of out[0].
const offset = host * rowsPerHost * 4096;
console.log(fillNormal(new Float32Array(3), keyFromSeed(99), { stddev: 0.02, offset }));
