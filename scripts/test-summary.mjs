// Prints one line for the whole workspace's test run, read from Vitest's JSON report:
//   N passed, N failed, N skipped
// CI ends with this line. When the report is missing, the run never got as far as the tests
// (install or build failed), and that counts as one failure. `.ci/run` passes `--lint-failed` when
// `pnpm lint` failed; that counts as one more failure.
import { existsSync, readFileSync } from 'node:fs';

const lintFailures = process.argv.includes('--lint-failed') ? 1 : 0;
if (lintFailures) console.log('pnpm lint failed (see its report above).');
const report = new URL('../.test-results/vitest.json', import.meta.url);
if (!existsSync(report)) {
  console.log('The tests did not run: no .test-results/vitest.json (see the install or build errors above).');
  console.log(`0 passed, ${1 + lintFailures} failed`);
  process.exit(0);
}
const results = JSON.parse(readFileSync(report, 'utf8'));
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
// A file that fails to load has no tests to count, so it is counted as a failure of its own.
const brokenFiles = (results.testResults ?? []).filter(
  (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
).length;
console.log(
  `${results.numPassedTests} passed, ${results.numFailedTests + brokenFiles + lintFailures} failed, ${skipped} skipped`,
);
