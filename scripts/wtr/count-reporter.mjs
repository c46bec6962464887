// A web-test-runner reporter that writes the run's totals to a JSON file, so scripts/test.mjs can
// add the browser results to the node results and print the single `N passed, N failed` line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function countSuite(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite?.suites ?? []) countSuite(child, totals);
}

/** @param {{ outputFile: string }} options */
export function countReporter({ outputFile }) {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0, sessionErrors: 0 };
      for (const session of sessions) {
        const before = totals.passed + totals.failed + totals.skipped;
        countSuite(session.testResults, totals);
        const counted = totals.passed + totals.failed + totals.skipped - before;
        // A file that failed to load, or errored outside any test, has no passing test to show
        // for it: count it as one failure rather than let it vanish from the totals.
        if (!session.passed && (session.errors?.length ?? 0) > 0 && counted === 0) totals.sessionErrors += 1;
        if (!session.passed && counted > 0 && (session.errors?.length ?? 0) > 0) totals.sessionErrors += 1;
      }
      totals.failed += totals.sessionErrors;
      mkdirSync(dirname(outputFile), { recursive: true });
      writeFileSync(outputFile, JSON.stringify(totals));
    },
  };
}
