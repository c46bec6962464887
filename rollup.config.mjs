// Publishable bundles. `tsc -b` first emits every package's npm ESM to packages/*/dist, one
// module per source file (what npm users import and tree-shake, with Lit left external in the
// widgets). Rollup then bundles from that output:
//   - the CDN bundle packages/widgets/cdn/volunteerkit.js: every widget + Lit + SDK + validation
//     in one module, Lit bundled privately (the SDK's lazily imported contract is inlined: one
//     script tag must be enough);
//   - the inline loader snippet packages/widgets/cdn/loader.js, minified;
//   - the enterprise demo's own bundle (the npm ESM build, bundled as an intranet would).
// Entries whose tsc output does not exist yet are skipped, so the config builds whatever
// packages exist so far.
import { existsSync } from 'node:fs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const exists = (path) => existsSync(new URL(path, import.meta.url));

/** Minify hard but keep class names: the registration guard's warning names them. */
const minify = () => terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false }, keep_classnames: true });

const builds = [];

if (exists('./packages/widgets/dist/cdn.js')) {
  builds.push({
    input: 'packages/widgets/dist/cdn.js',
    output: { file: 'packages/widgets/cdn/volunteerkit.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    plugins: [nodeResolve({ exportConditions: ['browser', 'production', 'import', 'default'] }), minify()],
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
