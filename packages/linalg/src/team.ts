/**
 * `orthogonalize(a, rows, cols)` (method 'qr') computed by several threads that share one memory:
 * the caller prepares a task, starts `members` threads (Node worker_threads, Web Workers — this
 * package starts none itself), each calls `runOrthogonalizeMember(task, i)`, and once all have
 * returned the caller reads the result. Most of the flops are the block-reflector updates of the
 * trailing columns, and those columns are independent of each other, so the members split them;
 * member 0 also does the serial steps. A column's arithmetic does not depend on which member
 * updates it, so the result is bit-identical to `orthogonalize` for every number of members.
 */

import { checkMatrix, rangeScale, type MatrixInput } from './arguments.js';
import {
  attachWorkspace,
  DEFAULT_BLOCK_SIZE,
  wantsWasmKernels,
  workspaceLayout,
  type Team,
  type WorkspaceLayout,
} from './householder.js';
import { createJsKernels, type BlockKernels } from './kernels.js';
import { columnMajorToRowMajor, copyScaled, transposeScaled } from './layout.js';
import { signedQ } from './orthogonalize.js';
import { attachWasmKernels, createWasmKernels, type WasmMemory } from './wasm-kernels.js';

/**
 * Everything a member needs, as plain data that `postMessage` can send to a worker: a shared
 * memory (a shared WebAssembly.Memory when the SIMD kernels can run, else a SharedArrayBuffer) and
 * a small SharedArrayBuffer of control words for the barrier.
 */
export interface OrthogonalizeTask {
  readonly memory: WasmMemory | SharedArrayBuffer;
  readonly wasm: boolean;
  readonly control: SharedArrayBuffer;
  readonly layout: WorkspaceLayout;
}

/** A prepared task and how to read its result once every member has returned. */
export interface OrthogonalizeTeamJob {
  readonly task: OrthogonalizeTask;
  /** The result, equal bit for bit to `orthogonalize(a, rows, cols)`; call after all members ran. */
  result(): Float64Array;
}

// Control words: the number of members arrived at the barrier, the barrier's generation, and a
// flag a failing member raises so the others stop instead of waiting forever.
const ARRIVED = 0;
const GENERATION = 1;
const ABORTED = 2;
const CONTROL_WORDS = 4;
/** Spins on the generation this many times before sleeping in Atomics.wait: most waits are short. */
const SPINS = 20000;

/**
 * Prepares `orthogonalize(a, rows, cols)` (method 'qr') for `members` threads.
 * @throws TypeError / RangeError as `orthogonalize` does for its arguments, and when `members` is
 *   not a positive safe integer or this engine has no SharedArrayBuffer.
 */
export function createOrthogonalizeTeam(
  a: MatrixInput,
  rows: number,
  cols: number,
  members: number,
): OrthogonalizeTeamJob {
  if (!Number.isSafeInteger(members) || members < 1) {
    throw new RangeError(
      `createOrthogonalizeTeam: members must be a positive safe integer. Received: ${String(members)}.`,
    );
  }
  if (typeof SharedArrayBuffer !== 'function') {
    throw new TypeError(
      'createOrthogonalizeTeam: this engine has no SharedArrayBuffer (a page needs cross-origin isolation).',
    );
  }
  const maxAbs = checkMatrix('createOrthogonalizeTeam', a, rows, cols);
  const wide = rows < cols;
  // As in orthogonalize: a wide matrix is factored as its transpose, whose column-major copy is a.
  const m = wide ? cols : rows;
  const n = wide ? rows : cols;
  const layout = workspaceLayout(m, n, DEFAULT_BLOCK_SIZE, members);
  const useWasm = wantsWasmKernels(m, n, DEFAULT_BLOCK_SIZE);
  const shared = useWasm ? createWasmKernels(layout.elements, true) : undefined;
  const memory: WasmMemory | SharedArrayBuffer = shared?.memory ?? new SharedArrayBuffer(8 * layout.elements);
  const task: OrthogonalizeTask = {
    memory,
    wasm: shared !== undefined,
    control: new SharedArrayBuffer(4 * CONTROL_WORDS),
    layout,
  };
  const heap = heapOf(task);
  if (rows > 0 && cols > 0) {
    const scale = rangeScale(maxAbs);
    const w = heap.subarray(0, m * n);
    if (wide) copyScaled(a, scale, w);
    else transposeScaled(a, rows, cols, scale, w);
  }
  return {
    task,
    result() {
      if (rows === 0 || cols === 0) return new Float64Array(0);
      const q = heap.subarray(layout.qOffset, layout.qOffset + m * n);
      return wide ? q.slice() : columnMajorToRowMajor(q, rows, cols);
    },
  };
}

/**
 * Runs member `member` of a task in the calling thread; returns when the factorization is done.
 * Every member 0 … members − 1 must run, each in its own thread at the same time (they wait for
 * each other at barriers); member 0 may run on a thread that can block (not a browser's main thread).
 * @throws Error when another member failed (so that no member waits forever).
 */
export function runOrthogonalizeMember(task: OrthogonalizeTask, member: number): void {
  const { layout } = task;
  if (!Number.isSafeInteger(member) || member < 0 || member >= layout.members) {
    throw new RangeError(
      `runOrthogonalizeMember: member must be an integer in [0, ${layout.members}). Received: ${String(member)}.`,
    );
  }
  if (layout.m === 0 || layout.n === 0) return;
  const control = new Int32Array(task.control);
  const team: Team = { member, members: layout.members, sync: () => barrier(control, layout.members) };
  try {
    signedQ(attachWorkspace(kernelsOf(task), layout, member), team);
  } catch (error) {
    Atomics.store(control, ABORTED, 1);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    throw error;
  }
}

function heapOf(task: OrthogonalizeTask): Float64Array {
  const buffer = task.memory instanceof SharedArrayBuffer ? task.memory : task.memory.buffer;
  return new Float64Array(buffer, 0, task.layout.elements);
}

function kernelsOf(task: OrthogonalizeTask): BlockKernels {
  if (task.wasm && !(task.memory instanceof SharedArrayBuffer)) {
    const kernels = attachWasmKernels(task.memory, task.layout.elements, true);
    // The leader compiled the same module; a member that cannot would give the same values with
    // the JavaScript kernels over the same memory.
    if (kernels !== undefined) return kernels;
  }
  return createJsKernels(heapOf(task));
}

/** A central barrier with a generation counter (sense reversal), spinning briefly before sleeping. */
function barrier(control: Int32Array, members: number): void {
  const generation = Atomics.load(control, GENERATION);
  if (Atomics.add(control, ARRIVED, 1) === members - 1) {
    Atomics.store(control, ARRIVED, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
  } else {
    let spins = 0;
    while (Atomics.load(control, GENERATION) === generation) {
      if (++spins > SPINS) Atomics.wait(control, GENERATION, generation);
    }
  }
  if (Atomics.load(control, ABORTED) !== 0)
    throw new Error('runOrthogonalizeMember: another member of the team failed.');
}
