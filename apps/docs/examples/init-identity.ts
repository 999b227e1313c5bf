import { Identity } from '@init/core';

console.log(new Identity().apply([3, 3]).data);
console.log(new Identity({ gain: 2 }).apply([2, 3]).data);
