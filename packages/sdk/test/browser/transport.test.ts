// The shared transport cases (test/shared/transport-cases.ts) in Chromium and Firefox, faults
// injected by msw's service worker (served by web-test-runner.config.mjs at /mockServiceWorker.js).
import { setupWorker } from 'msw/browser';
import { transportCases } from '../shared/transport-cases.js';

const worker = setupWorker();

describe('transport (browser)', () => {
  before(async () => {
    await worker.start({ quiet: true, onUnhandledRequest: 'error', serviceWorker: { url: '/mockServiceWorker.js' } });
  });
  afterEach(() => worker.resetHandlers());
  after(() => worker.stop());

  for (const testCase of transportCases) {
    it(testCase.name, async function () {
      this.timeout(testCase.timeout);
      // Same origin as the test page: msw answers before the network, and plain http is allowed for localhost.
      await testCase.run({ baseUrl: `${location.origin}/api`, use: (...handlers) => worker.use(...handlers) });
    });
  }
});
