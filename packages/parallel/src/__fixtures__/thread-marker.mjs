// A setup module for the tests, in plain JavaScript because worker threads load it as it stands.
// ThreadMarker is registered when the module is imported; HalfOffset is handed over through the
// `classes` export. (Imported by the tests too, where @init/core resolves to its sources.)
import { threadId } from 'node:worker_threads';
import { registerInitializer } from '@init/core';
import { OptionlessInitializer } from './optionless-initializer.mjs';

/** Writes the id of the thread that filled each element (0 on the calling thread). */
export class ThreadMarker extends OptionlessInitializer {
  static className = 'ThreadMarker';
  generate(out) {
    out.fill(threadId);
  }
}

/**
 * ThreadMarker that waits, after marking its slice, until another thread's mark shows in the
 * output (at most 30 s): the workers claim the parts of a call as they come, so this is how a test
 * sees two of them take part whatever the timing. Only for outputs the workers write in place.
 */
export class ThreadMeeting extends OptionlessInitializer {
  static className = 'ThreadMeeting';
  generate(out) {
    // An empty request (the calling thread's check of the arguments) has no part to share.
    if (out.length === 0) return;
    out.fill(threadId);
    const whole = new Float32Array(out.buffer);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + 30_000;
    while (!whole.some((id) => id !== 0 && id !== threadId) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 1);
  }
}

registerInitializer(ThreadMarker);
registerInitializer(ThreadMeeting);

/** Element i of the full tensor is i + 0.5, so its slices are exact by construction. */
export class HalfOffset extends OptionlessInitializer {
  static className = 'HalfOffset';
  generate(out, request) {
    const full = request.fullShape;
    const offset = request.partition?.varOffset ?? full.map(() => 0);
    const strides = full.map((_, axis) => full.slice(axis + 1).reduce((a, b) => a * b, 1));
    const shape = request.shape;
    const index = shape.map(() => 0);
    for (let i = 0; i < out.length; i++) {
      let flat = 0;
      for (let axis = 0; axis < shape.length; axis++) flat += (index[axis] + offset[axis]) * strides[axis];
      out[i] = flat + 0.5;
      for (let axis = shape.length - 1; axis >= 0; axis--) {
        index[axis] += 1;
        if (index[axis] < shape[axis]) break;
        index[axis] = 0;
      }
    }
  }
}

export const classes = [HalfOffset];
