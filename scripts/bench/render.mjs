// `npm run bench render`: the list's render path on a phone-class CPU (Chromium at 4× CPU
// slowdown through CDP's Emulation.setCPUThrottlingRate), against a floor measured in the same run:
// a page that fetches the same API answer and renders the same number of plain Lit items.
//
//   first item   time from the API answer (its resource timing's responseEnd) to the first item
//                in the DOM at a frame, median of RUNS cold loads, for the one-list page and the
//                floor; printed as a ratio to the floor (budget ≤ 2×). Measured twice, each page
//                alike: on the bare local network (the API answers in a few milliseconds), and
//                with Lighthouse mobile's network (150 ms round trip, 1,638.4 Kbps down, 750 Kbps
//                up, applied by Chromium to each request), the conditions the budget names
//   TBT          total blocking time of each page: long tasks (PerformanceObserver 'longtask')
//                after first contentful paint until the page is quiet, each counted beyond 50 ms.
//                Lighthouse is not installed here, so this is its definition computed by hand
//                (docs/spec/budgets.md)
//   scroll       a list holding 10,000 items (the answer is served by the bench): a fling of 300
//                frames × 120 px from a third of the way down, and the whole list in 100 jumps
//                (every frame a fresh range of rows); longest task, blocked time and frame-time
//                p95 of each (budget: no task > 50 ms), and the main thread's time in them (style,
//                layout, script: Chromium's Performance metrics). Beside them, for reading only, the fling's
//                distance and speed by a synthetic wheel gesture (scrolled by the compositor). Each
//                scroll runs again on a floor: the same items as plain Lit rows in the same
//                virtualizer, alternating with the list, so a slow spell of the machine shows in both
//   waiting      the main thread's time (Chromium's TaskDuration) over 4 s while a list of 10 and
//                one of 100 wait for an answer that is held back, on a page whose own script asks
//                for every frame (as a carousel or an animated header does), against the same page
//                without a list; medians of 3, interleaved. For reading: no budget names it
//
// Figures depend on the machine and its load; they are printed, never asserted. VK_BENCH_RENDER_RUNS
// sets the number of cold loads (5); VK_BENCH_RENDER_PARTS=loads, =scroll or =waiting (or a comma
// list of them) runs only those parts; VK_BENCH_TRACE_FLING=<file> writes a Chromium trace of the
// fling, to read where a long task went, and the floor's fling beside it (<file>-floor.json);
// VK_BENCH_TRACE_JUMPS=<file> does the same for the 100 jumps, with JavaScript samples;
// VK_BENCH_TRACE_LOADS=<prefix> traces each cold load on Lighthouse mobile's network, with
// JavaScript samples (<prefix>-<run>.json, and <prefix>-<run>-floor.json for the floor's), to read
// what a page does between its answer and its first item. Traced loads run slower: read their
// figures against each other, not against the budget.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const THROTTLE = 4;
/** What `VK_BENCH_TRACE_FLING=<file>` records of the fling: tasks, layout and style, scripts, GC. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.gc'];
/** What `VK_BENCH_TRACE_LOADS` records: the same, and the JavaScript call stacks sampled. */
const LOAD_TRACE_CATEGORIES = [...TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'];
const RUNS = Number(process.env.VK_BENCH_RENDER_RUNS ?? 5);
const PARTS = process.env.VK_BENCH_RENDER_PARTS ?? 'loads,scroll,waiting';
const SCROLL_ITEMS = 10_000;
/** The waiting measurement: this long, this many interleaved rounds. */
const WAIT_MS = 4000;
const WAIT_ROUNDS = 3;
/** A fling: this many frames of this many pixels (about 7,000 px/s at 60 frames a second). */
const FLING_FRAMES = 300;
const FLING_PIXELS = 120;
/** The whole list in this many jumps, one per frame. */
const JUMPS = 100;
const PUBLISHABLE_KEY = 'pk_test_news_demo';
/**
 * Lighthouse mobile's network ("slow 4G"): its nominal figures, in bytes per second, applied by
 * Chromium to each request. (Lighthouse's own DevTools throttling multiplies the latency by 3.75
 * to stand for connection set-up; not done here, which gives the page less time to prepare.)
 */
const MOBILE_NETWORK = { latency: 150, download: (1638.4 * 1024) / 8, upload: (750 * 1024) / 8 };

/** One floor item: the list item's text in plain elements, no styles, no formatting. */
const FLOOR_ITEM = `html\`<li data-floor-item>
  <div>\${item.status} \${item.category}</div><div role="heading" aria-level="3">\${item.title}</div>
  <div>\${item.orgName}</div><div>\${item.nextShift?.start ?? ''}</div><div>\${item.location.name}</div>
  <div>\${item.openSpots} · \${item.hoursPerShift}</div><button type="button">报名</button></li>\``;

/** The floor: fetch + Lit, one plain template per item, nothing else. */
const FLOOR_SOURCE = `
import { html, render } from 'lit';
const params = new URLSearchParams(location.search);
const api = params.get('api');
const answer = await fetch(api + '/v1/opportunities?key=${PUBLISHABLE_KEY}&limit=' + params.get('limit')).then((r) => r.json());
render(html\`<ul>\${answer.data.map((item) => ${FLOOR_ITEM})}</ul>\`, document.body);
`;

/**
 * The scroll's floor: the same plain items in the same virtualizer (@lit-labs/virtualizer, as the
 * list uses it), nothing else: what scrolling any Lit list of this length costs on this machine.
 */
const SCROLL_FLOOR_SOURCE = `
import { html, render } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
const answer = await fetch('/v1/opportunities?key=${PUBLISHABLE_KEY}&limit=100').then((r) => r.json());
render(html\`<ul style="list-style: none; margin: 0; padding: 0">\${virtualize({ items: answer.data, renderItem: (item) => ${FLOOR_ITEM} })}</ul>\`, document.body);
`;

async function floorScript(root, source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true, format: 'esm', minify: true, write: false, target: 'es2022', logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Installed before any page script: first contentful paint, long tasks, first item at a frame. */
function instrument() {
  window.__bench = { longTasks: [], fcp: null, firstItem: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') window.__bench.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  const findItem = () => document.querySelector('[data-floor-item]')
    ?? document.querySelector('vk-opportunity-list')?.shadowRoot?.querySelector('[part~="item"]');
  const poll = () => {
    if (findItem()) window.__bench.firstItem = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Starts counting the page's main-thread time (Chromium's Performance metrics: all tasks, and of
 * them style, layout and script); the function returned reads what was spent since.
 */
async function mainThreadMeter(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));
  const before = await read();
  return async () => {
    const after = await read();
    const spent = (name) => after[name] - before[name];
    return { total: spent('TaskDuration'), style: spent('RecalcStyleDuration'), layout: spent('LayoutDuration'), script: spent('ScriptDuration') };
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const blocking = (tasks, after) => tasks.filter((t) => t.start >= after).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);

/** `count` list items in the contract's shape, spread over the coming weeks. */
function manyItems(count) {
  const places = ['翠苑社区敬老院', '北山街游客服务中心', '杭州图书馆少儿分馆', '钱江新城补给站', '拱宸桥街道社区卫生服务中心'];
  const categories = ['elderly', 'environment', 'education', 'sports_events', 'health'];
  const start = Date.now() + 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const begins = new Date(start + (i % 60) * 86_400_000 + (i % 5) * 3_600_000);
    return {
      id: `opp_bench${String(i).padStart(6, '0')}`, orgId: 'org_bench0001', orgName: '西湖区志愿者协会',
      title: `社区志愿服务第 ${i + 1} 期`, category: categories[i % 5],
      location: { name: places[i % 5], regionCode: '330106', online: i % 17 === 0 },
      status: i % 7 === 3 ? 'full' : 'recruiting', audience: 'public', signupOpensAt: null, signupClosesAt: null, hoursPerShift: 2 + (i % 3),
      timezone: 'Asia/Shanghai',
      nextShift: { id: `shf_bench${String(i).padStart(6, '0')}`, start: begins.toISOString(), end: new Date(begins.getTime() + 7_200_000).toISOString(), spotsLeft: i % 7 === 3 ? 0 : 5 + (i % 9) },
      shiftCount: 1 + (i % 4), openSpots: i % 7 === 3 ? 0 : 5 + (i % 9),
    };
  });
}

/**
 * @param {{ browser: import('puppeteer-core').Browser, demoUrl: string, apiUrl: string, root: string }} setup
 */
export async function benchRender({ browser, demoUrl, apiUrl, root }) {
  const floorJs = await floorScript(root, FLOOR_SOURCE);
  const scrollFloorJs = await floorScript(root, SCROLL_FLOOR_SOURCE);
  const scrollAnswer = JSON.stringify({ data: manyItems(SCROLL_ITEMS), nextCursor: null });
  /** A page that asks for every frame, with `list` (markup) or without. */
  const waitingPage = (list) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>waiting</title><script type="module" src="/cdn/volunteerkit.js"></script></head><body><script>const frame = () => requestAnimationFrame(frame); frame();</script>${list}</body></html>`;
  const waitingList = (limit) => `<vk-opportunity-list base-url="${apiUrl}" publishable-key="${PUBLISHABLE_KEY}" limit="${limit}"></vk-opportunity-list>`;
  const pages = {
    '/bench/waiting-10.html': { type: 'text/html', body: waitingPage(waitingList(10)) },
    '/bench/waiting-100.html': { type: 'text/html', body: waitingPage(waitingList(100)) },
    '/bench/waiting-none.html': { type: 'text/html', body: waitingPage('') },
    '/bench/floor.html': { type: 'text/html', body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title><script type="module" src="/bench/floor.js"></script></head><body></body></html>` },
    '/bench/floor.js': { type: 'text/javascript', body: floorJs },
    '/bench/scroll-floor.html': { type: 'text/html', body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>scroll floor</title><script type="module" src="/bench/scroll-floor.js"></script></head><body></body></html>` },
    '/bench/scroll-floor.js': { type: 'text/javascript', body: scrollFloorJs },
    '/bench/scroll.html': { type: 'text/html', body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>scroll</title><script type="module" src="/cdn/volunteerkit.js"></script></head><body><vk-opportunity-list base-url="${apiUrl}" publishable-key="${PUBLISHABLE_KEY}" limit="100" layout="list" signup="dialog"></vk-opportunity-list></body></html>` },
  };

  // The bench's own pages come from a local server (a document answered by request interception
  // has no address, so Chromium's local-network protection would refuse its requests to the API).
  const cdnDir = join(root, 'packages/widgets/cdn');
  const pageServer = http.createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    const own = pages[path];
    if (own) return res.writeHead(200, { 'content-type': own.type }).end(own.body);
    if (path.startsWith('/cdn/') && !path.includes('..')) {
      const body = await readFile(join(cdnDir, path.slice('/cdn/'.length))).catch(() => null);
      if (body) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
    }
    res.writeHead(404).end();
  });
  await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  const pagesUrl = `http://127.0.0.1:${pageServer.address().port}`;

  const open = async ({ scrollList = false, holdList = false, network = null } = {}) => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 390, height: 844 });
    // The reader the budgets are written for: a phone in China (the machine's own zone is UTC).
    await page.emulateTimezone('Asia/Shanghai');
    if (network) await page.emulateNetworkConditions(network);
    if (scrollList) {
      // The 10,000 items are answered here, as the API would (one page, no cursor).
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (new URL(request.url()).pathname !== '/v1/opportunities') return request.continue();
        return request.respond({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: scrollAnswer });
      });
    }
    if (holdList) {
      // The list's answer never comes: its placeholder stays.
      await page.setRequestInterception(true);
      page.on('request', (request) => (new URL(request.url()).pathname === '/v1/opportunities' ? undefined : request.continue()));
    }
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    page.on('requestfailed', (request) => console.error(`  request failed: ${request.url()} ${request.failure()?.errorText}`));
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.evaluateOnNewDocument(instrument);
    return { page, close: () => context.close() };
  };

  /** One cold load: API answer → first item, and the page's TBT once quiet; traced to `tracePath` if given. */
  const load = async (url, network = null, tracePath = undefined) => {
    const { page, close } = await open({ network });
    try {
      if (tracePath) await page.tracing.start({ path: tracePath, categories: LOAD_TRACE_CATEGORIES });
      await page.goto(url, { waitUntil: 'networkidle0', timeout: 60_000 });
      await page.waitForFunction(() => window.__bench.firstItem !== null, { timeout: 30_000 });
      // Quiet: two seconds without a new long task.
      let seen = -1;
      for (let i = 0; i < 20; i++) {
        const count = await page.evaluate(() => window.__bench.longTasks.length);
        if (count === seen) break;
        seen = count;
        await new Promise((r) => setTimeout(r, 2000));
      }
      return await page.evaluate((blockingSource) => {
        const blockingAfter = new Function(`return ${blockingSource}`)();
        const answer = performance.getEntriesByType('resource').find((e) => e.name.includes('/v1/opportunities'));
        const { firstItem, fcp, longTasks } = window.__bench;
        return { toFirstItem: firstItem - answer.responseEnd, tbt: blockingAfter(longTasks, fcp ?? 0), answerMs: answer.responseEnd - answer.startTime };
      }, blocking.toString()).finally(() => tracePath && page.tracing.stop());
    } finally {
      await close();
    }
  };

  /** The 10,000-item pages: the list, and the same items as plain rows in the same virtualizer. */
  const scrollTargets = {
    list: { path: '/bench/scroll.html', ready: () => document.querySelector('vk-opportunity-list')?.shadowRoot?.querySelector('.items--virtual [part~="item"]') },
    floor: { path: '/bench/scroll-floor.html', ready: () => document.querySelector('[data-floor-item]') },
  };
  const openScrollPage = async (page, target) => {
    await page.goto(`${pagesUrl}${target.path}`, { waitUntil: 'networkidle0', timeout: 60_000 });
    await page.waitForFunction(target.ready, { timeout: 60_000 });
  };

  /**
   * Scrolls the 10,000-item list in frames: `steps` frames of `pixels` each (a fling), or, with
   * `pixels` null, `steps` jumps spread over the whole list (every frame a fresh range of rows).
   */
  const scroll = async (target, steps, pixels) => {
    const { page, close } = await open({ scrollList: true });
    try {
      await openScrollPage(page, target);
      if (pixels !== null) {
        // Start a third of the way down, away from the list's first rows.
        await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 3));
      }
      await new Promise((r) => setTimeout(r, 1500));
      const trace = pixels === null ? process.env.VK_BENCH_TRACE_JUMPS : process.env.VK_BENCH_TRACE_FLING;
      const tracePath = trace && target !== scrollTargets.list ? trace.replace(/(\.json)?$/, '-floor.json') : trace;
      if (tracePath) await page.tracing.start({ path: tracePath, categories: pixels === null ? LOAD_TRACE_CATEGORIES : TRACE_CATEGORIES });
      const mainThread = await mainThreadMeter(page);
      const result = await page.evaluate((steps, pixels) => new Promise((resolve) => {
        const tasks = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) tasks.push(entry.duration);
        });
        observer.observe({ type: 'longtask' });
        const frames = [];
        const height = document.documentElement.scrollHeight - innerHeight;
        const from = scrollY;
        let step = 0;
        let last = performance.now();
        const started = last;
        const next = (now) => {
          frames.push(now - last);
          last = now;
          if (step++ >= steps) {
            // Let the last range render and its long task (if any) be reported.
            setTimeout(() => {
              observer.disconnect();
              resolve({ tasks, frames: frames.slice(1), distance: scrollY - from, height, ms: performance.now() - started });
            }, 500);
            return;
          }
          scrollTo(0, pixels === null ? (height * step) / steps : from + pixels * step);
          requestAnimationFrame(next);
        };
        requestAnimationFrame(next);
      }), steps, pixels);
      result.mainThread = await mainThread();
      if (tracePath) {
        await page.tracing.stop();
        console.log(`  the ${target === scrollTargets.list ? 'list' : 'floor'}'s ${pixels === null ? 'jumps' : 'fling'}, traced: ${tracePath} (open it in DevTools' Performance panel)`);
      }
      return result;
    } finally {
      await close();
    }
  };

  /**
   * The same distance as the fling, at the same speed, scrolled by a synthetic wheel gesture through
   * Chromium's input pipeline (`Input.synthesizeScrollGesture`, as Chromium's own smoothness
   * benchmarks scroll; a touch gesture did not scroll the headless page here, with touch emulation
   * on or off): scrolled by the compositor, no script forcing a layout
   * each frame. Printed beside the fling, not instead of it: the budget's figure is the fling's.
   */
  const wheel = async (target) => {
    const { page, close } = await open({ scrollList: true });
    try {
      await openScrollPage(page, target);
      await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 3));
      await new Promise((r) => setTimeout(r, 1500));
      await page.evaluate(() => {
        window.__wheel = { tasks: [], frames: [], from: scrollY, started: performance.now() };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__wheel.tasks.push(entry.duration);
        }).observe({ type: 'longtask' });
        let last = performance.now();
        const frame = (now) => {
          window.__wheel.frames.push(now - last);
          last = now;
          if (!window.__wheel.done) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      const cdp = await page.createCDPSession();
      await cdp.send('Input.synthesizeScrollGesture', {
        x: 195, y: 700, yDistance: -FLING_FRAMES * FLING_PIXELS, speed: FLING_PIXELS * 60, gestureSourceType: 'mouse',
      });
      await new Promise((r) => setTimeout(r, 500));
      return await page.evaluate(() => {
        window.__wheel.done = true;
        const { tasks, frames, from, started } = window.__wheel;
        return { tasks, frames: frames.slice(1), distance: scrollY - from, ms: performance.now() - started };
      });
    } finally {
      await close();
    }
  };

  /** Main-thread time over WAIT_MS on `path`, its list (if any) showing its placeholder meanwhile. */
  const waiting = async (path) => {
    const { page, close } = await open({ holdList: true });
    try {
      await page.goto(`${pagesUrl}${path}`, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForFunction(() => !document.querySelector('vk-opportunity-list') || document.querySelector('vk-opportunity-list').shadowRoot?.querySelector('[part~="skeleton"]'), { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 1000));
      const mainThread = await mainThreadMeter(page);
      await new Promise((r) => setTimeout(r, WAIT_MS));
      return (await mainThread()).total;
    } finally {
      // Closing aborts the held request: not a failure to report.
      page.removeAllListeners('requestfailed');
      await close();
    }
  };

  const floorUrl = `${pagesUrl}/bench/floor.html?api=${encodeURIComponent(apiUrl)}&limit=5`;
  const networks = [{ name: 'local network, no throttling', conditions: null }, { name: 'Lighthouse mobile network (150 ms, 1.6 Mbps down)', conditions: MOBILE_NETWORK }];
  const loads = networks.map(() => ({ widget: [], floor: [] }));
  // Interleaved, so a burst of load from elsewhere on the machine hits both alike.
  for (let i = 0; i < (PARTS.includes('loads') ? RUNS : 0); i++) {
    for (const [n, network] of networks.entries()) {
      const trace = network.conditions && process.env.VK_BENCH_TRACE_LOADS ? `${process.env.VK_BENCH_TRACE_LOADS}-${i}` : undefined;
      loads[n].widget.push(await load(`${demoUrl}/bench/list-only.html`, network.conditions, trace && `${trace}.json`));
      loads[n].floor.push(await load(floorUrl, network.conditions, trace && `${trace}-floor.json`));
      if (trace) console.log(`  load ${i + 1} on Lighthouse mobile's network, traced: ${trace}.json and ${trace}-floor.json`);
    }
  }
  const waits = { none: [], 10: [], 100: [] };
  for (let i = 0; i < (PARTS.includes('waiting') ? WAIT_ROUNDS : 0); i++) {
    const order = i % 2 ? ['100', '10', 'none'] : ['none', '10', '100'];
    for (const key of order) waits[key].push(await waiting(`/bench/waiting-${key}.html`));
  }
  const scrolls = PARTS.includes('scroll');
  // List and floor alternate (ABBA), so a slower spell of the machine tends to hit both.
  const { list, floor } = scrollTargets;
  const fling = scrolls ? { list: await scroll(list, FLING_FRAMES, FLING_PIXELS), floor: await scroll(floor, FLING_FRAMES, FLING_PIXELS) } : null;
  const wheeled = scrolls ? { floor: await wheel(floor), list: await wheel(list) } : null;
  const jumps = scrolls ? { list: await scroll(list, JUMPS, null), floor: await scroll(floor, JUMPS, null) } : null;
  pageServer.close();

  const ms = (value) => `${Math.round(value)} ms`;
  console.log(`\nRender path in Chromium at ${THROTTLE}× CPU slowdown, phone viewport (median of ${RUNS} cold loads, interleaved)`);
  for (const [n, network] of networks.entries()) {
    const { widget, floor } = loads[n];
    if (widget.length === 0) continue;
    const widgetFirst = median(widget.map((r) => r.toFirstItem));
    const floorFirst = median(floor.map((r) => r.toFirstItem));
    console.log(`  ${network.name} (the list's GET took ${ms(median(widget.map((r) => r.answerMs)))}):`);
    console.log(`    API answer → first item: one list ${ms(widgetFirst)}, Lit + fetch floor ${ms(floorFirst)}: ${(widgetFirst / Math.max(1, floorFirst)).toFixed(2)}× the floor (budget ≤ 2×)`);
    console.log(`      each run, list: ${widget.map((r) => Math.round(r.toFirstItem)).join(', ')} ms; floor: ${floor.map((r) => Math.round(r.toFirstItem)).join(', ')} ms`);
    console.log(`    TBT (long tasks after FCP, computed from PerformanceObserver, not Lighthouse): one list ${ms(median(widget.map((r) => r.tbt)))}, floor ${ms(median(floor.map((r) => r.tbt)))} (budget ≤ 100 ms); each run, list: ${widget.map((r) => Math.round(r.tbt)).join(', ')} ms`);
  }
  if (waits.none.length) {
    const of = (key) => `${ms(median(waits[key]))} (${waits[key].map(Math.round).join(', ')})`;
    console.log(`  while the list waits for an answer held back, beside a page script that asks for every frame: main thread in ${WAIT_MS / 1000} s, list of 10 ${of(10)}, list of 100 ${of(100)}; the same page without a list ${of('none')} (medians of ${WAIT_ROUNDS}; for reading, no budget)`);
  }
  const describe = (run) => {
    const longest = Math.max(0, ...run.tasks);
    const blocked = run.tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0);
    const main = run.mainThread ? `; main thread ${ms(run.mainThread.total)} (style ${ms(run.mainThread.style)}, layout ${ms(run.mainThread.layout)}, script ${ms(run.mainThread.script)})` : '';
    return `longest task ${ms(longest)} (budget: none > 50 ms), ${run.tasks.length} long tasks blocking ${ms(blocked)}, frame p95 ${ms(percentile(run.frames, 0.95))}, median ${ms(median(run.frames))}${main}`;
  };
  if (!scrolls) return;
  const floorLine = (run) => `    virtualizer floor (the same items as plain Lit rows in @lit-labs/virtualizer, ${Math.round(run.distance / 1000)}k px in ${ms(run.ms)}): ${describe(run)}`;
  console.log(`  ${SCROLL_ITEMS.toLocaleString('en')} items, a fling of ${FLING_FRAMES} frames × ${FLING_PIXELS} px (${Math.round(fling.list.distance / 1000)}k px in ${ms(fling.list.ms)}): ${describe(fling.list)}`);
  console.log(floorLine(fling.floor));
  console.log(`  the fling's distance and speed by mouse wheel (Input.synthesizeScrollGesture, ${Math.round(wheeled.list.distance / 1000)}k px in ${ms(wheeled.list.ms)}; for reading, not the budget's figure): ${describe(wheeled.list)}`);
  console.log(floorLine(wheeled.floor));
  console.log(`  ${SCROLL_ITEMS.toLocaleString('en')} items, top to bottom in ${JUMPS} jumps (${Math.round(jumps.list.height / 1000)}k px, every frame new rows, ${ms(jumps.list.ms)}): ${describe(jumps.list)}`);
  console.log(floorLine(jumps.floor));
}
