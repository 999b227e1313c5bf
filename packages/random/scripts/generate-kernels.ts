/**
 * Writes src/kernels/js-kernels.generated.ts, the JavaScript kernels, from src/kernels/source.ts.
 * Run after editing the kernel source: `pnpm exec tsx scripts/generate-kernels.ts` (from
 * packages/random). kernels.test.ts fails while the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emitJavaScriptKernels } from '../src/kernels/emit-js.js';

const target = fileURLToPath(new URL('../src/kernels/js-kernels.generated.ts', import.meta.url));
writeFileSync(target, emitJavaScriptKernels());
process.stdout.write(`wrote ${target}\n`);
