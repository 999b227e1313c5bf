// A worker thread that runs team members for team.test.ts: it receives { task, member } and
// answers 'done' or the error's message. It says 'ready' first: a member blocks its thread, so the
// test must not start one before every worker has loaded (under tsx, loading may need this thread).
import { parentPort } from 'node:worker_threads';
import { runOrthogonalizeMember, type OrthogonalizeTask } from '../team.js';

parentPort?.on('message', ({ task, member }: { task: OrthogonalizeTask; member: number }) => {
  try {
    runOrthogonalizeMember(task, member);
    parentPort?.postMessage('done');
  } catch (error) {
    parentPort?.postMessage(error instanceof Error ? error.message : String(error));
  }
});
parentPort?.postMessage('ready');
