// The worker pool of the platform we run on, made when a fill is big enough to need it. The two
// entries of the package (index.ts for Node.js, index.browser.ts for browsers) each bring their own
// platform, so a browser bundle never carries worker_threads code and Node.js never loads the Web
// Worker one.
import type { OrthogonalizeTask } from '@init/linalg';
import type { FillTask, MatrixSource } from './task.js';

/** A set of worker threads that run fill tasks. */
export interface WorkerPool {
  /** How many workers run tasks at once. */
  readonly size: number;
  /**
   * Whether the workers can write into a SharedArrayBuffer that the calling thread reads (always on
   * Node.js; in a browser only when the page is cross-origin isolated). Without it each task's
   * buffer is moved to its worker and back, and the calling thread copies it into the output.
   */
  readonly sharedMemory: boolean;
  /**
   * Runs one task on some worker; resolves to the buffer that holds the values: `task.buffer`
   * itself when shared, or the moved buffer that came back from the worker.
   */
  run(task: FillTask): Promise<ArrayBufferLike>;
  /**
   * Runs member `member` of an orthogonalization team on some worker (see @init/linalg); with
   * `source`, the member draws its parts of the random matrix itself.
   */
  runMember(task: OrthogonalizeTask, member: number, source?: MatrixSource): Promise<void>;
  /** Ends the workers. */
  destroy(): Promise<void>;
}

/** What differs between Node.js and browsers: how workers start and how module URLs read. */
export interface Platform {
  /** A pool of `workers` workers, or undefined where workers cannot start here. */
  createPool(workers: number): Promise<WorkerPool | undefined>;
  /** A URL string for `import()` in a worker, from what the caller passed as `setup`. */
  moduleUrl(entry: string | URL): string;
  /** How many workers a pool has when the caller does not say: the machine's parallelism. */
  parallelism(): number;
}

let current: Promise<WorkerPool | undefined> | undefined;
let currentWorkers: number | undefined;
let currentPlatform: Platform | undefined;

/**
 * The pool with `workers` workers (the platform's parallelism when undefined), made on first use and
 * kept for later calls; asking for another count replaces it. Undefined where workers are missing.
 */
export async function workerPool(platform: Platform, workers: number | undefined): Promise<WorkerPool | undefined> {
  if (current !== undefined && currentWorkers === workers && currentPlatform === platform) return current;
  const previous = current;
  currentWorkers = workers;
  currentPlatform = platform;
  current = (async () => {
    await (await previous)?.destroy();
    return platform.createPool(workers ?? platform.parallelism());
  })();
  return current;
}

/**
 * Ends the worker threads that `applyParallel` and `fillParallel` keep between calls. Idle workers
 * never keep a Node.js process alive, so this is only needed to free their memory early; the next
 * call starts new ones.
 */
export async function terminateWorkers(): Promise<void> {
  const previous = current;
  current = undefined;
  currentWorkers = undefined;
  currentPlatform = undefined;
  await (await previous)?.destroy();
}
