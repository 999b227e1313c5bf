// Node.js: worker_threads through tinypool (chosen over piscina by measurement, see the README).
import { Tinypool } from 'tinypool';
import type { WorkerPool } from './pool.js';
import type { FillTask, MemberTask } from './task.js';

/**
 * The Node.js options the workers get: the parent's (loaders, conditions, memory flags), less those
 * that only make sense for a main script and that a worker refuses (`node --input-type=module -e …`
 * would otherwise fail every worker with ERR_INPUT_TYPE_NOT_ALLOWED).
 */
export function workerExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const option = parent[i] as string;
    if (['-e', '--eval', '-p', '--print', '--input-type'].includes(option)) {
      i++; // and its value
      continue;
    }
    if (option.startsWith('--input-type=') || option.startsWith('--eval=') || option.startsWith('--print=')) continue;
    kept.push(option);
  }
  return kept;
}

export function createNodePool(size: number): WorkerPool {
  // worker.js sits beside this module in the build and in the sources.
  const filename = new URL('./worker.js', import.meta.url).href;
  const execArgv = workerExecArgv(process.execArgv);
  const pool = new Tinypool({ filename, execArgv, minThreads: size, maxThreads: size, idleTimeout: 30_000 });
  return {
    size,
    sharedMemory: true,
    run: async (task: FillTask) => {
      await pool.run(task);
      return task.buffer;
    },
    runMember: async (task, member, source) => {
      await pool.run({ kind: 'orthogonalize-member', task, member, source } satisfies MemberTask);
    },
    destroy: () => pool.destroy(),
  };
}
