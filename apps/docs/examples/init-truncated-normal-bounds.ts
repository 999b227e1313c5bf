import { TruncatedNormal } from '@init/core';

// Any bounds, in units of stddev; ±Infinity for an open side. Exact far in a tail too:
const tail = new TruncatedNormal({ lower: 8, upper: 9, seed: 1 }).apply([100000], 'float64').data;
console.log(Math.min(...tail), Math.max(...tail)); // inside (8, 9)

// A half-normal: bounded below at the mean only.
const half = new TruncatedNormal({ stddev: 0.5, lower: 0, upper: Infinity, seed: 1 }).apply([4]).data;
console.log(half);

// The bounds are part of the config (an open side as a string, since JSON has no Infinity):
console.log(new TruncatedNormal({ lower: -Infinity, upper: -10 }).getConfig());
