// What 'normal' means depends on the framework. For a [512, 512] kernel, fan_in 512, scale 1:
// the target standard deviation is √(1/512) = 0.0441942.
import { VarianceScaling } from '@init/core';

for (const distribution of ['normal', 'truncated_normal', 'untruncated_normal', 'uniform'] as const) {
  const values = new VarianceScaling({ distribution, seed: 1 }).apply([512, 512], 'float64').data;
  const std = Math.sqrt(values.reduce((sum, x) => sum + x * x, 0) / values.length);
  const max = values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  console.log(`${distribution.padEnd(18)} std ${std.toFixed(7)}  max |x| ${max.toFixed(7)}`);
}
