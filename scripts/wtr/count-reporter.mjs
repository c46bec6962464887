// A web-test-runner reporter that writes the run's totals to a JSON file, so scripts/test.mjs can
// add the browser results to the node results and print the single `N passed, N failed` line.
// Beside it, `<name>-timings.json`: each file's wall time in each browser, slowest first — where
// CI's time goes (the browser suites keep both cores busy, so only less work makes them faster).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

function countSuite(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite?.suites ?? []) countSuite(child, totals);
}

// The WebDriver launcher is named after `capabilities.browserName`, which our WebKit launch does
// not set (web-test-runner.config.mjs): the one unnamed browser is WebKit.
const browserName = (browser) => browser.name || 'WebKit';

/** @param {{ outputFile: string }} options */
export function countReporter({ outputFile }) {
  const started = new Map();
  const timings = [];
  return {
    start({ sessions }) {
      sessions.on('session-status-updated', (session) => {
        // From the first status after SCHEDULED: a session can be past INITIALIZING before `start`
        // subscribes (the first files of each browser), and would otherwise go untimed.
        if (session.status !== 'SCHEDULED' && !started.has(session.id)) started.set(session.id, Date.now());
        if (session.status === 'FINISHED' && started.has(session.id)) {
          timings.push({ ms: Date.now() - started.get(session.id), browser: browserName(session.browser), file: relative(process.cwd(), session.testFile) });
        }
      });
    },
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
      timings.sort((a, b) => b.ms - a.ms);
      writeFileSync(outputFile.replace(/\.json$/, '-timings.json'), JSON.stringify(timings, null, 1));
    },
  };
}
