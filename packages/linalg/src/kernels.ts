/**
 * The two inner loops of a block-reflector update, which carry almost all of the flops of QR:
 * `projectPairs` (dot products of four reflector vectors with two target columns) and
 * `subtractPairs` (two target columns minus a combination of four reflector vectors).
 *
 * There are two implementations with one exact contract: a WebAssembly SIMD one (wasm-kernels.ts)
 * and this plain JavaScript one, used where WebAssembly is unavailable (a Content-Security-Policy
 * without 'wasm-unsafe-eval', an engine without SIMD, a matrix beyond the memory we reserve).
 * Both perform the same IEEE operations in the same order, so results never depend on which one
 * ran — the contract below is written lane by lane for that reason.
 *
 * All offsets are element indices into one Float64Array, the heap.
 */

/** The contract both implementations fulfil. */
export interface BlockKernels {
  /** The Float64Array all offsets refer to. */
  readonly heap: Float64Array;
  /**
   * For the four vectors `v_r = heap[v0 + r·stride …]` (r = 0…3) and the two columns c0, c1, and
   * over `t = 0 … 2·pairs − 1`, writes two partial sums per product (`lane = t mod 2`, summed in
   * increasing t, starting from +0):
   * `heap[out + 2r + lane] = Σ v_r[t]·c0[t]` and `heap[out + 8 + 2r + lane] = Σ v_r[t]·c1[t]`.
   * (One f64x2 accumulator per product in the SIMD version.)
   */
  projectPairs(c0: number, c1: number, v0: number, stride: number, pairs: number, out: number): void;
  /**
   * For `t = 0 … 2·pairs − 1`, with `a = heap[coef … coef + 4)` and `b = heap[coef + 4 … coef + 8)`:
   * `c0[t] −= ((v_0[t]·a_0 + v_1[t]·a_1) + v_2[t]·a_2) + v_3[t]·a_3`, and the same for c1 with b.
   */
  subtractPairs(c0: number, c1: number, v0: number, stride: number, pairs: number, coef: number): void;
  /**
   * Optional (the WebAssembly kernels have it; householder.ts runs the same steps itself
   * otherwise): `applyBlockReflector`'s work on `pairs` pairs of columns for a block reflector of
   * width 8, with the same operations in the same order. `a` is the first column's element on V's
   * first row, the columns `m` apart; V (`rows` rows) at `v0`, its T (8 × 8, column-major) at `t`,
   * and `scratch` the caller's 40 scratch slots (see householder.ts's SCRATCH_PER_MEMBER).
   */
  applyPairs?(
    a: number,
    m: number,
    pairs: number,
    v0: number,
    rows: number,
    t: number,
    transposeT: boolean,
    scratch: number,
  ): void;
}

/**
 * One column of `subtractPairs`' contract, for the code that updates a single column (householder.ts):
 * for `t` in [from, to), `heap[c + t] −= ((v_0[t]·a0 + v_1[t]·a1) + v_2[t]·a2) + v_3[t]·a3` with
 * `v_r = heap[v0 + r·stride …]`. The same operations in the same order as the kernels, so a column
 * updated alone equals one updated in a pair.
 */
export function subtractFour(
  heap: Float64Array,
  c: number,
  v0: number,
  stride: number,
  from: number,
  to: number,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
): void {
  const v1 = v0 + stride;
  const v2 = v1 + stride;
  const v3 = v2 + stride;
  for (let t = from; t < to; t++) {
    heap[c + t]! -= heap[v0 + t]! * a0 + heap[v1 + t]! * a1 + heap[v2 + t]! * a2 + heap[v3 + t]! * a3;
  }
}

/** The JavaScript implementation over `heap`. */
export function createJsKernels(heap: Float64Array): BlockKernels {
  return {
    heap,
    projectPairs(c0, c1, v0, stride, pairs, out) {
      // Two vectors at a time keep the 8 accumulators in registers; the sums are the same.
      for (let r = 0; r < 4; r += 2) {
        const va = v0 + r * stride;
        const vb = va + stride;
        let a0 = 0;
        let a1 = 0;
        let b0 = 0;
        let b1 = 0;
        let c0a0 = 0;
        let c0a1 = 0;
        let c0b0 = 0;
        let c0b1 = 0;
        const end = 2 * pairs;
        for (let t = 0; t < end; t += 2) {
          const x0 = heap[c0 + t]!;
          const x1 = heap[c0 + t + 1]!;
          const z0 = heap[c1 + t]!;
          const z1 = heap[c1 + t + 1]!;
          const e0 = heap[va + t]!;
          const e1 = heap[va + t + 1]!;
          const f0 = heap[vb + t]!;
          const f1 = heap[vb + t + 1]!;
          c0a0 += e0 * x0;
          c0a1 += e1 * x1;
          c0b0 += f0 * x0;
          c0b1 += f1 * x1;
          a0 += e0 * z0;
          a1 += e1 * z1;
          b0 += f0 * z0;
          b1 += f1 * z1;
        }
        heap[out + 2 * r] = c0a0;
        heap[out + 2 * r + 1] = c0a1;
        heap[out + 2 * r + 2] = c0b0;
        heap[out + 2 * r + 3] = c0b1;
        heap[out + 8 + 2 * r] = a0;
        heap[out + 8 + 2 * r + 1] = a1;
        heap[out + 8 + 2 * r + 2] = b0;
        heap[out + 8 + 2 * r + 3] = b1;
      }
    },
    subtractPairs(c0, c1, v0, stride, pairs, coef) {
      const v1 = v0 + stride;
      const v2 = v1 + stride;
      const v3 = v2 + stride;
      const a0 = heap[coef]!;
      const a1 = heap[coef + 1]!;
      const a2 = heap[coef + 2]!;
      const a3 = heap[coef + 3]!;
      const b0 = heap[coef + 4]!;
      const b1 = heap[coef + 5]!;
      const b2 = heap[coef + 6]!;
      const b3 = heap[coef + 7]!;
      const end = 2 * pairs;
      for (let t = 0; t < end; t++) {
        const e0 = heap[v0 + t]!;
        const e1 = heap[v1 + t]!;
        const e2 = heap[v2 + t]!;
        const e3 = heap[v3 + t]!;
        heap[c0 + t]! -= e0 * a0 + e1 * a1 + e2 * a2 + e3 * a3;
        heap[c1 + t]! -= e0 * b0 + e1 * b1 + e2 * b2 + e3 * b3;
      }
    },
  };
}
