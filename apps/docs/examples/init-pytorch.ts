import { kaimingNormal, kaimingUniform, xavierNormal, xavierUniform } from '@init/presets';

// Weights in PyTorch's layout, [out, in, ...kernel]:
console.log(xavierUniform({ seed: 1 }).apply([4, 8]).data.subarray(0, 3));
console.log(xavierNormal({ seed: 1 }).apply([4, 8]).data.subarray(0, 3));
console.log(kaimingUniform({ seed: 1 }).apply([64, 3, 3, 3]).data.subarray(0, 3));
console.log(kaimingNormal({ mode: 'fan_out', nonlinearity: 'relu', seed: 1 }).apply([64, 3, 7, 7]).data.subarray(0, 3));
