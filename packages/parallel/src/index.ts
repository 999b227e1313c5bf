export { applyParallel, fillParallel, sharedArray } from './node.js';
export { PARALLEL_MIN_ELEMENTS, type FillParallelOptions, type ParallelOptions } from './parallel.js';
export { terminateWorkers } from './pool.js';
