import { foldIn, keyFromSeed, keyToString, split } from '@init/random';

const root = keyFromSeed(42);
console.log(keyToString(root)); // an integer seed is the key itself
console.log(keyToString(keyFromSeed('my experiment'))); // a string is hashed
console.log(keyToString(keyFromSeed('42'))); // so '42' is not 42
console.log(keyToString(foldIn(root, 'encoder/layer_3/kernel')));
console.log(keyToString(foldIn(root, 3)));
console.log(split(root, 3).map(keyToString));
