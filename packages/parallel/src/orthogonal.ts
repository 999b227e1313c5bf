// Orthogonal on several threads: the one initializer whose slices cannot be computed apart (every
// value depends on the whole matrix), so instead of cutting the output, the workers share the QR
// itself through @init/linalg's team functions. The values equal apply's bit for bit.
import type { Orthogonal } from '@init/core';
import { createOrthogonalizeTeam } from '@init/linalg';
import type { WorkerPool } from './pool.js';

/**
 * Below this many matrix elements the barriers (one per 8-column panel) cost more than the second
 * thread saves: measured with `pnpm --filter @init/parallel bench` on the 2-core machine.
 */
export const ORTHOGONAL_MIN_ELEMENTS = 2 ** 16;

// Members of one team wait for each other at barriers, so two teams must never hold a worker each
// while waiting for the other's: team jobs run one at a time.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `compute` (the initializer's `apply` or `fill`) with the orthogonal matrix computed by a team
 * of `pool.size` workers. `initializer` must be seeded (the caller makes a seeded copy of an
 * unseeded one, so exactly one key is drawn per call).
 */
export async function withTeamOrthogonalized<T>(
  pool: WorkerPool,
  initializer: Orthogonal,
  fullShape: readonly number[],
  compute: () => T,
): Promise<T> {
  const { matrix, rows, cols } = initializer.randomMatrix(fullShape);
  const job = createOrthogonalizeTeam(matrix, rows, cols, pool.size);
  const members = Array.from({ length: pool.size }, (_, member) => member);
  const run = queue.then(() => Promise.all(members.map((member) => pool.runMember(job.task, member))));
  queue = run.catch(() => undefined);
  await run;
  return initializer.withOrthogonalized(job.result(), compute);
}

/** Whether a team is worth starting for this initializer and output. */
export function teamWorthIt(initializer: Orthogonal, fullShape: readonly number[]): boolean {
  if (initializer.method !== 'qr' || fullShape.length < 2) return false;
  let size = 1;
  for (const dim of fullShape) size *= dim;
  return size >= ORTHOGONAL_MIN_ELEMENTS;
}
