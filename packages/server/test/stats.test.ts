/** GET /v1/stats: the metrics, groupBy, and small counts hidden with their complements. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ImpactStats } from '@volunteerkit/sdk/schemas';
import { addOpportunity, assertProblem, assertShape, call, SEED_KEYS, useTestApp } from './helpers.js';

const { news } = SEED_KEYS;
const HOUR = 3_600_000;
const NOW = new Date('2026-11-15T12:00:00Z');
const env = useTestApp();

/** Inserts rows with the columns they name (the others take their defaults). */
async function insert(table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const columns = Object.keys(rows[0]!).join(', ');
  await env.db.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
}

let serial = 0;
/** `count` volunteers, each with one approved record of `hours` checked out at `at`, approved `lagHours` after it was made. */
async function served(opp: { opportunityId: string; shiftIds: string[] }, count: number, hours: number, at: Date, lagHours: number): Promise<string[]> {
  const volunteers = Array.from({ length: count }, () => `vol_stats${(serial++).toString().padStart(6, '0')}`);
  await insert('volunteers', volunteers.map((id) => ({ id, channel_id: news.channelId, name: `志愿者${id}`, identity_key: `mobile:${id}`,
    created_at: at.toISOString(), updated_at: at.toISOString() })));
  await insert('service_records', volunteers.map((id) => ({
    id: `rec_stats${(serial++).toString().padStart(6, '0')}`, volunteer_id: id, opportunity_id: opp.opportunityId, shift_id: opp.shiftIds[0],
    check_in: new Date(at.getTime() - hours * HOUR).toISOString(), check_out: at.toISOString(), hours, status: 'approved', recorded_by: '签到员',
    created_at: at.toISOString(), updated_at: at.toISOString(), reviewed_at: new Date(at.getTime() + lagHours * HOUR).toISOString() })));
  return volunteers;
}

async function fulfilledNeeds(orgId: string, count: number, at: Date): Promise<void> {
  const [record] = await env.db.query<{ id: string }>(`SELECT r.id FROM service_records r JOIN opportunities o ON o.id = r.opportunity_id WHERE o.org_id = $1 LIMIT 1`, [orgId]);
  await insert('needs', Array.from({ length: count }, (_, k) => ({
    id: `ned_stats${(serial++).toString().padStart(6, '0')}`, channel_id: news.channelId, org_id: orgId, service_code: 'haircut', title: `理发 ${k}`,
    region_code: '330106', requester_masked: '王*英', resident_key: `r${k}`, address_sealed: 'x', contact_sealed: 'x', filed_by: 'resident',
    consent: { version: '1' }, status: 'confirmed', expires_at: at.toISOString(), fulfilled_at: at.toISOString(), record_id: record!.id,
    created_at: at.toISOString(), updated_at: at.toISOString() })));
}

const stats = (query: string) => call(env.app, 'GET', `/v1/stats?${query}`, { key: news.publishableKey });

/** Two organizations: 西湖 (330106, elderly) with 8 volunteers in October and 6 in November; 北仑 (330206, environment) with 2 in October. */
async function world() {
  env.now = NOW;
  const october = new Date('2026-10-10T08:00:00Z');
  const november = new Date('2026-11-05T08:00:00Z');
  const westLake = await addOpportunity(env.db, { orgName: '西湖协会', category: 'elderly', regionCode: '330106', shiftStarts: [october], capacity: 10 });
  const beilun = await addOpportunity(env.db, { orgName: '北仑协会', category: 'environment', regionCode: '330206', shiftStarts: [october], capacity: 5 });
  const people = [
    ...await served(westLake, 8, 2, october, 24),
    ...await served(westLake, 6, 3, november, 48),
    ...await served(beilun, 2, 3, october, 10),
  ];
  await env.db.query(`UPDATE shifts SET signed_up = CASE WHEN capacity = 10 THEN 8 ELSE 2 END WHERE id = ANY($1)`, [[westLake.shiftIds[0]!, beilun.shiftIds[0]!]]);
  await fulfilledNeeds(westLake.orgId, 3, november);
  return { westLake, beilun, people };
}

describe('GET /v1/stats metrics and groups', () => {
  it('totals: approved hours, active volunteers, fill rate, needs fulfilled (3: hidden), median approval time', async () => {
    const w = await world();
    const res = await stats('period=year');
    assert.equal(res.status, 200, res.text);
    assertShape(ImpactStats, res.body);
    assert.deepEqual(res.body.metrics, {
      approvedHours: 16 + 18 + 6, activeVolunteers: 16, fillRate: 0.667, needsFulfilled: null, medianApprovalHours: 24, suppressed: ['needsFulfilled'],
    });
    assert.equal(res.body.approvedHours, res.body.metrics.approvedHours, 'the headline figure and the metric agree');
    assert.equal(res.body.minPublishedCount, 5);
    assert.deepEqual([res.body.groupBy, res.body.groups], [null, []]);
    for (const id of w.people) assert.ok(!res.text.includes(id) && !res.text.includes(`志愿者${id}`), 'no volunteer in the answer');
  });

  it('groupBy=month: every month of the period, quiet ones as zeros', async () => {
    await world();
    const res = await stats('period=year&groupBy=month');
    assertShape(ImpactStats, res.body);
    assert.equal(res.body.groupBy, 'month');
    const months = res.body.groups as ImpactStats['groups'];
    assert.deepEqual([months.length, months[0]!.key, months.at(-1)!.key], [13, '2025-11', '2026-11']);
    const october = months.find((m) => m.key === '2026-10')!;
    const november = months.find((m) => m.key === '2026-11')!;
    assert.deepEqual([october.approvedHours, october.activeVolunteers, october.fillRate, october.medianApprovalHours], [22, 10, 0.667, 24]);
    assert.deepEqual([november.approvedHours, november.activeVolunteers, november.medianApprovalHours], [18, 6, 48]);
    // Three needs in November: hidden there, and with them the quiet months' zeros that would give the 3 back.
    assert.deepEqual([november.needsFulfilled, november.suppressed.includes('needsFulfilled')], [null, true]);
    assert.ok(months.filter((m) => m.key !== '2026-11').every((m) => m.needsFulfilled === null));
    const quiet = months.find((m) => m.key === '2026-01')!;
    assert.deepEqual([quiet.approvedHours, quiet.activeVolunteers, quiet.fillRate, quiet.medianApprovalHours, quiet.suppressed], [0, 0, null, null, ['needsFulfilled']]);
  });

  it('groupBy=region and category: a group of 2 volunteers is hidden, and so is the one group the total would give it back from', async () => {
    const w = await world();
    for (const [groupBy, small, big] of [['region', '3302', '3301'], ['category', 'environment', 'elderly']] as const) {
      const res = await stats(`period=year&groupBy=${groupBy}`);
      assertShape(ImpactStats, res.body);
      const groups = new Map((res.body.groups as ImpactStats['groups']).map((g) => [g.key, g]));
      assert.deepEqual([...groups.keys()].sort(), [big, small].sort(), groupBy);
      for (const key of [small, big]) {
        const group = groups.get(key)!;
        assert.deepEqual([group.approvedHours, group.activeVolunteers, group.fillRate], [null, null, null], `${groupBy} ${key}`);
        assert.deepEqual(group.suppressed.filter((m) => m !== 'needsFulfilled' && m !== 'medianApprovalHours'), ['approvedHours', 'activeVolunteers', 'fillRate']);
      }
      // 2 approvals in the small group: no median; the big group's 14 give one.
      assert.equal(groups.get(small)!.medianApprovalHours, null);
      assert.ok(groups.get(small)!.suppressed.includes('medianApprovalHours'));
      assert.equal(groups.get(big)!.medianApprovalHours, 24);
      assert.equal(res.body.metrics.activeVolunteers, 16, 'the total stays published');
    }
    // Within 杭州 the groups are counties; 西湖 alone has 14 volunteers, so nothing is hidden.
    const hangzhou = await stats('period=year&groupBy=region&scope=region:3301');
    assert.deepEqual(hangzhou.body.groups.map((g: { key: string; activeVolunteers: number }) => [g.key, g.activeVolunteers]), [['330106', 14]]);
    // All time: the months from the first with any activity to now.
    const allTime = await stats(`period=all&scope=org:${w.westLake.orgId}&groupBy=month`);
    assert.equal(allTime.status, 200, allTime.text);
    assert.deepEqual(allTime.body.groups.map((g: { key: string; activeVolunteers: number }) => [g.key, g.activeVolunteers]), [['2026-10', 8], ['2026-11', 6]]);
    assert.equal(allTime.body.metrics.activeVolunteers, 14);
    // An organization with 2 volunteers: its totals are hidden too.
    const beilun = await stats(`period=year&scope=org:${w.beilun.orgId}`);
    assert.deepEqual([beilun.body.metrics.activeVolunteers, beilun.body.metrics.approvedHours, beilun.body.metrics.fillRate], [null, null, null]);
  });

  it('an unknown groupBy is a 422 that names the parameter', async () => {
    const res = await stats('groupBy=volunteer');
    assertProblem(res, 422, 'validation_failed');
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['groupBy']);
  });
});
