#!/usr/bin/env node
// Bundle sizes against their budgets, in gzip -9 bytes of minified output:
//   - the CDN bundle, built exactly as rollup.config.mjs builds it: the entry every page loads
//     (Lit, ky and the SDK, the config, <vk-provider> and <vk-opportunity-list>), with each part's
//     share, and each chunk it loads on first need (the honor board, the sign-up form, the form's
//     validation, the virtualizer), and the total of all of them;
//   - the SDK as an npm user's bundler emits `createClient(...)` + one `opportunities.list()`:
//     esbuild (`--bundle --minify`) and rollup (node-resolve + terser), each with code splitting
//     on and off, with default options, counting every chunk emitted;
//   - the inline loader snippet.
// Used by test/contract/size.test.ts (the budgets) and by `npm run bench` (the report).
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minify as minifyCode } from 'terser';

const root = new URL('..', import.meta.url).pathname;
export const BUDGETS = { cdn: 25 * 1024, sdkList: 8 * 1024, loader: 1024 };

const gzip = (code) => gzipSync(Buffer.from(code), { level: 9 }).length;

/** What an npm user writes: a client and one list call, importing the package by name. */
const SDK_LIST_PROBE =
  "import { createClient } from '@volunteerkit/sdk';\n" +
  "const vk = createClient({ baseUrl: 'https://api.example.org', publishableKey: 'pk_test_x' });\n" +
  "vk.opportunities.list({ category: 'elderly' }).then((page) => console.log(page.data.length));\n";

/**
 * `SDK_LIST_PROBE` bundled by esbuild and by rollup with their default options (esbuild:
 * `--bundle --minify`; rollup: `@rollup/plugin-node-resolve` + `@rollup/plugin-terser`), code
 * splitting on and off, resolved from the repository root the way an app resolves the installed
 * package (its `exports`, its `dist`). Returns gzip bytes of every JavaScript file emitted, and
 * the modules bundled.
 */
async function measureSdkList() {
  const results = [];
  for (const splitting of [true, false]) {
    const { outputFiles, metafile } = await esbuild({
      stdin: { contents: SDK_LIST_PROBE, resolveDir: root, sourcefile: 'probe.js' },
      bundle: true, minify: true, write: false, logLevel: 'silent', metafile: true,
      ...(splitting ? { splitting: true, format: 'esm', outdir: `${root}.size-probe` } : { outfile: `${root}.size-probe/probe.js` }),
    });
    const chunks = outputFiles.filter((file) => file.path.endsWith('.js')).map((file) => gzip(file.text));
    results.push({ bundler: 'esbuild', splitting, chunks, modules: Object.keys(metafile.inputs), shares: sdkShares(metafile, chunks) });
  }
  const virtualId = '\0size-probe-sdk-list';
  const probe = { name: 'size-probe', resolveId: (id) => (id === virtualId ? id : null), load: (id) => (id === virtualId ? SDK_LIST_PROBE : null) };
  for (const splitting of [true, false]) {
    const build = await rollup({ input: virtualId, logLevel: 'silent', plugins: [probe, nodeResolve({ rootDir: root }), terser()] });
    const { output } = await build.generate({ format: 'es', inlineDynamicImports: !splitting });
    await build.close();
    const emitted = output.filter((file) => file.type === 'chunk');
    const modules = emitted.flatMap((chunk) => Object.keys(chunk.modules));
    results.push({ bundler: 'rollup', splitting, chunks: emitted.map((chunk) => gzip(chunk.code)), modules });
  }
  return results.map((result) => ({ ...result, bytes: result.chunks.reduce((sum, bytes) => sum + bytes, 0) }));
}

/**
 * Each module's share of the list-call bundle: gzip bytes in proportion to its minified bytes in
 * esbuild's output (the CDN entry's shares are read the same way), ky's modules as one part and the
 * SDK's by file. An estimate: gzip does not split, and repeated code compresses better than its
 * minified length says.
 */
function sdkShares(metafile, chunks) {
  const byPart = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [id, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = /node_modules\/ky\//.test(id) ? 'ky' : id.replace(/^.*packages\/sdk\/dist\//, 'sdk: ').replace(/\.js$/, '');
      byPart[part] = (byPart[part] ?? 0) + bytesInOutput;
    }
  }
  return gzipShares(byPart, chunks.reduce((sum, bytes) => sum + bytes, 0));
}

/**
 * Splits `gzipTotal` between parts in proportion to their minified lengths (gzip does not split),
 * largest first.
 */
function gzipShares(minifiedByPart, gzipTotal) {
  const minifiedTotal = Object.values(minifiedByPart).reduce((sum, length) => sum + length, 0);
  return Object.fromEntries(Object.entries(minifiedByPart).sort((a, b) => b[1] - a[1])
    .map(([part, length]) => [part, Math.round((gzipTotal * length) / minifiedTotal)]));
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
  if (largest === 'zod' || largest === 'sdk: schemas (contract)') return 'sign-up form validation (zod + contract)';
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
    const minified = {};
    for (const [id, info] of Object.entries(entry.modules)) {
      const { code = '' } = info.code ? await minifyCode(info.code, { module: true, compress: false, mangle: true }) : {};
      minified[partOf(id)] = (minified[partOf(id)] ?? 0) + code.length;
    }
    const shares = gzipShares(minified, total);
    const onDemand = lazyChunks.map((chunk) => ({ file: chunk.fileName, holds: describeChunk(chunk), bytes: gzip(chunk.code) }))
      .sort((a, b) => b.bytes - a.bytes);
    const allBytes = total + onDemand.reduce((sum, chunk) => sum + chunk.bytes, 0);
    result.cdn = { bytes: total, budget: BUDGETS.cdn, shares, onDemand, allBytes };
  }
  if (existsSync(`${root}packages/sdk/dist/index.js`)) {
    const builds = await measureSdkList();
    result.sdkList = { builds, bytes: Math.max(...builds.map((b) => b.bytes)), budget: BUDGETS.sdkList };
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
    lines.push(`  = all of it (entry + every chunk)               ${kb(sizes.cdn.allBytes).padStart(8)}`);
  }
  if (sizes.sdkList) {
    lines.push(`SDK, createClient + opportunities.list as an npm user bundles it (every chunk; budget ${kb(sizes.sdkList.budget)}):`);
    for (const b of sizes.sdkList.builds) {
      const verdict = b.bytes <= sizes.sdkList.budget ? 'within budget' : 'OVER BUDGET';
      lines.push(`    ${b.bundler.padEnd(8)} splitting ${b.splitting ? 'on ' : 'off'}  ${kb(b.bytes).padStart(8)}  (${b.chunks.length} chunk${b.chunks.length === 1 ? '' : 's'}) — ${verdict}`);
    }
    const shares = sizes.sdkList.builds.find((b) => b.bundler === 'esbuild' && !b.splitting)?.shares ?? {};
    lines.push('  each part\'s share (esbuild, splitting off; in proportion to minified bytes):');
    for (const [part, bytes] of Object.entries(shares)) if (bytes >= 50) lines.push(`    ${part.padEnd(44)} ${kb(bytes).padStart(8)}`);
  }
  if (sizes.loader) lines.push(`Loader snippet      ${sizes.loader.raw} B minified, ${sizes.loader.bytes} B gzip  (budget ${sizes.loader.budget} B minified)`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatSizes(await measureSizes()));
}
