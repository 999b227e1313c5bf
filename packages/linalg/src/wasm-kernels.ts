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
const V128 = 0x7b;
const BLOCK = 0x02;
const LOOP = 0x03;
const EMPTY = 0x40;
const END = 0x0b;
const BR_IF = 0x0d;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const F64_LOAD = 0x2b;
const I32_CONST = 0x41;
const I32_GT_U = 0x4b;
const I32_LE_U = 0x4d;
const I32_ADD = 0x6a;
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
 * The module's bytes: memory imported as env.memory, functions `project` and `subtract`. A shared
 * memory (threads proposal: limits flag 3, a maximum required) can only be imported by a module
 * that declares its import shared, hence the two variants.
 */
export function assembleKernelModule(shared = false): Uint8Array {
  const signature = [0x60, 6, I32, I32, I32, I32, I32, I32, 0];
  const memoryLimits = shared ? [0x03, 0x00, ...unsignedLeb(MAX_PAGES)] : [0x00, 0x00];
  const project = projectBody();
  const subtract = subtractBody();
  return wasmModule([
    section(1, [1, ...signature]),
    section(2, [1, ...name('env'), ...name('memory'), 0x02, ...memoryLimits]),
    section(3, [2, 0, 0]),
    section(7, [2, ...name('project'), 0x00, 0, ...name('subtract'), 0x00, 1]),
    section(10, [2, ...unsignedLeb(project.length), ...project, ...unsignedLeb(subtract.length), ...subtract]),
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
  return {
    heap: new Float64Array(memory.buffer, 0, elements),
    projectPairs(c0, c1, v0, stride, pairs, out) {
      project(c0 * 8, c1 * 8, v0 * 8, stride * 8, pairs * 16, out * 8);
    },
    subtractPairs(c0, c1, v0, stride, pairs, coef) {
      subtract(c0 * 8, c1 * 8, v0 * 8, stride * 8, pairs * 16, coef * 8);
    },
  };
}
