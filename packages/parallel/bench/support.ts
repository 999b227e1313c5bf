// Helpers shared by the parallel benchmarks (parallel.bench.ts, orthogonal.bench.ts).

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
 * Wall time and CPU time of one call, in milliseconds. The CPU time is the whole process's (user +
 * system, every thread: the calling one and the workers), which load on the machine barely moves:
 * it shows whether the work grew when it was spread over threads.
 */
export async function timeWithCpu(run: () => unknown): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
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
