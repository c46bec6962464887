#!/usr/bin/env node
// `npm run bench`: the budgets of docs/spec/budgets.md, measured in one go, reported as ratios against a
// baseline measured in the same run on the same machine.
//
//   sizes    gzip -9 of the built bundles, against the budget and the anchors budgets.md names
//   server   the list, the honor board and sign-ups under load that asks something different on
//            every request, on PGlite and PostgreSQL, seed 1× and 10×: p50/p99 at a fixed offered
//            rate (open loop) as ratios to GET /health in the same run, and capacity at a fixed
//            concurrency; beside them the one cached list URL (scripts/bench/server.mjs)
//   page     a cold news page in Chromium through a counting proxy: API requests, preflights,
//            layout shift; and a page with ten identical widgets: requests they cost
//   render   the list at 4× CPU slowdown against a Lit + fetch floor: API answer → first item,
//            total blocking time, and a 10,000-item scroll (scripts/bench/render.mjs)
//   webhooks committed sign-up → first delivery attempt at a verifying receiver, p50/p99 over 200
//            events, on PGlite and PostgreSQL (scripts/bench/webhooks.mjs)
//   verify   <vk-verify> checking a real certificate in Chromium with the keys cached, online
//            and offline, against its 50 ms budget (scripts/bench/verify.mjs)
//
// Every load is bounded (count and time) and goes to 127.0.0.1 only.
import http from 'node:http';
import { formatSizes, measureSizes } from './size.mjs';
import { CHROME_PATH, CHROMIUM_ARGS } from './browsers.mjs';
import { benchServer } from './bench/server.mjs';
import { benchRender } from './bench/render.mjs';
import { benchWebhooks } from './bench/webhooks.mjs';
import { benchVerify } from './bench/verify.mjs';

const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

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

async function benchRenderPath() {
  const { startServer } = await import('@volunteerkit/server');
  const { startDemo } = await import('./demo-server.mjs');
  const puppeteer = (await import('puppeteer-core')).default;
  const api = await startServer({ port: 0, dataDir: 'memory', seed: true, rateLimit: false, log: false });
  const demo = await startDemo({ apiUrl: api.url, port: 0 });
  const browser = await puppeteer.launch({ browser: 'chrome', headless: true, executablePath: CHROME_PATH, args: CHROMIUM_ARGS });
  try {
    await benchRender({ browser, demoUrl: demo.url, apiUrl: api.url, root: new URL('..', import.meta.url).pathname });
  } finally {
    await browser.close();
    await demo.close();
    await api.close();
  }
}

async function benchVerifyPath() {
  const { startServer } = await import('@volunteerkit/server');
  const { startDemo } = await import('./demo-server.mjs');
  const puppeteer = (await import('puppeteer-core')).default;
  const api = await startServer({ port: 0, dataDir: 'memory', seed: true, rateLimit: false, log: false });
  const demo = await startDemo({ apiUrl: api.url, port: 0 });
  const browser = await puppeteer.launch({ browser: 'chrome', headless: true, executablePath: CHROME_PATH, args: CHROMIUM_ARGS });
  try {
    await benchVerify({ browser, demoUrl: demo.url, apiUrl: api.url });
  } finally {
    await browser.close();
    await demo.close();
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
if (wants('webhooks')) await benchWebhooks();
if (wants('page')) await benchPage();
if (wants('render')) await benchRenderPath();
if (wants('verify')) await benchVerifyPath();
process.exit(0);
