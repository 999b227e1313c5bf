import { RandomNormal } from '@init/core';

console.log(new RandomNormal({ seed: 42 }).apply([4]).data);
console.log(new RandomNormal({ mean: 1, stddev: 0.05, seed: 42 }).apply([4]).data);
