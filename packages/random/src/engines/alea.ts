/// <reference path="./seedrandom-alea.d.ts" />
/**
 * Seeding of seedrandom's Alea (Johannes Baagøe's multiply-with-carry generator), the generator
 * TensorFlow.js draws from. The seed string goes through seedrandom itself, so the Mash hash is
 * exactly seedrandom 3.0.5's; the fill loops then advance the state inline instead of calling the
 * generator closure per element:
 *
 * `t = 2091639·s0 + c·2^-32; s0 = s1; s1 = s2; c = t | 0; s2 = t − c; output s2`.
 */

// Alea alone, not the package root: the root bundles all seven of seedrandom's generators.
import alea from 'seedrandom/lib/alea.js';

/**
 * The Alea state `[c, s0, s1, s2]` right after seeding with `seed` (a string, as TensorFlow.js
 * passes `seed.toString()`).
 */
export function aleaState(seed: string): Float64Array {
  const state = alea(seed, { state: true }).state();
  return Float64Array.of(state.c, state.s0, state.s1, state.s2);
}
