// seedrandom ships Alea on its own as lib/alea.js (CommonJS, `module.exports = alea`). Importing that
// file instead of the package root keeps seedrandom's other generators (ARC4, xor128, xorwow,
// xorshift7, xor4096, tychei) out of every bundle. @types/seedrandom types only the root, so this
// declares the one file imported, with the root's type for `alea`.
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';

  const alea: seedrandom['alea'];
  export default alea;
}
