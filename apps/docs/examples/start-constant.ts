import { Constant } from '@init/core';

console.log(new Constant({ value: 0.1 }).apply([4]).data); // each the float32 nearest 0.1
console.log(new Constant({ value: [0, 1, 2, 3, 4, 5, 6, 7] }).apply([3, 4]).data);
console.log(
  new Constant({
    value: [
      [1, 2],
      [3, 4],
    ],
  }).apply([2, 2], 'int32').data,
);

try {
  new Constant({ value: [0, 1, 2, 3, 4, 5, 6, 7] }).apply([2, 3]);
} catch (error) {
  console.log(String(error));
}
try {
  new Constant({ value: [0, 1, 2, 3, 4, 5, 6, 7], verifyShape: true }).apply([3, 4]);
} catch (error) {
  console.log(String(error));
}
