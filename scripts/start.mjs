#!/usr/bin/env node
// `npm start`: build, start the reference server on its embedded database (seeded on first run,
// kept in .data/ so a restart keeps sign-ups), serve the demo partner pages and the docs, and
// print the URLs. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const run = (command, args) => {
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

if (!existsSync(new URL('../node_modules/.package-lock.json', import.meta.url))) run('npm', ['ci', '--no-audit', '--no-fund']);
if (!process.argv.includes('--no-build')) {
  run('npm', ['run', '--silent', 'build']);
  run('npm', ['run', '--silent', 'docs']);
}

const apiPort = Number(process.env.VK_API_PORT ?? 8787);
const demoPort = Number(process.env.VK_DEMO_PORT ?? 8080);
const { startServer, SEED_KEYS } = await import('@volunteerkit/server');
const { startDemo } = await import('./demo-server.mjs');

const api = await startServer({ port: apiPort, dataDir: process.env.VK_DATA_DIR ?? `${root}.data/pglite`, seed: true, log: false });
const demo = await startDemo({ apiUrl: api.url, port: demoPort });

/** What `npm start` prints: [what, address, a note], aligned in columns for a reader of the terminal. */
const places = [
  ['Reference API', `${api.url}/v1/opportunities?key=${SEED_KEYS.news.publishableKey}`],
  ['News channel demo', `${demo.url}/news/`],
  ['Campus demo', `${demo.url}/campus/`],
  ['Station kiosk', `${demo.url}/campus/station/`, 'organizer: check-in code + roster'],
  ["Volunteer's phone", `${demo.url}/campus/phone/`, "check in with the kiosk's code, my hours"],
  ['Community demo', `${demo.url}/community/`, '微心愿: needs board and form'],
  ['News rewards', `${demo.url}/news/rewards/`, '礼遇: a signed-in reader redeems points'],
  ['Enterprise demo', `${demo.url}/enterprise/`, 'strict CSP + Trusted Types'],
  ['Enterprise webhooks', `${demo.url}/enterprise/webhooks.html`, 'what its back end received'],
  ['Verify a certificate', `${demo.url}/verify/`, "opened from a certificate's QR code"],
  ['Snippet builder', `${demo.url}/builder/`],
  ['SDK & widget docs', `${demo.url}/docs/`],
  ['HTTP API reference', `${demo.url}/reference/`],
  ['OpenAPI', `${demo.url}/openapi.json`],
];
const labelWidth = Math.max(...places.map(([label]) => label.length)) + 2;
const urlWidth = Math.max(...places.filter(([, , note]) => note).map(([, url]) => url.length)) + 2;
const lines = places.map(([label, url, note]) => `  ${label.padEnd(labelWidth)}${note ? `${url.padEnd(urlWidth)}(${note})` : url}`);

console.log(`
VolunteerKit is running.

${lines.join('\n')}

  Keys: news ${SEED_KEYS.news.publishableKey} · campus ${SEED_KEYS.campus.publishableKey} · enterprise ${SEED_KEYS.enterprise.publishableKey}
  Data: kept in .data/ (delete it to reseed).  Ctrl-C to stop.
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await demo.close();
  await api.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
