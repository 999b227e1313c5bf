/**
 * Writes src/__fixtures__/golden-v1.json and golden-truncated-v1.json, the snapshot vectors of stream
 * version 1 (the second holds the truncated normal's bounded regimes).
 * Run: `pnpm exec tsx scripts/generate-golden-vectors.ts` (from packages/random). Only rerun it for a
 * new stream version; the test fails if the committed fixture and the code disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { computeBoundedGoldenVectors, computeGoldenVectors } from './golden-cases.js';

for (const [name, compute] of [
  ['golden-v1.json', computeGoldenVectors],
  ['golden-truncated-v1.json', computeBoundedGoldenVectors],
] as const) {
  const target = fileURLToPath(new URL(`../src/__fixtures__/${name}`, import.meta.url));
  writeFileSync(target, `${JSON.stringify(compute(), null, 1)}\n`);
  process.stdout.write(`wrote ${target}\n`);
}
