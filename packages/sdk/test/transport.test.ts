// The shared transport cases (test/shared/transport-cases.ts) in Node 20, faults injected by msw/node.
import { after, afterEach, before, describe, it } from 'node:test';
import { setupServer } from 'msw/node';
import { transportCases } from './shared/transport-cases.js';

const server = setupServer();
before(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
after(() => server.close());

describe('transport (Node)', () => {
  for (const testCase of transportCases) {
    it(testCase.name, { timeout: testCase.timeout }, () =>
      testCase.run({ baseUrl: 'https://api.volunteerkit.test', use: (...handlers) => server.use(...handlers) }),
    );
  }
});
