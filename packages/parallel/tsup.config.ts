import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Four entries: the library for Node.js (index) and for browsers (index.browser, picked by the
// `browser` export condition), and the plain-JavaScript modules the workers run (worker.js on a
// Node.js worker thread, web-worker.js in a Web Worker; both loaded by URL beside the library).
// Declarations: the Node.js entry's, which the browser entry matches name for name and type for type.
export default defineConfig({
  ...shared,
  entry: ['src/index.ts', 'src/index.browser.ts', 'src/worker.js', 'src/web-worker.js'],
  dts: { entry: 'src/index.ts' },
});
