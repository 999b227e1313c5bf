import { VarianceScaling } from '@init/core';

// Keras 3's HeNormal for a 3×3 convolution from 64 to 128 channels: std √(2/576) = 0.0589256
const he = new VarianceScaling({ scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 42 });
console.log(he.variance([3, 3, 64, 128]));
const values = he.apply([3, 3, 64, 128], 'float64').data;
console.log(values.subarray(0, 3));
console.log(Math.sqrt(values.reduce((sum, x) => sum + x * x, 0) / values.length));
