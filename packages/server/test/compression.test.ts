/** Responses are compressed as the client accepts (brotli, gzip), above a size, and still revalidate. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import type { AppEnv } from '../src/http/context.js';
import { compression, COMPRESS_IN_PLACE_BYTES } from '../src/http/compression.js';
import { addOpportunity, SEED_KEYS, useTestApp } from './helpers.js';

const env = useTestApp({ resetEachTest: false });
const LIST = `/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=20`;

before(async () => {
  await env.ready;
  const { resetToChannels } = await import('./helpers.js');
  await resetToChannels(env.db);
  for (let i = 0; i < 8; i++) await addOpportunity(env.db, { title: `社区志愿服务第${i}期`, summary: '陪伴社区老人聊天、读报、下棋，让他们的周末热闹一些。'.repeat(3) });
});

const get = (path: string, headers: Record<string, string> = {}, app = env.app) => app.request(path, { headers });
const decoded = async (res: Response) => {
  const bytes = Buffer.from(await res.arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  return (encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
};
const varies = (res: Response) => (res.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase());

describe('response compression', () => {
  it('brotli or gzip by Accept-Encoding, the same JSON inside, Vary: Accept-Encoding, a weak ETag of the identity body', async () => {
    const plain = await get(LIST);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.ok(varies(plain).includes('accept-encoding'), 'even an uncompressed answer says it varies');
    const identity = await plain.text();
    assert.ok(identity.length > 1024, `${identity.length} bytes`);
    const strong = plain.headers.get('etag')!;
    assert.match(strong, /^"/);
    for (const [accept, expected] of [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br', 'br'], ['br;q=0.5, gzip', 'gzip'], ['gzip;q=0, br;q=0', null], ['identity', null]] as const) {
      const res = await get(LIST, { 'Accept-Encoding': accept });
      assert.equal(res.headers.get('content-encoding'), expected, accept);
      assert.ok(varies(res).includes('accept-encoding'), accept);
      assert.ok(varies(res).includes('origin'), 'Vary: Origin is kept');
      assert.equal(res.headers.get('etag'), expected ? `W/${strong}` : strong, accept);
      const body = await decoded(res);
      assert.equal(body, identity, accept);
      if (expected) assert.ok(Number(res.headers.get('content-length') ?? 0) < identity.length / 2 || !res.headers.get('content-length'));
    }
  });

  it('a compressed copy revalidates with its weak ETag (and with the strong one) as a 304', async () => {
    const first = await get(LIST, { 'Accept-Encoding': 'br' });
    const weak = first.headers.get('etag')!;
    assert.match(weak, /^W\//);
    for (const tag of [weak, weak.slice(2)]) {
      const again = await get(LIST, { 'Accept-Encoding': 'br', 'If-None-Match': tag });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('content-encoding'), null);
    }
  });

  it('small bodies go uncompressed; problem+json is compressed like JSON', async () => {
    const small = await get(`/v1/opportunities?key=${SEED_KEYS.news.publishableKey}&limit=1`, { 'Accept-Encoding': 'br' });
    assert.ok((await small.clone().text()).length < 1024 || small.headers.get('content-encoding') === 'br');
    const missing = await get(`/v1/nothing-here?key=${SEED_KEYS.news.publishableKey}`, { 'Accept-Encoding': 'gzip' });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-encoding'), null, 'a short problem stays as it is');
    const eager = createApp(env.db, { readCacheMs: 0, rateLimit: false, compressionThresholdBytes: 16 });
    const problem = await get(`/v1/nothing-here?key=${SEED_KEYS.news.publishableKey}`, { 'Accept-Encoding': 'gzip' }, eager);
    assert.equal(problem.status, 404);
    assert.match(problem.headers.get('content-type')!, /^application\/problem\+json/);
    assert.equal(problem.headers.get('content-encoding'), 'gzip');
    assert.equal(JSON.parse(await decoded(problem)).code, 'not_found');
    const off = createApp(env.db, { readCacheMs: 0, rateLimit: false, compressionThresholdBytes: false });
    assert.equal((await get(LIST, { 'Accept-Encoding': 'br' }, off)).headers.get('content-encoding'), null);
  });

  it('bodies either side of the in-place limit (compressed in the request, or in the thread pool) come back the same in both encodings', async () => {
    const app = new Hono<AppEnv>();
    app.use('*', compression());
    const item = { title: '社区志愿服务', summary: '陪伴社区老人聊天、读报、下棋。' };
    app.get('/items/:n', (c) => c.json({ data: Array.from({ length: Number(c.req.param('n')) }, (_, i) => ({ ...item, i })) }));
    const sizes = new Set<number>();
    for (const n of [40, 2000]) {
      const identity = await (await app.request(`/items/${n}`)).text();
      sizes.add(Buffer.byteLength(identity) > COMPRESS_IN_PLACE_BYTES ? 1 : 0);
      for (const encoding of ['br', 'gzip']) {
        const res = await app.request(`/items/${n}`, { headers: { 'Accept-Encoding': encoding } });
        assert.equal(res.headers.get('content-encoding'), encoding, `${n} items, ${encoding}`);
        assert.equal(await decoded(res), identity, `${n} items, ${encoding}`);
      }
    }
    assert.deepEqual([...sizes].sort(), [0, 1], 'one body below the limit and one above');
  });
});
