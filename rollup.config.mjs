// Publishable bundles. `tsc -b` first emits every package's npm ESM to packages/*/dist, one
// module per source file (what npm users import and tree-shake, with Lit left external in the
// widgets). Rollup then bundles from that output:
//   - the CDN bundle packages/widgets/cdn/volunteerkit.js: every widget + Lit + SDK, Lit bundled
//     privately, one script tag. What only some pages need is split into packages/widgets/cdn/chunks/
//     and imported by the bundle itself, relative to its own URL, when first needed: the sign-up
//     form's validation (zod and the contract: when a form appears) and the virtualizer (when a list
//     passes 50 items). A page showing a list therefore loads one script and sends one GET
//     (docs/architecture.md, Widgets: "The CDN bundle loads what a page uses").
//   - the inline loader snippet packages/widgets/cdn/loader.js, minified;
//   - the enterprise demo's own bundle (the npm ESM build, bundled as an intranet would).
// Entries whose tsc output does not exist yet are skipped, so the config builds whatever
// packages exist so far.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const exists = (path) => existsSync(new URL(path, import.meta.url));

/**
 * Whitespace and comments out of css`` templates. Deliberately not a full CSS minifier: those
 * merge rules with equal bodies, and base.styles.ts keeps `:host(:state(dark))` and
 * `:host([theme=dark])` in separate rules on purpose (an unknown pseudo-class invalidates a
 * shared selector list). Spaces inside selectors (descendant combinators) and values stay.
 */
export const squeezeCss = (text) => text
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\s+/g, ' ')
  .replace(/\s*([{};,>])\s*/g, '$1')
  .replace(/:\s+/g, ':')
  .replace(/;}/g, '}')
  .trim();

/** Whitespace and comments out of the html`` and css`` templates (terser leaves strings alone). */
const minifyTemplates = () => minifyHtmlLiterals({ failOnError: true, options: { minifyOptions: { minifyCSS: squeezeCss } } });

/**
 * Minify hard. Class names are mangled too (0.3 KB gzip of the CDN entry): nothing reads them —
 * the registration guard's warning names tags and versions, the SDK's error guards a stable
 * `errorName`. Measured and left out: `passes: 3`, `unsafe_arrows`, `unsafe_methods` (no gain),
 * `pure_getters` (45 B, but Lit's reactive properties are getters with effects).
 */
const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

/**
 * ky's upload and download progress (`utils/body.js`: streams, FormData sizes; about 0.5 KB gzip)
 * is imported statically by `core/Ky.js` but runs only when `onUploadProgress` or
 * `onDownloadProgress` is passed, which the SDK's transport never does (it hands ky a fixed set of
 * options, packages/sdk/src/internal/transport.ts). The CDN bundle gets a stand-in that throws if
 * it is ever reached; npm users' bundlers keep ky whole. The build fails if ky stops importing the
 * module from there, so an upgrade cannot silently drop or keep it.
 */
const withoutKyProgress = () => {
  let replaced = false;
  return {
    name: 'without-ky-progress',
    load(id) {
      if (!id.replaceAll('\\', '/').endsWith('/node_modules/ky/distribution/utils/body.js')) return null;
      replaced = true;
      return 'const none = () => { throw new Error("ky progress callbacks are not in the VolunteerKit CDN bundle"); };\n'
        + 'export const streamRequest = none, streamResponse = none;\n';
    },
    buildEnd(error) {
      if (!error && !replaced) this.error('ky/distribution/utils/body.js was not in the CDN bundle: ky changed, revisit withoutKyProgress in rollup.config.mjs');
    },
  };
};

const builds = [];

/** The CDN bundle's build; scripts/size.mjs measures exactly this one. */
export const CDN_BUILD_NAME = 'cdn';

if (exists('./packages/widgets/dist/cdn.js')) {
  builds.push({
    name: CDN_BUILD_NAME,
    input: 'packages/widgets/dist/cdn.js',
    output: {
      dir: 'packages/widgets/cdn', entryFileNames: 'volunteerkit.js', chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es', sourcemap: true,
    },
    // The entry's exports (`configure`, …) stay as written; split chunks may add exports to it.
    preserveEntrySignatures: 'allow-extension',
    // Reading a global has no side effect in this code: without this, tslib's module-level
    // `typeof SuppressedError` check stays in the entry although nothing uses it (the only
    // statement it removes, checked by comparing the builds).
    treeshake: { unknownGlobalSideEffects: false },
    plugins: [
      minifyTemplates(),
      withoutKyProgress(),
      nodeResolve({ exportConditions: ['browser', 'production', 'import', 'default'] }),
      minify(),
    ],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return; // TypeScript's decorator helper
      warn(warning);
    },
  });
}

if (exists('./packages/widgets/src/loader-snippet.js')) {
  builds.push({
    input: 'packages/widgets/src/loader-snippet.js',
    output: { file: 'packages/widgets/cdn/loader.js', format: 'iife' },
    plugins: [minify()],
  });
}

// The enterprise demo page stands for an intranet that installs @volunteerkit/widgets from npm
// and bundles it with its own build, so that it is served from 'self' under a strict CSP.
if (exists('./packages/widgets/dist/index.js')) {
  builds.push({
    input: 'docs/demo/enterprise/app.js',
    output: { file: 'docs/demo/enterprise/dist/app.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [nodeResolve({ exportConditions: ['browser', 'production', 'import', 'default'] }), minify()],
    onwarn(warning, warn) {
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  });
}

export default builds;
