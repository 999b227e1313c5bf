/**
 * A prepared sampler: one distribution with its parameters checked, its grid or bounds computed and
 * its key's words read once, that then fills any set of runs — a whole tensor, the rows of a row
 * shard, the thousands of short runs of a column shard — at no per-run cost beyond the blocks' own.
 *
 * A run `(localStart, fullStart, length)` means `out[localStart + i]` is element `fullStart + i` of
 * the whole tensor. The runs are cut into block segments (STREAMS.md §3: block b holds elements
 * [256b, 256b + 256)); a segment that starts inside a block regenerates the block from its start and
 * keeps only its part.
 *
 * With WebAssembly SIMD, segments are batched 64 at a time, four to a group, one per lane, wherever
 * they come from: a column shard's one-block runs fill all four lanes just as a row shard's blocks
 * do, and each lane stops at its segment's end. Per segment, JavaScript only writes the block's
 * counter, skip and count into the module's memory; the module seeds the four lanes' blocks with
 * Threefry in SIMD (`seed_blocks`), runs the kernel, and packs the kept elements back to back
 * (`pack`), so segments that are contiguous in `out` are copied out with one `set`
 * (emit-wasm-blocks.ts). Without WebAssembly, the generated JavaScript kernels run segment by
 * segment. Both give the same values (kernels.test.ts).
 */

import { seedBlock, BLOCK_SIZE } from '../engines/block-stream.js';
import { float32ToBfloat16Bits, float32ToFloat16Bits } from '../math/float-bits.js';
import type { KernelName } from './source.js';
import { kernelSources } from './source.js';
import type { KernelOutput, RoundingBounds } from './slow-paths.js';
import { WASM_GROUPS } from './emit-wasm.js';
import { wasmSamplingFor } from './wasm-kernels.js';
import type { WasmSampling } from './wasm-kernels.js';

/**
 * How samples reach the output: as float32 or float64 values, as float16/bfloat16 bits (sampled as
 * doubles, rounded once), or as numbers converted by the array (the integer fills).
 */
export type StoreKind = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'number';

/** The arrays a sampler fills. */
export type SamplerOutput = Float32Array | Float64Array | Uint16Array | Int32Array;

/** What a distribution hands to the sampler: which kernel, with which parameters, stored how. */
export interface SamplerPlan {
  readonly kernel: KernelName;
  readonly js: (out: KernelOutput, start: number, end: number, state: Int32Array, params: never) => void;
  readonly params: Readonly<Record<string, number | string>>;
  readonly store: StoreKind;
}

const SEGMENTS = 4 * WASM_GROUPS;
const TWO_POW_32 = 4294967296;

let lastKernels: 'webassembly-simd' | 'javascript' | undefined;

/** Which kernels the latest fill ran: lets tests prove what they compared. */
export function lastFillKernels(): 'webassembly-simd' | 'javascript' | undefined {
  return lastKernels;
}
/** Below this length a loop copies faster than creating a subarray for `set`. */
const SHORT_COPY = 64;

/**
 * Where a large ArrayBuffer's bytes start relative to a 64-byte boundary, as far as we can tell:
 * Node allocates them with calloc, which glibc serves from mmap for large sizes and returns 16 bytes
 * past a page boundary (its chunk header). No API gives the address; if the guess is wrong, the copy
 * is merely as fast as it was without the pad.
 */
const ASSUMED_BUFFER_ALIGNMENT = 16;

/**
 * The pad (0–60 bytes) after WASM_LAYOUT.output at which a batch's blocks start, chosen so that the
 * copy of the batch's first stretch to `out[dest]` reads and writes at the same offset within a
 * 64-byte line. memcpy moves misaligned data at half speed here (0.46 against 0.29 ns per float32
 * element for 64 KiB copies on the 2-core benchmark machine, when source and destination differ by
 * 48 bytes mod 64, as a page-aligned source and a destination 16 bytes past one did). Only copies
 * between arrays of the same element size are memcpy; converting copies take no pad.
 */
function copyPad(out: SamplerOutput, dest: number, elementBytes: number): number {
  if (out.BYTES_PER_ELEMENT !== elementBytes) return 0;
  return (ASSUMED_BUFFER_ALIGNMENT + out.byteOffset + elementBytes * dest) & 63;
}

/** What PreparedSampler drives: a Sampler, or a ConstantFiller for a degenerate distribution. */
export interface RunFiller {
  fill<T extends SamplerOutput>(out: T, offset: number): T;
  fillRuns<T extends SamplerOutput>(out: T, runs: ArrayLike<number>): T;
}

/** Fills every run with one value (bits for float16/bfloat16); draws nothing. */
export class ConstantFiller implements RunFiller {
  constructor(private readonly value: number) {}

  fill<T extends SamplerOutput>(out: T, _offset: number): T {
    out.fill(this.value);
    return out;
  }

  fillRuns<T extends SamplerOutput>(out: T, runs: ArrayLike<number>): T {
    for (let run = 0; run + 2 < runs.length; run += 3) out.fill(this.value, runs[run]!, runs[run]! + runs[run + 2]!);
    return out;
  }
}

export class Sampler implements RunFiller {
  private readonly key0: number;
  private readonly key1: number;
  private readonly wasmArgs: number[];
  private readonly wasmName: string;

  constructor(
    words: readonly [number, number],
    private readonly plan: SamplerPlan,
  ) {
    this.key0 = words[0];
    this.key1 = words[1];
    const source = kernelSources().find((kernel) => kernel.name === plan.kernel)!;
    this.wasmArgs = source.params.map((parameter) => plan.params[parameter.name] as number);
    this.wasmName = `${plan.kernel}_${plan.store === 'float32' ? 'f32' : 'f64'}`;
  }

  /** Fills `out` with elements `[offset, offset + out.length)` of the tensor. */
  fill<T extends SamplerOutput>(out: T, offset: number): T {
    if (out.length > 0) this.fillRuns(out, [0, offset, out.length]);
    return out;
  }

  /** Fills the runs `(localStart, fullStart, length)`, given as consecutive triples. */
  fillRuns<T extends SamplerOutput>(out: T, runs: ArrayLike<number>): T {
    const wasm = wasmSamplingFor(out);
    if (wasm === null) this.runJavaScript(out, runs);
    else this.runWasm(wasm, out, runs);
    lastKernels = wasm === null ? 'javascript' : 'webassembly-simd';
    return out;
  }

  private runJavaScript(out: SamplerOutput, runs: ArrayLike<number>): void {
    const { js, params, store } = this.plan;
    const kernel = js as (out: KernelOutput, start: number, end: number, state: Int32Array, params: unknown) => void;
    const state = new Int32Array(4);
    const direct = store !== 'float16' && store !== 'bfloat16';
    let scratch: Float64Array | undefined;
    for (let run = 0; run + 2 < runs.length; run += 3) {
      const localStart = runs[run]!;
      const fullStart = runs[run + 1]!;
      const end = fullStart + runs[run + 2]!;
      for (let index = fullStart; index < end; ) {
        const block = Math.floor(index / BLOCK_SIZE);
        const skip = index - block * BLOCK_SIZE;
        const count = Math.min(end - index, BLOCK_SIZE - skip);
        const dest = localStart + (index - fullStart);
        seedBlock(this.key0, this.key1, block, state);
        if (skip === 0 && direct) {
          // The kernel stores straight into the output; the array rounds or converts each value once.
          kernel(out as KernelOutput, dest, dest + count, state, params);
        } else {
          scratch ??= new Float64Array(BLOCK_SIZE);
          kernel(scratch, 0, skip + count, state, params);
          copyFromDoubles(store, scratch, skip, out, dest, count);
        }
        index += count;
      }
    }
  }

  private runWasm(wasm: WasmSampling, out: SamplerOutput, runs: ArrayLike<number>): void {
    const kernel = wasm.kernel(this.wasmName);
    const words = wasm.i32;
    const { layout } = wasm;
    const dests = new Float64Array(SEGMENTS);
    const countersBase = layout.counters / 4;
    const limitsBase = layout.limits / 4;
    const segmentsBase = layout.segments / 4;
    const shift = this.plan.store === 'float32' ? 2 : 3;
    const baseAt = layout.outputBase / 4;
    // `out` in the kernels' own memory (see withSamplingMemory), holding what they store: a batch of
    // whole blocks that lie back to back in `out` is stored there directly, with no pack or copy.
    const inPlace = out.buffer === wasm.buffer && out.BYTES_PER_ELEMENT === 1 << shift;
    wasm.setBounds(this.plan.store === 'number' ? undefined : (this.plan.params as unknown as RoundingBounds));
    let segments = 0;
    // Whether the batch so far can be stored in place: whole blocks, each right after the one before
    // in `out` (never tested where `out` is elsewhere, the one-core fills).
    let wholeBlocks = inPlace;
    const flush = (): void => {
      for (let unused = segments; unused % 4 !== 0; unused++) words[limitsBase + unused] = 0;
      const groups = Math.ceil(segments / 4);
      const args = this.wasmArgs;
      const direct = wholeBlocks;
      // A byte address below 4 GiB (a memory's most), which the Int32Array word holds modulo 2^32.
      const base = direct
        ? out.byteOffset + dests[0]! * (1 << shift)
        : layout.output + copyPad(out, dests[0]!, 1 << shift);
      words[baseAt] = base;
      wasm.seedBlocks(groups, this.key0, this.key1);
      kernel(groups, args[0], args[1], args[2], args[3]);
      if (!direct) {
        wasm.pack(segments, shift);
        this.copyOut(wasm, out, dests, segments, base);
      }
      segments = 0;
      wholeBlocks = inPlace;
    };
    for (let run = 0; run + 2 < runs.length; run += 3) {
      const localStart = runs[run]!;
      const fullStart = runs[run + 1]!;
      const end = fullStart + runs[run + 2]!;
      // No whole (localStart, fullStart, length) triple follows this one.
      const lastRun = run + 5 >= runs.length;
      for (let index = fullStart; index < end; ) {
        const block = Math.floor(index / BLOCK_SIZE);
        const skip = index - block * BLOCK_SIZE;
        const count = Math.min(end - index, BLOCK_SIZE - skip);
        // Segment t is lane t % 4 of group ⌊t / 4⌋. Its block's counter 2b < 2^46: the low word (the
        // Int32Array keeps 2b mod 2^32) and the high word; the module seeds the block from them.
        const counter = 2 * block;
        const at = countersBase + 8 * (segments >> 2) + (segments & 3);
        words[at] = counter;
        words[at + 4] = Math.floor(counter / TWO_POW_32);
        words[limitsBase + segments] = skip + count;
        words[segmentsBase + 2 * segments] = skip;
        words[segmentsBase + 2 * segments + 1] = count;
        dests[segments] = localStart + (index - fullStart);
        wholeBlocks &&= count === BLOCK_SIZE && dests[segments] === dests[0]! + BLOCK_SIZE * segments;
        segments++;
        index += count;
        // Every batch, the last one included, is flushed from this one call site. A second site
        // after the loops, which fills of whole batches (2^24 elements, say) never reach, is compiled
        // by V8 as a deoptimization, and it stays one: each later fill that ended in a part batch left
        // the optimized code there (measured: every part a parallel worker filled, 13 per 2^24 call).
        if (segments === SEGMENTS || (lastRun && index === end)) flush();
      }
    }
    // Reached with segments only when the last runs are empty.
    if (segments > 0) flush();
  }

  /**
   * Copies the segments' elements, which `pack` has put back to back from `base` (a byte address),
   * to `out`: one copy per stretch of segments that are also contiguous in `out`.
   */
  private copyOut(wasm: WasmSampling, out: SamplerOutput, dests: Float64Array, segments: number, base: number): void {
    const store = this.plan.store;
    const staging = store === 'float32' ? wasm.f32 : wasm.f64;
    const words = wasm.i32;
    const countsBase = wasm.layout.segments / 4 + 1;
    let source = base / (store === 'float32' ? 4 : 8);
    let t = 0;
    while (t < segments) {
      const dest = dests[t]!;
      let length = words[countsBase + 2 * t]!;
      t++;
      while (t < segments && dests[t] === dest + length) {
        length += words[countsBase + 2 * t]!;
        t++;
      }
      if (store === 'float16' || store === 'bfloat16') {
        copyFromDoubles(store, staging as Float64Array, source, out, dest, length);
      } else if (length < SHORT_COPY) {
        for (let i = 0; i < length; i++) out[dest + i] = staging[source + i]!;
      } else {
        out.set(staging.subarray(source, source + length), dest);
      }
      source += length;
    }
  }
}

/** Stores doubles into `out`: as float16/bfloat16 bits (rounded once), else as the array converts. */
function copyFromDoubles(
  store: StoreKind,
  from: Float64Array,
  start: number,
  out: SamplerOutput,
  dest: number,
  count: number,
): void {
  if (store === 'float16') {
    for (let i = 0; i < count; i++) out[dest + i] = float32ToFloat16Bits(from[start + i]!);
  } else if (store === 'bfloat16') {
    for (let i = 0; i < count; i++) out[dest + i] = float32ToBfloat16Bits(from[start + i]!);
  } else {
    for (let i = 0; i < count; i++) out[dest + i] = from[start + i]!;
  }
}
