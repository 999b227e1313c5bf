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

import { createJsKernels, type BlockKernels } from './kernels.js';
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
 * Turns `x = w[start … start + length)` into a reflector in place (LAPACK's dlarfg): on return
 * `w[start] = β`, the rest holds `v[1…]`, and the result is τ. τ = 0 (H = I) when `x[1…]` is
 * exactly zero, so a column that is already reduced keeps its diagonal as it is, sign included.
 *
 * `β = −sign(α)·‖x‖`: choosing the sign opposite to α avoids cancellation in `α − β`, which is why
 * Householder QR is backward stable without pivoting.
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
 * Everything one factorization works in. One heap (a WebAssembly memory when the SIMD kernels are
 * available, else an ordinary Float64Array) holds the matrix being factored, Q, the current block's
 * V and the kernels' scratch; `w`, `q` and `v` are views into it at the recorded offsets, so the
 * scalar code below and the kernels see the same memory.
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
  /** V of the current block reflector: `vRows × vWidth`, column-major, unit diagonal. */
  readonly v: Float64Array;
  readonly vOffset: number;
  vRows: number;
  vWidth: number;
  /** T of the current block reflector, `vWidth × vWidth`, column-major, upper triangular. */
  readonly t: Float64Array;
  readonly tOffset: number;
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  /**
   * 16 heap slots for `projectPairs`' partial sums and 8 for `subtractPairs`' coefficients: this
   * member's own, when several threads share the heap (see {@link Team}).
   */
  readonly lanesOffset: number;
  readonly coefOffset: number;
}

/** Heap slots of one team member's kernel scratch: 16 partial sums and 8 coefficients. */
const SCRATCH_PER_MEMBER = 24;

/** Where each part of a workspace lives in its heap, in float64 elements. */
export interface WorkspaceLayout {
  readonly m: number;
  readonly n: number;
  readonly blockSize: number;
  readonly members: number;
  readonly qOffset: number;
  readonly vOffset: number;
  readonly tOffset: number;
  readonly scratchOffset: number;
  /** The heap's length. */
  readonly elements: number;
}

/** The heap layout of an m × n factorization whose block kernels `members` threads share. */
export function workspaceLayout(m: number, n: number, blockSize: number, members = 1): WorkspaceLayout {
  const k = Math.min(m, n);
  const width = Math.min(blockSize, k);
  const qOffset = m * n;
  const vOffset = qOffset + m * k;
  const tOffset = vOffset + m * width;
  const scratchOffset = tOffset + width * width;
  const elements = scratchOffset + SCRATCH_PER_MEMBER * members;
  return { m, n, blockSize, members, qOffset, vOffset, tOffset, scratchOffset, elements };
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
  const { m, n, blockSize, qOffset, vOffset, tOffset, scratchOffset } = layout;
  const k = Math.min(m, n);
  const width = Math.min(blockSize, k);
  const heap = kernels.heap;
  const lanesOffset = scratchOffset + SCRATCH_PER_MEMBER * member;
  return {
    kernels,
    m,
    n,
    k,
    blockSize,
    w: heap.subarray(0, qOffset),
    wOffset: 0,
    q: heap.subarray(qOffset, vOffset),
    qOffset,
    v: heap.subarray(vOffset, tOffset),
    vOffset,
    vRows: 0,
    vWidth: 0,
    t: heap.subarray(tOffset, scratchOffset),
    tOffset,
    y0: new Float64Array(width),
    y1: new Float64Array(width),
    lanesOffset,
    coefOffset: lanesOffset + 16,
  };
}

/**
 * The threads that factor one matrix together: each runs the same factorization code as member
 * `member` of `members`, member 0 doing the serial steps (panel factorization, loading the block
 * reflector, forming Q's panels) and every member its share of the trailing columns. `sync` is a
 * barrier across all members. Which member updates a column never changes its arithmetic, so
 * the result is bit-identical for every team size.
 */
export interface Team {
  readonly member: number;
  readonly members: number;
  sync(): void;
}

/** One thread alone. */
export const SOLO: Team = { member: 0, members: 1, sync() {} };

/**
 * Member `team.member`'s share of the columns [start, end): contiguous runs of an even length
 * (so column pairs stay paired), the last member taking the remainder.
 */
export function columnShare(start: number, end: number, team: Team): [number, number] {
  if (team.members === 1) return [start, end];
  const per = 2 * Math.ceil((end - start) / (2 * team.members));
  const c0 = Math.min(end, start + team.member * per);
  return [c0, Math.min(end, c0 + per)];
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
 * Loads reflectors [j0, j1) of the factored matrix into the workspace's V and forms T so that
 * `H_{j0}·…·H_{j1−1} = I − V·T·Vᵀ` (LAPACK's dlarft, forward and columnwise):
 * `T[q][q] = τ_q`, `T[0:q, q] = −τ_q · T[0:q, 0:q] · V[:, 0:q]ᵀ · v_q`.
 */
export function loadBlockReflector(workspace: Workspace, j0: number, j1: number, tau: Float64Array): void {
  const { m, w, v, t } = workspace;
  const rows = m - j0;
  const width = j1 - j0;
  workspace.vRows = rows;
  workspace.vWidth = width;
  for (let p = 0; p < width; p++) {
    const column = p * rows;
    const source = (j0 + p) * m + j0;
    for (let i = 0; i < p; i++) v[column + i] = 0;
    v[column + p] = 1;
    for (let i = p + 1; i < rows; i++) v[column + i] = w[source + i]!;
  }
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
 * Applies the loaded block reflector `I − V·T·Vᵀ` (`transposeT = false`) or its transpose
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
  transposeT: boolean,
  target: number,
  c0: number,
  c1: number,
): void {
  const { kernels, m, vOffset, t, y0, y1, lanesOffset, coefOffset } = workspace;
  const heap = kernels.heap;
  const rows = workspace.vRows;
  const width = workspace.vWidth;
  const rowStart = m - rows;
  const groups = width - (width % 4);
  for (let c = c0; c < c1; c += 2) {
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
      subtractColumn(workspace, a, y0, groups);
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
function subtractColumn(workspace: Workspace, a: number, y: Float64Array, groups: number): void {
  const heap = workspace.kernels.heap;
  const rows = workspace.vRows;
  const vOffset = workspace.vOffset;
  for (let p = 0; p < groups; p += 4) {
    const v0 = vOffset + p * rows;
    const v1 = v0 + rows;
    const v2 = v1 + rows;
    const v3 = v2 + rows;
    const a0 = y[p]!;
    const a1 = y[p + 1]!;
    const a2 = y[p + 2]!;
    const a3 = y[p + 3]!;
    for (let i = p; i < rows; i++) {
      heap[a + i]! -= heap[v0 + i]! * a0 + heap[v1 + i]! * a1 + heap[v2 + i]! * a2 + heap[v3 + i]! * a3;
    }
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
 * Householder QR of the workspace's column-major m × n matrix in place; returns τ (length
 * min(m, n)). Panels of `blockSize` columns are factored unblocked and the rest of the matrix is
 * updated with one block reflector per panel; `blockSize ≥ min(m, n)` gives the unblocked
 * algorithm.
 */
export function householderFactor(workspace: Workspace, team: Team = SOLO): Float64Array {
  const { m, n, k, blockSize, w } = workspace;
  const tau = new Float64Array(k);
  const leader = team.member === 0;
  if (blockSize >= k) {
    if (leader) factorUnblocked(w, m, 0, k, n, tau);
    return tau;
  }
  for (let j0 = 0; j0 < k; j0 += blockSize) {
    const j1 = Math.min(j0 + blockSize, k);
    if (leader) {
      factorUnblocked(w, m, j0, j1, j1, tau);
      if (j1 < n) loadBlockReflector(workspace, j0, j1, tau);
    }
    if (j1 < n) {
      // Everyone waits for the panel and its reflector; then the leader may not load the next
      // reflector (or factor columns another member updates) until every share is done.
      team.sync();
      loadBlockShape(workspace, j0, j1);
      const [c0, c1] = columnShare(j1, n, team);
      applyBlockReflector(workspace, true, workspace.wOffset, c0, c1);
      team.sync();
    }
  }
  return tau;
}

/** Records the shape of the block reflector [j0, j1) a leader loaded, in a member's own view. */
function loadBlockShape(workspace: Workspace, j0: number, j1: number): void {
  workspace.vRows = workspace.m - j0;
  workspace.vWidth = j1 - j0;
}

/**
 * Forms the reduced Q (m × k, column-major, in `workspace.q`) from the reflectors, accumulating
 * backwards (LAPACK's dorgqr): `Q = H_0·(H_1·(…·(H_{k−1}·[I_k; 0])))`. Going backwards, reflector j
 * meets only rows ≥ j of columns ≥ j, so each step works on a shrinking corner.
 */
export function accumulateQ(workspace: Workspace, tau: Float64Array, team: Team = SOLO): Float64Array {
  const { m, k, blockSize, w, q } = workspace;
  const width = Math.min(blockSize, k);
  const leader = team.member === 0;
  // Panels [j0, j1) from the last to the first; panel starts are multiples of the width.
  for (let j0 = Math.floor((k - 1) / width) * width; j0 >= 0; j0 -= width) {
    const j1 = Math.min(j0 + width, k);
    if (j1 < k) {
      if (leader) loadBlockReflector(workspace, j0, j1, tau);
      team.sync();
      loadBlockShape(workspace, j0, j1);
      const [c0, c1] = columnShare(j1, k, team);
      applyBlockReflector(workspace, false, workspace.qOffset, c0, c1);
      team.sync();
    }
    // Columns [j0, j1) of Q, which no member's share touches until the next panel's barrier.
    if (leader) generatePanel(w, m, j0, j1, tau, q);
  }
  return q;
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
