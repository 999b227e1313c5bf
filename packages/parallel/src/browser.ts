// The browser side of @init/parallel: module Web Workers, with shared memory where the page is
// cross-origin isolated and moved buffers otherwise. Bundlers pick this entry through the package's
// `browser` export condition.
import {
  applyParallelOn,
  fillParallelOn,
  sharedArrayOn,
  type ApplyParallel,
  type FillParallel,
  type SharedArray,
} from './parallel.js';
import type { Platform } from './pool.js';
import { createWebPool, webParallelism } from './web-pool.js';

/** Browsers: module Web Workers; `setup` URLs are relative to the page. */
export const browserPlatform: Platform = {
  createPool: createWebPool,
  parallelism: webParallelism,
  moduleUrl(entry) {
    // Resolved here, against the page: a worker would resolve a relative URL against its own script.
    const base = (globalThis as { document?: { baseURI?: string }; location?: { href?: string } }).document?.baseURI;
    return new URL(entry, base ?? (globalThis as { location?: { href?: string } }).location?.href).href;
  },
};

/**
 * `initializer.apply(shape, dtype)` computed on several Web Workers: the same values, bit for bit,
 * for any worker count (the browser entry of `applyParallel`; Node.js has worker threads).
 *
 * In a cross-origin isolated page (`crossOriginIsolated`, served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`) the
 * workers write into one SharedArrayBuffer, which backs the result. Otherwise each worker fills
 * ranges of its own that are moved back (no copy in transit) and copied into a plain ArrayBuffer.
 * Small tensors, engine `'tfjs'`, and `Orthogonal` without shared memory are computed on the calling
 * thread, as are all calls where workers cannot start.
 * @throws what `apply` throws, for the same arguments.
 * @example
 * ```ts
 * const tensor = await applyParallel(new RandomNormal({ seed: 1 }), [4096, 4096], { workers: 2 });
 * // tensor.data equals new RandomNormal({ seed: 1 }).apply([4096, 4096]).data, bit for bit
 * ```
 */
export const applyParallel: ApplyParallel = (initializer, shape, options = {}) =>
  applyParallelOn(browserPlatform, initializer, shape, options);

/**
 * `initializer.fill(out, shape, { dtype, partitionInfo })` computed on several Web Workers: the same
 * values, bit for bit, for any worker count. A shared `out` is written in place (straight from the
 * workers' kernels when it comes from {@link sharedArray}); any other `out` receives each worker's
 * ranges as they come back.
 * @throws what `fill` throws, for the same arguments.
 */
export const fillParallel: FillParallel = (initializer, out, shape, options = {}) =>
  fillParallelOn(browserPlatform, initializer, out, shape, options);

/**
 * A typed array of `length` elements of `dtype` for {@link fillParallel} to fill: in a cross-origin
 * isolated page, in a shared WebAssembly memory that the workers' kernels store into directly; else
 * in an ordinary ArrayBuffer (see the Node.js entry's `sharedArray`).
 * @throws InitTypeError for an unknown dtype; InitRangeError for a length that is not an integer
 * from 0 to 2^32, or more than 2^32 bytes.
 */
export const sharedArray: SharedArray = (dtype, length) => sharedArrayOn(browserPlatform, dtype, length);
