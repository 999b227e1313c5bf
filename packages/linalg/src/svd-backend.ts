/**
 * Where `orthogonalize`'s `'svd'` method finds its SVD. ml-matrix (the SVD) is about 19 KB gzipped,
 * more than the rest of this package, and the default method `'qr'` never needs it; so
 * `orthogonalize` does not import it. `enableSvd()` (in `@init/linalg/svd`, beside `svd`) hands it
 * over, once per module instance. Only calling that function brings ml-matrix into a bundle: no
 * side-effect import that a bundler could drop under `"sideEffects": false`, and no `import()`,
 * which a synchronous `orthogonalize` (and `Initializer#apply` above it) could not wait for.
 */

/**
 * The left (`rows × k`) or right (`cols × k`) singular vectors of a checked `rows × cols` matrix
 * whose largest magnitude is `maxAbs`, row-major, `k = min(rows, cols)`.
 */
export type SingularVectors = (
  a: Float64Array | Float32Array | readonly number[],
  rows: number,
  cols: number,
  maxAbs: number,
  side: 'left' | 'right',
) => Float64Array;

// Module state, not work at import time: undefined until enableSvd() runs.
let singularVectors: SingularVectors | undefined;

/** Sets the SVD that `orthogonalize(…, { method: 'svd' })` uses (called by `enableSvd`). */
export function setSingularVectors(implementation: SingularVectors): void {
  singularVectors = implementation;
}

/** The SVD `enableSvd()` set, or undefined before it ran. */
export function enabledSingularVectors(): SingularVectors | undefined {
  return singularVectors;
}

/**
 * Whether `enableSvd()` (from `@init/linalg/svd`, or `@init/core/svd`, which re-exports it) has run
 * in this thread, so that `orthogonalize(…, { method: 'svd' })` works. A worker thread has its own
 * modules and starts with it off: `@init/parallel` passes the caller's state on to its workers.
 * @example
 * ```ts
 * import { isSvdEnabled } from '@init/linalg';
 * import { enableSvd } from '@init/linalg/svd';
 *
 * isSvdEnabled(); // false
 * enableSvd();
 * isSvdEnabled(); // true
 * ```
 */
export function isSvdEnabled(): boolean {
  return singularVectors !== undefined;
}
