// Shared Vitest settings: resolve workspace packages to their TypeScript source through the
// "@init/source" export condition, so tests never need a build of a sibling package.
import { defineConfig } from 'vitest/config';

const conditions = ['@init/source', 'module', 'node', 'development|production'];

export const shared = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
});

// Type tests (`src/**/*.test-d.ts`): Vitest's typecheck mode runs the package's tsc over them, and
// each `test` counts in the run's totals like a runtime test. Runtime tests run as before.
export const typecheck = {
  enabled: true,
  include: ['src/**/*.test-d.ts'],
  tsconfig: './tsconfig.json',
};
