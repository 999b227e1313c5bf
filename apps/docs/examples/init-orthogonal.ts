import { Orthogonal } from '@init/core';
import { enableSvd } from '@init/core/svd';

const q = new Orthogonal({ seed: 42 }).apply([3, 2], 'float64').data;
console.log(q);
// The two columns are orthonormal:
const column = (j: number) => [q[j]!, q[2 + j]!, q[4 + j]!];
const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
console.log(dot(column(0), column(0)), dot(column(1), column(1)), dot(column(0), column(1)));
// TF1's original algorithm, an SVD of a uniform matrix. It runs ml-matrix, which only code that
// calls enableSvd() carries, so it is opt-in:
enableSvd();
console.log(new Orthogonal({ method: 'svd', seed: 42 }).apply([2, 2]).data);
