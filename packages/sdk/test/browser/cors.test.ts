// Public reads are CORS-simple: against a server on another origin, every public GET resource of
// the SDK sends its GET and no OPTIONS preflight. Measured by the probe in wtr-plugins.mjs.
import { expect } from '@open-wc/testing';
import { createClient } from '../../src/index.js';
import * as fixtures from '../shared/fixtures.js';

interface Logged {
  method: string;
  path: string;
  query: string[];
  headers: string[];
}

describe('public reads need no preflight (browser)', () => {
  let probe: string;

  before(async () => {
    // A service worker left by another test file must not sit between the page and the probe.
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    probe = ((await (await fetch('/__sdk/cors-probe.json')).json()) as { origin: string }).origin;
    expect(new URL(probe).origin).not.to.equal(location.origin);
  });

  it('sends zero OPTIONS requests for every public GET resource', async () => {
    const opp = fixtures.opportunity();
    const org = fixtures.organization();
    await fetch(`${probe}/__fixtures`, {
      method: 'POST',
      body: JSON.stringify({
        '/v1/opportunities': fixtures.opportunityPage(2),
        [`/v1/opportunities/${opp.id}`]: opp,
        '/v1/organizations': { data: [org], nextCursor: null },
        [`/v1/organizations/${org.id}`]: org,
        '/v1/channel': fixtures.channel(),
        '/v1/honor-board': fixtures.honorBoard(),
        '/v1/stats': fixtures.stats(),
      }),
    });

    // 127.0.0.1 is allowed over plain http like localhost, and is another origin than the page.
    const vk = createClient({ baseUrl: probe, publishableKey: 'pk_test_news_demo', locale: 'zh-CN' });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['opportunities.list', () => vk.opportunities.list({ category: 'elderly', hasOpenSlots: true, skills: ['a', 'b'], near: { lat: 30.2, lng: 120.1 }, limit: 20 })],
      ['opportunities.get', () => vk.opportunities.get(opp.id)],
      ['organizations.list', () => vk.organizations.list({ kind: 'school' })],
      ['organizations.get', () => vk.organizations.get(org.id)],
      ['channel.get', () => vk.channel.get()],
      ['honorBoard.get', () => vk.honorBoard.get({ scope: 'platform', period: 'month', metric: 'hours' })],
      ['stats.get', () => vk.stats.get({ period: 'year' })],
    ];
    for (const [, call] of calls) await call();

    const log = (await (await fetch(`${probe}/__count`)).json()) as Logged[];
    const preflights = log.filter((entry) => entry.method === 'OPTIONS');
    expect(preflights.map((entry) => entry.path), 'paths that were preflighted').to.deep.equal([]);
    const gets = log.filter((entry) => entry.method === 'GET');
    expect(gets.length, 'GET requests').to.equal(calls.length);
    for (const get of gets) {
      expect(get.query, `${get.path} carries the key and locale in the query`).to.include.members(['key', 'locale']);
      expect(get.headers, `${get.path} sends no credential header`).not.to.include('authorization');
    }
  });

  it('the probe does see a preflight when one happens (the instrument works)', async () => {
    await fetch(`${probe}/__fixtures`, { method: 'POST', body: JSON.stringify({ '/v1/me': fixtures.profile() }) });
    // A session read carries Authorization, which is not CORS-safelisted: this one must be preflighted.
    await createClient({ baseUrl: probe, publishableKey: 'pk_test_news_demo' }).withSession('vst_abcdef123456').me.get();
    const log = (await (await fetch(`${probe}/__count`)).json()) as Logged[];
    expect(log.map((entry) => `${entry.method} ${entry.path}`)).to.deep.equal(['OPTIONS /v1/me', 'GET /v1/me']);
  });
});
