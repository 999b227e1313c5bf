import { defineConfig } from 'vitest/config';

// One run over every workspace project, so `npm test` reports one total.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tooling/*'],
  },
});
