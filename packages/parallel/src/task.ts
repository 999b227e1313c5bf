// The messages the calling thread sends each worker (the code both sides share is array-class.js).
import type { DType } from '@init/core';
import type { OrthogonalizeTask } from '@init/linalg';
import type { SharedMemory } from '@init/random';
import type { Block } from './blocks.js';

/** One unit of work: fill some parts of an output with one initializer. */
export interface FillTask {
  /** `JSON.stringify(serialize(initializer))`, with an unseeded initializer's per-call key filled in. */
  readonly config: string;
  /** Module URLs each worker imports once before rebuilding (user classes register there). */
  readonly setup: readonly string[];
  /**
   * Whether the calling thread has run `enableSvd()` (`@init/linalg`'s `isSvdEnabled()`): a worker
   * then enables it too before rebuilding, so an initializer that runs method 'svd' in a slice works
   * in the workers exactly when its `apply` works on the calling thread.
   */
  readonly svd: boolean;
  readonly dtype: DType;
  /**
   * The output's memory. Shared: every worker writes its own range in place. Otherwise (a browser
   * page without cross-origin isolation) a buffer for this task's range alone, moved to the worker
   * and back.
   */
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
  /** The shape that scales come from, and where the output sits in it. */
  readonly fullShape: readonly number[];
  readonly offset: readonly number[];
  /**
   * The parts of the output this task may fill, each a contiguous range of it given as its blocks
   * (positions relative to `byteOffset`).
   */
  readonly parts: readonly (readonly Block[])[];
  /**
   * Shared memory only: element 0 counts the parts claimed so far, by every task of the call. A
   * worker claims the next part with `Atomics.add` until none is left, so a worker slowed by other
   * work on the machine leaves its share to the others. Element 1 counts the parts written; the
   * worker that writes the last one wakes the calling thread (`Atomics.notify`), which then returns
   * without waiting for the tasks' replies. Without it the task fills all its parts.
   */
  readonly claims?: Int32Array;
  /**
   * Present when the output lies in a shared WebAssembly.Memory made for outputs (output-memory.ts):
   * the memory, whose `buffer` is `buffer`'s memory, and its workspaces' flags, one per workspace
   * before the output, then a count of the workers that came (`OutputMemory.taken`, kept with the
   * memory across calls). Each worker takes a free workspace for the time of its task and its kernels
   * store straight into the output (`withSamplingMemory` of @init/random); a worker that finds none
   * fills as without it.
   */
  readonly memory?: SharedMemory;
  readonly workspacesTaken?: Int32Array;
}

/**
 * Where a team's members draw the random matrix from: `Orthogonal#randomMatrix(fullShape, part,
 * offset)` of the initializer that `config` rebuilds (seeded, so every member draws the same matrix).
 */
export interface MatrixSource {
  /** `JSON.stringify(serialize(initializer))` of a seeded Orthogonal (the class itself). */
  readonly config: string;
  readonly fullShape: readonly number[];
}

/** One member of a team that orthogonalizes a matrix together (Orthogonal's QR on several threads). */
export interface MemberTask {
  readonly kind: 'orthogonalize-member';
  readonly task: OrthogonalizeTask;
  readonly member: number;
  /** Present when the members draw the matrix themselves (the task was created with a = null). */
  readonly source?: MatrixSource | undefined;
}
