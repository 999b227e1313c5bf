// The module each worker thread runs: tinypool calls its default export once per task. It is plain
// JavaScript (not TypeScript) so that Node.js can load it as it stands, from the built package and
// from the sources alike; it imports @init/core's build. The task's shape is `FillTask` in task.ts.
//
// It keeps the setup modules it imported and the initializers it rebuilt, so the tasks of one
// tensor parse its config once per worker.
import { deserialize } from '@init/core';
import { runOrthogonalizeMember } from '@init/linalg';
import { SAMPLING_WORKSPACE_BYTES, withSamplingMemory } from '@init/random';
import { arrayClassOf } from './array-class.js';

/** @type {Map<string, Promise<import('@init/core').InitializerClass[]>>} */
const setups = new Map();
// Kept equal to SETUP_FAILED in parallel.ts.
const SETUP_FAILED = '@init/parallel: a setup module could not be imported: ';
/** @type {Map<string, import('@init/core').Initializer>} */
const initializers = new Map();
const MAX_CACHED = 64;
/** @type {Promise<void> | undefined} */
let svdEnabled;

/**
 * Enables `orthogonalize`'s method 'svd' in this worker, as the calling thread had (see
 * `FillTask.svd`): imported only then, so workers that never need ml-matrix never load it.
 */
function enableSvd() {
  svdEnabled ??= import('@init/linalg/svd').then((module) => module.enableSvd());
  return svdEnabled;
}

/** @param {string} url */
function importSetup(url) {
  let classes = setups.get(url);
  if (classes === undefined) {
    // A setup module registers its classes when imported, or exports them as `classes`.
    // A module that cannot be imported is reported with a mark the calling thread recognizes
    // (errors cross threads as name and message only), to name the `setup` option.
    classes = import(url).then(
      (module) => (Array.isArray(module.classes) ? module.classes : []),
      (error) => {
        throw new Error(`${SETUP_FAILED}${url} (${error instanceof Error ? error.message : String(error)})`);
      },
    );
    setups.set(url, classes);
  }
  return classes;
}

/**
 * The initializer `config` rebuilds with the setup modules' classes, kept per config and setup so
 * that the tasks of one tensor parse it once per worker.
 * @param {string} config
 * @param {readonly string[]} setup
 * @param {import('@init/core').InitializerClass[]} [classes] the setup modules' classes (imported)
 * @returns {import('@init/core').Initializer}
 */
function rebuilt(config, setup, classes = []) {
  const cacheKey = `${setup.join('\n')}\n${config}`;
  let initializer = initializers.get(cacheKey);
  if (initializer === undefined) {
    initializer = deserialize(JSON.parse(config), { classes });
    if (initializers.size >= MAX_CACHED) initializers.clear();
    initializers.set(cacheKey, initializer);
  }
  return initializer;
}

/**
 * Runs one task: a team member of Orthogonal's QR (`MemberTask`, which blocks this thread until
 * the whole team is done), or a fill (`FillTask`).
 * @param {import('./task.js').FillTask | import('./task.js').MemberTask} task
 * @returns {Promise<number>} the number of elements written (0 for a team member)
 */
export default async function run(task) {
  if ('kind' in task && task.kind === 'orthogonalize-member') {
    const options = task.source === undefined ? undefined : { input: matrixInput(task.source) };
    runOrthogonalizeMember(task.task, task.member, options);
    return 0;
  }
  return fill(/** @type {import('./task.js').FillTask} */ (task));
}

/**
 * How a team member draws its parts of the random matrix: `randomMatrix(fullShape, part, offset)` of
 * the seeded Orthogonal the config rebuilds (kept, as fills keep theirs), which equals the same
 * elements of the whole matrix the calling thread would draw.
 * @param {import('./task.js').MatrixSource} source
 * @returns {(out: Float64Array, start: number) => void}
 */
function matrixInput(source) {
  const orthogonal = /** @type {import('@init/core').Orthogonal} */ (rebuilt(source.config, []));
  return (out, start) => {
    orthogonal.randomMatrix(source.fullShape, out, start);
  };
}

/**
 * The workspace this worker took last (none before its first): it tries that one first, so that each
 * worker keeps one workspace from call to call and compiles its kernels for it once.
 * @type {number | undefined}
 */
let preferredWorkspace;

/**
 * Takes a free workspace of the output's memory (`task.workspacesTaken`: one flag per workspace, kept
 * with the memory, so that calls running at once into the same memory share them; then a count of
 * the workers that came): this worker's usual one if it is free, else the next free one; -1 when
 * other threads hold them all. A worker's first try is the next in turn, so that two workers do not
 * both start from the first workspace and swap later, each compiling a second module then (some 30 ms,
 * in the middle of a call). The caller clears the flag when done.
 * @param {Int32Array} taken
 */
function takeWorkspace(taken) {
  const workspaces = taken.length - 1;
  preferredWorkspace ??= Atomics.add(taken, workspaces, 1) % workspaces;
  for (let tried = 0; tried < workspaces; tried++) {
    const workspace = (preferredWorkspace + tried) % workspaces;
    if (Atomics.compareExchange(taken, workspace, 0, 1) === 0) {
      preferredWorkspace = workspace;
      return workspace;
    }
  }
  return -1;
}

/**
 * Fills the task's parts of the output: every part, or, when the task carries `claims`, the parts
 * it claims one at a time (shared with the other tasks of the call) until none is left, counting
 * each part it has written in `claims[1]` and waking the calling thread after the last one. Each
 * block of a part is an ordinary `fill` with partitionInfo, so its values are exactly that slice of
 * `apply(fullShape)` whichever worker fills it. Where the output lies in a memory made for outputs
 * (`task.memory`), the worker's kernels work in a workspace of it and store into the output directly.
 * @param {import('./task.js').FillTask} task
 * @returns {Promise<number>} the number of elements written
 */
async function fill(task) {
  if (task.svd) await enableSvd();
  const classes = (await Promise.all(task.setup.map(importSetup))).flat();
  const initializer = rebuilt(task.config, task.setup, classes);
  const ArrayClass = arrayClassOf(task.dtype);
  const { parts, claims, memory } = task;
  // The memory's own buffer: the kernels recognize the output by it.
  const out = new ArrayClass(memory?.buffer ?? task.buffer, task.byteOffset, task.length);
  let next = 0;
  const claim = claims === undefined ? () => next++ : () => Atomics.add(claims, 0, 1);
  const first = claim();
  // A worker that finds no part left never touches the memory: the call may have returned already.
  if (first >= parts.length) return 0;
  const fillParts = () => {
    let written = 0;
    for (let index = first; index < parts.length; index = claim()) {
      for (const block of parts[index]) {
        const varOffset = block.offset.map((at, axis) => at + task.offset[axis]);
        initializer.fill(out.subarray(block.start, block.start + block.size), block.shape, {
          dtype: task.dtype,
          partitionInfo: { fullShape: task.fullShape, varOffset },
        });
        written += block.size;
      }
      // The add orders this part's writes before the calling thread's read of the count (a
      // sequentially consistent atomic), so a count of parts.length means every value is in place.
      if (claims !== undefined && Atomics.add(claims, 1, 1) === parts.length - 1) Atomics.notify(claims, 1);
    }
    return written;
  };
  const taken = task.workspacesTaken;
  const workspace = memory === undefined || taken === undefined ? -1 : takeWorkspace(taken);
  if (workspace < 0) return fillParts();
  try {
    return withSamplingMemory(memory, workspace * SAMPLING_WORKSPACE_BYTES, fillParts);
  } finally {
    Atomics.store(taken, workspace, 0);
  }
}
