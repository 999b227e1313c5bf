import { RandomUniform } from '@init/core';
import { setGlobalSeed } from '@init/random';

const unseeded = new RandomUniform();
// Without a seed, every call draws a fresh key from crypto.getRandomValues:
const firstCall = unseeded.apply([3]).data.join(', ');
const secondCall = unseeded.apply([3]).data.join(', ');
console.log(firstCall !== secondCall);

// After setGlobalSeed, the sequence of unseeded calls is reproducible:
setGlobalSeed(7);
const first = [unseeded.apply([2]).data, unseeded.apply([2]).data];
setGlobalSeed(7);
const again = [unseeded.apply([2]).data, unseeded.apply([2]).data];
console.log(first, again);
setGlobalSeed(null); // back to fresh entropy
