import { Ones, Zeros } from '@init/core';

const bias = new Zeros().apply([2, 3]);
console.log(bias.shape, bias.dtype, bias.data);

console.log(new Ones().apply([2, 2]).data);
console.log(new Ones().apply([3], 'int32').data);
console.log(new Ones({ dtype: 'bfloat16' }).apply([2]).data); // the bits of 1.0
