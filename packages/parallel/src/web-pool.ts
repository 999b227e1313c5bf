// Browsers: a small pool of module Web Workers (web-worker.js), each running one task at a time
// from a first-in first-out queue. Written here rather than taken from a library: see the README
// ("Browsers") for the libraries measured against it.
import type { OrthogonalizeTask } from '@init/linalg';
import type { WorkerPool } from './pool.js';
import type { FillTask, MatrixSource, MemberTask } from './task.js';

/** The part of the Web Worker API used here (the project's TypeScript libs do not include the DOM). */
interface WebWorker {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerReply }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}
type WebWorkerConstructor = new (url: URL, options: { type: 'module'; name: string }) => WebWorker;

/** What a worker sends back: that it is ready, or the outcome of job `id`. */
type WorkerReply =
  | { readonly ready: true }
  | { readonly id: number; readonly buffer?: ArrayBuffer; readonly error?: { name: string; message: string } };

interface Job {
  readonly id: number;
  readonly task: FillTask | MemberTask;
  readonly transfer: readonly ArrayBuffer[];
  resolve(buffer: ArrayBuffer | undefined): void;
  reject(error: Error): void;
}

interface Host {
  Worker?: WebWorkerConstructor;
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}

/** Whether SharedArrayBuffer works across workers here: only in a cross-origin isolated page. */
export function sharedMemoryAvailable(): boolean {
  const host = globalThis as Host;
  return host.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/** The page's parallelism: `navigator.hardwareConcurrency`, at least 1. */
export function webParallelism(): number {
  return Math.max(1, (globalThis as Host).navigator?.hardwareConcurrency ?? 1);
}

/**
 * A pool of `size` module Web Workers, resolved
 * once every worker has loaded its module; undefined where workers cannot start (no `Worker`, a
 * Content-Security-Policy that forbids them, a bundle that left the worker module out). Then the
 * calling thread computes, with the same values.
 */
export async function createWebPool(size: number): Promise<WorkerPool | undefined> {
  const host = globalThis as Host;
  const WorkerClass = host.Worker;
  if (typeof WorkerClass !== 'function') return undefined;
  const threads: WebWorker[] = [];
  const started: Promise<void>[] = [];
  try {
    for (let index = 0; index < size; index++) {
      // Written out as `new Worker(new URL(…, import.meta.url))` so that bundlers (Vite, webpack,
      // Parcel) see the worker module and emit it beside the bundle.
      const worker = new WorkerClass(new URL('./web-worker.js', import.meta.url), {
        type: 'module',
        name: `@init/parallel ${index}`,
      });
      threads.push(worker);
      started.push(
        new Promise<void>((resolve, reject) => {
          worker.addEventListener('message', (event) => {
            if ('ready' in event.data) resolve();
          });
          worker.addEventListener('error', (event) => reject(new Error(event.message ?? 'the worker failed to load')));
        }),
      );
    }
    await Promise.all(started);
  } catch {
    for (const worker of threads) worker.terminate();
    return undefined;
  }
  return poolOf(threads, sharedMemoryAvailable());
}

function poolOf(threads: readonly WebWorker[], sharedMemory: boolean): WorkerPool {
  const queue: Job[] = [];
  const idle = [...threads];
  const running = new Map<WebWorker, Job>();
  let nextId = 0;
  let destroyed = false;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.shift() as WebWorker;
      const job = queue.shift() as Job;
      running.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task }, job.transfer);
    }
  };
  const settle = (worker: WebWorker, outcome: (job: Job) => void): void => {
    const job = running.get(worker);
    if (job === undefined) return;
    running.delete(worker);
    idle.push(worker);
    outcome(job);
    dispatch();
  };
  for (const worker of threads) {
    worker.addEventListener('message', ({ data }) => {
      if ('ready' in data) return;
      settle(worker, (job) => {
        if (data.error === undefined) job.resolve(data.buffer);
        else job.reject(Object.assign(new Error(data.error.message), { name: data.error.name }));
      });
    });
    // An uncaught failure inside the worker (not an error of the task, which comes back as a reply).
    worker.addEventListener('error', (event) =>
      settle(worker, (job) => job.reject(new Error(`@init/parallel worker: ${event.message ?? 'failed'}`))),
    );
    worker.addEventListener('messageerror', () =>
      settle(worker, (job) => job.reject(new Error('@init/parallel worker: a message could not be read'))),
    );
  }

  const submit = (task: FillTask | MemberTask, transfer: readonly ArrayBuffer[]): Promise<ArrayBuffer | undefined> =>
    new Promise((resolve, reject) => {
      if (destroyed) {
        reject(new Error('@init/parallel: the workers were terminated'));
        return;
      }
      queue.push({ id: nextId++, task, transfer, resolve, reject });
      dispatch();
    });

  return {
    size: threads.length,
    sharedMemory,
    run: async (task) => {
      // A buffer that is not shared is moved to the worker (no copy) and comes back the same way.
      const moved = task.buffer instanceof ArrayBuffer ? [task.buffer] : [];
      return (await submit(task, moved)) ?? task.buffer;
    },
    runMember: async (task: OrthogonalizeTask, member: number, source?: MatrixSource) => {
      await submit({ kind: 'orthogonalize-member', task, member, source }, []);
    },
    destroy: async () => {
      destroyed = true;
      for (const worker of threads) worker.terminate();
      const error = new Error('@init/parallel: the workers were terminated');
      for (const job of [...queue, ...running.values()]) job.reject(error);
      queue.length = 0;
      running.clear();
    },
  };
}
