// A framework that owns its parameters' memory: one Float32Array arena for a whole dense layer,
// each parameter a view into it, initialized in place, with no intermediate tensor.
import { VarianceScaling, Zeros, type Initializer } from '@init/core';
import { foldIn, keyFromSeed } from '@init/random';

class Parameter {
  constructor(
    readonly name: string,
    readonly shape: readonly number[],
    readonly data: Float32Array,
  ) {}

  initialize(initializer: Initializer): this {
    initializer.fill(this.data, this.shape); // writes into the framework's own buffer
    return this;
  }
}

const [inputs, units] = [784, 256];
const arena = new Float32Array(inputs * units + units);
const root = keyFromSeed(2024);

const kernel = new Parameter('dense/kernel', [inputs, units], arena.subarray(0, inputs * units)).initialize(
  new VarianceScaling({
    scale: 2,
    mode: 'fan_in',
    distribution: 'truncated_normal',
    seed: foldIn(root, 'dense/kernel'),
  }),
);
const bias = new Parameter('dense/bias', [units], arena.subarray(inputs * units)).initialize(new Zeros());

console.log(kernel.data.buffer === arena.buffer, bias.data.buffer === arena.buffer);
console.log(kernel.data.subarray(0, 3), bias.data.subarray(0, 3));

// fill and apply agree value for value:
const same = new VarianceScaling({
  scale: 2,
  mode: 'fan_in',
  distribution: 'truncated_normal',
  seed: foldIn(root, 'dense/kernel'),
})
  .apply([inputs, units])
  .data.every((value, i) => Object.is(value, kernel.data[i]));
console.log(same);
