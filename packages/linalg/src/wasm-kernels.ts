/**
 * The block-reflector kernels of kernels.ts as WebAssembly SIMD (f64x2), assembled from the
 * instruction lists below the first time a large enough QR asks for them — no binary blob is
 * shipped, and nothing runs at import time.
 *
 * Why: in scalar JavaScript each multiply-add of these loops costs a bounds-checked load and an
 * index computation, which caps a 1024 × 1024 orthogonalization near one second. Two-lane SIMD
 * without bounds checks does the same arithmetic in a fraction of that. There is no fused
 * multiply-add in baseline WebAssembly SIMD, so every lane performs exactly the IEEE operations
 * of the JavaScript version, and both give bit-identical results (see the contract in kernels.ts).
 */

import {
  memarg as memoryImmediate,
  name,
  section,
  signedLeb,
  unsignedLeb,
  wasmModule,
} from '@init/internal/wasm-encoding';
import type { BlockKernels } from './kernels.js';

// Value types and opcodes from the WebAssembly core and fixed-width SIMD specifications.
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const BLOCK = 0x02;
const IF = 0x04;
const LOOP = 0x03;
const EMPTY = 0x40;
const END = 0x0b;
const BR_IF = 0x0d;
const CALL = 0x10;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_GT_U = 0x4b;
const I32_LE_U = 0x4d;
const I32_EQZ = 0x45;
const I32_LT_U = 0x49;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const F64_ADD = 0xa0;
const F64_SUB = 0xa1;
const F64_MUL = 0xa2;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_STORE = [SIMD, 0x0b];
const F64X2_SPLAT = [SIMD, 0x14];
const F64X2_ADD = [SIMD, 0xf0, 0x01];
const F64X2_SUB = [SIMD, 0xf1, 0x01];
const F64X2_MUL = [SIMD, 0xf2, 0x01];

/** A memory immediate: alignment 2^3 (the data is float64-aligned), then the byte offset. */
function memarg(offset: number): number[] {
  return memoryImmediate(3, offset);
}

const get = (index: number): number[] => [LOCAL_GET, index];
const set = (index: number): number[] => [LOCAL_SET, index];

// Both functions take (c0, c1, v0, stride, end, pointer) as byte offsets / lengths; `end` is
// 16·pairs, the byte length of the paired part of each column. Locals 6–9: off, v1, v2, v3.
const C0 = 0;
const C1 = 1;
const V0 = 2;
const STRIDE = 3;
const END_OFFSET = 4;
const POINTER = 5;
const OFF = 6;
const VECTORS = [V0, 7, 8, 9] as const;

/** v1 = v0 + stride, v2 = v1 + stride, v3 = v2 + stride. */
function vectorPointers(): number[] {
  const code: number[] = [];
  for (let r = 1; r < 4; r++) code.push(...get(VECTORS[r - 1]!), ...get(STRIDE), I32_ADD, ...set(VECTORS[r]!));
  return code;
}

/**
 * Pairs of rows per pass of `subtract`'s main loop (see pairLoop). Measured in one process on
 * the project's machine (CPU time per pair of rows, 1024-row columns): 5.4 cycles with one pair
 * per pass, 4.9 with two, 4.8 with four. `project` keeps one: V8 loads all of an unrolled pass's
 * operands first, and the twelve vectors of two pairs beside its eight accumulators do not fit in
 * the sixteen SIMD registers (6.2 cycles with two against 4.6 with one).
 */
const SUBTRACT_UNROLL = 4;

/**
 * `pass(u)` for u = 0 … unroll − 1 (the pair `u` pairs after `off`, through the loads' and stores'
 * constant offsets) while `unroll` whole pairs are left, then, when unrolled, `pass(0)` for the
 * rest one pair at a time. The pairs still go in increasing order, so every value sees the same
 * operations in the same order, but the address arithmetic, the counter, the loop test and V8's
 * stack check are paid once per `unroll` pairs.
 *
 * Each loop is `if (off + step ≤ end) do { body; off += step } while (off + step ≤ end)`. The test
 * at the bottom matters: the body is then the loop's header block, out of which V8's scheduler
 * hoists loop-invariant values such as `subtract`'s splatted coefficients. With the test at the top
 * (a block that branches out, then the body), it re-splatted all eight coefficients in every pass,
 * two of them from spill slots: 6.6 against 5.4 cycles per pair of rows.
 */
function pairLoop(pass: (u: number) => number[], unroll = 1): number[] {
  const body: number[] = [];
  for (let u = 0; u < unroll; u++) body.push(...pass(u));
  const next = [...get(OFF), I32_CONST, ...signedLeb(16 * unroll), I32_ADD];
  const loop = [
    BLOCK,
    EMPTY,
    ...next,
    ...get(END_OFFSET),
    I32_GT_U,
    BR_IF,
    0,
    LOOP,
    EMPTY,
    ...body,
    ...next,
    LOCAL_TEE,
    OFF,
    I32_CONST,
    ...signedLeb(16 * unroll),
    I32_ADD,
    ...get(END_OFFSET),
    I32_LE_U,
    BR_IF,
    0,
    END,
    END,
  ];
  return unroll === 1 ? loop : [...loop, ...pairLoop(pass)];
}

/** `(base + off)` then a v128.load of the pair `pair` pairs further on. */
function loadAt(base: number, pair = 0): number[] {
  return [...get(base), ...get(OFF), I32_ADD, ...V128_LOAD, ...memarg(16 * pair)];
}

function projectBody(): number[] {
  // Locals 10 x, 11 z, 12 e, 13–16 accumulators for c0, 17–20 for c1 (zero-initialized).
  const X = 10;
  const Z = 11;
  const E = 12;
  const body: number[] = [...loadAt(C0), ...set(X), ...loadAt(C1), ...set(Z)];
  for (let r = 0; r < 4; r++) {
    body.push(...loadAt(VECTORS[r]!), ...set(E));
    body.push(...get(13 + r), ...get(E), ...get(X), ...F64X2_MUL, ...F64X2_ADD, ...set(13 + r));
    body.push(...get(17 + r), ...get(E), ...get(Z), ...F64X2_MUL, ...F64X2_ADD, ...set(17 + r));
  }
  const code = [...vectorPointers(), ...pairLoop(() => body)];
  for (let r = 0; r < 4; r++) {
    code.push(...get(POINTER), ...get(13 + r), ...V128_STORE, ...memarg(16 * r));
    code.push(...get(POINTER), ...get(17 + r), ...V128_STORE, ...memarg(64 + 16 * r));
  }
  return [2, 4, I32, 11, V128, ...code, END];
}

function subtractBody(): number[] {
  // Locals 10–13 splatted coefficients a, 14–17 coefficients b, 18–21 vector lanes e.
  const code = [...vectorPointers()];
  for (let r = 0; r < 4; r++) {
    code.push(...get(POINTER), F64_LOAD, ...memarg(8 * r), ...F64X2_SPLAT, ...set(10 + r));
    code.push(...get(POINTER), F64_LOAD, ...memarg(32 + 8 * r), ...F64X2_SPLAT, ...set(14 + r));
  }
  const body = (u: number): number[] => {
    const pair: number[] = [];
    for (let r = 0; r < 4; r++) pair.push(...loadAt(VECTORS[r]!, u), ...set(18 + r));
    for (const [column, coefficients] of [
      [C0, 10],
      [C1, 14],
    ] as const) {
      // c − (((e0·a0 + e1·a1) + e2·a2) + e3·a3), the association order of the JavaScript version.
      pair.push(...get(column), ...get(OFF), I32_ADD);
      pair.push(...loadAt(column, u));
      pair.push(...get(18), ...get(coefficients), ...F64X2_MUL);
      for (let r = 1; r < 4; r++) pair.push(...get(18 + r), ...get(coefficients + r), ...F64X2_MUL, ...F64X2_ADD);
      pair.push(...F64X2_SUB, ...V128_STORE, ...memarg(16 * u));
    }
    return pair;
  };
  code.push(...pairLoop(body, SUBTRACT_UNROLL));
  return [2, 4, I32, 12, V128, ...code, END];
}

/**
 * `apply` (`transposeT` false) and `applyT`: householder.ts's `applyBlockReflector` for a block
 * reflector of width 8 and `pairs` pairs of whole columns, in one call instead of four kernel calls
 * and the JavaScript between them per pair. Parameters (byte offsets): `a`, the first column's
 * element at the reflector's first row; `column`, the bytes from one column to the next; `pairs`;
 * `v`, V; `rows` (an element count), V's rows; `t`, the panel's T; `scratch`, the member's kernel
 * scratch (16 partial sums, 8 coefficients, then y). Per pair, the same operations in the same order
 * as the JavaScript: per group of four reflectors `project`, each product's two lane sums added
 * (then an odd last row's product), y ← T·y (or Tᵀ·y) from +0 upwards, then per group `subtract`
 * and an odd last row's `c − (((e0·y0 + e1·y1) + e2·y2) + e3·y3)`.
 */
function applyBody(transposeT: boolean): number[] {
  const [A, COLUMN, PAIRS, V, ROWS, T, SCRATCH] = [0, 1, 2, 3, 4, 5, 6];
  // i32 locals 7–12, f64 locals 13–19.
  const [B, ROW_BYTES, J, V0, LAST, ODD] = [7, 8, 9, 10, 11, 12];
  const [S0, S1, E] = [13, 14, 15];
  const LANES = [16, 17, 18, 19];
  const Y = 24 * 8;
  /** y_column[i] (column 0 or 1 of the pair), stored so that each group's coefficients are
   * `subtract`'s eight (y0[p … p+3], then y1[p … p+3]). */
  const ySlot = (column: number, i: number): number => Y + 8 * ((i >> 2) * 8 + column * 4 + (i & 3));
  const i32 = (value: number): number[] => [I32_CONST, ...signedLeb(value)];
  const loadF64 = (base: number, offset: number): number[] => [...get(base), F64_LOAD, ...memarg(offset)];
  const code: number[] = [...get(ROWS), ...i32(3), I32_SHL, ...set(ROW_BYTES)];
  code.push(...get(ROWS), ...i32(1), I32_AND, ...set(ODD));
  const body: number[] = [...get(A), ...get(COLUMN), I32_ADD, ...set(B)];
  /** V0 = v + (p·rows + p)·8 and LAST = (rows − p − 1)·8 for the group starting at row p. */
  const group = (p: number): number[] => [
    ...get(V),
    ...(p === 0 ? [] : [...get(ROW_BYTES), ...i32(8), I32_ADD, ...i32(p), I32_MUL, I32_ADD]),
    ...set(V0),
    ...get(ROWS),
    ...i32(p + 1),
    I32_SUB,
    ...i32(3),
    I32_SHL,
    ...set(LAST),
  ];
  /** The column pointers and counts of a kernel call for the group at row p. */
  const kernelArguments = (p: number, out: number[]): number[] => [
    ...get(A),
    ...(p === 0 ? [] : [...i32(8 * p), I32_ADD]),
    ...get(B),
    ...(p === 0 ? [] : [...i32(8 * p), I32_ADD]),
    ...get(V0),
    ...get(ROW_BYTES),
    ...get(ROWS),
    ...i32(p),
    I32_SUB,
    ...i32(1),
    I32_SHR_U,
    ...i32(4),
    I32_SHL,
    ...out,
  ];
  /** V0 + LAST + r·rows·8: vector r's element on the odd last row. */
  const lastOfVector = (r: number): number[] => [
    ...get(V0),
    ...get(LAST),
    I32_ADD,
    ...(r === 0 ? [] : [...get(ROW_BYTES), ...i32(r), I32_MUL, I32_ADD]),
  ];
  for (const p of [0, 4]) {
    body.push(...group(p), ...kernelArguments(p, get(SCRATCH)), CALL, 0);
    for (let r = 0; r < 4; r++) {
      body.push(...loadF64(SCRATCH, 16 * r), ...loadF64(SCRATCH, 16 * r + 8), F64_ADD, ...set(S0));
      body.push(...loadF64(SCRATCH, 64 + 16 * r), ...loadF64(SCRATCH, 72 + 16 * r), F64_ADD, ...set(S1));
      body.push(...get(ODD), IF, EMPTY, ...lastOfVector(r), F64_LOAD, ...memarg(0), ...set(E));
      for (const [column, sum] of [
        [A, S0],
        [B, S1],
      ] as const) {
        body.push(...get(sum), ...get(E), ...get(column), ...get(LAST), I32_ADD, F64_LOAD, ...memarg(8 * p));
        body.push(F64_MUL, F64_ADD, ...set(sum));
      }
      body.push(END);
      body.push(...get(SCRATCH), ...get(S0), F64_STORE, ...memarg(ySlot(0, p + r)));
      body.push(...get(SCRATCH), ...get(S1), F64_STORE, ...memarg(ySlot(1, p + r)));
    }
  }
  // y ← T·y or Tᵀ·y, each entry a sum from +0 in increasing r (multiplyTriangular's order).
  for (let column = 0; column < 2; column++) {
    for (let step = 0; step < 8; step++) {
      const p = transposeT ? 7 - step : step;
      body.push(...get(SCRATCH), F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0);
      for (let r = transposeT ? 0 : p; r <= (transposeT ? p : 7); r++) {
        const entry = transposeT ? p * 8 + r : r * 8 + p;
        body.push(...loadF64(T, 8 * entry), ...loadF64(SCRATCH, ySlot(column, r)), F64_MUL, F64_ADD);
      }
      body.push(F64_STORE, ...memarg(ySlot(column, p)));
    }
  }
  for (const p of [0, 4]) {
    body.push(...group(p), ...kernelArguments(p, [...get(SCRATCH), ...i32(ySlot(0, p)), I32_ADD]), CALL, 1);
    body.push(...get(ODD), IF, EMPTY);
    for (let r = 0; r < 4; r++) body.push(...lastOfVector(r), F64_LOAD, ...memarg(0), ...set(LANES[r]!));
    for (const [column, index] of [
      [A, 0],
      [B, 1],
    ] as const) {
      body.push(...get(column), ...get(LAST), I32_ADD);
      body.push(...get(column), ...get(LAST), I32_ADD, F64_LOAD, ...memarg(8 * p));
      body.push(...get(LANES[0]!), ...loadF64(SCRATCH, ySlot(index, p)), F64_MUL);
      for (let r = 1; r < 4; r++) {
        body.push(...get(LANES[r]!), ...loadF64(SCRATCH, ySlot(index, p + r)), F64_MUL, F64_ADD);
      }
      body.push(F64_SUB, F64_STORE, ...memarg(8 * p));
    }
    body.push(END);
  }
  // Next pair: a += 2·column; j += 1; while j < pairs.
  body.push(...get(A), ...get(COLUMN), ...i32(1), I32_SHL, I32_ADD, ...set(A));
  body.push(...get(J), ...i32(1), I32_ADD, LOCAL_TEE, J, ...get(PAIRS), I32_LT_U, BR_IF, 0);
  code.push(BLOCK, EMPTY, ...get(PAIRS), I32_EQZ, BR_IF, 0, LOOP, EMPTY, ...body, END, END);
  return [2, 6, I32, 7, F64, ...code, END];
}

/**
 * The module's bytes: memory imported as env.memory, functions `project`, `subtract`, `apply` and
 * `applyT`. A shared
 * memory (threads proposal: limits flag 3, a maximum required) can only be imported by a module
 * that declares its import shared, hence the two variants.
 */
export function assembleKernelModule(shared = false): Uint8Array {
  const signature = [0x60, 6, I32, I32, I32, I32, I32, I32, 0];
  const applySignature = [0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0];
  const memoryLimits = shared ? [0x03, 0x00, ...unsignedLeb(MAX_PAGES)] : [0x00, 0x00];
  // [export name, signature index, body], in function index order.
  const functions = [
    ['project', 0, projectBody()],
    ['subtract', 0, subtractBody()],
    ['apply', 1, applyBody(false)],
    ['applyT', 1, applyBody(true)],
  ] as const;
  return wasmModule([
    section(1, [2, ...signature, ...applySignature]),
    section(2, [1, ...name('env'), ...name('memory'), 0x02, ...memoryLimits]),
    section(3, [functions.length, ...functions.map(([, type]) => type)]),
    section(7, [functions.length, ...functions.flatMap(([exported], index) => [...name(exported), 0x00, index])]),
    section(10, [functions.length, ...functions.flatMap(([, , body]) => [...unsignedLeb(body.length), ...body])]),
  ]);
}

/**
 * The part of the WebAssembly JavaScript API used here. Declared locally because the project's
 * TypeScript libs (ES2022, Node types) do not describe it, and reached through globalThis so that an
 * engine without WebAssembly simply takes the JavaScript path.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
}

/** A WebAssembly.Memory, as far as it is used here. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/** Compiled once each, on first use; null when this engine cannot or may not compile it. */
let compiled: object | null | undefined;
let compiledShared: object | null | undefined;

function webAssembly(): WebAssemblyApi | undefined {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  return typeof api === 'object' && api !== null ? api : undefined;
}

function compile(api: WebAssemblyApi, shared: boolean): object | null {
  try {
    return new api.Module(assembleKernelModule(shared));
  } catch {
    // No SIMD (or, shared, no threads), or a Content-Security-Policy that forbids compiling.
    return null;
  }
}

function kernelModule(api: WebAssemblyApi, shared: boolean): object | null {
  if (shared) {
    compiledShared ??= compile(api, true);
    return compiledShared;
  }
  compiled ??= compile(api, false);
  return compiled;
}

/**
 * Byte offsets travel as i32, so one instance stays below 2 GiB; larger problems use the
 * JavaScript kernels (same results, slower).
 */
const MAX_BYTES = 2 ** 31 - 2 ** 16;
/** The largest memory a 32-bit WebAssembly module can declare, in 64 KiB pages (4 GiB). */
const MAX_PAGES = 65536;

/**
 * SIMD kernels over a fresh heap of at least `elements` float64 values, or undefined when
 * WebAssembly is unavailable or the memory cannot be had. The heap starts zeroed. With `shared`,
 * the memory is a shared one that other threads attach to with {@link attachWasmKernels}.
 */
export function createWasmKernels(
  elements: number,
  shared = false,
): { kernels: BlockKernels; memory: WasmMemory } | undefined {
  const bytes = elements * 8;
  if (bytes > MAX_BYTES) return undefined;
  const api = webAssembly();
  if (api === undefined) return undefined;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  let memory: WasmMemory;
  try {
    memory = new api.Memory(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages });
  } catch {
    return undefined;
  }
  const kernels = attachWasmKernels(memory, elements, shared);
  return kernels === undefined ? undefined : { kernels, memory };
}

/** SIMD kernels over an existing memory whose first `elements` float64 values are the heap. */
export function attachWasmKernels(memory: WasmMemory, elements: number, shared: boolean): BlockKernels | undefined {
  const api = webAssembly();
  if (api === undefined) return undefined;
  const module = kernelModule(api, shared);
  if (module === null) return undefined;
  let exports: Record<string, unknown>;
  try {
    exports = new api.Instance(module, { env: { memory } }).exports;
  } catch {
    return undefined;
  }
  const project = exports.project as (...offsets: number[]) => void;
  const subtract = exports.subtract as (...offsets: number[]) => void;
  const apply = exports.apply as (...offsets: number[]) => void;
  const applyT = exports.applyT as (...offsets: number[]) => void;
  return {
    heap: new Float64Array(memory.buffer, 0, elements),
    projectPairs(c0, c1, v0, stride, pairs, out) {
      project(c0 * 8, c1 * 8, v0 * 8, stride * 8, pairs * 16, out * 8);
    },
    subtractPairs(c0, c1, v0, stride, pairs, coef) {
      subtract(c0 * 8, c1 * 8, v0 * 8, stride * 8, pairs * 16, coef * 8);
    },
    applyPairs(a, m, pairs, v0, rows, t, transposeT, scratch) {
      (transposeT ? applyT : apply)(a * 8, m * 8, pairs, v0 * 8, rows, t * 8, scratch * 8);
    },
  };
}
