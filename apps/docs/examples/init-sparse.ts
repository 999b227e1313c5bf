import { Sparse } from '@init/core';
import { sparse } from '@init/presets';

// 6 × 3 with sparsity 0.5: exactly 3 zeros in each column, the rest N(0, 1²).
const values = new Sparse({ sparsity: 0.5, stddev: 1, seed: 7 }).apply([6, 3]).data;
for (let row = 0; row < 6; row++)
  console.log(Array.from(values.subarray(row * 3, row * 3 + 3), (x) => x.toFixed(3)).join('  '));

// PyTorch's sparse_(w, sparsity=0.1) with its default std 0.01, on nn.Linear(50, 100).weight:
const weight = sparse({ sparsity: 0.1, seed: 1 }).apply([100, 50]).data;
console.log(weight.filter((x) => x === 0).length, 'zeros'); // 10 in each of the 50 columns
