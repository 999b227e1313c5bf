// The module each Web Worker runs (browsers; see web-pool.ts). Plain JavaScript, like worker.js,
// so that a bundler or a dev server loads it as it stands. It answers each `{ id, task }` message
// with `{ id }`, or `{ id, buffer }` moving back a task buffer that is not shared, or
// `{ id, error }`; the task itself runs exactly as on a Node.js worker thread (worker.js).
import run from './worker.js';

/** @param {MessageEvent<{ id: number, task: import('./task.js').FillTask | import('./task.js').MemberTask }>} event */
async function answer(event) {
  const { id, task } = event.data;
  try {
    await run(task);
    if ('buffer' in task && task.buffer instanceof ArrayBuffer) {
      self.postMessage({ id, buffer: task.buffer }, [task.buffer]);
    } else {
      self.postMessage({ id });
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    self.postMessage({ id, error: { name, message } });
  }
}

self.addEventListener('message', answer);
self.postMessage({ ready: true });
