import { Constant } from '@init/core';

const storage = new Float64Array(6);
new Constant({ value: [1, 2, 3] }).fill(storage, [2, 3]);
console.log(storage);

try {
  new Constant({ value: 1 }).fill(new Float32Array(5), [2, 3]);
} catch (error) {
  console.log(String(error));
}
