import { defineProject, mergeConfig } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

export default mergeConfig(
  shared,
  defineProject({
    // Packing and npm installs take seconds each; they run once, in beforeAll.
    test: { name: 'package-checks', testTimeout: 300_000, hookTimeout: 600_000 },
  }),
);
