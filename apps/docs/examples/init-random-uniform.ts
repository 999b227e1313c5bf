import { RandomUniform } from '@init/core';

console.log(new RandomUniform({ seed: 42 }).apply([4]).data);
console.log(new RandomUniform({ minval: -0.05, maxval: 0.05, seed: 42 }).apply([4]).data);
// Integers in [0, 6), every one equally likely (no modulo bias):
console.log(new RandomUniform({ minval: 0, maxval: 6, dtype: 'int32', seed: 1 }).apply([10]).data);
