#!/usr/bin/env node
/**
 * `volunteerkit-server [--port 8787] [--host 127.0.0.1] [--data .data/pglite|memory] [--database-url postgres://…] [--schema name] [--seed]
 *   [--seed-scale n] [--rate-limit n|off] [--trust-proxy hops] [--log]`
 */
import { parseArgs } from 'node:util';
import { SEED_KEYS, startServer } from './index.js';

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
    log: { type: 'boolean', default: false },
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
  --log                   print one line per request`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port: ${values.port}`);
  process.exit(2);
}
const rateLimitFlag = values['rate-limit'];
const started = performance.now();
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
let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    port,
    host: values.host,
    dataDir: values.data,
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
    ...(values.schema ? { schema: values.schema } : {}),
    seed: values.seed,
    seedScale,
    log: values.log,
    trustProxy,
    ...(rateLimitFlag === undefined ? {} : { rateLimit: rateLimitFlag === 'off' ? false : { perMinute: Number(rateLimitFlag) } }),
  });
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} on ${values.host} is already in use; pick another with --port.` : `Could not start: ${(error as Error).message}`);
  process.exit(1);
}

console.log(`VolunteerKit server listening on ${server.url} (${server.db.kind}, ready in ${Math.round(performance.now() - started)} ms)`);
if (trustProxy > 0) {
  console.log(`Client addresses for rate limits: X-Forwarded-For, ${trustProxy} proxy hop${trustProxy === 1 ? '' : 's'} from the right (VK_TRUST_PROXY/--trust-proxy)`);
}
if (server.seeded) {
  const s = server.seeded;
  console.log(`Seeded: ${s.organizations} organizations, ${s.opportunities} opportunities, ${s.shifts} shifts, ${s.volunteers} volunteers, ${s.signups} sign-ups, ${s.serviceRecords} service records, ${s.honors} honors`);
}
if (values.seed) {
  console.log('Demo keys:');
  for (const [name, keys] of Object.entries(SEED_KEYS)) {
    console.log(`  ${name.padEnd(10)} ${keys.channelId.padEnd(20)} publishable ${keys.publishableKey}   secret ${keys.secretKey}`);
  }
  console.log(`Try: curl '${server.url}/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=2'`);
}

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: closing…`);
  await server.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
