import { computeFans } from '@init/core';

console.log(computeFans([784, 256])); // a dense kernel [in, out]
console.log(computeFans([3, 3, 64, 128])); // a 3×3 convolution [kh, kw, in, out]
console.log(computeFans([128, 64, 3, 3], 'torch')); // the same convolution, PyTorch-shaped
