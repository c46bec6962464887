// The webhook part of `npm run bench`: committed change → first delivery attempt, over 200 events
// (budget: p99 ≤ 2 s, docs/spec/budgets.md).
//
// The built CLI runs in its own process (PGlite in memory, or PostgreSQL in a fresh schema when
// VK_BENCH_DATABASE_URL is set), seeded; a receiver in this process (node:http, 127.0.0.1) verifies
// every delivery with the Standard Webhooks library and notes when each event first arrived. 200
// sign-ups are sent at a fixed rate (VK_BENCH_WEBHOOK_RATE per second, default 10, below what a seeded PGlite signs up per second on a shared 2-core machine, so the figure is the dispatch and not a sign-up queue), each on its own
// connection. Latency per event is counted two ways: from the moment its request was sent (an upper
// bound: it includes handling the request before the commit) and from its answer (a lower bound:
// the commit happened just before the answer was written).
import { spawn } from 'node:child_process';
import http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { discover, signups } from './profiles.mjs';

const root = new URL('../..', import.meta.url).pathname;
const EVENTS = 200;
const RATE = Number(process.env.VK_BENCH_WEBHOOK_RATE || 10);
const SECRET_KEY = 'sk_test_news_demo';

async function startApi(databaseUrl, schema) {
  const cli = new URL('packages/server/dist/cli.js', `file://${root}`).pathname;
  const where = databaseUrl ? ['--database-url', databaseUrl, '--schema', schema] : ['--data', 'memory'];
  const { DATABASE_URL, VK_WORKERS, ...childEnv } = process.env;
  const child = spawn(process.execPath, [cli, '--port', '0', '--host', '127.0.0.1', '--seed', '--rate-limit', 'off', ...where], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /listening on (\S+)/.exec(buffer);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    exited.then((code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, close: async () => { child.kill('SIGTERM'); await exited; } };
}

function startReceiver() {
  const firstArrival = new Map(); // sign-up id → ms
  let secret = '';
  let refused = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const at = performance.now();
      try {
        new Webhook(secret).verify(body, req.headers);
      } catch {
        refused += 1;
        res.writeHead(401).end();
        return;
      }
      const event = JSON.parse(body);
      if (!firstArrival.has(event.data.id)) firstArrival.set(event.data.id, at);
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    firstArrival,
    get refused() { return refused; },
    setSecret: (value) => (secret = value),
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  })));
}

function post(base, { path, headers, body }) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(new URL(path, base), { method: 'POST', agent: false, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: text, answeredAt: performance.now() }));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function benchOne(backend) {
  const databaseUrl = backend === 'postgres' ? process.env.VK_BENCH_DATABASE_URL : undefined;
  const schema = `vk_bench_webhooks_${process.pid}`;
  const api = await startApi(databaseUrl, schema);
  const receiver = await startReceiver();
  try {
    const created = await post(api.url, { path: '/v1/webhook-endpoints', headers: { Authorization: `Bearer ${SECRET_KEY}` }, body: { url: receiver.url, eventTypes: ['signup.created'] } });
    if (created.status !== 201) throw new Error(`registering the endpoint: ${created.status} ${created.body}`);
    receiver.setSecret(JSON.parse(created.body).secret);
    const next = signups(await discover(api.url), `webhooks-${process.pid}`);
    const sent = [];
    const started = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sentAt = performance.now();
      sent.push(post(api.url, next()).then((answer) => ({ ...answer, sentAt })));
    }
    const answers = await Promise.all(sent);
    const ok = answers.filter((a) => a.status === 201).map((a) => ({ ...a, id: JSON.parse(a.body).id }));
    const deadline = performance.now() + 30_000;
    while (ok.some((a) => !receiver.firstArrival.has(a.id)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const delivered = ok.filter((a) => receiver.firstArrival.has(a.id));
    const fromSent = delivered.map((a) => receiver.firstArrival.get(a.id) - a.sentAt);
    const fromAnswer = delivered.map((a) => Math.max(0, receiver.firstArrival.get(a.id) - a.answeredAt));
    return { backend, created: ok.length, delivered: delivered.length, refused: receiver.refused, fromSent, fromAnswer };
  } finally {
    await receiver.close();
    await api.close();
    if (databaseUrl) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    }
  }
}

const ms = (n) => (n === undefined ? '—' : n < 10 ? n.toFixed(1) : n.toFixed(0));

export async function benchWebhooks() {
  const backends = ['pglite', ...(process.env.VK_BENCH_DATABASE_URL ? ['postgres'] : [])];
  console.log(`\nWebhooks: committed change → first delivery attempt, ${EVENTS} sign-ups at ${RATE}/s, receiver verifying with standardwebhooks (budget p99 ≤ 2000 ms)`);
  console.log('| back end | sign-ups | delivered | refused by the receiver | p50 from request sent ms | p99 from request sent ms | p99 from answer ms | max from request sent ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const backend of backends) {
    const r = await benchOne(backend);
    console.log(`| ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} | ${r.created} | ${r.delivered} | ${r.refused} | ${ms(percentile(r.fromSent, 50))} | ${ms(percentile(r.fromSent, 99))} | ${ms(percentile(r.fromAnswer, 99))} | ${ms(Math.max(...r.fromSent))} |`);
  }
}
