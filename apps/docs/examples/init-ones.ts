import { Ones } from '@init/core';

console.log(new Ones().apply([2, 3]).data);
console.log(new Ones().apply([2], 'bool').data, new Ones().apply([2], 'float16').data);
