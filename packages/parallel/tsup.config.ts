import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Two entries: the library, and the module each worker thread runs (loaded by file URL).
export default defineConfig({ ...shared, entry: ['src/index.ts', 'src/worker.js'] });
