import { Constant, deserialize, serialize, VarianceScaling } from '@init/core';

console.log(new Constant({ value: [1, 2, 3] }).getConfig());

const config = serialize(new VarianceScaling({ scale: 2, seed: 42 }));
console.log(config);
const copy = deserialize(JSON.parse(JSON.stringify(config)));
console.log(copy.apply([2, 2]).data, new VarianceScaling({ scale: 2, seed: 42 }).apply([2, 2]).data);
