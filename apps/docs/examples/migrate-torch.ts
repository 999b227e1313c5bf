import { computeFans } from '@init/core';
import { calculateGain, kaimingNormal, kaimingUniform, xavierUniform } from '@init/presets';

// nn.Linear(64, 128): weight [out, in] = [128, 64], PyTorch's default kaiming_uniform_(a=√5),
// which is U(−1/√64, 1/√64) = U(−0.125, 0.125):
const linear = kaimingUniform({ a: Math.sqrt(5), seed: 3 });
const weight = linear.apply([128, 64]).data;
console.log(linear.getConfig());
console.log(Math.max(...weight.map(Math.abs)));

// torchvision's ResNet convolutions: kaiming_normal_(mode='fan_out', nonlinearity='relu')
console.log(kaimingNormal({ mode: 'fan_out', nonlinearity: 'relu', seed: 1 }).getConfig());

// The torch layout reads [out, in, ...kernel]:
console.log(computeFans([64, 3, 7, 7], 'torch'), computeFans([7, 7, 3, 64]));

console.log(calculateGain('relu'), calculateGain('leaky_relu', 0.2), calculateGain('tanh'));
console.log(xavierUniform({ gain: calculateGain('tanh'), seed: 1 }).getConfig());
