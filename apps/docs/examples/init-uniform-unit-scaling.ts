import { UniformUnitScaling } from '@init/core';

// [3, 3, 64, 128]: inputSize = 3·3·64 = 576, limit = √(3/576) = 0.0721688
const values = new UniformUnitScaling({ seed: 42 }).apply([3, 3, 64, 128]).data;
console.log(values.subarray(0, 3));
console.log(Math.max(...values.map(Math.abs)));
