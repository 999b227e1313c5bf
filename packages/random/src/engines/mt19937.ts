/**
 * MT19937, the 32-bit Mersenne Twister of Matsumoto & Nishimura (1998), as PyTorch's CPU generator
 * runs it (`at::mt19937`, the same sequence as C++'s `std::mt19937`).
 *
 * Seeding is the reference `init_genrand`: `state[0] = seed mod 2^32`,
 * `state[i] = 1812433253 · (state[i−1] ⊕ (state[i−1] >> 30)) + i (mod 2^32)`. PyTorch keeps the
 * whole 64-bit seed for `initial_seed()` but only its low 32 bits reach the state, so seeds that
 * differ by a multiple of 2^32 give the same stream.
 *
 * @see M. Matsumoto and T. Nishimura, "Mersenne Twister: A 623-dimensionally equidistributed
 *   uniform pseudo-random number generator", ACM TOMACS 8(1), 1998.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A Mersenne Twister state: 624 words and the index of the next word to temper. */
export class Mt19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  /** Seeds with the low 32 bits of `seed` (a non-negative integer below 2^32). */
  constructor(seed32: number) {
    const state = this.state;
    state[0] = seed32 >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = state[i - 1]! ^ (state[i - 1]! >>> 30);
      // 1812433253 · previous mod 2^32: Math.imul keeps the low 32 bits of the product.
      state[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
    this.index = N;
  }

  /** A copy with the same position in the stream. */
  clone(): Mt19937 {
    const copy = Object.create(Mt19937.prototype) as Mt19937;
    (copy as unknown as { state: Uint32Array }).state = this.state.slice();
    copy.index = this.index;
    return copy;
  }

  /** The next 32-bit output, an integer in [0, 2^32). */
  next(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++]!;
    // Tempering.
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Regenerates the 624 words of the state. */
  private twist(): void {
    const state = this.state;
    for (let i = 0; i < N; i++) {
      const y = (state[i]! & UPPER_MASK) | (state[(i + 1) % N]! & LOWER_MASK);
      state[i] = state[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }
}
