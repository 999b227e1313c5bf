import { VarianceScaling, Zeros } from '@init/core';

for (const attempt of [
  () => new Zeros().apply([2, -1]),
  () => new VarianceScaling({ scale: -1 }),
  () => new VarianceScaling({ distribution: 'truncatedNormal' as never }),
]) {
  try {
    attempt();
  } catch (error) {
    console.log(`${String(error)}\n  code: ${(error as { code: string }).code}`);
  }
}
