import { computeFans } from '@init/core';

console.log(computeFans([])); // a scalar
console.log(computeFans([5])); // a vector
console.log(computeFans([256, 784], 'torch')); // nn.Linear(784, 256).weight
console.log(computeFans([3, 3, 3, 16, 32])); // a 3-D convolution
console.log(computeFans([4, 0]));
