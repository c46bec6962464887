// Dev-server plugins for the sdk browser tests (imported by the root web-test-runner.config.mjs).
//
// `corsProbe` starts a plain node:http server on another port — another origin than the test
// page — that answers CORS and counts OPTIONS (preflight) requests. It is a measuring
// instrument, not a fake of the API: the test page tells it what to answer (POST /__fixtures,
// sent as text/plain so that setting it up needs no preflight itself), runs every public GET of
// the SDK against it, then reads the counts (GET /__count). The page finds the probe's origin at
// /__sdk/cors-probe.json on the dev server.
//
// `fakeTimersAsModule` serves @sinonjs/fake-timers (CommonJS, for Node) to the browsers as an ES
// module, bundled by esbuild, so the shared transport cases run on the same fake clock there.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { build } from 'esbuild';

function corsProbe() {
  let server;
  let origin;
  let fixtures = {};
  let log = [];

  const handle = (req, res) => {
    const url = new URL(req.url, 'http://probe');
    const send = (status, body, headers = {}) => {
      res.writeHead(status, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, PATCH, OPTIONS',
        'access-control-allow-headers': '*',
        'access-control-expose-headers': 'x-request-id, retry-after',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (url.pathname.startsWith('/__')) {
      if (url.pathname === '/__fixtures' && req.method === 'POST') {
        let text = '';
        req.on('data', (chunk) => (text += chunk));
        req.on('end', () => {
          fixtures = JSON.parse(text);
          log = [];
          send(204);
        });
        return;
      }
      if (url.pathname === '/__count') return send(200, log, { 'content-type': 'application/json' });
      return send(404, { error: 'unknown probe path' });
    }
    log.push({ method: req.method, path: url.pathname, query: [...url.searchParams.keys()].sort(), headers: Object.keys(req.headers).sort() });
    if (req.method === 'OPTIONS') return send(204);
    const body = fixtures[url.pathname];
    if (body === undefined) return send(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }, { 'content-type': 'application/problem+json' });
    return send(200, body, { 'content-type': 'application/json', 'x-request-id': 'req_probe' });
  };

  return {
    name: 'vk-sdk-cors-probe',
    async serverStart() {
      server = createServer(handle);
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${server.address().port}`;
    },
    async serverStop() {
      await new Promise((resolve) => server?.close(resolve));
    },
    serve(context) {
      if (context.path === '/__sdk/cors-probe.json') return { body: JSON.stringify({ origin }), type: 'json' };
    },
  };
}

function fakeTimersAsModule() {
  const source = createRequire(import.meta.url).resolve('@sinonjs/fake-timers');
  let module;
  return {
    name: 'vk-sdk-fake-timers-esm',
    async transform(context) {
      if (!context.path.endsWith('/@sinonjs/fake-timers/src/fake-timers-src.js')) return undefined;
      module ??= build({
        stdin: { contents: `import timers from ${JSON.stringify(source)}; export const { withGlobal } = timers; export default timers;`, resolveDir: dirname(source) },
        bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
        // Node-only modules, required only where `process` exists (inside try/catch or behind a check).
        external: ['timers', 'timers/promises', 'perf_hooks', 'util'],
      }).then((result) => result.outputFiles[0].text);
      return { body: await module, transformCache: false };
    },
  };
}

export default [corsProbe(), fakeTimersAsModule()];
