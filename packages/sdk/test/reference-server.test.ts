// Every SDK method against the real reference server (seeded, in-memory PGlite), with response
// validation on: the client and the server agree on the wire format and on the contract.
// No mocks here; faults are tested with msw in the other files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_FIXTURES, SEED_KEYS, startServer } from '@volunteerkit/server';
import { ConflictError, NotFoundError, ValidationError, createClient, type Opportunity, type VolunteerKitClient } from '../src/index.js';
import { responseValidator } from '../src/validation.js';
import { rejection } from './helpers.js';

describe('against the reference server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let vk: VolunteerKitClient;
  let partner: VolunteerKitClient;
  let opp: Opportunity;
  let policyVersion: string;

  before(async () => {
    server = await startServer({ port: 0, dataDir: 'memory', seed: true, rateLimit: false, log: false });
    vk = createClient({ baseUrl: server.url, publishableKey: SEED_KEYS.news.publishableKey, locale: 'en', validate: responseValidator });
    partner = createClient({ baseUrl: server.url, secretKey: SEED_KEYS.news.secretKey, validate: responseValidator });
    opp = await vk.opportunities.get(SEED_FIXTURES.openOpportunityId);
    policyVersion = (await vk.channel.get()).privacyPolicyVersion;
  });
  after(() => server?.close());

  it('public reads: lists, pages, single items, channel, honor board, stats', async () => {
    const page = await vk.opportunities.list({ limit: 5, hasOpenSlots: true });
    assert.equal(page.data.length, 5);
    assert.ok(page.hasNextPage());
    const next = await page.nextPage();
    assert.ok(next.data.every((o) => !page.data.some((p) => p.id === o.id)), 'the next page has other items');
    let seen = 0;
    for await (const _ of vk.opportunities.list({ limit: 25 })) if (++seen === 60) break;
    assert.equal(seen, 60, 'iterated across three pages');
    assert.equal(opp.id, SEED_FIXTURES.openOpportunityId);
    const orgs = await vk.organizations.list({ limit: 3 });
    assert.equal((await vk.organizations.get(orgs.data[0]!.id)).id, orgs.data[0]!.id);
    assert.ok((await vk.channel.get()).identityFields.includes('name'));
    assert.ok((await vk.honorBoard.get({ period: 'all', metric: 'hours', limit: 5 })).entries.length > 0);
    assert.ok((await vk.stats.get({ period: 'year' })).approvedHours >= 0);
  });

  it('guest sign-up, its duplicate (409 with the first), and field errors', async () => {
    const body = {
      opportunityId: opp.id,
      shiftId: opp.shifts[0]!.id,
      volunteer: { name: '张三明', mobile: '13800138001' },
      consent: { policyVersion, accepted: true as const },
    };
    const signup = await vk.signups.create(body);
    assert.match(signup.reference, /^VK-/);
    const duplicate = await rejection(vk.signups.create(body));
    assert.ok(ConflictError.is(duplicate), String(duplicate));
    assert.equal((duplicate.existing as { id: string }).id, signup.id);
    const invalid = await rejection(vk.signups.create({ ...body, volunteer: { name: '王五', mobile: '123' } }));
    assert.ok(ValidationError.is(invalid), String(invalid));
    assert.ok(invalid.fieldErrors['volunteer.mobile']?.length);
    const missing = await rejection(vk.opportunities.get('opp_doesnotexist'));
    assert.ok(NotFoundError.is(missing) && typeof missing.requestId === 'string');
  });

  it('a lost answer retried with the same Idempotency-Key returns the first sign-up', async () => {
    const body = { opportunityId: opp.id, shiftId: opp.shifts[0]!.id, volunteer: { name: '赵六', mobile: '13800138002' }, consent: { policyVersion, accepted: true as const } };
    let attempts = 0;
    // Drop the first answer after the server handled the request.
    const lossy = createClient({
      baseUrl: server.url,
      publishableKey: SEED_KEYS.news.publishableKey,
      validate: responseValidator,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (++attempts === 1) throw new TypeError('connection reset');
        return response;
      },
    });
    const signup = await lossy.signups.create(body);
    assert.equal(attempts, 2);
    const again = await rejection(vk.signups.create(body));
    assert.equal((again.existing as { id: string }).id, signup.id, 'one sign-up exists, the one returned');
  });

  it('partner back end and volunteer session: sessions, me.*, export, review, service records', async () => {
    const session = await partner.sessions.create({ externalId: 'sdk-test-1', volunteer: { name: '李四', mobile: '13900139000' } });
    const me = vk.withSession(session.token);
    const profile = await me.me.get();
    assert.equal(profile.id, session.volunteerId);
    const mine = await me.signups.create({ opportunityId: opp.id, shiftId: opp.shifts[0]!.id, consent: { policyVersion, accepted: true } });
    assert.equal((await me.me.signups.list()).data[0]?.id, mine.id);
    assert.equal((await me.me.signups.cancel(mine.id)).status, 'cancelled');
    const exported = await partner.signups.list({ limit: 5 });
    assert.ok(exported.data.length > 0 && 'contact' in exported.data[0]!);
    assert.equal((await partner.signups.update(exported.data[0]!.id, { status: 'attended' })).status, 'attended');
    const shift = opp.shifts[0]!;
    const record = await partner.serviceRecords.create(
      { volunteerId: profile.id, opportunityId: opp.id, shiftId: shift.id, checkIn: shift.start, checkOut: shift.end, recordedBy: '王老师' },
      { idempotencyKey: 'sdk-test-record-1' },
    );
    assert.equal(record.status, 'pending');
    assert.equal((await partner.serviceRecords.approve(record.id, { reviewedBy: '李主任' })).status, 'approved');
    const second = await partner.serviceRecords.create({ volunteerId: profile.id, opportunityId: opp.id, shiftId: shift.id, checkIn: shift.start, checkOut: shift.end, recordedBy: '王老师' });
    assert.equal((await partner.serviceRecords.reject(second.id, { reviewedBy: '李主任', note: 'duplicate' })).status, 'rejected');
    const hours = await me.me.serviceRecords.list({ status: 'approved' });
    assert.equal(hours.data[0]?.id, record.id);
  });
});
