#!/usr/bin/env node
// `npm test`: builds, then runs every suite and ends with one line `N passed, N failed`.
//
//   1. node   — Node's test runner over packages/*/test/**/*.test.ts (not test/browser/) and
//               test/**/*.test.ts (not test/e2e/); the server suite runs on PGlite and, when
//               VK_TEST_DATABASE_URL is set, once more on PostgreSQL; its files that do the same
//               work on any database run once (server-once). Two suites run side by side; each
//               one's report is printed whole when it ends.
//   2. browser — web-test-runner in Chromium and Firefox (groups sdk and widgets).
//   3. e2e    — test/e2e/*.test.ts: the demo pages against the real server, in both browsers,
//               two files at a time.
//
// Options: --only node|browser|e2e (repeatable), --no-build. Exit code is non-zero on any
// failure, including a suite that crashed before reporting.
//
// Browsers are checked first (scripts/test-prerequisites.mjs): a missing Chromium or Firefox is
// named with its fix and counted as one failure, and the browser suites run in the browsers that
// are there, instead of failing test by test.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { browserPlan } from './test-prerequisites.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));
const wants = (suite) => only.length === 0 || only.includes(suite);
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

/** Every file under `dir` whose path passes `keep`. */
function findFiles(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? findFiles(path, keep) : keep(path) ? [path] : [];
  });
}

/** A runner's exit code, or `signal SIGxxx` when a signal ended it, so the summary says which. */
const exitOf = (code, signal) => code ?? (signal ? `signal ${signal}` : 1);

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) console.error(`[test] ${command} ${commandArgs.join(' ')}: ${result.error.message}`);
  return exitOf(result.status, result.signal);
}

const totals = { passed: 0, failed: 0 };
const problems = [];

function record(suite, passed, failed, exitCode) {
  totals.passed += passed;
  totals.failed += failed;
  console.log(`\n[${suite}] ${passed} passed, ${failed} failed (exit ${exitCode})\n`);
  if (exitCode !== 0 && failed === 0) {
    // The runner failed without a failing test to show for it (a crash, a file that did not
    // load): count it, so it cannot pass silently.
    totals.failed += 1;
    problems.push(`${suite}: runner ${typeof exitCode === 'string' ? `ended by ${exitCode}` : `exited ${exitCode}`} without reporting a failed test`);
  }
}

/**
 * Runs files with Node's test runner and reads the totals from its TAP report. The spec report
 * goes to test-results/node-<suite>.log and is printed whole when the suite ends, so two suites
 * running side by side do not interleave their lines.
 */
async function runNodeSuite(suite, files, env = {}, { concurrency = 1 } = {}) {
  if (files.length === 0) return;
  const tapFile = join(resultsDir, `node-${suite}.tap`);
  const logFile = join(resultsDir, `node-${suite}.log`);
  rmSync(tapFile, { force: true });
  console.log(`> ${suite}: ${files.length} files`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [
    '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files.map((f) => relative(root, f)),
  ], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exitCode = await new Promise((resolve) => child.on('close', (code, signal) => resolve(exitOf(code, signal))));
  await new Promise((resolve) => log.end(resolve));
  process.stdout.write(readFileSync(logFile));
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  record(suite, count('pass'), count('fail') + count('cancelled'), exitCode);
}

/**
 * Runs the suites two at a time, longest first: the machine CI runs on has two cores, and each
 * suite runs its files one after another (a PGlite suite keeps one core busy). Each suite has
 * its own databases (in-memory PGlite, or its own PostgreSQL schemas) and ports, so they do not
 * meet.
 */
async function runSideBySide(jobs) {
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  };
  await Promise.all([lane(), lane()]);
}

const browsers = browserPlan(process.env);
for (const message of browsers.missing) console.log(`! ${message}`);
if (browsers.missing.length > 0 && (wants('browser') || wants('e2e'))) {
  totals.failed += 1;
  problems.push(...browsers.missing);
}

if (!args.includes('--no-build')) {
  console.log('> building (tsc -b, rollup)');
  if (run('npm', ['run', '--silent', 'build']) !== 0) {
    console.log('build failed');
    console.log(`0 passed, 1 failed`);
    process.exit(1);
  }
}

if (wants('node')) {
  const isTest = (p) => p.endsWith('.test.ts');
  const packageTests = (name) => findFiles(join(root, 'packages', name, 'test'), (p) => isTest(p) && !p.includes('/test/browser/'));
  const serverTests = packageTests('server');
  // Files whose work is the same whatever database the suite names run once, as a suite of their
  // own: the domain rules (no database), the CLI (startServerCli drops DATABASE_URL, so its servers
  // run on in-memory PGlite) and PGlite's data folder. Running them in both database suites cost
  // CI about 70 s; a suite of their own lets the two lanes end together.
  const sameOnEveryDatabase = (file) => /\/(cli|data-folder|[a-z-]*domain)\.test\.ts$/.test(file);
  const databaseTests = serverTests.filter((file) => !sameOnEveryDatabase(file));
  const postgres = process.env.VK_TEST_DATABASE_URL;
  if (!postgres) console.log('[server-postgres] skipped: set VK_TEST_DATABASE_URL to run the server suite on PostgreSQL too (.ci/run does)');
  await runSideBySide([
    () => runNodeSuite('server-pglite', databaseTests, { DATABASE_URL: '' }),
    ...(postgres ? [() => runNodeSuite('server-postgres', databaseTests, { DATABASE_URL: postgres })] : []),
    () => runNodeSuite('contract', findFiles(join(root, 'test'), (p) => isTest(p) && !p.includes('/test/e2e/'))),
    () => runNodeSuite('server-once', serverTests.filter(sameOnEveryDatabase), { DATABASE_URL: '' }),
    () => runNodeSuite('sdk', packageTests('sdk')),
    () => runNodeSuite('widgets-node', packageTests('widgets')),
  ]);
}

if (wants('browser') && browsers.run.length > 0) {
  const countFile = join(resultsDir, 'wtr-all.json');
  rmSync(countFile, { force: true });
  const exitCode = run('npx', ['--no-install', 'web-test-runner'], { VK_WTR_GROUP: 'all', ...browsers.env });
  const counts = existsSync(countFile) ? JSON.parse(readFileSync(countFile, 'utf8')) : { passed: 0, failed: 0 };
  record('browser', counts.passed, counts.failed, exitCode);
}

if (wants('e2e') && browsers.run.some((name) => name !== 'webkit')) {
  // Two files at a time: one alone leaves about a third of the two cores idle while browsers start
  // and pages load.
  await runNodeSuite('e2e', findFiles(join(root, 'test', 'e2e'), (p) => p.endsWith('.test.ts')), browsers.env, { concurrency: 2 });
}

for (const problem of problems) console.log(`! ${problem}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
