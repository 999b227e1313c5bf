// Orthogonal on several threads: the one initializer whose slices cannot be computed apart (every
// value depends on the whole matrix), so instead of cutting the output, the workers share the QR
// itself through @init/linalg's team functions. The values equal apply's bit for bit.
import { type DType, Orthogonal, serialize, type Tensor } from '@init/core';
import { createOrthogonalizeTeam, type OrthogonalizeTask, type OrthogonalizeTeamJob } from '@init/linalg';
import type { WorkerPool } from './pool.js';
import type { MatrixSource } from './task.js';

/**
 * Below this many matrix elements the barriers (one per 8-column panel) cost more than the second
 * thread saves: measured with `pnpm --filter @init/parallel bench` on the 2-core machine.
 */
export const ORTHOGONAL_MIN_ELEMENTS = 2 ** 16;

// Members of one team wait for each other at barriers, so two teams must never hold a worker each
// while waiting for the other's: team jobs run one at a time.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Shared memories of at most this many bytes are kept for the pool's next team (a 2048 × 2048
 * matrix's takes 67 MB), with the random matrix's array (half as large). Fresh memory costs a page
 * fault per 4 KiB on first touch, on the calling thread (drawing the matrix, copying it in) and in
 * the workers: about 10 ms of system time in a 1024 × 1024 call on the project's machine, which
 * the reuse saves.
 */
const SPARE_MAX_BYTES = 2 ** 27;

/**
 * What a pool's last finished team leaves for the next: its task, handed on as `reuse`, and the
 * array the random matrix was drawn into (`Orthogonal#randomMatrix`'s `out`). Keyed by the pool,
 * so `terminateWorkers` (which drops the pool) frees them too.
 */
interface Spare {
  readonly task: OrthogonalizeTask;
  /** Undefined when the members drew the matrix (the class itself, see withTeamOrthogonalized). */
  readonly matrix: Float64Array | undefined;
}
const spares = new WeakMap<WorkerPool, Spare>();

function byteLength(task: OrthogonalizeTask): number {
  return task.memory instanceof SharedArrayBuffer ? task.memory.byteLength : task.memory.buffer.byteLength;
}

/**
 * Runs `compute` (the initializer's `apply` or `fill`) with the orthogonal matrix computed by a team
 * of `pool.size` workers. `initializer` must be seeded (the caller makes a seeded copy of an
 * unseeded one, so exactly one key is drawn per call). The members also draw the random matrix,
 * each the rows it claims, straight into the shared memory (the stream is counter-based, so the
 * parts equal the whole draw's); for a subclass of Orthogonal the calling thread draws it.
 */
export async function withTeamOrthogonalized<T>(
  pool: WorkerPool,
  initializer: Orthogonal,
  fullShape: readonly number[],
  compute: () => T,
): Promise<T> {
  const job = await runTeam(pool, initializer, fullShape, undefined);
  try {
    return initializer.withOrthogonalized(job.result(), compute);
  } finally {
    // compute copied the values out (apply and fill store them in the output): the memory is free.
    job.release();
  }
}

/**
 * `initializer.apply(shape, dtype)` with the orthogonal matrix computed by a team, as
 * {@link withTeamOrthogonalized}. When the tensor is `gain · Q` as it stands (float32 or float64,
 * the columns on the last axis or PyTorch's layout, the class itself) the members write it
 * straight into the tensor's shared memory (`createOrthogonalizeTeam`'s `output`), which takes the
 * calling thread's copy out of the call; the values are the same, `gain · (sign · q)` rounded to
 * the dtype either way.
 */
export async function applyTeamOrthogonal(
  pool: WorkerPool,
  initializer: Orthogonal,
  shape: readonly number[],
  dtype: DType,
): Promise<Tensor> {
  const rowMajor =
    initializer.layout === 'torch' || initializer.columnAxis === -1 || initializer.columnAxis === shape.length - 1;
  if (initializer.constructor !== Orthogonal || !rowMajor || (dtype !== 'float32' && dtype !== 'float64')) {
    return withTeamOrthogonalized(pool, initializer, shape, () => initializer.apply(shape, dtype));
  }
  let size = 1;
  for (const dim of shape) size *= dim;
  const data =
    dtype === 'float32'
      ? new Float32Array(new SharedArrayBuffer(4 * size))
      : new Float64Array(new SharedArrayBuffer(8 * size));
  const job = await runTeam(pool, initializer, shape, { array: data, scale: initializer.gain });
  job.release();
  return Object.freeze({ shape: Object.freeze([...shape]), dtype, data });
}

/** A finished team's job; `release` hands its memory to the pool's next team. */
interface FinishedTeam {
  result(): Float64Array;
  release(): void;
}

/**
 * Runs a team over `initializer`'s random matrix for `fullShape` (see withTeamOrthogonalized), the
 * result written into `output` times its scale when given.
 */
async function runTeam(
  pool: WorkerPool,
  initializer: Orthogonal,
  fullShape: readonly number[],
  output: { readonly array: Float32Array | Float64Array; readonly scale: number } | undefined,
): Promise<FinishedTeam> {
  // Taken before the first await, so that no other call can be given the same memory.
  const spare = spares.get(pool);
  spares.delete(pool);
  const options = {
    reuse: spare?.task,
    ...(output === undefined ? {} : { output: output.array, outputScale: output.scale }),
  };
  let job: OrthogonalizeTeamJob;
  let source: MatrixSource | undefined;
  let matrix: Float64Array | undefined;
  if (initializer.constructor === Orthogonal) {
    // The members draw the matrix themselves, each its own rows straight into the shared memory,
    // from the seeded config (a subclass might draw otherwise, or be unknown in the workers).
    // An empty part: the matrix's size, checked as apply checks it, and nothing drawn.
    const { rows, cols } = initializer.randomMatrix(fullShape, new Float64Array(0), 0);
    job = createOrthogonalizeTeam(null, rows, cols, pool.size, options);
    source = { config: JSON.stringify(serialize(initializer)), fullShape: [...fullShape] };
    matrix = spare?.matrix;
  } else {
    let size = 1;
    for (const dim of fullShape) size *= dim;
    const out = spare !== undefined && spare.matrix?.length === size ? spare.matrix : undefined;
    const drawn = initializer.randomMatrix(fullShape, out);
    matrix = drawn.matrix;
    job = createOrthogonalizeTeam(matrix, drawn.rows, drawn.cols, pool.size, options);
  }
  const members = Array.from({ length: pool.size }, (_, member) => member);
  const run = queue.then(() => Promise.all(members.map((member) => pool.runMember(job.task, member, source))));
  queue = run.catch(() => undefined);
  await run;
  return {
    result: () => job.result(),
    release: () => {
      if (byteLength(job.task) <= SPARE_MAX_BYTES) spares.set(pool, { task: job.task, matrix });
    },
  };
}

/** Whether a team is worth starting for this initializer and output. */
export function teamWorthIt(initializer: Orthogonal, fullShape: readonly number[]): boolean {
  if (initializer.method !== 'qr' || fullShape.length < 2) return false;
  let size = 1;
  for (const dim of fullShape) size *= dim;
  return size >= ORTHOGONAL_MIN_ELEMENTS;
}
