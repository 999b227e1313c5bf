/**
 * Writes src/__fixtures__/golden-v1.json, the snapshot vectors of stream version 1.
 * Run: `pnpm exec tsx scripts/generate-golden-vectors.ts` (from packages/random). Only rerun it for a
 * new stream version; the test fails if the committed fixture and the code disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeGoldenVectors } from './golden-cases.js';

const target = fileURLToPath(new URL('../src/__fixtures__/golden-v1.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(computeGoldenVectors(), null, 1)}\n`);
process.stdout.write(`wrote ${target}\n`);
