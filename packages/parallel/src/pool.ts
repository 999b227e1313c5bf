// The worker pool of the platform we run on, loaded only when a fill is big enough to need it.
import type { OrthogonalizeTask } from '@init/linalg';
import type { FillTask } from './task.js';

/** A set of worker threads that run fill tasks. */
export interface WorkerPool {
  /** How many workers run tasks at once. */
  readonly size: number;
  /** Runs one task on some worker; resolves to the number of elements written. */
  run(task: FillTask): Promise<number>;
  /** Runs member `member` of an orthogonalization team on some worker (see @init/linalg). */
  runMember(task: OrthogonalizeTask, member: number): Promise<void>;
  /** Ends the workers. */
  destroy(): Promise<void>;
}

let current: Promise<WorkerPool | undefined> | undefined;
let currentWorkers: number | undefined;

function isNode(): boolean {
  const host = globalThis as { process?: { versions?: { node?: string } } };
  return typeof host.process?.versions?.node === 'string';
}

/**
 * The pool with `workers` workers (the machine's parallelism when undefined), made on first use and
 * kept for later calls; asking for another count replaces it. Undefined where workers are missing.
 */
export async function workerPool(workers: number | undefined): Promise<WorkerPool | undefined> {
  if (current !== undefined && currentWorkers === workers) return current;
  const previous = current;
  currentWorkers = workers;
  current = (async () => {
    await (await previous)?.destroy();
    if (!isNode()) return undefined;
    const { createNodePool } = await import('./node-pool.js');
    return createNodePool(workers);
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
  await (await previous)?.destroy();
}
