import { defineProject } from 'vitest/config';

// As in @init/parallel: the worker threads that fill large tensors load plain JavaScript and get
// Vitest's resolve conditions, so these tests read the built @init packages (the workspace build
// makes them first), not their sources. The end-to-end tests run the built command itself.
const conditions = ['module', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name: 'cli', testTimeout: 120_000, hookTimeout: 300_000 },
});
