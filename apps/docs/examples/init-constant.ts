import { Constant } from '@init/core';

// TF1's Laplacian kernel, and the list rule: a short list continues with its last value.
console.log(new Constant({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3]).data);
console.log(new Constant({ value: [1, 2] }).apply([2, 2]).data);
console.log(new Constant({ value: 0.5 }).apply([3], 'float64').data);
