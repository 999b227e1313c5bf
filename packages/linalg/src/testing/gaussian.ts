/**
 * Test-only random matrices. @init/linalg may not depend on @init/random (the design forbids the
 * arrow), so the tests carry their own small seeded generator: Marsaglia's xorshift32 feeding the
 * Box–Muller transform. Not shipped: package.json's "files" excludes src/testing.
 */

/** A seeded source of uniform (0, 1] and standard normal numbers. */
export class TestRandom {
  #state: number;
  #spare: number | undefined;

  constructor(seed: number) {
    // xorshift32 has a fixed point at 0, so mix the seed and keep it nonzero.
    this.#state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x6d2b79f5;
  }

  /** A 32-bit word from xorshift32 (shifts 13, 17, 5). */
  nextWord(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x >>> 0;
    return this.#state;
  }

  /** Uniform on (0, 1], with 2^-32 resolution (never 0, so the logarithm below is finite). */
  uniform(): number {
    return (this.nextWord() + 1) / 4294967296;
  }

  /** Standard normal by Box–Muller, both values of each pair used. */
  normal(): number {
    if (this.#spare !== undefined) {
      const value = this.#spare;
      this.#spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.#spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** A row-major rows × cols matrix of independent standard normals. */
  gaussianMatrix(rows: number, cols: number): Float64Array {
    const out = new Float64Array(rows * cols);
    for (let index = 0; index < out.length; index++) out[index] = this.normal();
    return out;
  }

  /** A row-major rows × cols matrix of independent uniforms on (0, 1]. */
  uniformMatrix(rows: number, cols: number): Float64Array {
    const out = new Float64Array(rows * cols);
    for (let index = 0; index < out.length; index++) out[index] = this.uniform();
    return out;
  }
}
