import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Two entries: the library, and the plain-JavaScript module each worker thread runs (loaded by file
// URL). Declarations: the library's.
export default defineConfig({ ...shared, entry: ['src/index.ts', 'src/worker.js'], dts: { entry: 'src/index.ts' } });
