/**
 * `orthogonalize(a, rows, cols)` (method 'qr') computed by several threads that share one memory:
 * the caller prepares a task, starts `members` threads (Node worker_threads, Web Workers — this
 * package starts none itself), each calls `runOrthogonalizeMember(task, i)`, and once all have
 * returned the caller reads the result. The members share every stage: the input's transposition,
 * the block-reflector updates of the trailing columns (most of the flops), Q's accumulation and the
 * signed, row-major result, taking chunks of columns or rows from a shared counter; member 0 also
 * factors each panel (one step ahead, see householder.ts) and member 1 forms Q's panels. A column's
 * arithmetic does not depend on which member updates it, so the result is bit-identical to
 * `orthogonalize` for every number of members.
 */

import { argumentMessage, isPlainObject, typedArrayKind } from '@init/internal';
import { checkDimension, checkMatrix, rangeScale, readOptions, type MatrixInput } from './arguments.js';
import {
  accumulateQ,
  attachWorkspace,
  DEFAULT_BLOCK_SIZE,
  householderFactor,
  SCRATCH_PER_MEMBER,
  wantsWasmKernels,
  workspaceLayout,
  writeSignedQ,
  type Team,
  type Workspace,
  type WorkspaceLayout,
} from './householder.js';
import { createJsKernels, type BlockKernels } from './kernels.js';
import { copyScaled, transposeColumns } from './layout.js';
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
  /**
   * Whether the matrix is factored as given (rows ≥ cols): the members transpose the row-major
   * input into the column-major matrix. Otherwise (rows < cols) its transpose is factored, whose
   * column-major copy is the row-major input as it stands.
   */
  readonly transposed: boolean;
  /**
   * Whether the members write the input themselves (`createOrthogonalizeTeam(null, …)`, each
   * `runOrthogonalizeMember` given an `input` function); otherwise the caller's thread copied it in
   * (row-major into Q's region when transposed, for the members to transpose).
   */
  readonly memberInput: boolean;
  /** Whether the memory held an earlier task (`options.reuse`), so Q's region must be cleared. */
  readonly reused: boolean;
  /** Where the members write the result when the job was given `options.output` (else over the matrix). */
  readonly output?: TeamOutput | undefined;
}

/** `options.output` as a task carries it: the shared memory and how to view it. */
export interface TeamOutput {
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly float32: boolean;
  readonly scale: number;
}

/**
 * Writes elements `[start, start + out.length)` of the row-major `rows × cols` input into `out`:
 * how the members of a `createOrthogonalizeTeam(null, …)` job obtain the matrix, each the parts it
 * claims (a random matrix whose stream can be drawn from any offset is drawn in parallel this way).
 * Every member must write the same values for the same elements.
 */
export type OrthogonalizeInput = (out: Float64Array, start: number) => void;

/** Options of {@link runOrthogonalizeMember}. */
export interface OrthogonalizeMemberOptions {
  /** How this member writes its parts of the input: required exactly when the job's `a` was null. */
  readonly input?: OrthogonalizeInput | undefined;
}

/** Options of {@link createOrthogonalizeTeam}. */
export interface OrthogonalizeTeamOptions {
  /**
   * The task of an earlier job whose result is no longer needed and whose members have all
   * returned: its shared memory is reused when it is of the same kind (WebAssembly or not) and
   * large enough, else a new one is allocated. The earlier job's `result()` is then overwritten.
   * Fresh memory costs a page fault per 4 KiB on first touch (about 5 ms for the 8 MiB input of a
   * 1024 × 1024 matrix on the project's machine); memory used before costs none.
   */
  readonly reuse?: OrthogonalizeTask | undefined;
  /**
   * Where the members write the result instead of the task's memory: a Float64Array or Float32Array
   * of `rows · cols` elements on a SharedArrayBuffer. Each value is `outputScale` times the
   * orthogonalized value, stored as the array stores it, equal bit for bit to
   * `out[i] = outputScale * orthogonalize(a, rows, cols)[i]`; this saves the caller a pass over
   * the result (a framework's tensor of gain × Q, written by the members in parallel).
   */
  readonly output?: Float64Array | Float32Array | undefined;
  /** The factor of `output`'s values, a finite number; 1 by default. Only with `output`. */
  readonly outputScale?: number | undefined;
}

/** A prepared task and how to read its result once every member has returned. */
export interface OrthogonalizeTeamJob {
  readonly task: OrthogonalizeTask;
  /**
   * The result, equal bit for bit to `orthogonalize(a, rows, cols)`; call after all members ran.
   * It is a view of the task's shared memory, not a copy (the members wrote it there, and copying
   * a 2048 × 2048 result costs about 10 ms); `slice()` it for an ordinary Float64Array.
   * @throws Error when the job was given `options.output`: the members wrote the result there.
   */
  result(): Float64Array;
}

// Control words: the number of members arrived at the barrier, the barrier's generation, a flag a
// failing member raises so the others stop instead of waiting forever, and the counter from which
// members claim chunks (reset by the barrier).
const ARRIVED = 0;
const GENERATION = 1;
const ABORTED = 2;
const CLAIMED = 3;
const CONTROL_WORDS = 4;
/**
 * Spins on the generation this many times (about 36 µs in optimized code on the project's machine,
 * about one 16-column chunk's update) before sleeping in Atomics.wait, whose wake-up costs about
 * 10 µs there. 20 000 spins (about 145 µs) kept a waiting member on its core while its partner,
 * descheduled by other jobs, could have run there: on the shared 2-core machine two members at
 * 1024² took 0.79× and 0.875× the wall time with 5 000 (interleaved in one process, load average
 * 6–13, identical bytes).
 */
const SPINS = 5000;

/**
 * Prepares `orthogonalize(a, rows, cols)` (method 'qr') for `members` threads. With
 * `options.reuse`, the job runs in an earlier task's shared memory when that fits (see
 * {@link OrthogonalizeTeamOptions}), which saves the page faults of fresh memory.
 *
 * With `a = null` this thread copies nothing: each member writes the parts of the input it claims
 * through the `input` function given to `runOrthogonalizeMember` (and the members check them for
 * finite values and scale them as `orthogonalize` does), so the input is drawn in parallel, straight
 * into the shared memory.
 * @throws TypeError / RangeError as `orthogonalize` does for its arguments, and when `members` is
 *   not a positive safe integer, `options` is not `{ reuse }` with an earlier task, or this engine
 *   has no SharedArrayBuffer.
 */
export function createOrthogonalizeTeam(
  a: MatrixInput | null,
  rows: number,
  cols: number,
  members: number,
  options?: OrthogonalizeTeamOptions,
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
  const read = readOptions('createOrthogonalizeTeam', options, ['reuse', 'output', 'outputScale']);
  const reuse = readReuse(read.reuse);
  const output = readOutput(read.output, read.outputScale, rows, cols);
  const memberInput = a === null;
  if (memberInput) {
    checkDimension('createOrthogonalizeTeam', 'rows', rows);
    checkDimension('createOrthogonalizeTeam', 'cols', cols);
  }
  const maxAbs = memberInput ? 0 : checkMatrix('createOrthogonalizeTeam', a, rows, cols);
  const wide = rows < cols;
  // As in orthogonalize: a wide matrix is factored as its transpose, whose column-major copy is a.
  const m = wide ? cols : rows;
  const n = wide ? rows : cols;
  const layout = workspaceLayout(m, n, DEFAULT_BLOCK_SIZE, members);
  const useWasm = wantsWasmKernels(m, n, DEFAULT_BLOCK_SIZE);
  const reused = reuse === undefined ? undefined : reusableMemory(reuse, useWasm, layout.elements);
  const shared = reused === undefined && useWasm ? createWasmKernels(layout.elements, true) : undefined;
  const memory: WasmMemory | SharedArrayBuffer = reused ?? shared?.memory ?? new SharedArrayBuffer(8 * layout.elements);
  const task: OrthogonalizeTask = {
    memory,
    wasm: reused === undefined ? shared !== undefined : reuse?.wasm === true,
    control: new SharedArrayBuffer(4 * CONTROL_WORDS),
    layout,
    transposed: !wide,
    memberInput,
    reused: reused !== undefined,
    output:
      output === undefined
        ? undefined
        : {
            buffer: output.array.buffer as SharedArrayBuffer,
            byteOffset: output.array.byteOffset,
            float32: output.float32,
            scale: output.scale,
          },
  };
  const heap = heapOf(task);
  if (!memberInput && rows > 0 && cols > 0) {
    const scale = rangeScale(maxAbs);
    // A wide matrix's column-major copy is a itself. A tall one is staged row-major in Q's region
    // (m·k = rows·cols elements, unused until Q is formed), and the members transpose it.
    const target = wide ? 0 : layout.qOffset;
    const staged = heap.subarray(target, target + m * n);
    if (scale === 1 && (a instanceof Float64Array || a instanceof Float32Array)) staged.set(a);
    else copyScaled(a, scale, staged);
    // Q's region must start zeroed: a tall matrix's members clear it after transposing the staged
    // input out of it; a wide one's is cleared here when the memory held an earlier task.
    if (wide && reused !== undefined) heap.fill(0, layout.qOffset, layout.qOffset + m * n);
  }
  return {
    task,
    result() {
      if (output !== undefined) {
        throw new Error('createOrthogonalizeTeam: the result is in options.output, where the members wrote it.');
      }
      if (rows === 0 || cols === 0) return new Float64Array(0);
      // The members wrote the signed, row-major result over the factored matrix.
      return heap.subarray(0, m * n);
    },
  };
}

/**
 * `options.output` and `options.outputScale` as given: undefined, or a Float64Array or Float32Array
 * of rows · cols elements on a SharedArrayBuffer, with a finite scale (1 by default).
 * @throws TypeError / RangeError for anything else.
 */
function readOutput(
  output: unknown,
  outputScale: unknown,
  rows: unknown,
  cols: unknown,
): { array: Float64Array | Float32Array; float32: boolean; scale: number } | undefined {
  const where = 'createOrthogonalizeTeam';
  if (output === undefined) {
    if (outputScale !== undefined) {
      throw new TypeError(
        argumentMessage(where, 'options.outputScale', 'be given only with options.output', outputScale),
      );
    }
    return undefined;
  }
  const kind = typedArrayKind(output);
  const array = output as Float64Array | Float32Array;
  if ((kind !== 'Float64Array' && kind !== 'Float32Array') || !(array.buffer instanceof SharedArrayBuffer)) {
    throw new TypeError(
      argumentMessage(where, 'options.output', 'be a Float64Array or a Float32Array on a SharedArrayBuffer', output),
    );
  }
  checkDimension(where, 'rows', rows);
  checkDimension(where, 'cols', cols);
  if (array.length !== rows * cols) {
    throw new RangeError(
      argumentMessage(
        where,
        'options.output',
        `have rows × cols = ${rows} × ${cols} = ${rows * cols} elements`,
        output,
      ),
    );
  }
  const scale = outputScale === undefined ? 1 : outputScale;
  if (typeof scale !== 'number' || !Number.isFinite(scale)) {
    throw new (typeof scale === 'number' ? RangeError : TypeError)(
      argumentMessage(where, 'options.outputScale', 'be a finite number', outputScale),
    );
  }
  return { array, float32: kind === 'Float32Array', scale };
}

/**
 * `options.reuse` as given: undefined, or something that looks like a task (its memory is checked
 * by {@link reusableMemory}).
 * @throws TypeError for anything else.
 */
function readReuse(reuse: unknown): OrthogonalizeTask | undefined {
  if (reuse === undefined) return undefined;
  const task = reuse as Partial<OrthogonalizeTask> | null;
  if (
    typeof task !== 'object' ||
    task === null ||
    typeof task.wasm !== 'boolean' ||
    !isPlainObject(task.layout) ||
    typeof task.memory !== 'object' ||
    task.memory === null
  ) {
    throw new TypeError(
      argumentMessage('createOrthogonalizeTeam', 'options.reuse', 'be the task of an earlier job or undefined', reuse),
    );
  }
  return task as OrthogonalizeTask;
}

/**
 * The earlier task's memory when this job can run in it: the same kind as this job would allocate
 * (a shared WebAssembly memory for the SIMD kernels, else a SharedArrayBuffer) and at least
 * `elements` float64 values long; otherwise undefined.
 */
function reusableMemory(
  task: OrthogonalizeTask,
  useWasm: boolean,
  elements: number,
): WasmMemory | SharedArrayBuffer | undefined {
  const { memory } = task;
  if (memory instanceof SharedArrayBuffer) {
    return !task.wasm && !useWasm && memory.byteLength >= 8 * elements ? memory : undefined;
  }
  // A WebAssembly memory: the job would use one only when it wants the SIMD kernels and this thread
  // can compile them (the earlier task's memory is shared, as the module's import requires).
  if (!task.wasm || !useWasm || !(memory.buffer instanceof SharedArrayBuffer)) return undefined;
  if (memory.buffer.byteLength < 8 * elements) return undefined;
  return attachWasmKernels(memory, elements, true) === undefined ? undefined : memory;
}

/**
 * Runs member `member` of a task in the calling thread; returns when the factorization is done.
 * Every member 0 … members − 1 must run, each in its own thread at the same time (they wait for
 * each other at barriers); member 0 may run on a thread that can block (not a browser's main thread).
 * `options.input` writes the member's parts of the input when the job was created with `a = null`
 * (see {@link OrthogonalizeInput}).
 * @throws TypeError when `options.input` is missing for such a job or given for another; RangeError
 *   when the input holds a value that is not a finite number (every member throws); Error when
 *   another member failed (so that no member waits forever).
 */
export function runOrthogonalizeMember(
  task: OrthogonalizeTask,
  member: number,
  options?: OrthogonalizeMemberOptions,
): void {
  const { layout } = task;
  if (!Number.isSafeInteger(member) || member < 0 || member >= layout.members) {
    throw new RangeError(
      `runOrthogonalizeMember: member must be an integer in [0, ${layout.members}). Received: ${String(member)}.`,
    );
  }
  const input = readOptions('runOrthogonalizeMember', options, ['input']).input;
  if (task.memberInput ? typeof input !== 'function' : input !== undefined) {
    const rule = task.memberInput
      ? 'be a function (the job was created with a = null: the members write the input)'
      : 'be undefined (the job was created with the input)';
    throw new TypeError(argumentMessage('runOrthogonalizeMember', 'options.input', rule, input));
  }
  if (layout.m === 0 || layout.n === 0) return;
  const control = new Int32Array(task.control);
  const team: Team = {
    member,
    members: layout.members,
    sync: () => barrier(control, layout.members),
    claim: () => Atomics.add(control, CLAIMED, 1),
  };
  try {
    const workspace = attachWorkspace(kernelsOf(task), layout, member);
    if (task.memberInput) {
      writeInput(workspace, task, team, input as OrthogonalizeInput);
    } else if (task.transposed) {
      transposeStaged(workspace, team);
      team.sync();
      // Q's region must start zeroed (the accumulation relies on it); the leader factors the first
      // panel meanwhile.
      clearStaged(workspace, team);
    }
    accumulateQ(workspace, householderFactor(workspace, team), team);
    const { output } = task;
    if (output === undefined) {
      writeSignedQ(workspace, workspace.w, task.transposed, team);
    } else {
      const length = layout.m * layout.n;
      const view = output.float32
        ? new Float32Array(output.buffer, output.byteOffset, length)
        : new Float64Array(output.buffer, output.byteOffset, length);
      writeSignedQ(workspace, view, task.transposed, team, output.scale);
    }
  } catch (error) {
    Atomics.store(control, ABORTED, 1);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    throw error;
  }
}

/** Columns per claim of the input's transposition, and elements per claim of clearing Q's region. */
const TRANSPOSE_COLUMNS = 16;
const CLEAR_ELEMENTS = 1 << 16;
/**
 * Rows per claim when the members write a tall input: drawn into a scratch of this many rows (128
 * KiB at 1024 columns, in L2), then transposed, each column receiving two whole 64-byte runs.
 */
const INPUT_ROWS = 16;
/** Elements per claim when the members write a wide input (straight into the matrix). */
const INPUT_ELEMENTS = 1 << 15;

/**
 * The members' part of a `createOrthogonalizeTeam(null, …)` job: each writes the chunks of the
 * input it claims (a tall one through a scratch, transposed into the matrix; a wide one straight
 * into it) and records their largest magnitude; then, after a barrier, each scales the matrix as
 * `orthogonalize` does ({@link rangeScale} of the largest magnitude, a power of two, so that the
 * values equal those of the caller's copy) and clears Q's region if an earlier task left values in
 * it. The same order of operations as the copying path gives the same bits: the copy multiplied by
 * the scale, then moved.
 */
function writeInput(workspace: Workspace, task: OrthogonalizeTask, team: Team, input: OrthogonalizeInput): void {
  const { m, n, w, kernels } = workspace;
  const heap = kernels.heap;
  const { scratchOffset } = task.layout;
  let maxAbs = 0;
  if (task.transposed) {
    // The input is m × n row-major; the matrix is column-major with column j at j·m.
    const scratch = new Float64Array(INPUT_ROWS * n);
    for (let r0 = INPUT_ROWS * team.claim(); r0 < m; r0 = INPUT_ROWS * team.claim()) {
      const count = Math.min(INPUT_ROWS, m - r0);
      const chunk = count === INPUT_ROWS ? scratch : scratch.subarray(0, count * n);
      input(chunk, r0 * n);
      maxAbs = Math.max(maxAbs, largestMagnitude(chunk, r0 * n));
      for (let j = 0; j < n; j++) {
        const column = j * m + r0;
        for (let i = 0; i < count; i++) w[column + i] = chunk[i * n + j]!;
      }
    }
  } else {
    // The transpose is factored: its column-major copy is the row-major input as it stands.
    const end = m * n;
    for (let start = INPUT_ELEMENTS * team.claim(); start < end; start = INPUT_ELEMENTS * team.claim()) {
      const chunk = w.subarray(start, Math.min(start + INPUT_ELEMENTS, end));
      input(chunk, start);
      maxAbs = Math.max(maxAbs, largestMagnitude(chunk, start));
    }
  }
  // Each member's largest magnitude in its own kernel scratch, which no kernel has used yet.
  heap[scratchOffset + SCRATCH_PER_MEMBER * team.member] = maxAbs;
  team.sync();
  for (let other = 0; other < team.members; other++) {
    maxAbs = Math.max(maxAbs, heap[scratchOffset + SCRATCH_PER_MEMBER * other]!);
  }
  const scale = rangeScale(maxAbs);
  if (scale !== 1) {
    const end = m * n;
    for (let start = INPUT_ELEMENTS * team.claim(); start < end; start = INPUT_ELEMENTS * team.claim()) {
      const stop = Math.min(start + INPUT_ELEMENTS, end);
      for (let index = start; index < stop; index++) w[index]! *= scale;
    }
    team.sync();
  }
  // Q's region must start zeroed; the leader factors the first panel meanwhile. No barrier is
  // needed before the accumulation reads it: the factorization's barriers come first.
  if (task.reused) clearStaged(workspace, team);
}

/**
 * The largest magnitude in `chunk`, which holds the input's elements from `start`.
 * @throws RangeError at the first value that is not a finite number.
 */
function largestMagnitude(chunk: Float64Array, start: number): number {
  let maxAbs = 0;
  for (let index = 0; index < chunk.length; index++) {
    const magnitude = Math.abs(chunk[index]!);
    // False for NaN too.
    if (!(magnitude <= Number.MAX_VALUE)) {
      throw new RangeError(
        argumentMessage('runOrthogonalizeMember', `input element ${start + index}`, 'be a finite number', chunk[index]),
      );
    }
    if (magnitude > maxAbs) maxAbs = magnitude;
  }
  return maxAbs;
}

/** Transposes the row-major input staged in Q's region into the matrix, column chunks claimed. */
function transposeStaged(workspace: Workspace, team: Team): void {
  const { m, n, w, q } = workspace;
  for (let j0 = TRANSPOSE_COLUMNS * team.claim(); j0 < n; j0 = TRANSPOSE_COLUMNS * team.claim()) {
    transposeColumns(q, m, n, 1, w, j0, Math.min(j0 + TRANSPOSE_COLUMNS, n));
  }
}

/** Zeroes the staged input in Q's region, chunks claimed. */
function clearStaged(workspace: Workspace, team: Team): void {
  const { m, n, q } = workspace;
  const end = m * n;
  for (let start = CLEAR_ELEMENTS * team.claim(); start < end; start = CLEAR_ELEMENTS * team.claim()) {
    q.fill(0, start, Math.min(start + CLEAR_ELEMENTS, end));
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

const ABORTED_MESSAGE = 'runOrthogonalizeMember: another member of the team failed.';

/** A central barrier with a generation counter (sense reversal), spinning briefly before sleeping. */
function barrier(control: Int32Array, members: number): void {
  const generation = Atomics.load(control, GENERATION);
  // Read after the generation: a member that failed raised the flag before it moved the
  // generation, so a failure is either seen here or wakes the wait below.
  if (Atomics.load(control, ABORTED) !== 0) throw new Error(ABORTED_MESSAGE);
  if (Atomics.add(control, ARRIVED, 1) === members - 1) {
    // Everyone has stopped claiming: the next round counts from 0.
    Atomics.store(control, CLAIMED, 0);
    Atomics.store(control, ARRIVED, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
  } else {
    let spins = 0;
    while (Atomics.load(control, GENERATION) === generation) {
      if (++spins > SPINS) Atomics.wait(control, GENERATION, generation);
    }
  }
  if (Atomics.load(control, ABORTED) !== 0) throw new Error(ABORTED_MESSAGE);
}
