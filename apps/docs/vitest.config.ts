import { defineProject, mergeConfig } from 'vitest/config';
import { shared } from '../../vitest.shared.ts';

// Browser tests of the built site (.vitepress/dist): each launches Chromium and visits every page,
// which takes seconds, not milliseconds, on a shared 2-core machine.
export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: 'docs',
      include: ['test/**/*.test.ts'],
      environment: 'node',
      testTimeout: 180_000,
      hookTimeout: 60_000,
    },
  }),
);
