// Dev-server plugins for the widget tests (imported by the root web-test-runner.config.mjs).
//
// /__vk/loader.min.txt   the inline loader snippet, minified the way the build minifies it, so a
//                       test can hold it to its < 1 KB budget and run it;
// /__vk/volunteerkit.js a real, self-contained bundle of src/cdn.ts (Lit and the SDK inside), so
//                       a test can load "the CDN bundle" twice on one page and get two truly
//                       independent copies — which importing the TypeScript sources twice would
//                       not give (the module graph would be shared);
// /__vk/jsqr.js         jsQR (a CommonJS package) as an ES module, for tests that decode the QR
//                       code a widget drew.
import { readFile } from 'node:fs/promises';
import { build, transform } from 'esbuild';

const here = (path) => new URL(path, import.meta.url).pathname;
let bundle;
let jsqr;

export default [
  {
    name: 'volunteerkit-widget-builds',
    async serve(context) {
      if (context.path === '/__vk/loader.min.txt') {
        const source = await readFile(here('../src/loader-snippet.js'), 'utf8');
        const { code } = await transform(source, { minify: true, target: 'es2017' });
        // Served as text: the dev server's JS transforms (source maps, import rewriting) must not pad it.
        return { body: code, type: 'txt' };
      }
      if (context.path === '/__vk/volunteerkit.js') {
        bundle ??= build({
          entryPoints: [here('../src/cdn.ts')],
          bundle: true,
          format: 'esm',
          minify: true,
          write: false,
          target: 'es2022',
          conditions: ['browser', 'production'],
          tsconfig: here('../../../tsconfig.base.json'),
          logLevel: 'silent',
        }).then((result) => result.outputFiles[0].text);
        return { body: await bundle, type: 'js' };
      }
      if (context.path === '/__vk/jsqr.js') {
        jsqr ??= build({
          stdin: { contents: "export { default } from 'jsqr';", resolveDir: here('.') },
          bundle: true, format: 'esm', write: false, target: 'es2022', logLevel: 'silent',
        }).then((result) => result.outputFiles[0].text);
        return { body: await jsqr, type: 'js' };
      }
    },
  },
];
