// One root seed for a model; each parameter's key is derived from its path. Adding, removing or
// reordering layers changes no other parameter's values.
import { VarianceScaling } from '@init/core';
import { foldIn, keyFromSeed } from '@init/random';

const root = keyFromSeed(2024);
const he = (path: string) =>
  new VarianceScaling({ scale: 2, distribution: 'truncated_normal', seed: foldIn(root, path) });

const small = ['encoder/layer_0/kernel', 'encoder/layer_1/kernel'];
const large = ['encoder/layer_0/kernel', 'encoder/extra/kernel', 'encoder/layer_1/kernel'];

for (const model of [small, large]) {
  console.log(
    model.map(
      (path) => `${path}: ${Array.from(he(path).apply([64, 64]).data.subarray(0, 2), (x) => x.toFixed(6)).join(', ')}`,
    ),
  );
}
