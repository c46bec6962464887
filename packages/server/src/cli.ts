#!/usr/bin/env node
/**
 * `volunteerkit-server [--port 8787] [--host 127.0.0.1] [--data .data/pglite|memory] [--database-url postgres://…] [--schema name] [--seed]
 *   [--seed-scale n] [--rate-limit n|off] [--trust-proxy hops] [--workers n] [--log]`
 *
 * On PostgreSQL it runs `--workers` processes (node:cluster, one shared port; default: one per
 * core). The primary migrates and seeds once, then forks; it answers no requests itself.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase, rotateCertificateKey, SEED_KEYS, seedIfEmpty, startServer, type SeedSummary } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['PORT'] ?? '8787' },
    host: { type: 'string', default: process.env['HOST'] ?? '127.0.0.1' },
    data: { type: 'string', default: process.env['VK_DATA_DIR'] ?? '.data/pglite' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    seed: { type: 'boolean', default: false },
    'seed-scale': { type: 'string', default: '1' },
    'rate-limit': { type: 'string' },
    'trust-proxy': { type: 'string', default: process.env['VK_TRUST_PROXY'] || '0' },
    workers: { type: 'string', default: process.env['VK_WORKERS'] || undefined },
    log: { type: 'boolean', default: false },
    'rotate-certificate-key': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`volunteerkit-server — the VolunteerKit reference API server

  --port <n>              port to listen on (0 = any free port; env PORT; default 8787)
  --host <addr>           address to bind (env HOST; default 127.0.0.1)
  --data <dir|memory>     PGlite data folder, or "memory" (env VK_DATA_DIR; default .data/pglite)
  --database-url <url>    use PostgreSQL instead of PGlite (env DATABASE_URL)
  --schema <name>         PostgreSQL only: work in this schema (created if missing)
  --seed                  load the demo data set if the database is empty
  --seed-scale <n>        with --seed: n times the demo opportunities, volunteers and records (1–100; default 1)
  --rate-limit <n|off>    requests per minute per caller and client (default 600)
  --trust-proxy <hops>    number of reverse proxies in front of this server whose X-Forwarded-For
                          entries name the client for rate limits (env VK_TRUST_PROXY; default 0:
                          the socket address; the header is ignored, since any client can send it)
  --workers <n>           PostgreSQL only: server processes sharing the port (env VK_WORKERS; default:
                          one per core). PGlite is one process and runs one.
  --log                   print one line per request
  --rotate-certificate-key  retire the certificate signing key in use, put a new one in use, and
                          exit (certificates signed before stay valid: the old key stays published)

Webhook deliveries are sent by every process; VK_WEBHOOK_LEASE_MS (default 60000, more than 10000)
is how long one holds a delivery it is sending before another may send it.`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`);
  process.exit(2);
}
const rateLimitFlag = values['rate-limit'];
if (rateLimitFlag !== undefined && rateLimitFlag !== 'off' && !(Number(rateLimitFlag) > 0)) {
  console.error(`Invalid --rate-limit: ${rateLimitFlag} (a positive number, or "off")`);
  process.exit(2);
}
const trustProxyFlag = values['trust-proxy'];
if (!/^\d{1,3}$/.test(trustProxyFlag)) {
  console.error(`Invalid --trust-proxy (or VK_TRUST_PROXY): ${trustProxyFlag} (the number of proxy hops in front of this server; 0 trusts none)`);
  process.exit(2);
}
const trustProxy = Number(trustProxyFlag);
const seedScale = Number(values['seed-scale']);
if (!Number.isInteger(seedScale) || seedScale < 1 || seedScale > 100) {
  console.error(`Invalid --seed-scale: ${values['seed-scale']} (a whole number from 1 to 100)`);
  process.exit(2);
}
const leaseFlag = process.env['VK_WEBHOOK_LEASE_MS'] || undefined;
if (leaseFlag !== undefined && !(/^\d{1,9}$/.test(leaseFlag) && Number(leaseFlag) > 10_000)) {
  console.error(`Invalid VK_WEBHOOK_LEASE_MS: ${leaseFlag} (milliseconds, more than the 10000 a receiver has to answer)`);
  process.exit(2);
}
const databaseUrl = values['database-url'] || process.env['DATABASE_URL'] || undefined;
const workersFlag = values.workers;
if (workersFlag !== undefined && !/^[1-9]\d{0,2}$/.test(workersFlag)) {
  console.error(`Invalid --workers (or VK_WORKERS): ${workersFlag} (a whole number of processes, 1 or more)`);
  process.exit(2);
}
/** Processes asked for; only PostgreSQL can be shared by several (PGlite is one process's database). */
const workersAsked = workersFlag === undefined ? (databaseUrl ? availableParallelism() : 1) : Number(workersFlag);
const workers = databaseUrl ? workersAsked : 1;
if (values['rotate-certificate-key']) {
  const db = await openDatabase({ databaseUrl, dataDir: values.data, schema: values.schema });
  try {
    const { retired, inUse } = await rotateCertificateKey(db, new Date());
    // Key ids only: they are public (RFC 7638 thumbprints); the keys themselves are never printed.
    console.log(`Certificate signing key rotated: ${retired ?? '(none)'} retired, ${inUse} in use.`);
  } finally {
    await db.close();
  }
  process.exit(0);
}

const startedAt = performance.now();
const readyIn = () => `ready in ${Math.round(performance.now() - startedAt)} ms`;
const options = {
  port,
  host: values.host,
  dataDir: values.data,
  ...(databaseUrl ? { databaseUrl } : {}),
  ...(values.schema ? { schema: values.schema } : {}),
  seedScale,
  log: values.log,
  trustProxy,
  ...(rateLimitFlag === undefined ? {} : { rateLimit: rateLimitFlag === 'off' ? false as const : { perMinute: Number(rateLimitFlag) } }),
  ...(leaseFlag === undefined ? {} : { webhooks: { leaseMs: Number(leaseFlag) } }),
};

function startFailed(error: unknown): never {
  const code = (error as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} on ${values.host} is already in use; pick another with --port.` : `Could not start: ${(error as Error).message}`);
  process.exit(1);
}

const urlOf = (listeningPort: number) => `http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${listeningPort}`;

function printStarted(url: string, kind: string, seeded: SeedSummary | null): void {
  console.log(`VolunteerKit server listening on ${url} (${kind}, ${readyIn()})`);
  if (trustProxy > 0) {
    console.log(`Client addresses for rate limits: X-Forwarded-For, ${trustProxy} proxy hop${trustProxy === 1 ? '' : 's'} from the right (VK_TRUST_PROXY/--trust-proxy)`);
  }
  if (seeded) {
    const s = seeded;
    console.log(`Seeded: ${s.organizations} organizations, ${s.opportunities} opportunities, ${s.shifts} shifts, ${s.volunteers} volunteers, ${s.signups} sign-ups, ${s.serviceRecords} service records, ${s.honors} honors`);
  }
  if (values.seed) {
    console.log('Demo keys:');
    for (const [name, keys] of Object.entries(SEED_KEYS)) {
      console.log(`  ${name.padEnd(10)} ${keys.channelId.padEnd(20)} publishable ${keys.publishableKey}   secret ${keys.secretKey}`);
    }
    console.log(`Try: curl '${url}/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=2'`);
  }
}

/** One process serving requests: the whole server (one worker), or one of the cluster's workers. */
async function serve(worker: Worker | undefined): Promise<void> {
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    // A worker's primary has migrated and seeded already (migrating again finds nothing to do).
    server = await startServer({ ...options, openPool: true, warmUp: true, seed: worker ? false : values.seed, ...(worker ? { instance: String(worker.id) } : {}) });
  } catch (error) {
    startFailed(error);
  }
  if (!worker) printStarted(server.url, server.db.kind, server.seeded);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!worker) console.log(`\n${signal}: closing…`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * The cluster's primary: migrates and seeds once, forks `count` workers that share the port, and
 * prints the banner once all of them listen. SIGINT/SIGTERM close every worker (each finishes
 * closing its server and pool) before it exits 0. A worker that dies after it was serving is
 * replaced; one that cannot start stops the whole server (a port in use, a database refusing).
 */
async function primary(count: number): Promise<void> {
  let seeded: SeedSummary | null = null;
  try {
    const db = await openDatabase({ databaseUrl, schema: values.schema });
    try {
      if (values.seed) seeded = await seedIfEmpty(db, new Date(), { scale: seedScale });
    } finally {
      await db.close();
    }
  } catch (error) {
    startFailed(error);
  }
  let stopping = false;
  const started = new Set<number>();
  const fork = () => cluster.fork({ VK_WORKERS: String(count) });
  const stopAll = async (signal: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    if (signal) console.log(`\n${signal}: closing ${running.length} worker${running.length === 1 ? '' : 's'}…`);
    await Promise.all(running.map((w) => new Promise<void>((resolve) => {
      if (w.isDead()) return resolve();
      w.once('exit', () => resolve());
      // A worker that has not closed in 10 s is stuck: end it rather than hang the shutdown.
      const stuck = setTimeout(() => {
        console.error(`Worker ${w.id} (pid ${w.process.pid}) did not close in 10 s: killed.`);
        w.process.kill('SIGKILL');
      }, 10_000);
      w.once('exit', () => clearTimeout(stuck));
      w.process.kill('SIGTERM');
    })));
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll('SIGINT', 0));
  process.on('SIGTERM', () => void stopAll('SIGTERM', 0));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!started.has(worker.id)) {
      // Its own error is on stderr already (startFailed).
      void stopAll('', 1);
      return;
    }
    console.error(`Worker ${worker.id} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting another.`);
    fork();
  });
  const listening = new Promise<number>((resolve) => {
    cluster.on('listening', (worker, address) => {
      started.add(worker.id);
      if (started.size === count) resolve(address.port);
    });
  });
  for (let i = 0; i < count; i += 1) fork();
  const listeningPort = await listening;
  printStarted(urlOf(listeningPort), `postgres, ${count} worker processes`, seeded);
}

if (cluster.isWorker) {
  await serve(cluster.worker);
} else if (workers > 1) {
  await primary(workers);
} else {
  if (workersAsked > 1) console.log(`PGlite is one process's database: running 1 worker, not ${workersAsked} (several need PostgreSQL: --database-url).`);
  await serve(undefined);
}
