/**
 * The WebAssembly SIMD kernels at run time: assembled and instantiated on first use (never at import),
 * or, where WebAssembly or its SIMD instructions are missing, or a Content-Security-Policy forbids
 * compiling, not at all — the JavaScript kernels then run, with the same values. The choice is made
 * once and reported by `capabilities()`.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { slowResult, normalSlow, roundedInside, wedgeSlow } from './slow-paths.js';
import type { RoundingBounds } from './slow-paths.js';
import { zigguratTables } from '../distributions/ziggurat.js';
import { WASM_LAYOUT, WORKSPACE_BYTES, assembleSamplingModule, wasmLayoutAt } from './emit-wasm.js';
import type { WasmLayout } from './emit-wasm.js';
import { TABLE_TYPES, type TableName } from './ir.js';

/**
 * The part of the WebAssembly JavaScript API used here. Declared locally because the project's
 * TypeScript libs (ES2022, Node types) do not describe it, and reached through globalThis so that an
 * engine without WebAssembly simply takes the JavaScript path.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
}

export type WasmKernel = (groups: number, p0?: number, p1?: number, p2?: number, p3?: number) => void;

export interface WasmSampling {
  /** Where the kernels keep their tables, states and blocks in `buffer`. */
  readonly layout: WasmLayout;
  /** The module's memory: its own, or the shared memory it works in. */
  readonly buffer: ArrayBufferLike;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  kernel(name: string): WasmKernel;
  /** Seeds the blocks of `groups` groups from their counters (emit-wasm-blocks.ts). */
  seedBlocks(groups: number, key0: number, key1: number): void;
  /** Packs `segments` segments' kept elements back to back (emit-wasm-blocks.ts); `shift` = log2 of the element size. */
  pack(segments: number, shift: number): void;
  /** The bounds the `check` rare path tests against during the next kernel calls. */
  setBounds(bounds: RoundingBounds | undefined): void;
}

/** Which kernels the fills use, and why. */
export interface Capabilities {
  /** True when the WebAssembly SIMD kernels run; false when the JavaScript kernels do. */
  readonly simd: boolean;
  /** `'webassembly-simd'` or `'javascript'`. */
  readonly kernels: 'webassembly-simd' | 'javascript';
  /** Why the JavaScript kernels run, when they do. */
  readonly reason?: string;
}

/** A shared `WebAssembly.Memory` (the project's TypeScript libs do not describe WebAssembly). */
export interface SharedMemory {
  readonly buffer: SharedArrayBuffer;
}

let sampling: WasmSampling | null | undefined;
/** This thread's kernels in shared memories, by the memory's buffer (see withSamplingMemory). */
const attached = new Map<ArrayBufferLike, WasmSampling>();
let reason: string | undefined;
let forcedJavaScript = false;

/** The modules that work in a shared memory, compiled once per workspace address. */
const workspaceModules = new Map<number, object>();
/**
 * This thread's kernels in each shared memory, by the memory's buffer and the workspace, with the
 * workspace's bytes as they were set up (the module's constants, the tables): instantiated once, not
 * on every withSamplingMemory call, which made the instantiation hot enough for the engine to optimize
 * it on a helper thread, some 25 ms of CPU in the middle of a parallel fill, taking a core from the
 * workers. Between calls the workspace is the caller's, so each call puts those bytes back
 * (192 KiB, some 12 µs).
 */
const memoryKernels = new WeakMap<SharedArrayBuffer, Map<number, { kernels: WasmSampling; setUp: Uint8Array }>>();

function instantiate(): WasmSampling | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (typeof api !== 'object' || api === null) {
    reason = 'WebAssembly is not available';
    return null;
  }
  try {
    return instantiateIn(new api.Module(assembleSamplingModule()));
  } catch (error) {
    // No SIMD, or a Content-Security-Policy that forbids compiling WebAssembly.
    reason = `WebAssembly SIMD could not be compiled here (${error instanceof Error ? error.message : String(error)})`;
    return null;
  }
}

/**
 * An instance of `module`: in its own memory, or, with `shared`, in that memory from byte
 * `shared.workspace` (the module compiled for that workspace).
 */
function instantiateIn(module: object, shared?: { memory: SharedMemory; workspace: number }): WasmSampling {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly!;
  const layout = shared === undefined ? WASM_LAYOUT : wasmLayoutAt(shared.workspace);
  let views: { i32: Int32Array; f32: Float32Array; f64: Float64Array } | undefined;
  let bounds: RoundingBounds | undefined;
  const laneState = new Int32Array(4);
  const base = layout.slowState / 4;
  // Lane j's generator state is word w of vector w, lane j: gather it, run the rare path, scatter.
  // Written out (no closures) because these run for about 1.5% of normal attempts.
  const gather = (lane: number): void => {
    const words = views!.i32;
    laneState[0] = words[base + lane]!;
    laneState[1] = words[base + 4 + lane]!;
    laneState[2] = words[base + 8 + lane]!;
    laneState[3] = words[base + 12 + lane]!;
  };
  const scatter = (lane: number): void => {
    const words = views!.i32;
    words[base + lane] = laneState[0]!;
    words[base + 4 + lane] = laneState[1]!;
    words[base + 8 + lane] = laneState[2]!;
    words[base + 12 + lane] = laneState[3]!;
  };
  const imports = {
    slow: {
      normalSlow: (lane: number, layer: number, x: number): number => {
        gather(lane);
        const accepted = normalSlow(laneState, layer, x);
        scatter(lane);
        return accepted ? slowResult() : Number.NaN;
      },
      wedgeSlow: (lane: number, layer: number, x: number): number => {
        gather(lane);
        const accepted = wedgeSlow(laneState, layer, x);
        scatter(lane);
        return accepted ? x : Number.NaN;
      },
      roundedInside: (value: number): number => (roundedInside(value, bounds!) ? 1 : 0),
    },
    ...(shared === undefined ? {} : { env: { memory: shared.memory } }),
  };
  const exports = new api.Instance(module, imports).exports;
  const buffer = (shared?.memory ?? (exports.memory as { buffer: ArrayBufferLike })).buffer;
  views = { i32: new Int32Array(buffer), f32: new Float32Array(buffer), f64: new Float64Array(buffer) };
  // Entry i of each table at its address + 16·i (two tables to a record); an i32 table's entries
  // twice, at +0 and +4 of their half. heights' 257th entry (F[256] = 1) is read as heightsNext[255].
  const tables = zigguratTables();
  for (const [name, address] of Object.entries(layout.tables) as [TableName, number][]) {
    const values = tables[name];
    const entries = name === 'heights' ? 256 : values.length;
    for (let i = 0; i < entries; i++) {
      const at = address + 16 * i;
      if (TABLE_TYPES[name] === 'i32') views.i32[at / 4] = views.i32[at / 4 + 1] = values[i]!;
      else views.f64[at / 8] = values[i]!;
    }
  }
  const { i32, f32, f64 } = views;
  return {
    layout,
    buffer,
    i32,
    f32,
    f64,
    kernel: (name) => exports[name] as WasmKernel,
    seedBlocks: exports.seed_blocks as WasmSampling['seedBlocks'],
    pack: exports.pack as WasmSampling['pack'],
    setBounds: (next) => {
      bounds = next;
    },
  };
}

/** The SIMD kernels, instantiated on the first call; null where they cannot run. */
export function wasmSampling(): WasmSampling | null {
  if (forcedJavaScript) return null;
  if (sampling === undefined) sampling = instantiate();
  return sampling;
}

/**
 * The kernels to fill `out` with: those working in its memory (withSamplingMemory), else this
 * thread's.
 * @throws InitRangeError for an `out` that overlaps the workspace of the kernels in its memory.
 */
export function wasmSamplingFor(out: ArrayBufferView): WasmSampling | null {
  const own = wasmSampling();
  if (own === null) return null;
  const inMemory = attached.get(out.buffer);
  if (inMemory === undefined) return own;
  const start = inMemory.layout.workspace;
  if (out.byteOffset < start + WORKSPACE_BYTES && start < out.byteOffset + out.byteLength) {
    throw new InitRangeError(
      argumentMessage(
        'withSamplingMemory',
        'out',
        `lie outside the workspace, bytes [${start}, ${start + WORKSPACE_BYTES}) of the memory`,
        `bytes [${out.byteOffset}, ${out.byteOffset + out.byteLength})`,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return inMemory;
}

/** The bytes of a shared memory that one thread's kernels use as their own (a multiple of 64 KiB). */
export const SAMPLING_WORKSPACE_BYTES = WORKSPACE_BYTES;

/**
 * Runs `run` with this thread's WebAssembly kernels working in `memory`, a shared
 * `WebAssembly.Memory`: they keep their tables, states and blocks in its bytes
 * `[workspace, workspace + SAMPLING_WORKSPACE_BYTES)`, and fills whose output lies in
 * `memory.buffer` store whole blocks straight into the output instead of copying each batch out of
 * the kernels' own memory (the memory-bound copy that limited parallel fills). For thread pools
 * such as @init/parallel's: each thread that fills into the memory at once needs its own workspace,
 * and the output must not overlap any. Values are the same either way; where the WebAssembly SIMD
 * kernels do not run, `run` simply runs, as it does inside an outer call for the same memory (which
 * keeps the outer call's workspace).
 *
 * @param memory - A shared `WebAssembly.Memory` (created with `shared: true`).
 * @param workspace - A multiple of 65536, with the workspace inside the memory.
 * @param run - The fills to run.
 * @returns What `run` returns.
 * @throws InitRangeError for a workspace that is not a multiple of 65536 inside the memory; fills in
 * `run` throw it for an `out` that overlaps the workspace.
 * @example
 * ```ts
 * const memory = new WebAssembly.Memory({ initial: 260, maximum: 260, shared: true });
 * const out = new Float32Array(memory.buffer, SAMPLING_WORKSPACE_BYTES, 2 ** 22);
 * withSamplingMemory(memory, 0, () => fillUniform(out, keyFromSeed(1)));
 * ```
 */
export function withSamplingMemory<T>(memory: SharedMemory, workspace: number, run: () => T): T {
  const buffer = (memory as { buffer?: unknown } | null)?.buffer;
  if (!(typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer)) {
    throw new InitTypeError(
      argumentMessage('withSamplingMemory', 'memory', 'be a shared WebAssembly.Memory', memory),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (
    !Number.isSafeInteger(workspace) ||
    workspace < 0 ||
    workspace % 65536 !== 0 ||
    workspace + WORKSPACE_BYTES > buffer.byteLength
  ) {
    throw new InitRangeError(
      argumentMessage(
        'withSamplingMemory',
        'workspace',
        `be a multiple of 65536 with ${WORKSPACE_BYTES} bytes of the memory from it`,
        workspace,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (wasmSampling() === null || attached.has(buffer)) return run();
  let byWorkspace = memoryKernels.get(buffer);
  if (byWorkspace === undefined) {
    byWorkspace = new Map();
    memoryKernels.set(buffer, byWorkspace);
  }
  const workspaceBytes = new Uint8Array(buffer, workspace, WORKSPACE_BYTES);
  let kept = byWorkspace.get(workspace);
  if (kept === undefined) {
    let module = workspaceModules.get(workspace);
    if (module === undefined) {
      const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly!;
      module = new api.Module(assembleSamplingModule(workspace));
      workspaceModules.set(workspace, module);
    }
    kept = { kernels: instantiateIn(module, { memory, workspace }), setUp: workspaceBytes.slice() };
    byWorkspace.set(workspace, kept);
  } else {
    workspaceBytes.set(kept.setUp);
  }
  const { kernels } = kept;
  attached.set(buffer, kernels);
  try {
    return run();
  } finally {
    attached.delete(buffer);
  }
}

/**
 * Which kernels the fills use: `{ simd: true, kernels: 'webassembly-simd' }` where WebAssembly SIMD
 * compiles (Node ≥ 16.4, current browsers), else `{ simd: false, kernels: 'javascript', reason }`.
 * The first call decides (compiling a small module, about a millisecond) and the answer never changes
 * afterwards. Values are identical either way.
 *
 * @returns The kernels in use.
 * @example
 * ```ts
 * capabilities(); // { simd: true, kernels: 'webassembly-simd' } on Node 20
 * ```
 */
export function capabilities(): Capabilities {
  const simd = wasmSampling() !== null;
  if (simd) return { simd, kernels: 'webassembly-simd' };
  return {
    simd,
    kernels: 'javascript',
    reason: forcedJavaScript ? "setKernels('javascript')" : (reason ?? 'unknown'),
  };
}

/**
 * Chooses the kernels: `'auto'` (the default) runs the WebAssembly SIMD kernels where they compile,
 * `'javascript'` never compiles WebAssembly — for a page whose Content-Security-Policy lacks
 * `'wasm-unsafe-eval'`, where even the attempt would be reported as a violation, or to compare the
 * two. Values are identical either way.
 *
 * @param choice - `'auto'` or `'javascript'`.
 * @returns What {@link capabilities} reports after the change.
 * @throws InitTypeError for another choice.
 * @example
 * ```ts
 * setKernels('javascript'); // { simd: false, kernels: 'javascript', reason: 'setKernels(\'javascript\')' }
 * ```
 */
export function setKernels(choice: 'auto' | 'javascript'): Capabilities {
  if (choice !== 'auto' && choice !== 'javascript') {
    throw new InitTypeError(
      argumentMessage('setKernels', 'choice', "be 'auto' or 'javascript'", choice),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  forcedJavaScript = choice === 'javascript';
  return capabilities();
}
