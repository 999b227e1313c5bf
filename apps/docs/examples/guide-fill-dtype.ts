import { Ones } from '@init/core';

console.log(new Ones().fill(new Int32Array(2), [2]));
console.log(new Ones().fill(new Uint16Array(2), [2], { dtype: 'float16' }));
try {
  new Ones().fill(new Uint16Array(2), [2]);
} catch (error) {
  console.log(String(error));
}
