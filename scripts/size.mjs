#!/usr/bin/env node
// Bundle sizes against their budgets, in gzip -9 bytes of minified output:
//   - the CDN bundle, built exactly as rollup.config.mjs builds it: the entry every page loads
//     (Lit, the SDK, the config, <vk-provider> and <vk-opportunity-list>), with each part's share,
//     and each chunk it loads on first need (the honor board, the sign-up form, the form's
//     validation, the virtualizer), and the total of all of them;
//   - the SDK alone, tree-shaken to `createClient(...).opportunities.list()`;
//   - the inline loader snippet.
// Used by test/contract/size.test.ts (the budgets) and by `npm run bench` (the report).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minify as minifyCode } from 'terser';

const root = new URL('..', import.meta.url).pathname;
export const BUDGETS = { cdn: 30 * 1024, sdkList: 8 * 1024, loader: 1024 };

const gzip = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;
const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

/**
 * Bundles `input` in memory. Returns the entry chunk (code and rollup's per-module rendered
 * lengths) and the chunks only reached through dynamic `import()`, which load later.
 */
async function bundle(input, plugins = [], { inlineDynamicImports = true } = {}) {
  const build = await rollup({
    input, logLevel: 'silent', treeshake: { preset: 'recommended' },
    plugins: [...plugins, nodeResolve({ exportConditions: ['browser', 'production', 'import', 'default'] }), minify()],
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports });
  await build.close();
  const chunks = output.filter((file) => file.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry);
  return { ...entry, lazyChunks: chunks.filter((chunk) => !chunk.isEntry) };
}

/** Which part of the product a module belongs to, for the share report. */
function partOf(id) {
  const path = id.replaceAll('\\', '/');
  const widget = /packages\/widgets\/dist\/([^/]+)\//.exec(path);
  if (widget) return widget[1] === 'define' ? 'widgets: registration' : `widgets: ${widget[1]}`;
  if (path.includes('packages/widgets/dist/')) return 'widgets: entry';
  if (path.includes('packages/sdk/dist/schemas/')) return 'sdk: schemas (contract)';
  if (path.includes('packages/sdk/dist/')) return 'sdk: client';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] === 'lit' || pkg[1].startsWith('@lit') || pkg[1].startsWith('lit-') ? `lit: ${pkg[1]}` : pkg[1];
  return 'other';
}

/** What a lazily loaded CDN chunk holds, named by its largest part. */
function describeChunk(chunk) {
  const byPart = {};
  for (const [id, info] of Object.entries(chunk.modules)) byPart[partOf(id)] = (byPart[partOf(id)] ?? 0) + info.renderedLength;
  const [largest] = Object.entries(byPart).sort((a, b) => b[1] - a[1])[0] ?? ['other'];
  if (largest === 'zod' || largest === 'sdk: schemas (contract)') {
    // The SDK's lazy contract (response validation) is its `schemas/index` module's chunk.
    return chunk.name === 'index' ? 'response validation (the widgets turn it off)' : 'sign-up form validation (zod + contract)';
  }
  if (largest.startsWith('lit: @lit-labs/virtualizer')) return 'virtualizer (lists over 50 items)';
  return largest;
}

/** The CDN build of rollup.config.mjs, generated in memory: its entry and its lazy chunks. */
async function buildCdn() {
  const { default: builds, CDN_BUILD_NAME } = await import('../rollup.config.mjs');
  const { output: outputOptions, name: _name, ...inputOptions } = builds.find((b) => b.name === CDN_BUILD_NAME);
  const build = await rollup({ ...inputOptions, logLevel: 'silent' });
  const { output } = await build.generate(outputOptions); // exactly what `npm run build` writes
  await build.close();
  const chunks = output.filter((file) => file.type === 'chunk');
  return { entry: chunks.find((chunk) => chunk.isEntry), lazyChunks: chunks.filter((chunk) => !chunk.isEntry) };
}

export async function measureSizes() {
  const result = {};
  if (existsSync(`${root}packages/widgets/dist/cdn.js`)) {
    const { entry, lazyChunks } = await buildCdn();
    const total = gzip(entry.code);
    // Shares of the gzip total, in proportion to each part's minified length (gzip does not split).
    const minified = {};
    let minifiedTotal = 0;
    for (const [id, info] of Object.entries(entry.modules)) {
      const { code = '' } = info.code ? await minifyCode(info.code, { module: true, compress: false, mangle: true }) : {};
      minified[partOf(id)] = (minified[partOf(id)] ?? 0) + code.length;
      minifiedTotal += code.length;
    }
    const shares = Object.fromEntries(Object.entries(minified).sort((a, b) => b[1] - a[1])
      .map(([part, length]) => [part, Math.round((total * length) / minifiedTotal)]));
    const onDemand = lazyChunks.map((chunk) => ({ file: chunk.fileName, holds: describeChunk(chunk), bytes: gzip(chunk.code) }))
      .sort((a, b) => b.bytes - a.bytes);
    const allBytes = total + onDemand.reduce((sum, chunk) => sum + chunk.bytes, 0);
    result.cdn = { bytes: total, budget: BUDGETS.cdn, shares, onDemand, allBytes };
  }
  const sdkEntry = `${root}packages/sdk/dist/index.js`;
  if (existsSync(sdkEntry)) {
    const virtualId = '\0size-probe-sdk-list';
    const probe = {
      name: 'size-probe',
      resolveId: (id) => (id === virtualId ? id : id === '@volunteerkit/sdk' ? sdkEntry : null),
      load: (id) => (id === virtualId
        ? "import { createClient } from '@volunteerkit/sdk';\n" +
          "const vk = createClient({ baseUrl: 'https://api.example.org', publishableKey: 'pk_test_x' });\n" +
          'vk.opportunities.list({ category: "elderly" }).then((page) => console.log(page.data.length));\n'
        : null),
    };
    // Split as an npm user's bundler splits it: the contract used to check responses is a
    // dynamic import that loads beside the first request (see docs/architecture.md, SDK).
    const chunk = await bundle(virtualId, [probe], { inlineDynamicImports: false });
    const lazyBytes = chunk.lazyChunks.reduce((sum, lazy) => sum + gzip(lazy.code), 0);
    result.sdkList = { bytes: gzip(chunk.code), lazyBytes, budget: BUDGETS.sdkList };
  }
  const loader = `${root}packages/widgets/cdn/loader.js`;
  if (existsSync(loader)) result.loader = { bytes: gzip(readFileSync(loader, 'utf8')), raw: readFileSync(loader).length, budget: BUDGETS.loader };
  return result;
}

export function formatSizes(sizes) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [];
  if (sizes.cdn) {
    const verdict = sizes.cdn.bytes <= sizes.cdn.budget ? 'within budget' : 'OVER BUDGET';
    lines.push(`CDN bundle, entry   ${kb(sizes.cdn.bytes)} gzip  (budget ${kb(sizes.cdn.budget)}: ${(sizes.cdn.bytes / sizes.cdn.budget).toFixed(2)}× — ${verdict}); what every page loads:`);
    for (const [part, bytes] of Object.entries(sizes.cdn.shares)) lines.push(`    ${part.padEnd(44)} ${kb(bytes).padStart(8)}`);
    lines.push('  + chunks loaded on first need:');
    for (const chunk of sizes.cdn.onDemand) lines.push(`    ${chunk.holds.padEnd(44)} ${kb(chunk.bytes).padStart(8)}  ${chunk.file}`);
    lines.push(`  = all of it (entry + every chunk)               ${kb(sizes.cdn.allBytes).padStart(8)}  (${(sizes.cdn.allBytes / sizes.cdn.budget).toFixed(2)}× the 30 KB budget)`);
  }
  if (sizes.sdkList) {
    lines.push(`SDK, list only      ${kb(sizes.sdkList.bytes)} gzip  (budget ${kb(sizes.sdkList.budget)})`);
    if (sizes.sdkList.lazyBytes) lines.push(`    + response validation, loaded lazily beside the first request: ${kb(sizes.sdkList.lazyBytes)} (off with validateResponses: false)`);
  }
  if (sizes.loader) lines.push(`Loader snippet      ${sizes.loader.raw} B minified, ${sizes.loader.bytes} B gzip  (budget ${sizes.loader.budget} B minified)`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatSizes(await measureSizes()));
}
