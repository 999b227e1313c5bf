// A worker thread that runs team members for team.test.ts: it receives { task, member, source? }
// and answers 'done' or the error's message. With `source` (the whole input, in a
// SharedArrayBuffer), the member writes its parts of the input itself, copied from there. It says 'ready' first: a member blocks its thread, so the
// test must not start one before every worker has loaded (under tsx, loading may need this thread).
import { parentPort } from 'node:worker_threads';
import { runOrthogonalizeMember, type OrthogonalizeTask } from '../team.js';

interface Message {
  readonly task: OrthogonalizeTask;
  readonly member: number;
  readonly source?: Float64Array;
}

parentPort?.on('message', ({ task, member, source }: Message) => {
  try {
    if (source === undefined) runOrthogonalizeMember(task, member);
    else runOrthogonalizeMember(task, member, { input: copyFrom(source) });
    parentPort?.postMessage('done');
  } catch (error) {
    parentPort?.postMessage(error instanceof Error ? error.message : String(error));
  }
});
parentPort?.postMessage('ready');

/** An input function that copies the requested elements from `source`. */
function copyFrom(source: Float64Array): (out: Float64Array, start: number) => void {
  return (out, start) => out.set(source.subarray(start, start + out.length));
}
