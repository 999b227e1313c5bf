// Four workers each fill a quarter of one [1024, 512] embedding, in any order, on any machine;
// together they hold exactly the tensor that one process would have made.
import { TruncatedNormal } from '@init/core';

const fullShape = [1024, 512];
const init = new TruncatedNormal({ stddev: 0.02, seed: 'embedding/v1' });
const whole = init.apply(fullShape).data;

const workers = 4;
const rows = fullShape[0]! / workers;
const assembled = new Float32Array(whole.length);
for (const worker of [3, 1, 0, 2]) {
  const shard = init.apply([rows, 512], 'float32', { fullShape, varOffset: [worker * rows, 0] });
  assembled.set(shard.data, worker * rows * 512);
}
console.log(assembled.every((value, i) => Object.is(value, whole[i])));

// Column and block shards work the same way:
const block = init.apply([2, 3], 'float32', { fullShape, varOffset: [700, 100] }).data;
const fromWhole = [700, 701].flatMap((row) => [100, 101, 102].map((column) => whole[row * 512 + column]));
console.log(
  block.every((value, i) => Object.is(value, fromWhole[i])),
  block.subarray(0, 3),
);
