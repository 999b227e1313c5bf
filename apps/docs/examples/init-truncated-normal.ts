import { TruncatedNormal } from '@init/core';

const values = new TruncatedNormal({ stddev: 0.02, seed: 42 }).apply([100000], 'float64').data;
console.log(values.subarray(0, 4));
console.log(Math.min(...values), Math.max(...values)); // inside (−0.04, 0.04)
