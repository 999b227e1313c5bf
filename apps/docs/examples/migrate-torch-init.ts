import { computeFans } from '@init/core';
import { dirac, eye, heNormal, kaimingNormal, orthogonal, sparse, truncNormal } from '@init/presets';

// timm/ViT's trunc_normal_(w, std=.02): PyTorch's bounds a=-2, b=2 are absolute, 100 std away.
const vit = truncNormal({ std: 0.02, seed: 1 }).apply([768, 768], 'float64').data;
let squares = 0;
for (const x of vit) squares += x * x;
console.log('std', Math.sqrt(squares / vit.length).toFixed(4)); // 0.0200, as in PyTorch

// orthogonal_(w, gain=2) on a conv weight [64, 3, 7, 7]: 64 orthonormal rows of 147 values.
const w = orthogonal({ gain: 2, seed: 1 }).apply([64, 3, 7, 7]).data;
let worst = 0;
for (let i = 0; i < 64; i++) {
  for (let j = 0; j < 64; j++) {
    let dot = 0;
    for (let k = 0; k < 147; k++) dot += (w[i * 147 + k] as number) * (w[j * 147 + k] as number);
    worst = Math.max(worst, Math.abs(dot / 4 - (i === j ? 1 : 0)));
  }
}
console.log('max |W·Wᵀ/4 − I|', worst < 1e-6);

// Keras's HeNormal on a PyTorch-shaped weight: say where the fans are.
console.log(computeFans([64, 3, 7, 7], 'torch'), heNormal({ layout: 'torch' }).variance([64, 3, 7, 7]) === 2 / 147);

// kaiming's mode in any case, as PyTorch lower-cases it:
console.log(kaimingNormal({ mode: 'FAN_OUT' }).getConfig().mode);

// eye_, dirac_ and sparse_:
console.log(eye().apply([2, 3]).data, dirac().apply([1, 1, 3]).data);
console.log(
  sparse({ sparsity: 0.5, seed: 3 })
    .apply([4, 2])
    .data.filter((x) => x === 0).length,
  'zeros',
);
