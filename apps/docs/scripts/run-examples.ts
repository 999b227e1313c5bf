// Writes examples/<name>.out: what each page example prints. Run after changing an example:
//   cd apps/docs && pnpm run examples
// (tsx with the "@init/source" condition, so the examples run against the packages' source).
import { writeFileSync } from 'node:fs';
import { exampleNames, outputPath, runExample } from '../test/examples.js';

for (const name of exampleNames()) {
  const output = await runExample(name);
  writeFileSync(outputPath(name), output);
  console.log(`examples/${name}.out (${output.split('\n').length - 1} lines)`);
}
