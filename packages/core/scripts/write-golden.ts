// Records the golden vectors: `pnpm --filter @init/core run golden`. Run it only for a release that
// changes seeded values on purpose (a major release), and say so in the changeset.
import { writeFileSync } from 'node:fs';
import { caseId, computeGolden, goldenCases } from './golden-cases.js';

const fixture: Record<string, number[]> = {};
for (const golden of goldenCases) fixture[caseId(golden)] = computeGolden(golden);
const target = new URL('../src/__fixtures__/golden.json', import.meta.url);
// One case per line, so a diff shows which cases changed.
const lines = Object.entries(fixture).map(([id, values]) => `  ${JSON.stringify(id)}: ${JSON.stringify(values)}`);
writeFileSync(target, `{\n${lines.join(',\n')}\n}\n`);
console.log(`wrote ${Object.keys(fixture).length} golden vectors to ${target.pathname}`);
