import { Constant } from '@init/core';

const init = new Constant({ value: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] });

console.log(init.apply([4, 3]).data);
// The last two rows, computed on their own:
console.log(init.apply([2, 3], 'float32', { fullShape: [4, 3], varOffset: [2, 0] }).data);
// The last column:
console.log(init.apply([4, 1], 'float32', { fullShape: [4, 3], varOffset: [0, 2] }).data);

try {
  init.apply([3, 3], 'float32', { fullShape: [4, 3], varOffset: [2, 0] });
} catch (error) {
  console.log(String(error));
}
