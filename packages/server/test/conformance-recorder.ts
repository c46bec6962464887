/**
 * Holds every response a server test produces to docs/openapi.json, checked by Ajv
 * (test/conformance/openapi-contract.ts), and fails that test in an `afterEach()` hook with its
 * violations grouped and counted — so the suites that already cover the server's behaviour also
 * prove that each answer is one the published contract allows. (Not an `after()` hook: a failing
 * one makes Node skip the file's own `after()` hooks, which close servers and databases.)
 *
 * Two streams of traffic are recorded: in-process calls through `call()` in ./helpers.ts (which
 * calls `recordExchange`), and real-socket calls made with the global `fetch` to a loopback server
 * (startServer, the SDK against a running server), wrapped here on import. Calls that go straight
 * to `app.request()` bypass both and are not checked, and so are answers to requests made in a
 * file's `before()`/`after()` hooks after its last test (those made earlier count for the next test).
 *
 * A test that must see a non-conforming answer on purpose has no opt-out: the document is the
 * contract, so such a test means the document or the server is wrong.
 */
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import { OpenApiContract, summarize, type Exchange, type Violation } from '../../../test/conformance/openapi-contract.js';

const contract = OpenApiContract.load();
const violations: Violation[] = [];
const pending: Promise<void>[] = [];
let checked = 0;

/** Checks one exchange against the document; violations fail the test that is running. */
export function recordExchange(exchange: Exchange): void {
  checked += 1;
  violations.push(...contract.check(exchange));
}

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
const realFetch = globalThis.fetch;
globalThis.fetch = async function recordingFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await realFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (isLoopback(url)) {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    // A clone, read in the background: the test reads (or ignores) the original as it likes.
    pending.push(response.clone().text().then(
      (body) => recordExchange({ method, url: url.pathname + url.search, status: response.status, headers: response.headers, body }),
      () => undefined,
    ));
  }
  return response;
};

afterEach(async () => {
  await Promise.all(pending.splice(0));
  const found = violations.splice(0);
  const count = checked;
  checked = 0;
  assert.equal(found.length, 0, `${found.length} of ${count} responses do not conform to docs/openapi.json:\n${summarize(found)}`);
});
