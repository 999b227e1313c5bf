import {
  DTYPES,
  Initializer,
  InitRangeError,
  InitTypeError,
  MAX_BYTES,
  MAX_ELEMENTS,
  isDType,
  Orthogonal,
  RandomInitializer,
  argumentMessage,
  deserialize,
  serialize,
  type InitializerClass,
  type SerializedInitializer,
  type DType,
  type PartitionInfo,
  type Tensor,
  type TypedArray,
} from '@init/core';
import { isSvdEnabled } from '@init/linalg';
import {
  freshKey,
  isPlainObject,
  keyFromSeed,
  keyToString,
  quotedList,
  readOptions as readPlainOptions,
  typedArrayKind,
  type Key,
} from '@init/random';
import { blocksOfRange, shrinkingRanges, splitRange } from './blocks.js';
import { arrayClassOf } from './array-class.js';
import { applyTeamOrthogonal, teamWorthIt, withTeamOrthogonalized } from './orthogonal.js';
import { inOutputMemory, outputMemoryOf } from './output-memory.js';
import { workerPool, type Platform, type WorkerPool } from './pool.js';

/**
 * The fewest elements worth sending to workers. Measured with `pnpm --filter @init/parallel bench`
 * on the 2-core machine (its threshold table, normal float32, two workers against the calling
 * thread): 2^18 elements took 0.55–0.87× as long on the calling thread in three runs, 2^20 about the
 * same (0.78–1.29×), 2^22 less (1.19–1.48×). A worker's fill of a small part pays its own fixed
 * costs (the task, the key, its JIT and WebAssembly tiers warming up apart from the calling
 * thread's), so the crossing lies near 2^20, not where the ~100 µs round trip alone would put it.
 */
export const PARALLEL_MIN_ELEMENTS = 2 ** 20;

/**
 * The most worker threads a call may ask for. Each worker is a V8 isolate of some 10 MB that starts
 * in tens of milliseconds, so more threads than any machine has cores only add memory and start-up
 * time; a count such as 2^31 (a misplaced size) would exhaust memory before the first one ran.
 */
const MAX_WORKERS = 1024;

// How a shared output is cut: into parts that the workers claim one at a time from a shared
// counter, shrinking as they go (see shrinkingRanges), so that a worker slowed by other work on the
// machine leaves the rest to the others and all end together. Each part costs a few microseconds
// to start (a fill call); none is smaller than PART_MIN elements.
const PART_MIN = 2 ** 16;
// A smaller tensor (sent to the workers only when minElements is lowered) is cut into at least
// about this many parts per worker, down to GRAIN elements each.
const PARTS_LEAST = 16;
// Without shared memory (a browser page that is not cross-origin isolated) each part is a task of
// its own, whose range travels to its worker and back: fewer, since each costs a message round trip.
const TASKS_PER_WORKER = 4;
// Every part starts on a multiple of 1024 elements: whole 256-element blocks of the random stream
// and whole cache lines for every dtype.
const GRAIN = 1024;

/** Options of {@link applyParallel}. */
export interface ParallelOptions {
  /** The dtype to make; defaults to the initializer's dtype. */
  readonly dtype?: DType;
  /**
   * How many worker threads fill the tensor. Default: the machine's parallelism
   * (`os.availableParallelism()` on Node.js, `navigator.hardwareConcurrency` in a browser). 1 (or
   * 0) fills on the calling thread.
   */
  readonly workers?: number;
  /**
   * Module URLs (or, on Node.js, absolute file paths; in a browser, URLs relative to the page)
   * each worker imports before it rebuilds the initializer: where a
   * class of your own is registered (`registerInitializer(MyInit)` at the module's top level) or
   * exported as `export const classes = [MyInit]`. Built-in classes need none.
   */
  readonly setup?: string | URL | readonly (string | URL)[];
  /** Tensors with fewer elements are filled on the calling thread. Default {@link PARALLEL_MIN_ELEMENTS}. */
  readonly minElements?: number;
}

/** Options of {@link fillParallel}. */
export interface FillParallelOptions extends ParallelOptions {
  /** Where `out` sits in the full tensor, as in `Initializer.fill`. */
  readonly partitionInfo?: PartitionInfo;
}

/**
 * The signature of `applyParallel`, the same in both entries (node.ts and browser.ts bind their
 * platform to {@link applyParallelOn}): one declaration file serves both.
 */
export type ApplyParallel = (
  initializer: Initializer,
  shape: readonly number[],
  options?: ParallelOptions,
) => Promise<Tensor>;

/** The signature of `fillParallel`, the same in both entries (see {@link ApplyParallel}). */
export type FillParallel = (
  initializer: Initializer,
  out: TypedArray,
  shape: readonly number[],
  options?: FillParallelOptions,
) => Promise<void>;

/** The signature of `sharedArray`, the same in both entries (see {@link ApplyParallel}). */
export type SharedArray = (dtype: DType, length: number) => TypedArray;

/**
 * `sharedArray` on `platform`: `length` elements of `dtype` in a shared WebAssembly memory with a
 * workspace for each of the platform's default number of workers before them (output-memory.ts);
 * where none can be made, in a SharedArrayBuffer, or an ArrayBuffer where that is missing too.
 */
export function sharedArrayOn(platform: Platform, dtype: DType, length: number): TypedArray {
  if (!isDType(dtype)) {
    throw new InitTypeError(
      argumentMessage('sharedArray', 'dtype', `be one of ${quotedList(DTYPES)}`, dtype),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  const ArrayClass = arrayClassOf(dtype);
  const bytes = Number.isSafeInteger(length) ? length * ArrayClass.BYTES_PER_ELEMENT : Number.NaN;
  if (!Number.isSafeInteger(length) || length < 0 || length > MAX_ELEMENTS || !(bytes <= MAX_BYTES)) {
    throw new InitRangeError(
      argumentMessage(
        'sharedArray',
        'length',
        `be an integer from 0 to ${MAX_ELEMENTS} whose ${dtype} elements take at most ${MAX_BYTES} bytes`,
        length,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // A page that is not cross-origin isolated has no SharedArrayBuffer, and its workers get moved buffers.
  if (typeof SharedArrayBuffer !== 'function') return new ArrayClass(new ArrayBuffer(bytes), 0, length);
  return (
    inOutputMemory(dtype, length, platform.parallelism()) ?? new ArrayClass(new SharedArrayBuffer(bytes), 0, length)
  );
}

/**
 * `applyParallel` on `platform`: `initializer.apply(shape, dtype)` computed by the platform's
 * workers (see the entries, node.ts and browser.ts, for the public documentation).
 */
export async function applyParallelOn(
  platform: Platform,
  initializer: Initializer,
  givenShape: readonly number[],
  options?: ParallelOptions,
): Promise<Tensor> {
  const settings = readOptions(platform, 'applyParallel', initializer, options, PARALLEL_OPTIONS);
  const shape = readOnce(givenShape);
  // A dtype given as null is refused by apply below, not read as "the default".
  const dtype = settings.dtype === undefined ? initializer.dtype : settings.dtype;
  const size = plainSize(shape);
  const pool = size === undefined ? undefined : await poolFor(platform, initializer, size, shape, settings);
  if (size === undefined || pool === undefined) return initializer.apply(shape, dtype);
  // The calling thread checks dtype and shape exactly as apply does, on an empty slice.
  probeOf(initializer).apply(emptyRows(shape), dtype, { fullShape: shape, varOffset: shape.map(() => 0) });
  if (initializer instanceof Orthogonal) {
    const seeded = seededForCall(initializer);
    return applyTeamOrthogonal(pool, seeded, shape, dtype);
  }
  const config = configForCall(initializer);
  const ArrayClass = arrayClassOf(dtype);
  const bytes = size * ArrayClass.BYTES_PER_ELEMENT;
  // A buffer of its own (not sharedArray's memory), whose bytes are the tensor's and nothing else.
  const data = new ArrayClass(pool.sharedMemory ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), 0, size);
  await onWorkers('applyParallel', settings.setup, () =>
    fillOn(pool, config, data, shape, dtype, undefined, settings.setup),
  );
  return Object.freeze({ shape: Object.freeze([...shape]), dtype, data });
}

/** `fillParallel` on `platform` (see `applyParallelOn`). */
export async function fillParallelOn(
  platform: Platform,
  initializer: Initializer,
  out: TypedArray,
  givenShape: readonly number[],
  options?: FillParallelOptions,
): Promise<void> {
  const settings = readOptions(platform, 'fillParallel', initializer, options, FILL_PARALLEL_OPTIONS);
  const shape = readOnce(givenShape);
  const { dtype, partitionInfo } = settings;
  const fillOptions = {
    ...(dtype === undefined ? {} : { dtype }),
    ...(partitionInfo === undefined ? {} : { partitionInfo }),
  };
  const size = plainSize(shape);
  // Anything but a typed array of the right length goes to fill, which names what is wrong with it.
  const valid =
    size !== undefined &&
    typedArrayKind(out) !== undefined &&
    out.length === size &&
    (partitionInfo === undefined || plainPartition(shape, partitionInfo));
  const pool = valid
    ? await poolFor(platform, initializer, size, partitionInfo?.fullShape ?? shape, settings)
    : undefined;
  if (!valid || pool === undefined) {
    initializer.fill(out, shape, fillOptions);
    return;
  }
  // The calling thread checks dtype, out and partition exactly as fill does, on an empty slice.
  const fullShape = partitionInfo?.fullShape ?? shape;
  const offset = partitionInfo?.varOffset ?? shape.map(() => 0);
  probeOf(initializer).fill(out.subarray(0, 0) as TypedArray, emptyRows(shape), {
    ...fillOptions,
    partitionInfo: { fullShape, varOffset: offset },
  });
  if (initializer instanceof Orthogonal) {
    const seeded = seededForCall(initializer);
    await withTeamOrthogonalized(pool, seeded, fullShape, () => seeded.fill(out, shape, fillOptions));
    return;
  }
  const config = configForCall(initializer);
  const resolved = dtype ?? dtypeOfArray(out, initializer.dtype);
  if (isShared(out.buffer) || !pool.sharedMemory) {
    await onWorkers('fillParallel', settings.setup, () =>
      fillOn(pool, config, out, shape, resolved, partitionInfo, settings.setup),
    );
    return;
  }
  // Node.js workers write only into shared memory: a shared scratch of out's size, then one copy.
  const ArrayClass = arrayClassOf(resolved);
  const scratch = new ArrayClass(new SharedArrayBuffer(out.byteLength), 0, out.length);
  await onWorkers('fillParallel', settings.setup, () =>
    fillOn(pool, config, scratch, shape, resolved, partitionInfo, settings.setup),
  );
  out.set(scratch as never);
}

const PARALLEL_OPTIONS = ['dtype', 'workers', 'setup', 'minElements'] as const;
const FILL_PARALLEL_OPTIONS = ['dtype', 'workers', 'setup', 'minElements', 'partitionInfo'] as const;

interface Settings {
  /** The dtype option, as read (undefined: the initializer's, or what out implies). */
  readonly dtype: DType | undefined;
  /** fillParallel's partitionInfo, as read. */
  readonly partitionInfo: PartitionInfo | undefined;
  /** Undefined: as many as the machine has. */
  readonly workers: number | undefined;
  readonly setup: readonly string[];
  readonly minElements: number;
}

function readOptions(
  platform: Platform,
  where: string,
  initializer: Initializer,
  options: unknown,
  keys: readonly string[],
): Settings {
  if (!(initializer instanceof Initializer)) {
    throw new InitTypeError(
      argumentMessage(where, 'initializer', 'be an Initializer', initializer),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // The shared rules: a plain object or undefined, known keys only (the closest suggested), each
  // value read once into the copy used from here on.
  const read = readPlainOptions(where, options, keys) as Partial<FillParallelOptions>;
  const { workers, minElements, setup } = read;
  if (workers !== undefined && (!Number.isSafeInteger(workers) || workers < 0 || workers > MAX_WORKERS)) {
    throw new InitRangeError(
      argumentMessage(where, 'workers', `be an integer from 0 to ${MAX_WORKERS}`, workers),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (minElements !== undefined && (!Number.isSafeInteger(minElements) || minElements < 0)) {
    throw new InitRangeError(
      argumentMessage(where, 'minElements', 'be a non-negative integer', minElements),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const modules = setup === undefined ? [] : typeof setup === 'string' || setup instanceof URL ? [setup] : setup;
  if (!Array.isArray(modules) || !modules.every((entry) => typeof entry === 'string' || entry instanceof URL)) {
    throw new InitTypeError(
      argumentMessage(where, 'setup', 'be a module URL or path, or an array of them', setup),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return {
    workers,
    setup: modules.map((entry) => platform.moduleUrl(entry)),
    minElements: minElements ?? PARALLEL_MIN_ELEMENTS,
    dtype: read.dtype,
    partitionInfo: partitionOnce(read.partitionInfo),
  };
}

/**
 * A shape as read once: an array's elements copied (each read once, so a getter or a Proxy cannot
 * hand the size check one shape and the fill another); anything else as it is, for `apply` and
 * `fill` to refuse with their own message.
 */
function readOnce<T>(shape: T): T {
  return (Array.isArray(shape) ? Array.from(shape as unknown[]) : shape) as T;
}

/** `partitionInfo` as read once: each key read once, its two shapes copied as {@link readOnce} does. */
function partitionOnce(partitionInfo: PartitionInfo | undefined): PartitionInfo | undefined {
  if (!isPlainObject(partitionInfo)) return partitionInfo;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(partitionInfo)) copy[key] = readOnce(partitionInfo[key]);
  return copy as unknown as PartitionInfo;
}

/**
 * The pool to use, or undefined when the calling thread should do the work: too small, one worker,
 * no worker support here, or an initializer whose values cannot be cut into independent slices
 * cheaply (a sequential stream, or a whole-matrix algorithm).
 */
async function poolFor(
  platform: Platform,
  initializer: Initializer,
  size: number,
  fullShape: readonly number[],
  settings: Settings,
): Promise<WorkerPool | undefined> {
  if (settings.workers !== undefined && settings.workers <= 1) return undefined;
  // Orthogonal computes the whole matrix for any slice, so its size is the full shape's, and the
  // workers share the QR instead of slices (see orthogonal.ts).
  if (initializer instanceof Orthogonal) {
    if (!teamWorthIt(initializer, fullShape)) return undefined;
  } else if (size < Math.max(settings.minElements, 1)) return undefined;
  // Engines other than the counter-based one draw a tensor in sequence and refuse slices.
  const engine = (initializer as { engine?: unknown }).engine;
  if (engine !== undefined && engine !== 'counter') return undefined;
  const pool = await workerPool(platform, settings.workers);
  if (pool === undefined || pool.size <= 1) return undefined;
  // The team shares one matrix in shared memory; without it (a browser page that is not
  // cross-origin isolated) Orthogonal stays on the calling thread.
  return initializer instanceof Orthogonal && !pool.sharedMemory ? undefined : pool;
}

/**
 * Fills `out` (the elements of `shape`, placed in the full tensor by `partitionInfo`) on the pool's
 * workers. A shared `out` is written in place: one task per worker, whose workers claim its parts
 * from a shared counter (see PART_MIN). Otherwise (a browser page without cross-origin
 * isolation) each task's range travels in a buffer of its own, moved to its worker and back
 * without a copy, and is copied into place as it returns: the only extra memory is the ranges in
 * flight, and the copy costs a fraction of a nanosecond per element.
 */
async function fillOn(
  pool: WorkerPool,
  config: string,
  out: TypedArray,
  shape: readonly number[],
  dtype: DType,
  partitionInfo: PartitionInfo | undefined,
  setup: readonly string[],
): Promise<void> {
  const common = {
    config,
    setup,
    svd: isSvdEnabled(),
    dtype,
    fullShape: partitionInfo?.fullShape ?? shape,
    offset: partitionInfo?.varOffset ?? shape.map(() => 0),
  };
  if (isShared(out.buffer)) {
    // One task per worker; the tasks share the parts through one counter (see PART_MIN).
    const { buffer, byteOffset, length } = out;
    const least = Math.min(PART_MIN, length / (PARTS_LEAST * pool.size));
    const parts = shrinkingRanges(length, pool.size, GRAIN, least).map(([start, end]) =>
      blocksOfRange(shape, start, end),
    );
    // Where out lies in a memory made for outputs, the workers' kernels store into it directly.
    const output = outputMemoryOf(out);
    // [parts claimed, parts written] (see FillTask.claims).
    const claims = new Int32Array(new SharedArrayBuffer(8));
    const task = {
      ...common,
      buffer,
      byteOffset,
      length,
      parts,
      claims,
      ...(output === undefined ? {} : { memory: output.memory, workspacesTaken: output.taken }),
    };
    const tasks = Promise.all(Array.from({ length: Math.min(pool.size, parts.length) }, () => pool.run(task)));
    await allWritten(claims, parts.length, tasks);
    return;
  }
  const ArrayClass = arrayClassOf(dtype);
  const ranges = splitRange(out.length, pool.size * TASKS_PER_WORKER, GRAIN);
  await Promise.all(
    ranges.map(async ([start, end]) => {
      const length = end - start;
      const blocks = blocksOfRange(shape, start, end).map((block) => ({ ...block, start: block.start - start }));
      const buffer = new ArrayBuffer(length * out.BYTES_PER_ELEMENT);
      const filled = await pool.run({ ...common, buffer, byteOffset: 0, length, parts: [blocks] });
      out.set(new ArrayClass(filled, 0, length) as never, start);
    }),
  );
}

/** `Atomics.waitAsync` (ES2024; the project's TypeScript libs are ES2022), where the engine has it. */
type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };

/**
 * Resolves when the workers have written all `count` parts (`claims[1]` reaches `count`), or as soon
 * as `tasks` (the workers' tasks) settles, which rejects with a worker's error. The worker that writes
 * the last part wakes this thread through the shared counter: about 0.1 ms on the 2-core machine,
 * where waiting for the tasks' replies took some 0.4 ms more (see the README's Scheduling). Engines
 * without `Atomics.waitAsync` wait for the replies.
 */
async function allWritten(claims: Int32Array, count: number, tasks: Promise<unknown>): Promise<void> {
  const waitAsync = (Atomics as { waitAsync?: WaitAsync }).waitAsync;
  if (typeof waitAsync !== 'function') {
    await tasks;
    return;
  }
  const written = (async () => {
    for (let seen = Atomics.load(claims, 1); seen < count; seen = Atomics.load(claims, 1)) {
      const wait = waitAsync(claims, 1, seen);
      if (wait.async) await wait.value;
    }
  })();
  try {
    // A task's later failure (the pool terminated while it replied) is handled by the race, and the
    // values are all written by then.
    await Promise.race([tasks, written]);
  } finally {
    // After a task failed, the waiter above would wait forever: end it.
    if (Atomics.load(claims, 1) < count) {
      Atomics.store(claims, 1, count);
      Atomics.notify(claims, 1);
    }
  }
}

// How worker.js marks a setup module it could not import (kept equal there).
const SETUP_FAILED = '@init/parallel: a setup module could not be imported: ';

/**
 * Runs `work` on the workers; a failure the workers report about `setup` (a module they cannot
 * import, or a class of the caller's that no setup module makes known) becomes our error naming
 * the option, as every other bad option is. Errors cross threads as name and message only, so they
 * are recognized by their message.
 */
async function onWorkers<T>(where: string, setup: readonly string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(SETUP_FAILED)) {
      throw new InitTypeError(
        argumentMessage(
          where,
          'setup',
          `name modules the workers can import (${message.slice(SETUP_FAILED.length)})`,
          setup,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const unknown = /^deserialize: className must name a registered initializer .*Received: (.*)\.$/s.exec(message);
    if (unknown !== null) {
      throw new InitTypeError(
        argumentMessage(
          where,
          'setup',
          `import a module that registers or exports the class ${unknown[1]} in the workers (classes of your own need one)`,
          setup,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    throw error;
  }
}

/** Whether `buffer` is shared memory (SharedArrayBuffer is missing from pages that are not isolated). */
function isShared(buffer: ArrayBufferLike): buffer is SharedArrayBuffer {
  return typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
}

// An unseeded random initializer draws a fresh key per call (apply's `callKey`).
function isUnseeded(initializer: Initializer): boolean {
  return initializer instanceof RandomInitializer && initializer.seed === undefined;
}

function withSeed(initializer: Initializer, key: Key): SerializedInitializer {
  const serialized = serialize(initializer);
  return { className: serialized.className, config: { ...serialized.config, seed: { key: keyToString(key) } } };
}

/**
 * The initializer the calling thread checks the arguments with. For an unseeded one, a seeded copy:
 * checking with the original would draw a key, and a call must draw exactly one, as apply does.
 */
function probeOf(initializer: Initializer): Initializer {
  return seededCopy(initializer, () => keyFromSeed(0));
}

/**
 * The initializer itself when seeded; for an unseeded one, a seeded copy with this call's fresh
 * key, drawn once here as apply would draw it.
 */
function seededForCall<I extends Initializer>(initializer: I): I {
  return seededCopy(initializer, freshKey);
}

/** The initializer itself when seeded, else a copy seeded with `key()` (drawn only then). */
function seededCopy<I extends Initializer>(initializer: I, key: () => Key): I {
  if (!isUnseeded(initializer)) return initializer;
  const classes = [initializer.constructor as InitializerClass];
  return deserialize(withSeed(initializer, key()), { classes }) as I;
}

/**
 * The initializer's config for the workers, as JSON. An unseeded initializer's key for this call is
 * drawn here, once (so `setGlobalSeed` sequences stay as `apply` makes them), and every worker uses it.
 */
function configForCall(initializer: Initializer): string {
  return JSON.stringify(isUnseeded(initializer) ? withSeed(initializer, freshKey()) : serialize(initializer));
}

/** The size of a plain valid shape, or undefined (then the calling thread reports the error). */
function plainSize(shape: unknown): number | undefined {
  if (!Array.isArray(shape) || shape.length === 0) return undefined;
  let size = 1;
  for (const dim of shape) {
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) return undefined;
    size *= dim;
  }
  return size <= MAX_ELEMENTS ? size : undefined;
}

function plainPartition(shape: readonly number[], partitionInfo: unknown): boolean {
  if (typeof partitionInfo !== 'object' || partitionInfo === null) return false;
  const { fullShape, varOffset } = partitionInfo as Partial<PartitionInfo>;
  if (!Array.isArray(fullShape) || !Array.isArray(varOffset)) return false;
  if (fullShape.length !== shape.length || varOffset.length !== shape.length) return false;
  let fullSize = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const full: unknown = fullShape[axis];
    const offset: unknown = varOffset[axis];
    if (typeof full !== 'number' || !Number.isSafeInteger(full) || full < 0) return false;
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) return false;
    if (offset + (shape[axis] as number) > full) return false;
    fullSize *= full;
  }
  return fullSize <= Number.MAX_SAFE_INTEGER;
}

/** The shape with no rows: a request that checks everything but writes nothing. */
function emptyRows(shape: readonly number[]): number[] {
  return shape.map((dim, axis) => (axis === 0 ? 0 : dim));
}

/** The dtype `fill` infers for `out` (already checked by the empty request). */
function dtypeOfArray(out: TypedArray, preferred: DType): DType {
  // By the array's kind, not instanceof: an array of another realm (an iframe, a vm context) is
  // not an instance of this realm's Float32Array, and was filled as uint8.
  const kind = typedArrayKind(out);
  if (kind === arrayClassOf(preferred).name) return preferred;
  if (kind === 'Float32Array') return 'float32';
  if (kind === 'Float64Array') return 'float64';
  if (kind === 'Int32Array') return 'int32';
  return 'uint8';
}
