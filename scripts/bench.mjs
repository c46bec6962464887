#!/usr/bin/env node
// `npm run bench`: the budgets of docs/spec/budgets.md, measured in one go, reported as ratios against a
// baseline measured in the same run on the same machine.
//
//   sizes    gzip -9 of the built bundles, against the budget and the anchors budgets.md names
//   server   GET /v1/opportunities at a fixed 500 req/s (open loop, latency from the intended
//            send time), against GET /health at the same rate: the baseline is the HTTP stack
//            itself; then the same list with If-None-Match (304s)
//   page     a cold news page in Chromium through a counting proxy: API requests, preflights,
//            layout shift; and a page with ten identical widgets: requests they cost
//
// Every load is bounded (count and time) and goes to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { formatSizes, measureSizes } from './size.mjs';
import { CHROME_PATH, CHROMIUM_ARGS } from './browsers.mjs';

const root = new URL('..', import.meta.url).pathname;
const RATE = Number(process.env.VK_BENCH_RATE ?? 500);
const SECONDS = Number(process.env.VK_BENCH_SECONDS ?? 8);
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);
const ms = (n) => `${n.toFixed(1)} ms`;

/** Starts the reference server in its own process, so the load generator does not share its CPU time slice. */
async function startApiProcess() {
  const script = `const { startServer } = await import('@volunteerkit/server');
    const s = await startServer({ port: 0, dataDir: 'memory', seed: true, rateLimit: false, log: false });
    console.log('VK_URL ' + s.url);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /VK_URL (\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, close: () => child.kill('SIGTERM') };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Sends `rate` requests per second for `seconds` seconds; latency counts from the intended send time. */
async function fixedRateLoad(url, { rate = RATE, seconds = SECONDS, headers = {} } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const total = rate * seconds;
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const started = performance.now();
  await new Promise((resolve) => {
    let sent = 0;
    let done = 0;
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        const intended = started + (sent / rate) * 1000;
        const request = http.get(url, { agent, headers }, (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - intended);
            statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
            if (++done === total) resolve();
          });
        });
        request.on('error', () => { errors++; if (++done === total) resolve(); });
      }
      if (sent >= total) clearInterval(tick);
    }, 2);
  });
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies.at(-1),
    achieved: total / elapsed, statuses, errors };
}

async function benchServer() {
  const api = await startApiProcess();
  try {
    const key = 'pk_test_news_demo';
    const listUrl = `${api.url}/v1/opportunities?key=${key}&limit=20&hasOpenSlots=true`;
    // Warm up: first queries plan and cache.
    await fixedRateLoad(listUrl, { rate: 100, seconds: 2 });
    const baseline = await fixedRateLoad(`${api.url}/health`);
    const list = await fixedRateLoad(listUrl);
    const etag = await new Promise((resolve) => http.get(listUrl, (r) => { r.resume(); resolve(r.headers.etag); }));
    const revalidate = await fixedRateLoad(listUrl, { headers: { 'If-None-Match': etag } });
    const line = (name, r) => `  ${name.padEnd(36)} p50 ${ms(r.p50).padStart(9)}  p95 ${ms(r.p95).padStart(9)}  p99 ${ms(r.p99).padStart(9)}  ${r.achieved.toFixed(0)} req/s  ${JSON.stringify(r.statuses)}${r.errors ? ` errors ${r.errors}` : ''}`;
    console.log(`\nServer on this machine, ${RATE} req/s for ${SECONDS} s each (open loop)`);
    console.log(line('baseline GET /health', baseline));
    console.log(line('GET /v1/opportunities (limit 20)', list));
    console.log(line('same, If-None-Match (304)', revalidate));
    console.log(`  p99 ratio list / baseline: ${(list.p99 / baseline.p99).toFixed(2)}×; budget p99 ≤ 50 ms: ${list.p99 <= 50 ? 'met' : 'NOT met'} (${ms(list.p99)})`);
    console.log(`  304 share on revalidation: ${(((revalidate.statuses[304] ?? 0) / (RATE * SECONDS)) * 100).toFixed(0)}%`);
  } finally {
    api.close();
  }
}

/** A forwarding proxy in front of the API that counts requests by method and path. */
async function countingProxy(target) {
  const counts = [];
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    counts.push({ method: req.method, path: req.url.split('?')[0] });
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${server.address().port}`, counts, close: () => server.close() };
}

async function benchPage() {
  const { startServer } = await import('@volunteerkit/server');
  const { startDemo } = await import('./demo-server.mjs');
  const puppeteer = (await import('puppeteer-core')).default;
  const api = await startServer({ port: 0, dataDir: 'memory', seed: true, rateLimit: false, log: false });
  const proxy = await countingProxy(api.url);
  const demo = await startDemo({ apiUrl: proxy.url, port: 0 });
  const browser = await puppeteer.launch({ browser: 'chrome', headless: true, executablePath: CHROME_PATH, args: CHROMIUM_ARGS });
  try {
    const measure = async (path, settle) => {
      proxy.counts.length = 0;
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 390, height: 844 });
      const scripts = []; // the CDN files the page fetched: the entry and any chunk it loaded
      page.on('response', (response) => {
        const { pathname } = new URL(response.url());
        if (pathname.startsWith('/cdn/') && pathname.endsWith('.js')) scripts.push(pathname.slice('/cdn/'.length));
      });
      await page.evaluateOnNewDocument(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value; })
          .observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${demo.url}${path}`, { waitUntil: 'networkidle0' });
      await page.waitForFunction(settle, { timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 500));
      const cls = await page.evaluate(() => window.__cls);
      await context.close();
      return { requests: [...proxy.counts], cls, scripts };
    };
    const listReady = () => document.querySelector('vk-opportunity-list')?.shadowRoot?.querySelector('[part~="item"], [part~="card"]');
    const news = await measure('/news/', listReady);
    const ten = await measure('/bench/ten-widgets.html', () => [...document.querySelectorAll('vk-opportunity-list')]
      .every((el) => el.shadowRoot?.querySelector('[part~="item"], [part~="card"]')));
    const listOnly = await measure('/bench/list-only.html', listReady);
    const byPath = (requests) => Object.entries(requests.reduce((acc, r) => ({ ...acc, [`${r.method} ${r.path}`]: (acc[`${r.method} ${r.path}`] ?? 0) + 1 }), {}))
      .map(([k, v]) => `${k} ×${v}`).join(', ');
    const preflights = (requests) => requests.filter((r) => r.method === 'OPTIONS').length;
    console.log('\nPages in Chromium, cold, phone viewport, through a counting proxy');
    console.log(`  news page: ${news.requests.length} API requests (${byPath(news.requests)}), ${preflights(news.requests)} preflights, CLS ${news.cls.toFixed(3)}`);
    console.log(`    CDN scripts it loaded: ${news.scripts.join(', ')}`);
    console.log(`  a page with one list: ${listOnly.requests.length} API requests (${byPath(listOnly.requests)}), ${preflights(listOnly.requests)} preflights; CDN scripts: ${listOnly.scripts.join(', ')} (budget: script + 1 GET)`);
    const tenLists = ten.requests.filter((r) => r.path === '/v1/opportunities').length;
    console.log(`  ten identical lists: ${tenLists} GET /v1/opportunities (budget 1; ratio to naive 10: ${(tenLists / 10).toFixed(2)}), ${preflights(ten.requests)} preflights, CLS ${ten.cls.toFixed(3)}`);
  } finally {
    await browser.close();
    await demo.close();
    proxy.close();
    await api.close();
  }
}

if (wants('sizes')) {
  const sizes = await measureSizes();
  console.log('Bundle sizes (gzip -9)');
  console.log(formatSizes(sizes));
  const anchors = { 'Typeform embed loader': 14.2, 'Cal.com embed-core': 17.2, 'ky 1.14 alone': 5.1 };
  if (sizes.cdn) console.log(`  CDN entry vs anchors: ${Object.entries(anchors).slice(0, 2).map(([n, kb]) => `${(sizes.cdn.bytes / 1024 / kb).toFixed(2)}× ${n}`).join(', ')}`);
  if (sizes.sdkList) console.log(`  SDK list-only vs ky alone: ${(sizes.sdkList.bytes / 1024 / anchors['ky 1.14 alone']).toFixed(2)}×`);
}
if (wants('server')) await benchServer();
if (wants('page')) await benchPage();
process.exit(0);
