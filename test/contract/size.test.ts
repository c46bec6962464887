// The bundle budgets, measured on the built output (npm test builds first).
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { formatSizes, measureSizes } from '../../scripts/size.mjs';

const root = new URL('../../', import.meta.url);

describe('bundle sizes (gzip -9)', () => {
  let sizes: Awaited<ReturnType<typeof measureSizes>>;
  before(async () => {
    sizes = await measureSizes();
    console.log(formatSizes(sizes));
  });

  // createClient + one opportunities.list, bundled as an npm user would with default options,
  // every emitted chunk counted: esbuild and rollup, code splitting on and off. The budget is
  // 8 KB and is NOT met yet: ky 1.14 alone is 5.0 KB of it (docs/architecture.md, SDK, "On ky 1.14").
  // Until it is, the measured size is held to a ceiling so it cannot grow, and the ratio to the
  // budget is printed. Lower the ceiling as the SDK shrinks; at the budget, assert the budget.
  // Measured 9,628 B (esbuild) and 9,279 B (rollup); then 10,087 B once every client dropped what
  // its writes made stale (internal/freshness.ts: without it a page shows the browser's cached
  // spots left for up to 5 min after a sign-up); 9,968 B once only the write resources record
  // those marks, a read checks them in one lookup and the query is sorted by URLSearchParams;
  // 9,928 B once the transport took ky's own request shape (docs/architecture.md, SDK, "The 8 KB
  // list call is out of reach with ky", with what is left and what was measured).
  // The ceiling is the larger + 1 %.
  const SDK_LIST_CEILING = 10_027;
  it('the SDK for one list call does not grow past its ceiling (budget 8 KB, not yet met), esbuild and rollup, splitting on or off', () => {
    assert.ok(sizes.sdkList, 'packages/sdk/dist is missing: run npm run build');
    assert.deepEqual(sizes.sdkList.builds.map((b) => `${b.bundler} ${b.splitting}`), ['esbuild true', 'esbuild false', 'rollup true', 'rollup false']);
    for (const b of sizes.sdkList.builds) {
      const where = `${b.bundler}, splitting ${b.splitting ? 'on' : 'off'}: ${b.bytes} B`;
      if (b.bytes > sizes.sdkList.budget) console.log(`OVER BUDGET ${(b.bytes / sizes.sdkList.budget).toFixed(2)}× — ${where} > ${sizes.sdkList.budget} B`);
      assert.ok(b.bytes <= SDK_LIST_CEILING, `${where} > ceiling ${SDK_LIST_CEILING} B`);
    }
  });

  it('the default client carries neither zod nor the contract schemas (validation is an opt-in entry point)', () => {
    assert.ok(sizes.sdkList);
    for (const b of sizes.sdkList.builds) {
      assert.ok(b.modules.some((id) => id.includes('packages/sdk/dist/client.js')), `${b.bundler}: the probe bundled the SDK`);
      assert.ok(b.modules.some((id) => /node_modules\/ky\//.test(id)), `${b.bundler}: ky is in the bundle`);
      const contract = b.modules.filter((id) => /node_modules\/zod\/|packages\/sdk\/dist\/(schemas\/|validation\.js)/.test(id));
      assert.deepEqual(contract, [], `${b.bundler}, splitting ${b.splitting}`);
    }
  });

  // The CDN entry, `volunteerkit.js` (Lit, ky and the SDK, the config, <vk-provider> and
  // <vk-opportunity-list>: everything a page loads before any widget shows). Its budget is 25 KB
  // and is NOT met with ky inside (30,104 B; 26.2 KB before ky; the wrapping list layouts and the
  // reader-clock check of dates added ~320 B to 29,785; the list's once-per-item row views and
  // guarded rows ~180 B; the signed-in volunteer's marks, fresh spots left after a write and the
  // SDK's revalidation after writes ~1,480 B to 31,581; 30,944 B with the marks a chunk loaded
  // with a session or on a first write, and the SDK's leaner stale marks; 31,266 B with the
  // on-demand loaders of <vk-rewards>, <vk-certificate>, <vk-verify>, <vk-needs-board> and
  // <vk-need-form>, ~60 B each; 31,322 B with <vk-impact-stats>'s; +140 B for the list's hooks for `source="recommended"` — the
  // source property, one page() for both sources, the card's extra part and the empty state, and
  // the import of the recommendations' chunk — whose code is all in that chunk; +57 B for the loaders of <vk-my-claims> and <vk-need-confirm>; 30,609 B once the list's
  // filter form, the widgets' own events and the SDK's idempotency keys left it for chunks;
  // 30,576 B once the SDK's transport took ky's request shape; 30,548 B with the zh-CN dates
  // written without ICU, +343 B, and ky's progress code left out, −369 B; 30,567 B with the rows'
  // screen-reader labels as generated text instead of hidden elements, +19 B; 30,591 B with the
  // list's placeholder pulsing as one block, +24 B; 30,707 B with the list's row template
  // prepared while its first GET is out, +116 B, which leaves 13 B under the 30 KB standard;
  // 30,673 B with TypeScript's decorator helper imported once from tslib instead of inlined in
  // each module, −35 B; 30,660 B without tslib's unused `SuppressedError` check, −13 B): held to
  // 30,665 B meanwhile,
  // with the ratio printed. The board, the form, the form's validation and the virtualizer are chunks
  // it loads on first use; they are reported one by one, and their total with the entry is held
  // to a ratchet (docs/architecture.md, Widgets, "The CDN entry holds what a list needs").
  const CDN_ENTRY_CEILING = 30_665;
  it('the CDN entry does not grow past its ceiling (budget 25 KB, not yet met), with each part\'s share reported', () => {
    assert.ok(existsSync(new URL('packages/widgets/dist/cdn.js', root)), 'packages/widgets/dist/cdn.js is missing: run npm run build');
    assert.ok(sizes.cdn);
    if (sizes.cdn.bytes > sizes.cdn.budget) console.log(`OVER BUDGET ${(sizes.cdn.bytes / sizes.cdn.budget).toFixed(2)}× — CDN entry ${sizes.cdn.bytes} B > ${sizes.cdn.budget} B`);
    assert.ok(sizes.cdn.bytes <= CDN_ENTRY_CEILING, `${sizes.cdn.bytes} B > ceiling ${CDN_ENTRY_CEILING} B`);
    assert.ok('widgets: opportunity-list' in sizes.cdn.shares, 'the list\'s share of the entry is reported');
    assert.ok('ky' in sizes.cdn.shares, 'ky is inside the entry');
  });

  it('the board and the form are chunks of their own, loaded on first use', () => {
    assert.ok(sizes.cdn);
    const holds = sizes.cdn.onDemand.map((chunk) => chunk.holds);
    for (const part of ['widgets: honor-board', 'widgets: signup-form', 'widgets: checkin', 'widgets: my-hours', 'sign-up form validation (zod + contract)', 'virtualizer (lists over 50 items)']) {
      assert.ok(holds.includes(part), `no chunk holds ${part}: ${holds.join(', ')}`);
    }
    assert.ok(!Object.keys(sizes.cdn.shares).some((part) => part === 'zod' || part.includes('virtualizer')), 'zod and the virtualizer stay out of the entry');
    assert.ok(sizes.cdn.onDemand.some((chunk) => chunk.file.startsWith('chunks/filter-form-')), 'the list\'s filter form is a chunk of its own');
  });

  // The volunteer's check-in, hours and rewards are chunks of their own, each within 12 KB gzip (QR drawing
  // and scanning, loaded only where used, not counted).
  it('the volunteer widgets\' chunks stay within 12 KB gzip each', () => {
    assert.ok(sizes.cdn);
    for (const part of ['widgets: checkin', 'widgets: my-hours', 'widgets: rewards']) {
      const chunk = sizes.cdn.onDemand.find((c) => c.holds === part);
      assert.ok(chunk, `no chunk holds ${part}`);
      assert.ok(chunk.bytes <= 12 * 1024, `${part}: ${chunk.bytes} B > 12 KB`);
    }
  });

  // Scanning the kiosk's QR code in <vk-checkin>: the camera part is a chunk of its own (1.0 KB),
  // imported on the first press of "Scan"; the fallback decoder (the `qr` package's decode.js,
  // 14.0 KB) is another, imported only where the browser has no BarcodeDetector reading QR codes.
  // Neither is in the entry nor in <vk-checkin>'s chunk.
  it('the QR scanner and its fallback decoder are chunks of their own, loaded on first use', () => {
    assert.ok(sizes.cdn);
    const scan = sizes.cdn.onDemand.find((c) => c.file.includes('/camera-scan-'));
    assert.ok(scan, `no scan chunk: ${sizes.cdn.onDemand.map((c) => c.file).join(', ')}`);
    assert.ok(scan.bytes <= 12 * 1024, `scan chunk: ${scan.bytes} B`);
    assert.ok(sizes.cdn.onDemand.some((c) => c.holds === 'qr' && c !== scan), 'the fallback decoder is a chunk of its own');
    assert.ok(!('qr' in sizes.cdn.shares), 'the decoder stays out of the entry');
  });

  // The organizer's widgets: each a chunk of its own within 12 KB (the kiosk screen's 6.9 KB with
  // its QR encoder inside, the roster's 6.4 KB with its form fixing times); the QR encoder never in the entry, which grew
  // 89 B for both.
  it('<vk-checkin-code> (with the QR encoder inside) and <vk-roster> are chunks of their own, within 12 KB each', () => {
    assert.ok(sizes.cdn);
    for (const holds of [['widgets: checkin-code', 'lean-qr'], ['widgets: roster']]) {
      const chunk = sizes.cdn.onDemand.find((c) => holds.includes(c.holds));
      assert.ok(chunk, `no chunk holds ${holds[0]}: ${sizes.cdn.onDemand.map((c) => c.holds).join(', ')}`);
      assert.ok(chunk.bytes <= 12 * 1024, `${holds[0]}: ${chunk.bytes} B`);
    }
    assert.ok(!('lean-qr' in sizes.cdn.shares), 'the QR encoder stays out of the entry');
  });

  // Certificates: <vk-certificate> (3.6 KB, the QR encoder shared with the kiosk screen's chunk)
  // and <vk-verify> (10.2 KB with jose's JWS verification inside; zod shared with the form's
  // validation), each a chunk of its own; jose and the QR encoder never in the entry.
  it('<vk-certificate> and <vk-verify> (with jose inside) are chunks of their own, within 12 KB each', () => {
    assert.ok(sizes.cdn);
    for (const file of ['vk-certificate-', 'vk-verify-']) {
      const chunk = sizes.cdn.onDemand.find((c) => c.file.includes(`/${file}`));
      assert.ok(chunk, `no chunk ${file}: ${sizes.cdn.onDemand.map((c) => c.file).join(', ')}`);
      assert.ok(chunk.bytes <= 12 * 1024, `${file}: ${chunk.bytes} B`);
    }
    assert.ok(sizes.cdn.onDemand.some((c) => c.holds === 'jose' && c.file.includes('/vk-verify-')), 'jose is in the verify chunk');
    for (const part of ['jose', 'lean-qr']) assert.ok(!(part in sizes.cdn.shares), `${part} stays out of the entry`);
  });

  // The needs board (微心愿) and the need form are chunks of their own within 12 KB each (5.1 KB and
  // 6.1 KB; the Idempotency-Key helper, draft store and submission controller they share with the
  // sign-up form are small chunks of all three); the entry grew 209 B for their loaders.
  // <vk-my-claims> (5.7 KB) and <vk-need-confirm> (3.8 KB), the volunteer's and the resident's side
  // after a claim, likewise.
  it('<vk-needs-board>, <vk-need-form>, <vk-my-claims> and <vk-need-confirm> are chunks of their own, within 12 KB each', () => {
    assert.ok(sizes.cdn);
    for (const part of ['widgets: needs-board', 'widgets: need-form', 'widgets: my-claims', 'widgets: need-confirm']) {
      const chunk = sizes.cdn.onDemand.find((c) => c.holds === part);
      assert.ok(chunk, `no chunk holds ${part}: ${sizes.cdn.onDemand.map((c) => c.holds).join(', ')}`);
      assert.ok(chunk.bytes <= 12 * 1024, `${part}: ${chunk.bytes} B`);
      assert.ok(!(part in sizes.cdn.shares), `${part} stays out of the entry`);
    }
  });

  // <vk-impact-stats>: counters, the monthly chart and its table in three locales, 3.9 KB; its
  // loader in the entry ~60 B.
  it('<vk-impact-stats> is a chunk of its own, within 12 KB, out of the entry', () => {
    assert.ok(sizes.cdn);
    const chunk = sizes.cdn.onDemand.find((c) => c.holds === 'widgets: impact-stats');
    assert.ok(chunk, `no chunk holds widgets: impact-stats: ${sizes.cdn.onDemand.map((c) => c.holds).join(', ')}`);
    assert.ok(chunk.bytes <= 12 * 1024, `widgets: impact-stats: ${chunk.bytes} B > 12 KB`);
    assert.ok(!('widgets: impact-stats' in sizes.cdn.shares), 'the widget stays out of the entry');
  });

  // The list's recommendations (`source="recommended"`: reasons, dismissal, their messages in three
  // languages) are a chunk of their own (3.6 KB), loaded only by a list that shows them.
  it('the recommended list\'s code is a chunk of its own, within 12 KB, out of the entry', () => {
    assert.ok(sizes.cdn);
    const chunk = sizes.cdn.onDemand.find((c) => c.file.includes('/recommended-'));
    assert.ok(chunk, `no recommended chunk: ${sizes.cdn.onDemand.map((c) => c.file).join(', ')}`);
    assert.ok(chunk.bytes <= 12 * 1024, `recommended: ${chunk.bytes} B`);
  });

  // Entry and every chunk together were 71.3 KB when the entry was split off (66.2 KB as one
  // file before: splitting repeats a little glue); 74.5 KB with the form's "already signed up"
  // view and its undo-able cancel in three languages; 75.7 KB (77,564 B) once the list's signed-in
  // marks left the entry for two chunks of their own (two small files compress less well than
  // one: +1.1 KB in all for −0.8 KB on every page); + 6.2 KB for <vk-checkin> and ~6 KB for
  // <vk-my-hours>, + 11.9 KB for the organizer's kiosk screen (the QR encoder inside its chunk)
  // and roster, each a chunk of its own; + 4.3 KB for <vk-rewards> (3.9 KB, a chunk of its own) with
  // the points in <vk-my-hours> and the organizer's reward desk; + 2 KB for the roster's inline form
  // fixing times (its chunk 4.5 → 6.4 KB, three locales) and <vk-my-hours> hearing check-outs;
  // + 14.8 KB for <vk-certificate> and <vk-verify> (jose's verification 10 KB of it); + 0.4 KB
  // where those widgets' shared chunks split differently once all three were built together;
  // + 12 KB for the needs board and the need form (with the sign-up form's shared modules split
  // off), and their loaders in the entry; + 4 KB for <vk-impact-stats> and its loader; + 17.5 KB for scanning in <vk-checkin> (the fallback QR
  // decoder 14.0 KB, loaded only without a native BarcodeDetector; the camera chunk 1.0 KB) and its
  // finished-duty view (the record's explanation shared with <vk-my-hours> in a chunk of both).
  // + 3.7 KB for the recommended list's chunk and its hooks in the entry.
  // + 10.1 KB for <vk-my-claims> and <vk-need-confirm> (9.5 KB their chunks, the rest shared chunks
  // splitting anew); + 1 KB where the filter form, the widgets' events and the idempotency keys
  // left the entry (−0.7 KB there) for chunks; + 0.5 KB for <vk-checkin>'s shift chosen by stage
  // and time and re-read after a sign-up, the sign-up details stacking on a narrow card, and the
  // shared error state and signed-in task as chunks of their own; + 0.1 KB for the list's placeholder
  // pulsing as one block; + 0.1 KB for its row template prepared while its first GET is out;
  // − 2.3 KB with TypeScript's decorator helper imported once from tslib, not inlined in every
  // widget's chunk. Lower this as the widgets shrink.
  const CDN_ALL_CHUNKS_CEILING = (76.5 + 6.2 + 6.5 + 11.9 + 4.3 + 2 + 14.8 + 0.4 + 12 + 0.1 + 4 + 17.5 + 3.7 + 10.1 + 1 + 0.5 + 0.1 + 0.1 - 2.3) * 1024;
  it('the CDN entry and all its chunks together do not grow past their recorded ceiling', () => {
    assert.ok(sizes.cdn);
    assert.ok(sizes.cdn.allBytes <= CDN_ALL_CHUNKS_CEILING, `${sizes.cdn.allBytes} B > ceiling ${CDN_ALL_CHUNKS_CEILING} B`);
  });

  it('the inline loader snippet stays under 1 KB minified', () => {
    assert.ok(sizes.loader, 'packages/widgets/cdn/loader.js is missing: run npm run build');
    assert.ok(sizes.loader.raw < sizes.loader.budget, `${sizes.loader.raw} B`);
  });
});
