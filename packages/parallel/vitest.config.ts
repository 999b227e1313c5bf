import { defineProject } from 'vitest/config';
import { typecheck } from '../../vitest.shared.ts';

// Unlike the other packages, these tests resolve @init/core to its build, not its sources: the
// worker threads load plain JavaScript (src/worker.js and the setup fixtures) and Vitest hands its
// resolve conditions on to them, so both sides must read the same built @init/core. The workspace
// build (npm test, or pnpm run build) makes it first. Worker threads start in 0.1–1 s each on a
// loaded machine, hence the longer timeouts.
const conditions = ['module', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name: 'parallel', testTimeout: 60_000, hookTimeout: 60_000, typecheck },
});
