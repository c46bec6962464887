/**
 * Client and server prove the contract together: the real server over HTTP, driven through
 * `@volunteerkit/sdk` with response validation on (`@volunteerkit/sdk/validation`), so every
 * response is checked against the same schemas.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConflictError, NotFoundError, PermissionDeniedError, ValidationError, AuthenticationError, createClient } from '@volunteerkit/sdk';
import { responseValidator } from '@volunteerkit/sdk/validation';
import { SEED_KEYS, startServer, type RunningServer } from '../src/index.js';
import { addOpportunity, dropSchema, nextMobile, resetToChannels, type OpportunityFixture } from './helpers.js';

const { news, campus } = SEED_KEYS;
const schema = process.env['DATABASE_URL'] ? `vk_test_sdk_${process.pid}` : undefined;
let server: RunningServer;
let elderly: OpportunityFixture[];
let campusOnly: OpportunityFixture;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', rateLimit: false, ...(schema ? { schema } : {}) });
  await resetToChannels(server.db);
  elderly = [];
  for (let i = 0; i < 7; i++) elderly.push(await addOpportunity(server.db, { category: 'elderly', title: `敬老活动${i}`, capacity: 2 }));
  await addOpportunity(server.db, { category: 'environment', title: '河道清洁' });
  campusOnly = await addOpportunity(server.db, { audience: campus.channelId, title: '校内迎新' });
});
after(async () => {
  await server.close();
  if (schema) await dropSchema(process.env['DATABASE_URL']!, schema);
});

const newsClient = () => createClient({ baseUrl: server.url, publishableKey: news.publishableKey, maxRetries: 0, validate: responseValidator });
const consent = { policyVersion: '2026-01', accepted: true } as const;

describe('the SDK against the real server', () => {
  it('lists with filters, pages through cursors and gets one opportunity', async () => {
    const vk = newsClient();
    const page = await vk.opportunities.list({ category: 'elderly', limit: 3 });
    assert.equal(page.data.length, 3);
    const seen: string[] = [];
    for await (const opportunity of vk.opportunities.list({ category: 'elderly', limit: 3 })) seen.push(opportunity.id);
    assert.deepEqual(new Set(seen), new Set(elderly.map((e) => e.opportunityId)));
    assert.equal(seen.length, 7);
    const one = await vk.opportunities.get(elderly[0]!.opportunityId);
    assert.equal(one.title, '敬老活动0');
    assert.equal(one.shifts[0]!.capacity, 2);
    const ids = [];
    for await (const opportunity of vk.opportunities.list({ limit: 100 })) ids.push(opportunity.id);
    assert.ok(!ids.includes(campusOnly.opportunityId), 'campus-only stays out of the news list');
    await assert.rejects(vk.opportunities.get(campusOnly.opportunityId), (error) => NotFoundError.is(error));
  });

  it('reads the channel, honor board and stats in the contract', async () => {
    const vk = newsClient();
    const channel = await vk.channel.get();
    assert.deepEqual(channel.identityFields, ['name', 'mobile']);
    const board = await vk.honorBoard.get({ scope: 'platform', period: 'month', metric: 'hours' });
    assert.equal(board.metric, 'hours');
    const stats = await vk.stats.get({ period: 'all' });
    assert.ok(stats.openOpportunities >= 8);
  });

  it('creates a sign-up; the same person again is a ConflictError carrying the first; bad fields are a ValidationError', async () => {
    const vk = newsClient();
    const target = elderly[1]!;
    const volunteer = { name: '张三丰', mobile: nextMobile() };
    const signup = await vk.signups.create({ opportunityId: target.opportunityId, shiftId: target.shiftIds[0]!, volunteer, consent });
    assert.equal(signup.status, 'approved');
    assert.equal(signup.displayName, '张*丰');
    await assert.rejects(vk.signups.create({ opportunityId: target.opportunityId, shiftId: target.shiftIds[0]!, volunteer, consent }), (error) => {
      assert.ok(ConflictError.is(error));
      assert.equal((error as ConflictError).code, 'duplicate_signup');
      assert.equal(((error as ConflictError).existing as { id: string }).id, signup.id);
      return true;
    });
    await assert.rejects(vk.signups.create({ opportunityId: target.opportunityId, shiftId: target.shiftIds[0]!, volunteer: { name: '李四', mobile: '12345' }, consent }), (error) => {
      assert.ok(ValidationError.is(error));
      assert.deepEqual(Object.keys((error as ValidationError).fieldErrors), ['volunteer.mobile']);
      return true;
    });
  });

  it('one idempotency key per attempt: a retried create returns the same sign-up', async () => {
    const vk = newsClient();
    const target = elderly[2]!;
    const body = { opportunityId: target.opportunityId, shiftId: target.shiftIds[0]!, volunteer: { name: '王五', mobile: nextMobile() }, consent };
    const first = await vk.signups.create(body, { idempotencyKey: 'sdk-attempt-1' });
    const second = await vk.signups.create(body, { idempotencyKey: 'sdk-attempt-1' });
    assert.equal(second.id, first.id);
    assert.equal((await vk.opportunities.get(target.opportunityId)).shifts[0]!.signedUp, 1);
  });

  it('a partner mints a session; the volunteer signs up, lists and cancels, and the first waitlisted is promoted', async () => {
    const partner = createClient({ baseUrl: server.url, secretKey: news.secretKey, maxRetries: 0, validate: responseValidator });
    const target = elderly[3]!; // capacity 2
    const tokens = [];
    for (const name of ['甲一', '乙二', '丙三']) tokens.push((await partner.sessions.create({ externalId: `sdk-${name}`, volunteer: { name, mobile: nextMobile() } })).token);
    const clients = tokens.map((token) => newsClient().withSession(token));
    const signups = [];
    for (const client of clients) signups.push(await client.signups.create({ opportunityId: target.opportunityId, shiftId: target.shiftIds[0]!, consent }));
    assert.deepEqual(signups.map((s) => s.status), ['approved', 'approved', 'waitlisted']);
    const me = await clients[0]!.me.get();
    assert.equal(me.name, '甲一');
    const cancelled = await clients[0]!.me.signups.cancel(signups[0]!.id);
    assert.equal(cancelled.status, 'cancelled');
    const third = await clients[2]!.me.signups.list();
    assert.equal(third.data[0]!.status, 'approved');
    const exported = await partner.signups.list({ opportunityId: target.opportunityId });
    assert.equal(exported.data.length, 3);
    assert.ok(exported.data.every((s) => s.contact.mobile !== null));
  });

  it('maps refusals to the SDK\'s error classes', async () => {
    await assert.rejects(createClient({ baseUrl: server.url, publishableKey: 'pk_test_unknown', maxRetries: 0, validate: responseValidator }).channel.get(), (error) => AuthenticationError.is(error));
    await assert.rejects(newsClient().withSession('vst_bad.token').me.get(), (error) => AuthenticationError.is(error));
    await assert.rejects(newsClient().honorBoard.get({ scope: `channel:${campus.channelId}` }), (error) => PermissionDeniedError.is(error));
  });
});
