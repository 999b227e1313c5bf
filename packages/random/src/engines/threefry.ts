/**
 * Threefry2x32, the counter-based block function of Salmon et al. (2011), "Parallel random numbers:
 * as easy as 1, 2, 3" (Random123). It maps a 64-bit counter and a 64-bit key to 64 output bits.
 *
 * All arithmetic is on 32-bit integers with `| 0` wrap-around, so results are identical on every
 * JavaScript engine. Words are passed and returned as signed 32-bit integers (`x | 0`); compare them
 * with `>>> 0` when an unsigned view is wanted.
 */

/** Rotation constants R_32x2 of Threefry2x32, used in rounds r mod 8. */
export const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;

/** Skein's key-schedule parity constant: the third key word is k0 ^ k1 ^ 0x1BD11BDA. */
export const KEY_PARITY = 0x1bd11bda;

/**
 * Threefry2x32 with any number of rounds, written as a loop so that it reads like the specification.
 * The engine uses {@link threefry2x32x20}, which is the same function unrolled for 20 rounds; the
 * known-answer tests run both.
 *
 * `(x0, x1) = (c0 + k0, c1 + k1)`; each round `x0 += x1; x1 = rotl(x1, R[r mod 8]) ^ x0`; after
 * every fourth round the key schedule is injected: `x0 += ks[(i+1) mod 3]`, `x1 += ks[(i+2) mod 3] + i + 1`.
 *
 * @param key0 - First key word.
 * @param key1 - Second key word.
 * @param counter0 - First counter word.
 * @param counter1 - Second counter word.
 * @param rounds - Number of rounds (Random123 publishes vectors for 13, 20 and 32).
 * @param out - Receives the two output words.
 * @returns `out`.
 * @see https://www.thesalmons.org/john/random123/papers/random123sc11.pdf
 * @example
 * ```ts
 * const out = threefry2x32(0x13198a2e, 0x03707344, 0x243f6a88, 0x85a308d3, 20, new Int32Array(2));
 * [out[0] >>> 0, out[1] >>> 0].map((w) => w.toString(16)); // ['c4923a9c', '483df7a0']
 * ```
 */
export function threefry2x32(
  key0: number,
  key1: number,
  counter0: number,
  counter1: number,
  rounds: number,
  out: Int32Array,
): Int32Array {
  const schedule = [key0 | 0, key1 | 0, (key0 ^ key1 ^ KEY_PARITY) | 0];
  let x0 = (counter0 + key0) | 0;
  let x1 = (counter1 + key1) | 0;
  for (let round = 0; round < rounds; round++) {
    const rotation = ROTATIONS[round & 7]!;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << rotation) | (x1 >>> (32 - rotation))) ^ x0;
    if ((round & 3) === 3) {
      const injection = (round >>> 2) + 1;
      x0 = (x0 + schedule[injection % 3]!) | 0;
      x1 = (x1 + schedule[(injection + 1) % 3]! + injection) | 0;
    }
  }
  out[0] = x0;
  out[1] = x1;
  return out;
}

/**
 * Threefry2x32-20 (the Random123 default round count), unrolled. Used for every key derivation and
 * for seeding each block of the default stream.
 *
 * @param key0 - First key word.
 * @param key1 - Second key word.
 * @param counter0 - First counter word.
 * @param counter1 - Second counter word.
 * @param out - Receives the two output words at `out[at]` and `out[at + 1]`.
 * @param at - Index in `out` of the first output word.
 * @example
 * ```ts
 * const out = new Int32Array(2);
 * threefry2x32x20(0, 0, 0, 0, out, 0);
 * [out[0] >>> 0, out[1] >>> 0].map((w) => w.toString(16)); // ['6b200159', '99ba4efe']
 * ```
 */
export function threefry2x32x20(
  key0: number,
  key1: number,
  counter0: number,
  counter1: number,
  out: Int32Array,
  at: number,
): void {
  const k0 = key0 | 0;
  const k1 = key1 | 0;
  const k2 = (k0 ^ k1 ^ KEY_PARITY) | 0;
  let x0 = (counter0 + k0) | 0;
  let x1 = (counter1 + k1) | 0;
  // Rounds 0-3, then key injection 1.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k1) | 0;
  x1 = (x1 + k2 + 1) | 0;
  // Rounds 4-7, injection 2.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k2) | 0;
  x1 = (x1 + k0 + 2) | 0;
  // Rounds 8-11, injection 3.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k0) | 0;
  x1 = (x1 + k1 + 3) | 0;
  // Rounds 12-15, injection 4.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k1) | 0;
  x1 = (x1 + k2 + 4) | 0;
  // Rounds 16-19, injection 5.
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k2) | 0;
  x1 = (x1 + k0 + 5) | 0;
  out[at] = x0;
  out[at + 1] = x1;
}
