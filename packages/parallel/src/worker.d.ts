import type { FillTask, MemberTask } from './task.js';

/** Runs one task on this thread (worker.js): returns the number of elements written. */
export default function run(task: FillTask | MemberTask): Promise<number>;
