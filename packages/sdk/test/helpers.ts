// Node test helpers: one msw server per test file, and a recorder of what the client sent.
import { after, afterEach, before } from 'node:test';
import { setupServer } from 'msw/node';
import { createClient, type ClientOptions } from '../src/index.js';
import { responseValidator } from '../src/validation.js';

export const BASE = 'https://api.volunteerkit.test';
export const PK = 'pk_test_news_demo';
export const SK = 'sk_test_news_secret';
export const SESSION = 'vst_abcdef123456';

/** Starts msw for the file; handlers installed with `server.use` are reset after each test. */
export function mockServer() {
  const server = setupServer();
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());
  return server;
}

export interface Sent {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** Collects every request the client sends, with its headers as a plain object. */
export function recorder() {
  const sent: Sent[] = [];
  return {
    sent,
    async record(request: Request): Promise<Sent> {
      const entry = { method: request.method, url: new URL(request.url), headers: Object.fromEntries(request.headers), body: await request.clone().text() };
      sent.push(entry);
      return entry;
    },
  };
}

/** A client as our tests use it: with response validation on (the opt-in entry point). */
export const client = (options: Partial<ClientOptions> = {}) => createClient({ baseUrl: BASE, publishableKey: PK, validate: responseValidator, ...options });

/** Resolves with what `promise` rejected with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

export { deferred, withFakeClock, type InstalledClock } from './shared/fake-clock.js';
