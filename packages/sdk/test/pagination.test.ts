// list() returns a page that is also async-iterable over every item of every page.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { http, HttpResponse } from 'msw';
import { Page, PagePromise, VolunteerKitError } from '../src/index.js';
import * as fixtures from './shared/fixtures.js';
import { BASE, client, mockServer, recorder, rejection } from './helpers.js';

const server = mockServer();

/** Three pages of 2, 2 and 1 opportunities, chained by cursors `c2` and `c3`. */
function threePages() {
  const { sent, record } = recorder();
  server.use(
    http.get(`${BASE}/v1/opportunities`, async ({ request }) => {
      await record(request);
      const cursor = new URL(request.url).searchParams.get('cursor');
      if (cursor === null) return HttpResponse.json(fixtures.opportunityPage(2, 'c2', 1));
      if (cursor === 'c2') return HttpResponse.json(fixtures.opportunityPage(2, 'c3', 3));
      if (cursor === 'c3') return HttpResponse.json(fixtures.opportunityPage(1, null, 5));
      return HttpResponse.json(fixtures.problem(400, 'bad_request'), { status: 400 });
    }),
  );
  return sent;
}

describe('pagination', () => {
  it('list() is a promise whose catch and finally reach the request (no second request)', async () => {
    const sent = threePages();
    let settled = 0;
    const page = await client().opportunities.list({ limit: 2 }).finally(() => settled++);
    assert.equal(page.nextCursor, 'c2');
    const error = await client().opportunities.list({ cursor: 'bogus' }).catch((reason: unknown) => reason);
    assert.ok(VolunteerKitError.is(error) && (error as { status?: number }).status === 400, String(error));
    assert.equal(settled, 1);
    assert.equal(sent.length, 2);
  });

  it('awaiting list() gives one page with data, nextCursor, hasNextPage and nextPage', async () => {
    const sent = threePages();
    const page = await client().opportunities.list({ category: 'elderly', limit: 2 });
    assert.ok(page instanceof Page);
    assert.equal(page.data.length, 2);
    assert.equal(page.nextCursor, 'c2');
    assert.equal(page.hasNextPage(), true);
    const second = await page.nextPage();
    assert.deepEqual(second.data.map((o) => o.id), ['opp_test0003', 'opp_test0004']);
    const last = await second.nextPage();
    assert.equal(last.hasNextPage(), false);
    assert.equal(last.nextCursor, null);
    assert.equal(sent.length, 3);
    // The next pages keep the filters and add the cursor.
    assert.equal(sent[1]?.url.searchParams.get('category'), 'elderly');
    assert.equal(sent[1]?.url.searchParams.get('limit'), '2');
    assert.equal(sent[1]?.url.searchParams.get('cursor'), 'c2');
    const error = await rejection(last.nextPage());
    assert.ok(VolunteerKitError.is(error));
    assert.match(error.message, /no next page/);
  });

  it('for await over list() yields every item of every page, fetching pages lazily', async () => {
    const sent = threePages();
    const ids: string[] = [];
    for await (const opp of client().opportunities.list({ limit: 2 })) {
      ids.push(opp.id);
      if (ids.length === 1) assert.equal(sent.length, 1, 'the second page is not fetched before it is needed');
    }
    assert.deepEqual(ids, ['opp_test0001', 'opp_test0002', 'opp_test0003', 'opp_test0004', 'opp_test0005']);
    assert.equal(sent.length, 3);
  });

  it('breaking out of the loop stops fetching', async () => {
    const sent = threePages();
    for await (const opp of client().opportunities.list()) if (opp.id === 'opp_test0002') break;
    assert.equal(sent.length, 1);
  });

  it('a Page is iterable from itself on, and iterPages walks the pages', async () => {
    threePages();
    const second = await (await client().opportunities.list()).nextPage();
    const ids: string[] = [];
    for await (const opp of second) ids.push(opp.id);
    assert.deepEqual(ids, ['opp_test0003', 'opp_test0004', 'opp_test0005']);
    const sizes: number[] = [];
    for await (const page of (await client().opportunities.list()).iterPages()) sizes.push(page.data.length);
    assert.deepEqual(sizes, [2, 2, 1]);
  });

  it('the PagePromise is a real Promise and starts the request at once', async () => {
    const sent = threePages();
    const pending = client().opportunities.list();
    assert.ok(pending instanceof Promise && pending instanceof PagePromise);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(sent.length, 1, 'sent before anyone awaited');
    const [page] = await Promise.all([pending]);
    assert.equal(page.data.length, 2);
    assert.equal(await pending.then((p) => p.nextCursor), 'c2');
  });

  it('an error on a later page reaches the loop', async () => {
    server.use(
      http.get(`${BASE}/v1/opportunities`, ({ request }) =>
        new URL(request.url).searchParams.get('cursor')
          ? HttpResponse.json(fixtures.problem(404, 'not_found'), { status: 404 })
          : HttpResponse.json(fixtures.opportunityPage(1, 'gone')),
      ),
    );
    const seen: string[] = [];
    const error = await rejection((async () => {
      for await (const opp of client().opportunities.list()) seen.push(opp.id);
    })());
    assert.equal(seen.length, 1);
    assert.equal(error.name, 'NotFoundError');
  });

  it('a failing first page rejects both the await and the loop', async () => {
    server.use(http.get(`${BASE}/v1/organizations`, () => HttpResponse.json(fixtures.problem(403, 'forbidden'), { status: 403 })));
    assert.equal((await rejection(client().organizations.list())).name, 'PermissionDeniedError');
    const error = await rejection((async () => {
      for await (const _ of client().organizations.list()) assert.fail('no items');
    })());
    assert.equal(error.name, 'PermissionDeniedError');
  });
});
