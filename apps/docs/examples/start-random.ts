import { VarianceScaling } from '@init/core';

// He normal for a 3×3 convolution from 64 to 128 channels, as Keras 3 draws it:
const he = new VarianceScaling({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 42 });
const kernel = he.apply([3, 3, 64, 128]);

console.log(kernel.shape, kernel.dtype, kernel.data.length);
console.log(kernel.data.subarray(0, 4));
// Seeded means pure: the same call gives the same values, every time, everywhere.
console.log(he.apply([3, 3, 64, 128]).data.subarray(0, 4));
