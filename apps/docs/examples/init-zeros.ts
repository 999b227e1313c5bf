import { Zeros } from '@init/core';

console.log(new Zeros().apply([2, 3]).data);
console.log(new Zeros().apply([2], 'bool').data, new Zeros().apply([2], 'bfloat16').data);
