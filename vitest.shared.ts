// Shared Vitest settings: resolve workspace packages to their TypeScript source through the
// "@init/source" export condition, so tests never need a build of a sibling package.
import { defineConfig } from 'vitest/config';

const conditions = ['@init/source', 'module', 'node', 'development|production'];

export const shared = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
});
