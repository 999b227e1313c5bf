// The Node.js side of @init/parallel: worker_threads through tinypool, loaded only when a fill is
// big enough to need workers.
import { availableParallelism } from 'node:os';
import {
  applyParallelOn,
  fillParallelOn,
  sharedArrayOn,
  type ApplyParallel,
  type FillParallel,
  type SharedArray,
} from './parallel.js';
import type { Platform } from './pool.js';

/** Node.js: worker_threads through tinypool; `setup` paths may be absolute file paths. */
export const nodePlatform: Platform = {
  async createPool(workers) {
    const { createNodePool } = await import('./node-pool.js');
    return createNodePool(workers);
  },
  parallelism: availableParallelism,
  moduleUrl(entry) {
    if (entry instanceof URL) return entry.href;
    // Absolute paths become file URLs (Windows drive paths too); anything else is a URL or a bare
    // specifier, which the worker resolves as it stands.
    if (entry.startsWith('/')) return new URL(`file://${encodeURI(entry)}`).href;
    if (/^[A-Za-z]:[\\/]/.test(entry)) return new URL(`file:///${encodeURI(entry.replaceAll('\\', '/'))}`).href;
    return entry;
  },
};

/**
 * `initializer.apply(shape, dtype)` computed on several threads: the same values, bit for bit, for
 * any worker count. The result's data is backed by a SharedArrayBuffer when workers filled it.
 *
 * Each worker rebuilds the initializer from `serialize(initializer)` and fills a contiguous range
 * of the output as `partitionInfo` slices, so classes of your own must be known in the worker (see
 * `setup`). Small tensors and engine `'tfjs'` (a sequential stream) are computed on the calling
 * thread. `Orthogonal` (method 'qr', whose every value depends on the whole matrix) is not cut into
 * slices: the workers share its QR instead, with the same values. In a browser the package's
 * browser entry runs the same on Web Workers.
 * @throws what `apply` throws, for the same arguments.
 * @example
 * ```ts
 * const tensor = await applyParallel(new RandomNormal({ seed: 1 }), [4096, 4096], { workers: 2 });
 * // tensor.data equals new RandomNormal({ seed: 1 }).apply([4096, 4096]).data, bit for bit
 * ```
 */
export const applyParallel: ApplyParallel = (initializer, shape, options = {}) =>
  applyParallelOn(nodePlatform, initializer, shape, options);

/**
 * `initializer.fill(out, shape, { dtype, partitionInfo })` computed on several threads: the same
 * values, bit for bit, for any worker count. When `out` is backed by a SharedArrayBuffer the
 * workers write into it directly, and when it comes from {@link sharedArray}, straight from their
 * WebAssembly kernels (no copy out of the kernels' memory, the fastest way); otherwise they fill a
 * shared scratch buffer that is then copied into `out` (one extra copy, and the scratch's memory,
 * for the time of the call).
 * @throws what `fill` throws, for the same arguments.
 */
export const fillParallel: FillParallel = (initializer, out, shape, options = {}) =>
  fillParallelOn(nodePlatform, initializer, out, shape, options);

/**
 * A typed array of `length` elements of `dtype` (float16 and bfloat16 as Uint16Array bits, bool and
 * uint8 as Uint8Array) for {@link fillParallel} to fill, reused from call to call: it lies in a shared
 * WebAssembly memory, after a workspace for each of `os.availableParallelism()` workers, so that the
 * workers' kernels store their values straight into it. Its `buffer` is that memory's (longer than
 * the array; `byteOffset` is not 0), a SharedArrayBuffer. Where no such memory can be made (more than
 * 4 GiB with the workspaces), it is a plain SharedArrayBuffer's array, which fillParallel fills as any.
 * @throws InitTypeError for an unknown dtype; InitRangeError for a length that is not an integer
 * from 0 to 2^32, or more than 2^32 bytes.
 * @example
 * ```ts
 * const out = sharedArray('float32', 4096 * 4096) as Float32Array;
 * await fillParallel(new RandomNormal({ seed: 1 }), out, [4096, 4096], { workers: 2 });
 * // out equals new RandomNormal({ seed: 1 }).apply([4096, 4096]).data, bit for bit
 * ```
 */
export const sharedArray: SharedArray = (dtype, length) => sharedArrayOn(nodePlatform, dtype, length);
