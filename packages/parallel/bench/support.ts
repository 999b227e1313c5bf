// Helpers shared by the parallel benchmarks (parallel.bench.ts, orthogonal.bench.ts).
import { readFileSync, readdirSync } from 'node:fs';

/** The median of `values` (the upper one of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Wall time of one call, in milliseconds, awaiting its result. */
export async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Waits until the process is idle: until the engine's background threads have finished freeing
 * the garbage of the previous timings (the 64 MiB tensors of apply and applyParallel; measured,
 * some 20 ms of CPU time in the 20 ms after a collection), so that no timing pays for another's
 * garbage. On two cores a thread freeing 64 MiB takes a core from the two workers, and the process
 * CPU time counts it. (A forced collection would be worse: the engine then recompiles the one-core
 * fill's functions during its next timing.)
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 50; round++) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const used = process.cpuUsage(before);
    // Under a tenth of a core over the 5 ms: idle.
    if (used.user + used.system < 500) return;
  }
}

/**
 * How long this process's threads have been ready to run but waiting for a core, in milliseconds,
 * summed over every thread (Linux's /proc/self/task/<id>/schedstat, second field, in ns); NaN where
 * there is no such file. Its growth during a timing is the time the timed threads lost to other
 * processes and to the engine's own helper threads (garbage collection, compilation): on 2 cores,
 * two workers wait whenever anything else runs, one thread only when two other things do.
 */
export function waitedForCore(): number {
  try {
    let waited = 0;
    for (const thread of readdirSync('/proc/self/task')) {
      try {
        waited += Number(readFileSync(`/proc/self/task/${thread}/schedstat`, 'latin1').split(' ')[1]);
      } catch {
        // A thread that ended between the listing and the read.
      }
    }
    return waited / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** What {@link timeWithCpu} measures of one call, in milliseconds. */
export interface Timing {
  readonly wall: number;
  readonly cpu: number;
  /** Time the process's threads waited for a core (see {@link waitedForCore}); NaN off Linux. */
  readonly waited: number;
}

/**
 * Wall time and CPU time of one call, in milliseconds. The CPU time is the whole process's (user +
 * system, every thread: the calling one and the workers), which load on the machine barely moves:
 * it shows whether the work grew when it was spread over threads. `waited` is the time its threads
 * were ready but found no free core, which is how the load shows in the wall time.
 */
export async function timeWithCpu(run: () => unknown): Promise<Timing> {
  const waitedBefore = waitedForCore();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, waited: waitedForCore() - waitedBefore };
}

/** The smallest, median and largest of `values`, as `min / median / max` with `digits` decimals. */
export function spread(values: number[], digits = 2): string {
  const sorted = [...values].sort((a, b) => a - b);
  const shown = [sorted[0], median(values), sorted[sorted.length - 1]].map((value) =>
    (value as number).toFixed(digits),
  );
  return shown.join(' / ');
}

/** Whether two arrays hold the same bytes. */
export function sameBytes(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Throws when a sampled output holds NaN or is all zeros (a benchmark must time real work). */
export function check(name: string, values: Float32Array): void {
  let nonZero = 0;
  for (let i = 0; i < values.length; i += 97) {
    if (Number.isNaN(values[i])) throw new Error(`${name}: NaN in the output`);
    if (values[i] !== 0) nonZero++;
  }
  if (nonZero === 0) throw new Error(`${name}: the output is all zeros`);
}
