import { DeltaOrthogonal } from '@init/core';

// A 3×3 convolution from 2 to 3 channels: every tap is 0 but the centre [1, 1].
const kernel = new DeltaOrthogonal({ seed: 42 }).apply([3, 3, 2, 3], 'float64');
const tap = (i: number, j: number) =>
  Array.from(kernel.data.subarray((i * 3 + j) * 6, (i * 3 + j + 1) * 6), (v) => +v.toFixed(6));
console.log('corner tap [0, 0]:', tap(0, 0));
console.log('centre tap [1, 1]:', tap(1, 1));

// Its rows are orthonormal: C·Cᵀ = I (2 × 2).
const c = kernel.data.subarray(4 * 6, 5 * 6);
const dot = (a: number, b: number) =>
  c[a * 3]! * c[b * 3]! + c[a * 3 + 1]! * c[b * 3 + 1]! + c[a * 3 + 2]! * c[b * 3 + 2]!;
console.log(
  'C·Cᵀ:',
  [dot(0, 0), dot(0, 1), dot(1, 1)].map((v) => +v.toFixed(12) + 0),
);
