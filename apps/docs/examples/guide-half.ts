import { Constant, Ones, RandomNormal } from '@init/core';
import { bfloat16BitsToNumber, float16BitsToNumber } from '@init/random';

console.log(new Ones({ dtype: 'float16' }).apply([1]).data); // 0x3c00
console.log(new Ones({ dtype: 'bfloat16' }).apply([1]).data); // 0x3f80
console.log(new Constant({ value: -2 }).apply([1], 'bfloat16').data); // 0xc000

// Random 16-bit values are drawn as float32 draws are, then rounded once, to nearest even.
// Decode the bits to read them:
const single = new RandomNormal({ seed: 7 }).apply([4], 'float32').data;
const half = new RandomNormal({ seed: 7 }).apply([4], 'float16').data;
const brain = new RandomNormal({ seed: 7 }).apply([4], 'bfloat16').data;
console.log(single);
console.log(half);
console.log(Array.from(half, float16BitsToNumber));
console.log(Array.from(brain, bfloat16BitsToNumber));
