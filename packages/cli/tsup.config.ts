import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// The library, the command (bin/init-weights.js imports dist/cli.js) and the plain-JavaScript module
// each worker of @init/parallel imports to know the presets' classes. Declarations: the library's.
export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/cli.ts', 'src/worker-setup.js'],
  dts: { entry: 'src/index.ts' },
});
