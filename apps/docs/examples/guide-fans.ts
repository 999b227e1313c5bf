import { computeFans } from '@init/core';

console.log(computeFans([])); // a scalar
console.log(computeFans([5])); // a vector
console.log(computeFans([256, 784], 'torch')); // nn.Linear(784, 256).weight
console.log(computeFans([3, 3, 3, 16, 32])); // a 3-D convolution
console.log(computeFans([4, 0]));

// Attention and batched kernels: name the axes (JAX's rule; Keras 3's inputAxes/outputAxes too).
console.log(computeFans([512, 8, 64], { inAxis: 0, outAxis: [1, 2] })); // a query projection
console.log(computeFans([4, 3, 3, 16, 32], { batchAxis: 0 })); // 4 independent 3×3 kernels
console.log(computeFans([6, 10, 20], { inputAxes: [1], outputAxes: [2] })); // Keras: axis 0 not counted
