/**
 * Householder QR on a column-major working copy: the factorization (LAPACK's dgeqrf), the explicit
 * reduced Q (dorgqr), and the compact-WY block reflectors both are built on.
 *
 * Layout: an m × n matrix `w` stores column j contiguously at `w[j·m … j·m + m)`. Every inner loop
 * below runs down a column, so it reads consecutive memory; the row-major input is transposed once
 * on the way in (layout.ts). After `householderFactor`, R sits on and above the diagonal and the
 * tail of each reflector vector below it, as in LAPACK.
 *
 * Reflector j is `H_j = I − τ_j·v_j·v_jᵀ` with `v_j[j] = 1`, zeros above row j, and
 * `H_j·x = β·e_j`, so that `A = H_0·H_1·…·H_{k−1}·R` and `Q = H_0·…·H_{k−1}·[I_k; 0]`.
 *
 * Blocking (compact WY, Schreiber & Van Loan 1989): the product of `nb` consecutive reflectors is
 * `I − V·T·Vᵀ` with V the m × nb matrix of their vectors and T upper triangular. Applying that to
 * the trailing columns costs the same flops as applying the reflectors one by one, but the kernel
 * can keep four reflectors and two target columns in registers at once, so it loads far less per
 * flop (about 14 memory operations per 16 multiply-adds instead of 5 per 2). That, not flop count,
 * is what limits scalar JavaScript here.
 *
 * Everything is plain IEEE arithmetic (+, −, ×, ÷, sqrt) in a fixed order, with no Math.hypot or
 * other library functions whose last bit may differ between engines, so results are bit-identical
 * on every run and every platform.
 */

import { createJsKernels, subtractFour, type BlockKernels } from './kernels.js';
import { createWasmKernels } from './wasm-kernels.js';

/**
 * Panel width of the blocked algorithms, chosen by measurement (README, "Decisions"): with the
 * SIMD kernels, 8 was fastest at 256, 512 and 1024 (1024: about 0.35 s against 0.6 s at 32). A
 * narrow V (8 columns of 1024 rows, 64 KiB) stays in L1/L2 as it streams past each column pair,
 * and the scalar work that grows with the width — panel factorization, T, the small triangular
 * products per column — stays small.
 */
export const DEFAULT_BLOCK_SIZE = 8;

/** Below this, a sum of squares may have lost terms to underflow; above HUGE it may overflow. */
const TINY = 2 ** -900;
const HUGE = 2 ** 900;
/** `1 / d` is finite for |d| ≥ 2^-1000, so multiplying by the reciprocal is safe there. */
const RECIPROCAL_SAFE = 2 ** -1000;
/**
 * The smallest normal double. A norm below it is subnormal: it has lost bits, and β, τ and v built
 * from it would make a reflector that is not orthogonal (τ off by up to 40%).
 */
const SMALLEST_NORMAL = 2 ** -1022;
/**
 * What a column with a subnormal norm is multiplied by first: the norm of a nonzero column is at
 * least 2^-1074, so one exact multiplication brings it to at least 2^-105 (LAPACK's dlarfg scales
 * by 1/safmin = 2^969 the same way).
 */
const SUBNORMAL_RESCALE = 2 ** 969;

/**
 * Turns `x = w[start … start + length)` into a reflector in place (LAPACK's dlarfg): on return
 * `w[start] = β`, the rest holds `v[1…]`, and the result is τ. τ = 0 (H = I) when `x[1…]` is
 * exactly zero, so a column that is already reduced keeps its diagonal as it is, sign included.
 *
 * `β = −sign(α)·‖x‖`: choosing the sign opposite to α avoids cancellation in `α − β`, which is why
 * Householder QR is backward stable without pivoting.
 *
 * A column whose norm is subnormal (every entry below about 2^-1022, far below the matrix's largest
 * entry, which qr's range scaling keeps near 1) is first multiplied by 2^969, exactly, and its β
 * multiplied back at the end, as LAPACK's dlarfg does: τ and v do not depend on the column's
 * scale, and computed from subnormal numbers they would lose up to every bit. Columns with a normal
 * norm never take that path, so their results are unchanged.
 */
export function makeReflector(w: Float64Array, start: number, length: number): number {
  const end = start + length;
  const alpha = w[start]!;
  let sumOfSquares = 0;
  for (let index = start + 1; index < end; index++) {
    const x = w[index]!;
    sumOfSquares += x * x;
  }
  const total = alpha * alpha + sumOfSquares;
  let norm: number;
  if (sumOfSquares !== 0 && total > TINY && total < HUGE) {
    norm = Math.sqrt(total);
  } else {
    // Rare path: the tail is zero, or squares under- or overflowed (a column tiny or huge
    // relative to the matrix's largest entry). Recompute with a scale (LAPACK's dnrm2 idea).
    let scale = 0;
    for (let index = start + 1; index < end; index++) {
      const x = Math.abs(w[index]!);
      if (x > scale) scale = x;
    }
    if (scale === 0) return 0;
    if (Math.abs(alpha) > scale) scale = Math.abs(alpha);
    let scaledSum = 0;
    for (let index = start; index < end; index++) {
      const x = w[index]! / scale;
      scaledSum += x * x;
    }
    norm = scale * Math.sqrt(scaledSum);
  }
  if (norm < SMALLEST_NORMAL) {
    // Scaling by a power of two is exact, and the scaled norm is at least 2^-105: one level deep.
    for (let index = start; index < end; index++) w[index]! *= SUBNORMAL_RESCALE;
    const tau = makeReflector(w, start, length);
    w[start]! /= SUBNORMAL_RESCALE;
    return tau;
  }
  // α = −0 counts as non-negative, so β < 0 there, as in LAPACK.
  const beta = alpha >= 0 ? -norm : norm;
  const tau = (beta - alpha) / beta;
  const divisor = alpha - beta;
  if (Math.abs(divisor) >= RECIPROCAL_SAFE) {
    const reciprocal = 1 / divisor;
    for (let index = start + 1; index < end; index++) w[index]! *= reciprocal;
  } else {
    for (let index = start + 1; index < end; index++) w[index]! /= divisor;
  }
  w[start] = beta;
  return tau;
}

/**
 * Unblocked Householder QR of columns [j0, j1) of the m-row matrix `w`, each reflector also applied
 * to columns up to `updateEnd` (LAPACK's dgeqr2). Writes τ_j into `tau[j]`.
 */
export function factorUnblocked(
  w: Float64Array,
  m: number,
  j0: number,
  j1: number,
  updateEnd: number,
  tau: Float64Array,
): void {
  for (let j = j0; j < j1; j++) {
    const v = j * m + j;
    const length = m - j;
    const t = makeReflector(w, v, length);
    tau[j] = t;
    if (t === 0) continue;
    let c = j + 1;
    // Two target columns per pass: one load of v serves both.
    for (; c + 1 < updateEnd; c += 2) {
      const c0 = c * m + j;
      const c1 = c0 + m;
      let s0 = w[c0]!;
      let s1 = w[c1]!;
      for (let i = 1; i < length; i++) {
        const vi = w[v + i]!;
        s0 += vi * w[c0 + i]!;
        s1 += vi * w[c1 + i]!;
      }
      s0 *= t;
      s1 *= t;
      w[c0]! -= s0;
      w[c1]! -= s1;
      for (let i = 1; i < length; i++) {
        const vi = w[v + i]!;
        w[c0 + i]! -= s0 * vi;
        w[c1 + i]! -= s1 * vi;
      }
    }
    if (c < updateEnd) {
      const c0 = c * m + j;
      let s0 = w[c0]!;
      for (let i = 1; i < length; i++) s0 += w[v + i]! * w[c0 + i]!;
      s0 *= t;
      w[c0]! -= s0;
      for (let i = 1; i < length; i++) w[c0 + i]! -= s0 * w[v + i]!;
    }
  }
}

/**
 * One block reflector `I − V·T·Vᵀ` as the kernels read it: V (`rows × width`, column-major, unit
 * diagonal, zeros above it) at heap offset `vOffset`, and T (`width × width`, column-major, upper
 * triangular). A workspace has two, so that the next panel's reflector can be loaded while the
 * current one is still being applied (lookahead); `rows` and `width` are set by whoever applies it.
 */
export interface BlockReflector {
  readonly v: Float64Array;
  readonly vOffset: number;
  t: Float64Array;
  rows: number;
  width: number;
}

/**
 * Everything one factorization works in. One heap (a WebAssembly memory when the SIMD kernels are
 * available, else an ordinary Float64Array) holds the matrix being factored, Q, τ, the signs of R's
 * diagonal, every panel's T, the two block reflectors' V and the kernels' scratch; the arrays below
 * are views into it at the recorded offsets, so the scalar code and the kernels see the same memory
 * — and so do the threads of a {@link Team}, each with its own workspace object over one heap.
 */
export interface Workspace {
  readonly kernels: BlockKernels;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly blockSize: number;
  /** The m × n matrix, column-major; the caller writes the input here. */
  readonly w: Float64Array;
  readonly wOffset: number;
  /** The m × k reduced Q, column-major, written by `accumulateQ`. */
  readonly q: Float64Array;
  readonly qOffset: number;
  /** τ_j of reflector j (k entries), written by `householderFactor`. */
  readonly tau: Float64Array;
  /** sign(R[j][j]) as ±1 (a zero counts as +1), k entries, written by `householderFactor`. */
  readonly signs: Float64Array;
  /** T of every panel (`width²` entries each, panel p at `p·width²`), formed once, used twice. */
  readonly tStore: Float64Array;
  readonly reflectors: readonly [BlockReflector, BlockReflector];
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  /**
   * 16 heap slots for `projectPairs`' partial sums, 8 for `subtractPairs`' coefficients and 16 for
   * `applyPairs`' y: this member's own, when several threads share the heap (see {@link Team}).
   */
  readonly lanesOffset: number;
  readonly coefOffset: number;
}

/** Heap slots of one team member's kernel scratch: 16 partial sums, 8 coefficients, 16 for y. */
export const SCRATCH_PER_MEMBER = 40;

/** Where each part of a workspace lives in its heap, in float64 elements. */
export interface WorkspaceLayout {
  readonly m: number;
  readonly n: number;
  readonly blockSize: number;
  readonly members: number;
  readonly qOffset: number;
  readonly tauOffset: number;
  readonly signsOffset: number;
  readonly tStoreOffset: number;
  /** The two block reflectors' V, then their T's are in tStore. */
  readonly vOffsets: readonly [number, number];
  readonly scratchOffset: number;
  /** The heap's length. */
  readonly elements: number;
}

/** The number of panels of `width` columns that cover k columns. */
function panelCount(k: number, width: number): number {
  return width === 0 ? 0 : Math.ceil(k / width);
}

/** The heap layout of an m × n factorization whose block kernels `members` threads share. */
export function workspaceLayout(m: number, n: number, blockSize: number, members = 1): WorkspaceLayout {
  const k = Math.min(m, n);
  const width = Math.min(blockSize, k);
  const qOffset = m * n;
  const tauOffset = qOffset + m * k;
  const signsOffset = tauOffset + k;
  const tStoreOffset = signsOffset + k;
  const vOffset0 = tStoreOffset + panelCount(k, width) * width * width;
  const vOffset1 = vOffset0 + m * width;
  const scratchOffset = vOffset1 + m * width;
  const elements = scratchOffset + SCRATCH_PER_MEMBER * members;
  return {
    m,
    n,
    blockSize,
    members,
    qOffset,
    tauOffset,
    signsOffset,
    tStoreOffset,
    vOffsets: [vOffset0, vOffset1],
    scratchOffset,
    elements,
  };
}

/**
 * Whether a factorization of this size should run the WebAssembly kernels: when they are enabled
 * (tests switch them off to compare both) and the problem needs more than one panel — problems that
 * fit in one panel never reach the block kernels, and a WebAssembly memory would only cost its
 * allocation there.
 */
export function wantsWasmKernels(m: number, n: number, blockSize: number): boolean {
  return wasmEnabled && Math.min(m, n) > blockSize;
}

/** A workspace over a heap laid out by {@link workspaceLayout}, as seen by team member `member`. */
export function attachWorkspace(kernels: BlockKernels, layout: WorkspaceLayout, member = 0): Workspace {
  const { m, n, blockSize, qOffset, tauOffset, signsOffset, tStoreOffset, vOffsets, scratchOffset } = layout;
  const k = Math.min(m, n);
  const width = Math.min(blockSize, k);
  const heap = kernels.heap;
  const lanesOffset = scratchOffset + SCRATCH_PER_MEMBER * member;
  const reflector = (index: 0 | 1): BlockReflector => ({
    v: heap.subarray(vOffsets[index], vOffsets[index] + m * width),
    vOffset: vOffsets[index],
    // Pointed at the panel's stored T when the reflector is loaded.
    t: heap.subarray(tStoreOffset, tStoreOffset),
    rows: 0,
    width: 0,
  });
  return {
    kernels,
    m,
    n,
    k,
    blockSize,
    w: heap.subarray(0, qOffset),
    wOffset: 0,
    q: heap.subarray(qOffset, tauOffset),
    qOffset,
    tau: heap.subarray(tauOffset, signsOffset),
    signs: heap.subarray(signsOffset, tStoreOffset),
    tStore: heap.subarray(tStoreOffset, vOffsets[0]),
    reflectors: [reflector(0), reflector(1)],
    y0: new Float64Array(width),
    y1: new Float64Array(width),
    lanesOffset,
    coefOffset: lanesOffset + 16,
  };
}

/**
 * The threads that factor one matrix together: each runs the same factorization code as member
 * `member` of `members`. Work comes in rounds separated by `sync`, a barrier across all members;
 * within a round, the trailing columns are handed out in chunks by `claim` (0, 1, 2, … across the
 * whole team, each index once; `sync` starts the count again), so a member that finishes its serial
 * step early (factoring the next panel, loading a reflector, forming a panel of Q) simply takes
 * fewer chunks. Which member updates a column never changes its arithmetic, so the result is
 * bit-identical for every team size and every interleaving.
 */
export interface Team {
  readonly member: number;
  readonly members: number;
  sync(): void;
  claim(): number;
}

/** One thread alone: a fresh one per factorization, as it counts its claims. */
export function soloTeam(): Team {
  let next = 0;
  return {
    member: 0,
    members: 1,
    sync() {
      next = 0;
    },
    claim() {
      return next++;
    },
  };
}

/**
 * Columns per claim: an even number (column pairs stay paired) large enough that a claim (one
 * atomic add) is negligible beside the update (16 columns × 8 reflectors × rows multiply-adds ×2),
 * small enough that the last chunks of a round balance the members' loads.
 */
const CHUNK_COLUMNS = 16;

/**
 * Applies `reflector` to columns [start, end) of the matrix at heap offset `target` in chunks that
 * the team's members claim; returns when no chunk is left to claim (others may still be working:
 * a `sync` follows).
 */
function applyClaimed(
  workspace: Workspace,
  team: Team,
  reflector: BlockReflector,
  transposeT: boolean,
  target: number,
  start: number,
  end: number,
): void {
  for (let c0 = start + CHUNK_COLUMNS * team.claim(); c0 < end; c0 = start + CHUNK_COLUMNS * team.claim()) {
    applyBlockReflector(workspace, reflector, transposeT, target, c0, Math.min(c0 + CHUNK_COLUMNS, end));
  }
}

let wasmEnabled = true;

/**
 * Turns the WebAssembly kernels off (or back on) for later calls. Internal, not exported from the
 * package: tests use it to check that both kernel implementations give bit-identical results.
 */
export function setWasmKernelsEnabled(enabled: boolean): void {
  wasmEnabled = enabled;
}

/**
 * Allocates a workspace for an m × n factorization (m ≥ 1, n ≥ 1) with the given panel width. The
 * SIMD kernels are used when {@link wantsWasmKernels} says so and WebAssembly allows it; the results are the same
 * either way.
 */
export function createWorkspace(m: number, n: number, blockSize: number): Workspace {
  const layout = workspaceLayout(m, n, blockSize);
  const kernels =
    (wantsWasmKernels(m, n, blockSize) ? createWasmKernels(layout.elements)?.kernels : undefined) ??
    createJsKernels(new Float64Array(layout.elements));
  return attachWorkspace(kernels, layout);
}

/**
 * Points `reflector` at panel [j0, j1) (whose T is in the workspace's tStore) and copies its
 * vectors into the reflector's V: column p is zero above row p, 1 on it, and the factored matrix's
 * column j0 + p below it.
 */
function loadReflectorVectors(workspace: Workspace, reflector: BlockReflector, j0: number, j1: number): void {
  const { m, w } = workspace;
  const v = reflector.v;
  const rows = m - j0;
  const width = j1 - j0;
  selectPanel(workspace, reflector, j0, j1);
  for (let p = 0; p < width; p++) {
    const column = p * rows;
    const source = (j0 + p) * m + j0;
    for (let i = 0; i < p; i++) v[column + i] = 0;
    v[column + p] = 1;
    v.set(w.subarray(source + p + 1, source + rows), column + p + 1);
  }
}

/**
 * Loads reflectors [j0, j1) of the factored matrix into `reflector` and forms its T (stored for the
 * panel, so that Q's accumulation reuses it) so that `H_{j0}·…·H_{j1−1} = I − V·T·Vᵀ` (LAPACK's
 * dlarft, forward and columnwise): `T[q][q] = τ_q`, `T[0:q, q] = −τ_q · T[0:q, 0:q] · V[:, 0:q]ᵀ · v_q`.
 */
export function loadBlockReflector(workspace: Workspace, reflector: BlockReflector, j0: number, j1: number): void {
  const { tau } = workspace;
  loadReflectorVectors(workspace, reflector, j0, j1);
  const { v, t, rows, width } = reflector;
  for (let q = 0; q < width; q++) {
    const tq = tau[j0 + q]!;
    const tColumn = q * width;
    const vq = q * rows;
    for (let p = 0; p < q; p++) {
      let dot = 0;
      if (tq !== 0) {
        // v_q is zero above row q, so the product starts there.
        const vp = p * rows;
        for (let i = q; i < rows; i++) dot += v[vp + i]! * v[vq + i]!;
      }
      t[tColumn + p] = -tq * dot;
    }
    // In place, ascending p: entry p needs only entries ≥ p of the vector, not yet overwritten.
    for (let p = 0; p < q; p++) {
      let sum = 0;
      for (let r = p; r < q; r++) sum += t[r * width + p]! * t[tColumn + r]!;
      t[tColumn + p] = sum;
    }
    t[tColumn + q] = tq;
  }
}

/**
 * Applies the block reflector `I − V·T·Vᵀ` (`transposeT = false`) or its transpose
 * `I − V·Tᵀ·Vᵀ` (`true`) from the left to columns [c0, c1) of the m-row, column-major matrix at
 * heap offset `target`, rows [m − V.rows, m) — LAPACK's dlarfb.
 *
 * Per pair of target columns: `y = Vᵀ·c`, `y ← T·y` (or `Tᵀ·y`), `c ← c − V·y`, with the two
 * columns in L1 while V streams from L2. Reflectors go four at a time through the kernels; an odd
 * last row, an odd last column and a width not divisible by four are finished here in the same
 * arithmetic order the kernels use, so every column's result is independent of its neighbours and
 * of which kernel implementation ran.
 */
export function applyBlockReflector(
  workspace: Workspace,
  reflector: BlockReflector,
  transposeT: boolean,
  target: number,
  c0: number,
  c1: number,
): void {
  const { kernels, m, y0, y1, lanesOffset, coefOffset } = workspace;
  const { vOffset, t, rows, width } = reflector;
  const heap = kernels.heap;
  const rowStart = m - rows;
  const groups = width - (width % 4);
  let c = c0;
  if (kernels.applyPairs !== undefined && width === 8 && c1 - c0 >= 2) {
    // The WebAssembly kernels run the loop below for whole pairs in one call.
    const pairs = (c1 - c0) >> 1;
    const tOffset = (t.byteOffset - heap.byteOffset) / 8;
    kernels.applyPairs(target + c0 * m + rowStart, m, pairs, vOffset, rows, tOffset, transposeT, lanesOffset);
    c += 2 * pairs;
  }
  for (; c < c1; c += 2) {
    const a = target + c * m + rowStart;
    // A lone last column is paired with itself; its second copy's results are discarded.
    const paired = c + 1 < c1;
    const b = paired ? a + m : a;
    for (let p = 0; p < groups; p += 4) {
      const count = rows - p;
      const v0 = vOffset + p * rows + p;
      kernels.projectPairs(a + p, b + p, v0, rows, count >> 1, lanesOffset);
      for (let r = 0; r < 4; r++) {
        let s0 = heap[lanesOffset + 2 * r]! + heap[lanesOffset + 2 * r + 1]!;
        let s1 = heap[lanesOffset + 8 + 2 * r]! + heap[lanesOffset + 9 + 2 * r]!;
        if ((count & 1) === 1) {
          const last = count - 1;
          const e = heap[v0 + r * rows + last]!;
          s0 += e * heap[a + p + last]!;
          s1 += e * heap[b + p + last]!;
        }
        y0[p + r] = s0;
        y1[p + r] = s1;
      }
    }
    for (let p = groups; p < width; p++) {
      const vp = vOffset + p * rows;
      let s0 = 0;
      let s1 = 0;
      for (let i = p; i < rows; i++) {
        const e = heap[vp + i]!;
        s0 += e * heap[a + i]!;
        s1 += e * heap[b + i]!;
      }
      y0[p] = s0;
      y1[p] = s1;
    }
    multiplyTriangular(t, width, transposeT, y0);
    multiplyTriangular(t, width, transposeT, y1);
    if (!paired) {
      // Subtracting through the pair kernel would update the lone column twice; a scratch target
      // is not worth it for one column, so the same arithmetic runs here.
      subtractColumn(workspace, reflector, a, y0, groups);
    } else {
      for (let p = 0; p < groups; p += 4) {
        const count = rows - p;
        const v0 = vOffset + p * rows + p;
        for (let r = 0; r < 4; r++) {
          heap[coefOffset + r] = y0[p + r]!;
          heap[coefOffset + 4 + r] = y1[p + r]!;
        }
        kernels.subtractPairs(a + p, b + p, v0, rows, count >> 1, coefOffset);
        if ((count & 1) === 1) {
          const last = count - 1;
          const e0 = heap[v0 + last]!;
          const e1 = heap[v0 + rows + last]!;
          const e2 = heap[v0 + 2 * rows + last]!;
          const e3 = heap[v0 + 3 * rows + last]!;
          heap[a + p + last]! -= e0 * y0[p]! + e1 * y0[p + 1]! + e2 * y0[p + 2]! + e3 * y0[p + 3]!;
          heap[b + p + last]! -= e0 * y1[p]! + e1 * y1[p + 1]! + e2 * y1[p + 2]! + e3 * y1[p + 3]!;
        }
      }
    }
    for (let p = groups; p < width; p++) {
      const vp = vOffset + p * rows;
      const s0 = y0[p]!;
      const s1 = y1[p]!;
      for (let i = p; i < rows; i++) {
        const e = heap[vp + i]!;
        heap[a + i]! -= e * s0;
        if (paired) heap[b + i]! -= e * s1;
      }
    }
  }
}

/** `c −= V·y` for the reflector groups [0, groups) of one column, in the kernels' order. */
function subtractColumn(
  workspace: Workspace,
  reflector: BlockReflector,
  a: number,
  y: Float64Array,
  groups: number,
): void {
  const heap = workspace.kernels.heap;
  const { rows, vOffset } = reflector;
  for (let p = 0; p < groups; p += 4) {
    subtractFour(heap, a, vOffset + p * rows, rows, p, rows, y[p]!, y[p + 1]!, y[p + 2]!, y[p + 3]!);
  }
}

/** `y ← T·y` or `y ← Tᵀ·y` in place for the upper triangular, column-major `width × width` T. */
function multiplyTriangular(t: Float64Array, width: number, transposeT: boolean, y: Float64Array): void {
  if (transposeT) {
    // (Tᵀy)_p = Σ_{r ≤ p} T[r][p]·y_r: descending p leaves the entries still needed untouched.
    for (let p = width - 1; p >= 0; p--) {
      const column = p * width;
      let sum = 0;
      for (let r = 0; r <= p; r++) sum += t[column + r]! * y[r]!;
      y[p] = sum;
    }
  } else {
    // (Ty)_p = Σ_{r ≥ p} T[p][r]·y_r: ascending p.
    for (let p = 0; p < width; p++) {
      let sum = 0;
      for (let r = p; r < width; r++) sum += t[r * width + p]! * y[r]!;
      y[p] = sum;
    }
  }
}

/**
 * Householder QR of the workspace's column-major m × n matrix in place; returns τ (the workspace's,
 * length min(m, n)) and records the signs of R's diagonal. Panels of `blockSize` columns are
 * factored unblocked and the rest of the matrix is updated with one block reflector per panel;
 * `blockSize ≥ min(m, n)` gives the unblocked algorithm.
 *
 * With lookahead: in the step that applies panel p's reflector, member 0 first updates the next
 * panel's columns, factors them and loads their reflector into the other buffer, then joins the
 * others, who meanwhile update the remaining columns. One barrier per panel; every column still
 * receives exactly the same operations in the same order as without lookahead.
 */
export function householderFactor(workspace: Workspace, team: Team = soloTeam()): Float64Array {
  const { n, k, blockSize, tau, reflectors } = workspace;
  const leader = team.member === 0;
  if (blockSize >= k) {
    if (leader) factorPanel(workspace, 0, k, n);
    team.sync();
    return tau;
  }
  if (leader) {
    factorPanel(workspace, 0, blockSize, blockSize);
    if (blockSize < n) loadBlockReflector(workspace, reflectors[0], 0, blockSize);
  }
  team.sync();
  for (let p = 0, j0 = 0; j0 < k; p++, j0 += blockSize) {
    const j1 = Math.min(j0 + blockSize, k);
    if (j1 >= n) break;
    const reflector = reflectors[p % 2]!;
    selectPanel(workspace, reflector, j0, j1);
    let start = j1;
    if (j1 < k) {
      const next = Math.min(j1 + blockSize, k);
      if (leader) {
        applyBlockReflector(workspace, reflector, true, workspace.wOffset, j1, next);
        factorPanel(workspace, j1, next, next);
        if (next < n) loadBlockReflector(workspace, reflectors[(p + 1) % 2]!, j1, next);
      }
      start = next;
    }
    applyClaimed(workspace, team, reflector, true, workspace.wOffset, start, n);
    // Everyone's share of this reflector is done before anyone applies the next, and before the
    // leader overwrites this buffer with the reflector after next.
    team.sync();
  }
  return tau;
}

/** Unblocked QR of columns [j0, j1), updating up to `updateEnd`; records τ and sign(R[j][j]). */
function factorPanel(workspace: Workspace, j0: number, j1: number, updateEnd: number): void {
  const { w, m, tau, signs } = workspace;
  factorUnblocked(w, m, j0, j1, updateEnd, tau);
  // R[j][j] is final once its panel is factored: later reflectors touch rows below it only.
  for (let j = j0; j < j1; j++) signs[j] = w[j * m + j]! < 0 ? -1 : 1;
}

/** Points this member's view of `reflector` at panel [j0, j1), which a leader loaded. */
function selectPanel(workspace: Workspace, reflector: BlockReflector, j0: number, j1: number): void {
  const panelWidth = Math.min(workspace.blockSize, workspace.k);
  const width = j1 - j0;
  const tStart = (j0 / panelWidth) * panelWidth * panelWidth;
  reflector.rows = workspace.m - j0;
  reflector.width = width;
  reflector.t = workspace.tStore.subarray(tStart, tStart + width * width);
}

/**
 * Forms the reduced Q (m × k, column-major, in `workspace.q`) from the reflectors, accumulating
 * backwards (LAPACK's dorgqr): `Q = H_0·(H_1·(…·(H_{k−1}·[I_k; 0])))`. Going backwards, reflector j
 * meets only rows ≥ j of columns ≥ j, so each step works on a shrinking corner.
 *
 * Each step has three independent jobs, then one barrier: member 0 copies the next (earlier)
 * panel's vectors into the other reflector buffer (its T was formed during the factorization);
 * member 1 (member 0 alone) forms this panel's columns of Q; and everyone applies this panel's
 * reflector to the columns of Q right of it, in claimed chunks.
 */
export function accumulateQ(workspace: Workspace, tau: Float64Array, team: Team = soloTeam()): Float64Array {
  const { m, k, blockSize, w, q, reflectors } = workspace;
  const width = Math.min(blockSize, k);
  const leader = team.member === 0;
  const generator = team.member === (team.members > 1 ? 1 : 0);
  // Panels [j0, j1) from the last to the first; panel starts are multiples of the width.
  const last = Math.floor((k - 1) / width) * width;
  for (let j0 = last; j0 >= 0; j0 -= width) {
    const j1 = Math.min(j0 + width, k);
    const p = j0 / width;
    if (leader && j0 > 0) loadReflectorVectors(workspace, reflectors[(p - 1) % 2]!, j0 - width, j0);
    // Columns [j0, j1) of Q, which no share touches in this step.
    if (generator) generatePanel(w, m, j0, j1, tau, q);
    if (j1 < k) {
      const reflector = reflectors[p % 2]!;
      selectPanel(workspace, reflector, j0, j1);
      applyClaimed(workspace, team, reflector, false, workspace.qOffset, j1, k);
    }
    team.sync();
  }
  return q;
}

/** Rows per claim when writing the result: 32 rows of 8-byte values fill a 256-byte run per column. */
const CHUNK_ROWS = 32;

/**
 * Writes Q with column j multiplied by sign(R[j][j]) into `out` (the Q of the factorization whose R
 * has a non-negative diagonal): row-major `m × k` when `rowMajor`, else column-major as Q is (which
 * is the row-major `k × m` transpose). Chunks are claimed, so a team shares the work; `out` must
 * not overlap Q. Multiplying by ±1 is exact: the values are Q's, negated or not.
 *
 * With `scale`, each value is `(scale · sign) · q`, which equals `scale · (sign · q)` bit for bit
 * (rounding is symmetric, so negating before or after the product gives the same number), stored
 * as `out` stores it (a Float32Array rounds to nearest, ties to even).
 */
export function writeSignedQ(
  workspace: Workspace,
  out: Float64Array | Float32Array,
  rowMajor: boolean,
  team: Team = soloTeam(),
  scale = 1,
): void {
  const { m, k, q } = workspace;
  const signs = scale === 1 ? workspace.signs : workspace.signs.map((sign) => scale * sign);
  if (rowMajor) {
    for (let i0 = CHUNK_ROWS * team.claim(); i0 < m; i0 = CHUNK_ROWS * team.claim()) {
      const i1 = Math.min(i0 + CHUNK_ROWS, m);
      // Eight columns per pass, so that each row of out gets one whole 64-byte run at a time (the
      // transposition's cache argument, layout.ts). The signs are read in the loop: hoisting them
      // into eight locals saves 0.3–0.5 ms per 1024² call on one thread (about 0.2 % of the call),
      // not worth a second copy of kernels.ts's eight-register load block.
      let j = 0;
      for (; j + 8 <= k; j += 8) {
        for (let i = i0; i < i1; i++) {
          const source = j * m + i;
          const target = i * k + j;
          out[target] = signs[j]! * q[source]!;
          out[target + 1] = signs[j + 1]! * q[source + m]!;
          out[target + 2] = signs[j + 2]! * q[source + 2 * m]!;
          out[target + 3] = signs[j + 3]! * q[source + 3 * m]!;
          out[target + 4] = signs[j + 4]! * q[source + 4 * m]!;
          out[target + 5] = signs[j + 5]! * q[source + 5 * m]!;
          out[target + 6] = signs[j + 6]! * q[source + 6 * m]!;
          out[target + 7] = signs[j + 7]! * q[source + 7 * m]!;
        }
      }
      for (; j < k; j++) {
        const sign = signs[j]!;
        const column = j * m;
        for (let i = i0; i < i1; i++) out[i * k + j] = sign * q[column + i]!;
      }
    }
    return;
  }
  for (let j0 = CHUNK_COLUMNS * team.claim(); j0 < k; j0 = CHUNK_COLUMNS * team.claim()) {
    const j1 = Math.min(j0 + CHUNK_COLUMNS, k);
    for (let j = j0; j < j1; j++) {
      const sign = signs[j]!;
      const column = j * m;
      for (let i = 0; i < m; i++) out[column + i] = sign * q[column + i]!;
    }
  }
}

/**
 * Writes columns [j0, j1) of Q (LAPACK's dorg2r on one panel). Column j starts as e_j; reflectors
 * j1−1 down to j are applied to it. Row j of every column c > j is still zero when H_j arrives
 * (the reflectors applied so far touch rows > j only), so only rows > j enter the dot product.
 */
function generatePanel(w: Float64Array, m: number, j0: number, j1: number, tau: Float64Array, q: Float64Array): void {
  for (let j = j1 - 1; j >= j0; j--) {
    const v = j * m + j;
    const length = m - j;
    const t = tau[j]!;
    if (t !== 0) {
      for (let c = j + 1; c < j1; c++) {
        const target = c * m + j;
        let s = 0;
        for (let i = 1; i < length; i++) s += w[v + i]! * q[target + i]!;
        s *= t;
        q[target] = -s;
        for (let i = 1; i < length; i++) q[target + i]! -= s * w[v + i]!;
      }
    }
    const diagonal = j * m + j;
    q[diagonal] = 1 - t;
    // With τ = 0 the rest of the column stays at the +0 it was allocated with (−τ·v would be −0).
    if (t !== 0) {
      for (let i = 1; i < length; i++) q[diagonal + i] = -t * w[v + i]!;
    }
  }
}
