// The server part of `npm run bench`: the server budgets of docs/spec/budgets.md, measured with load
// that varies the query on every request, on each back end and seed size, as one table.
//
// For each back end (PGlite in memory; PostgreSQL in a fresh schema when VK_BENCH_DATABASE_URL is
// set; VK_BENCH_BACKENDS=pglite,postgres picks) and seed scale (VK_BENCH_SCALES, default "1,10"), the
// server's CLI is started and seeded (on PostgreSQL with its worker processes: VK_BENCH_WORKERS, default one per core),
// then every row is measured twice: open loop at a fixed offered rate, latency counted from each
// request's intended send time (p50, p99, and p99 ÷ the p99 of GET /health at the same rate in the
// same run), and closed loop at 16 in flight for a bounded count and time (capacity, req/s).
import { spawn } from 'node:child_process';
import { closedLoop, drain, openLoop } from './load.mjs';
import { discover, fixed, oneListUrl, signups, variedBoard, variedList } from './profiles.mjs';

const root = new URL('../..', import.meta.url).pathname;
const env = process.env;
const number = (name, fallback) => (env[name] === undefined || env[name] === '' ? fallback : Number(env[name]));

const SECONDS = number('VK_BENCH_SECONDS', 6);
/** Each varied profile's first seconds at its rate, measured as a row of their own before the row in service (see benchOne). */
const WARM_UP_SECONDS = number('VK_BENCH_WARM_UP_SECONDS', 6);
const CONCURRENCY = number('VK_BENCH_CONCURRENCY', 16);
const CAPACITY_COUNT = number('VK_BENCH_CAPACITY_COUNT', 2000);
const CAPACITY_SECONDS = number('VK_BENCH_CAPACITY_SECONDS', 5);
const SCALES = (env.VK_BENCH_SCALES ?? '1,10').split(',').map(Number);
/** Offered rates: the targets (PostgreSQL at 10×, PGlite list at 1×), overridable. */
const RATES = {
  pglite: { list: number('VK_BENCH_LIST_RATE', 100), board: number('VK_BENCH_BOARD_RATE', 100), signup: number('VK_BENCH_SIGNUP_RATE', 150) },
  postgres: { list: number('VK_BENCH_LIST_RATE', 300), board: number('VK_BENCH_BOARD_RATE', 100), signup: number('VK_BENCH_SIGNUP_RATE', 150) },
};
/** The one-URL profile keeps the original budget's rate (p99 ≤ 50 ms at 500 req/s). */
const ONE_URL_RATE = number('VK_BENCH_RATE', 500);

/** Worker processes on PostgreSQL; unset: the CLI's default, one per core. PGlite is always one. */
const WORKERS = env.VK_BENCH_WORKERS || undefined;

/**
 * Starts the reference server as `volunteerkit-server` (the built CLI) in its own process, so the
 * load generator does not share its CPU time slice; on PostgreSQL with its worker processes.
 */
async function startApiProcess({ databaseUrl, schema, seedScale }) {
  const cli = new URL('packages/server/dist/cli.js', `file://${root}`).pathname;
  const where = databaseUrl ? ['--database-url', databaseUrl, '--schema', schema, ...(WORKERS ? ['--workers', WORKERS] : [])] : ['--data', 'memory'];
  const args = [cli, '--port', '0', '--host', '127.0.0.1', '--seed', '--seed-scale', String(seedScale), '--rate-limit', 'off', ...where];
  // Without DATABASE_URL the server falls back to PGlite unless given --database-url.
  const { DATABASE_URL, VK_WORKERS, ...childEnv } = env;
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const started = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /listening on (\S+) \(([^,)]+)(?:, (\d+) worker processes)?/.exec(buffer);
      if (match) resolve({ url: match[1].replace('localhost', '127.0.0.1'), workers: Number(match[3] ?? 1) });
    });
    exited.then((code) => reject(new Error(`server exited ${code}`)));
  });
  return { ...started, close: async () => { child.kill('SIGTERM'); await exited; } };
}

async function dropSchema(databaseUrl, schema) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Every row for one back end and seed scale. */
async function benchOne(backend, scale) {
  const databaseUrl = env.VK_BENCH_DATABASE_URL;
  const schema = `vk_bench_${process.pid}_${scale}x`;
  const options = backend === 'postgres' ? { databaseUrl, schema, seedScale: scale } : { seedScale: scale };
  const seedStarted = performance.now();
  const api = await startApiProcess(options);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  try {
    const rates = RATES[backend];
    const found = await discover(api.url);
    const list = variedList(found);
    const board = variedBoard(found);
    const signup = signups(found, `${process.pid}-${scale}`);
    await openLoop(api.url, fixed(oneListUrl), { rate: 50, seconds: 1 });
    const rows = [];
    const healthAt = new Map(); // rate → GET /health measured at that rate in this run
    const measure = async (name, next, rate, { capacity = true, seconds = SECONDS } = {}) => {
      // Each measurement starts on an idle server: an overloaded one before it leaves a queue behind.
      // If the queue outlasts the drain's bound, the row is marked as measured on a busy server.
      let busy = false;
      if (!healthAt.has(rate)) {
        busy ||= !(await drain(api.url));
        healthAt.set(rate, await openLoop(api.url, fixed('/health'), { rate, seconds: SECONDS }));
      }
      const health = healthAt.get(rate);
      busy ||= !(await drain(api.url));
      // The wall-clock start of each row, to line it up with the database's own log (autovacuum, checkpoints).
      console.error(`  ${backend} ${scale}×: ${name} from ${new Date().toISOString().slice(11, 19)}`);
      const load = name === 'GET /health' ? health : await openLoop(api.url, next, { rate, seconds });
      busy ||= capacity && !(await drain(api.url));
      const cap = capacity ? await closedLoop(api.url, next, { concurrency: CONCURRENCY, count: CAPACITY_COUNT, seconds: CAPACITY_SECONDS }) : null;
      rows.push({ backend, workers: api.workers, scale, name: busy ? `${name} (busy start)` : name, rate, load, health, capacity: cap });
    };
    // Each varied profile's first seconds at its rate are a row of their own (warm-up): a fresh
    // server's connections, statements and code paths are cold, and at 300 list requests a second
    // the first 6 s queue for seconds where the next 6 s hold p99 in tens of milliseconds. The row
    // after it measures the server in service. Both come from one generator: no request repeats.
    const warmUp = (name, next, rate) => WARM_UP_SECONDS > 0
      && measure(`${name}: its first ${WARM_UP_SECONDS} s (warm-up)`, next, rate, { capacity: false, seconds: WARM_UP_SECONDS });
    await measure('GET /health', fixed('/health'), rates.list);
    for (const [name, next, rate] of [
      ['GET /v1/opportunities, varied', list, rates.list],
      ['GET /v1/honor-board, varied', board, rates.board],
      ['POST /v1/signups, distinct volunteers', signup, rates.signup],
    ]) {
      await warmUp(name, next, rate);
      await measure(name, next, rate);
    }
    await measure('GET /v1/opportunities, one URL', fixed(oneListUrl), ONE_URL_RATE, { capacity: false });
    const { headers } = await fetch(new URL(oneListUrl, api.url));
    await measure('same, If-None-Match (304)', fixed(oneListUrl, { 'If-None-Match': headers.get('etag') }), ONE_URL_RATE, { capacity: false });
    return { rows, seedSeconds };
  } finally {
    await api.close();
    if (backend === 'postgres') await dropSchema(databaseUrl, schema);
  }
}

const ms = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : '—');
const statuses = (r) => Object.entries(r.statuses).map(([code, n]) => `${code}×${n}`).join(' ') + (r.unfinished ? ` unfinished×${r.unfinished}` : '');

function table(rows) {
  const lines = [
    `| back end | seed | request | offered req/s | p50 ms | p99 ms | p99 ÷ /health p99 | capacity at ${CONCURRENCY} in flight, req/s | answers (open loop) | mean B on the wire |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { backend, workers, scale, name, rate, load, health, capacity } of rows) {
    // A p99 that includes unanswered requests is a lower bound.
    const bound = load.unfinished ? '≥ ' : '';
    const where = backend === 'postgres' ? `PostgreSQL, ${workers} worker${workers === 1 ? '' : 's'}` : 'PGlite';
    lines.push(`| ${where} | ${scale}× | ${name} | ${rate} | ${bound}${ms(load.p50)} | ${bound}${ms(load.p99)} | ${bound}${(load.p99 / health.p99).toFixed(1)} (/health ${ms(health.p99)}) | ${capacity ? capacity.achieved.toFixed(0) : '—'} | ${statuses(load)} | ${load.meanBytes.toFixed(0)} |`);
  }
  return lines.join('\n');
}

export async function benchServer() {
  const available = ['pglite', ...(env.VK_BENCH_DATABASE_URL ? ['postgres'] : [])];
  const backends = env.VK_BENCH_BACKENDS ? available.filter((name) => env.VK_BENCH_BACKENDS.split(',').includes(name)) : available;
  const rows = [];
  for (const backend of backends) {
    for (const scale of SCALES) {
      const result = await benchOne(backend, scale);
      console.error(`  ${backend} ${scale}×: started and seeded in ${result.seedSeconds.toFixed(0)} s`);
      rows.push(...result.rows);
    }
  }
  console.log(`\nServer on this machine (load generator beside it, 127.0.0.1, Accept-Encoding: gzip, br): open loop ${SECONDS} s per row, latency from the intended send time;`);
  console.log(`/health measured at each row's rate in the same run; capacity: ${CONCURRENCY} in flight, at most ${CAPACITY_COUNT} requests or ${CAPACITY_SECONDS} s.\n`);
  console.log(table(rows));
  if (rows.some((row) => row.name.endsWith('(busy start)'))) console.log('\n(busy start): the server had not worked off an earlier row\'s queue within 30 s; that row is pessimistic.');
}
