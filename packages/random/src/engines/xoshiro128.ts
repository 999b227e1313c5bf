/**
 * xoshiro128** 1.1 (Blackman & Vigna, 2018), the fast generator that runs inside each block of the
 * default stream. The fill kernels inline this step in their loops; this function is the readable
 * reference that the slow paths call and the known-answer test pins.
 *
 * `result = rotl(s1 · 5, 7) · 9`; then `t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
 * s2 ^= t; s3 = rotl(s3, 11)`. All arithmetic is 32-bit (`Math.imul`, `| 0`).
 */

/**
 * Advances a xoshiro128** state held in an Int32Array of length ≥ 4 and returns the next 32-bit
 * output as an unsigned integer.
 *
 * @param state - The four state words `s0..s3`, updated in place.
 * @returns The next output, in [0, 2^32).
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 * @example
 * ```ts
 * const state = Int32Array.of(1, 2, 3, 4);
 * [nextXoshiro128(state), nextXoshiro128(state), nextXoshiro128(state)]; // [11520, 0, 5927040]
 * ```
 */
export function nextXoshiro128(state: Int32Array): number {
  const s0 = state[0]!;
  let s1 = state[1]!;
  let s2 = state[2]!;
  let s3 = state[3]!;
  const multiplied = Math.imul(s1, 5);
  const result = Math.imul((multiplied << 7) | (multiplied >>> 25), 9);
  const shifted = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  state[0] = s0 ^ s3;
  state[1] = s1;
  state[2] = s2 ^ shifted;
  state[3] = (s3 << 11) | (s3 >>> 21);
  return result >>> 0;
}

/**
 * Draws a uniform double in (0, 1] with 53 random bits from two outputs (the first gives the top
 * 27 bits). The slow paths of the normal sampler take logarithms of it, hence 0 is excluded.
 *
 * `u = ((a >>> 5) · 2^26 + (b >>> 6) + 1) · 2^-53`
 *
 * @param state - A xoshiro128** state, advanced by two outputs.
 * @returns A double in (0, 1].
 * @example
 * ```ts
 * nextOpenClosed53(Int32Array.of(1, 2, 3, 4)); // 0.0000026822090150036004
 * ```
 */
export function nextOpenClosed53(state: Int32Array): number {
  const high = nextXoshiro128(state) >>> 5;
  const low = nextXoshiro128(state) >>> 6;
  return (high * 67108864 + low + 1) * 1.1102230246251565e-16;
}
