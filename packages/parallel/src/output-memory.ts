// Outputs in a shared WebAssembly.Memory, which the workers' WebAssembly kernels store into directly
// (@init/random's withSamplingMemory) instead of copying every batch out of their own memory into
// the output: that copy was memory-bound, and two workers copying at once each took 1.56× as long as
// one alone (README, "Where two workers' time goes").
//
// A memory holds `workspaces` workspaces of SAMPLING_WORKSPACE_BYTES first, one for each worker that
// fills at the same time, then the output. Workspaces come first so that their addresses, from which
// each worker compiles its kernels once, do not depend on the output's size.
import type { DType, TypedArray } from '@init/core';
import { SAMPLING_WORKSPACE_BYTES, type SharedMemory } from '@init/random';
import { arrayClassOf } from './array-class.js';

/** A memory made here, and how many workspaces lie before its output. */
export interface OutputMemory {
  readonly memory: SharedMemory;
  readonly workspaces: number;
  /**
   * One flag per workspace, set by the thread using it (`Atomics.compareExchange`) and cleared when it
   * is done: kept with the memory, not per call, so that calls running at once into parts of the same
   * memory never give one workspace to two threads. Then one count: of the workers that have taken a
   * workspace of this memory, from which each worker's first choice follows (worker.js).
   */
  readonly taken: Int32Array;
}

const PAGE = 65536;
/** 4 GiB: the most a WebAssembly memory (32-bit addresses) holds. */
const MAX_PAGES = 65536;

/** The memories made here, by their buffer (the one their arrays view). */
const outputs = new WeakMap<SharedArrayBuffer, OutputMemory>();

interface MemoryApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
}

/**
 * A new array of `length` elements after `workspaces` workspaces in a new shared memory, or undefined
 * where no such memory can be made (no shared WebAssembly memory here, more than 4 GiB, or too little
 * memory left for it).
 */
export function inOutputMemory(dtype: DType, length: number, workspaces: number): TypedArray | undefined {
  const api = (globalThis as unknown as { WebAssembly?: MemoryApi }).WebAssembly;
  const ArrayClass = arrayClassOf(dtype);
  const byteOffset = workspaces * SAMPLING_WORKSPACE_BYTES;
  const pages = Math.ceil((byteOffset + length * ArrayClass.BYTES_PER_ELEMENT) / PAGE);
  if (typeof api?.Memory !== 'function' || pages > MAX_PAGES) return undefined;
  let memory: SharedMemory;
  try {
    memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined;
  }
  outputs.set(memory.buffer, {
    memory,
    workspaces,
    taken: new Int32Array(new SharedArrayBuffer(4 * (workspaces + 1))),
  });
  return new ArrayClass(memory.buffer, byteOffset, length);
}

/** The memory `out` lies in, when {@link inOutputMemory} made it and `out` lies after its workspaces. */
export function outputMemoryOf(out: TypedArray): OutputMemory | undefined {
  const found = outputs.get(out.buffer as SharedArrayBuffer);
  return found !== undefined && out.byteOffset >= found.workspaces * SAMPLING_WORKSPACE_BYTES ? found : undefined;
}
