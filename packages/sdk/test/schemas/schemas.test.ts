// The contract accepts each entity's valid example and rejects a broken one, naming the field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import * as S from '../../src/schemas/index.js';
import * as example from './examples.js';

type Schema = { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } } };

/** Asserts the example parses, and that `broken` fails with an issue at `path`. */
function assertContract(schema: Schema, valid: unknown, broken: unknown, path: string) {
  const ok = schema.safeParse(valid);
  assert.equal(ok.success, true, `valid example rejected: ${JSON.stringify(ok.error?.issues)}`);
  const bad = schema.safeParse(broken);
  assert.equal(bad.success, false, 'broken example accepted');
  const paths = bad.error!.issues.map((issue) => issue.path.map(String).join('.'));
  assert.ok(paths.includes(path), `expected an issue at "${path}", got ${JSON.stringify(paths)}`);
}

const entities: Array<[string, Schema, unknown, unknown, string]> = [
  ['Organization', S.Organization, example.organization, { ...example.organization, kind: 'club' }, 'kind'],
  ['Opportunity', S.Opportunity, example.opportunity, { ...example.opportunity, category: 'party' }, 'category'],
  ['Opportunity (shift)', S.Opportunity, example.opportunity,
    { ...example.opportunity, shifts: [{ ...example.shift, capacity: 0 }] }, 'shifts.0.capacity'],
  ['Opportunity (location)', S.Opportunity, example.opportunity,
    { ...example.opportunity, location: { ...example.opportunity.location, regionCode: '3301' } }, 'location.regionCode'],
  ['Shift', S.Shift, example.shift, { ...example.shift, start: '2026-12-05 09:00' }, 'start'],
  ['Question', S.Question, example.opportunity.questions[0], { ...example.opportunity.questions[0], kind: 'slider' }, 'kind'],
  ['Volunteer', S.Volunteer, example.volunteer, { ...example.volunteer, starLevel: 6 }, 'starLevel'],
  ['VolunteerProfile', S.VolunteerProfile, example.volunteerProfile, { ...example.volunteerProfile, channelId: 'campus' }, 'channelId'],
  ['VolunteerProfile (birthDateOnFile is required)', S.VolunteerProfile, example.volunteerProfile,
    { ...example.volunteerProfile, birthDateOnFile: undefined }, 'birthDateOnFile'],
  ['VolunteerProfile (birthDateOnFile is a boolean, never the date)', S.VolunteerProfile, example.volunteerProfile,
    { ...example.volunteerProfile, birthDateOnFile: '2001-05-04' }, 'birthDateOnFile'],
  ['Channel', S.Channel, example.channel, { ...example.channel, identityFields: ['passport'] }, 'identityFields.0'],
  ['Signup', S.Signup, example.signup, { ...example.signup, status: 'maybe' }, 'status'],
  ['SignupExport', S.SignupExport, example.signupExport, { ...example.signupExport, contact: undefined }, 'contact'],
  ['ServiceRecord', S.ServiceRecord, example.serviceRecord, { ...example.serviceRecord, hours: -1 }, 'hours'],
  ['Honor', S.Honor, example.honor, { ...example.honor, kind: 'medal' }, 'kind'],
  ['HonorBoard', S.HonorBoard, example.honorBoard,
    { ...example.honorBoard, entries: [{ ...example.honorBoard.entries[0], rank: 0 }] }, 'entries.0.rank'],
  ['ImpactStats', S.ImpactStats, example.impactStats, { ...example.impactStats, organizations: 1.5 }, 'organizations'],
  ['Session', S.Session, example.session, { ...example.session, token: 'abc' }, 'token'],
  ['Need', S.Need, example.need, { ...example.need, status: 'lost' }, 'status'],
  ['ProblemDetails', S.ProblemDetails, example.problem, { ...example.problem, status: 200 }, 'status'],
  ['OpportunityPage', S.OpportunityPage, { data: [example.opportunitySummary], nextCursor: null }, { data: [example.opportunitySummary] }, 'nextCursor'],
];

describe('entity schemas', () => {
  for (const [name, schema, valid, broken, path] of entities) {
    it(`${name}: accepts the example, rejects a bad ${path}`, () => assertContract(schema, valid, broken, path));
  }
});

describe('request schemas', () => {
  const body = {
    opportunityId: 'opp_k3x9q2', shiftId: 'shf_a1b2c3',
    volunteer: { name: '张晓明', mobile: '13812345678', idNumber: '11010519491231002X' },
    answers: { q_dialect: '会' }, consent: { policyVersion: '2026-09', accepted: true },
  };
  it('CreateSignupBody: accepts a guest sign-up, rejects a 10-digit mobile', () =>
    assertContract(S.CreateSignupBody, body, { ...body, volunteer: { ...body.volunteer, mobile: '1381234567' } }, 'volunteer.mobile'));
  it('CreateSignupBody: consent must be given', () =>
    assertContract(S.CreateSignupBody, body, { ...body, consent: { policyVersion: '2026-09', accepted: false } }, 'consent.accepted'));
  it('CreateSignupBody: a wrong ID check digit is rejected with its own code', () => {
    const result = S.CreateSignupBody.safeParse({ ...body, volunteer: { ...body.volunteer, idNumber: '110105194912310021' } });
    assert.equal(result.success, false);
    const errors = S.toFieldErrors(result.error!.issues);
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [['volunteer.idNumber', 'invalid_resident_id']]);
  });
  it('CreateSignupBody: a future birth date is rejected', () =>
    assertContract(S.CreateSignupBody, body, { ...body, volunteer: { ...body.volunteer, birthDate: '2999-01-01' } }, 'volunteer.birthDate'));
  it('CreateSignupBody: a session client sends { name, birthDate } when no birth date is on file; a malformed one is invalid_birth_date', () => {
    const session = { opportunityId: 'opp_k3x9q2', shiftId: 'shf_a1b2c3', volunteer: { name: '张晓明', birthDate: '2001-05-04' }, consent: body.consent };
    assertContract(S.CreateSignupBody, session, { ...session, volunteer: { name: '张晓明', birthDate: '2001-5-4' } }, 'volunteer.birthDate');
    const result = S.CreateSignupBody.safeParse({ ...session, volunteer: { name: '张晓明', birthDate: '2001-5-4' } });
    assert.deepEqual(S.toFieldErrors(result.error!.issues).map((e) => [e.path, e.code]), [['volunteer.birthDate', 'invalid_birth_date']]);
  });
  it('UpdateSignupBody: accepts approved, rejects an unknown status', () =>
    assertContract(S.UpdateSignupBody, { status: 'approved' }, { status: 'pending' }, 'status'));
  it('CreateSessionBody: accepts a campus identity, rejects a too-short ttl', () => {
    const session = { externalId: 'sso|2023001234', volunteer: { name: '张晓明', studentId: '2023001234' }, ttlSeconds: 3600 };
    assertContract(S.CreateSessionBody, session, { ...session, ttlSeconds: 5 }, 'ttlSeconds');
  });
  it('CreateServiceRecordBody: accepts a record, rejects a missing recordedBy', () => {
    const record = { volunteerId: 'vol_5z8w1m', opportunityId: 'opp_k3x9q2', shiftId: 'shf_a1b2c3', checkIn: '2026-12-05T09:00:00+08:00', checkOut: '2026-12-05T12:00:00+08:00', recordedBy: '王老师' };
    assertContract(S.CreateServiceRecordBody, record, { ...record, recordedBy: undefined }, 'recordedBy');
  });
  it('ReviewServiceRecordBody: requires reviewedBy', () =>
    assertContract(S.ReviewServiceRecordBody, { reviewedBy: '王老师' }, {}, 'reviewedBy'));
  it('ListOpportunitiesQuery: reads query-string text into typed filters', () => {
    const parsed = S.ListOpportunitiesQuery.parse({ hasOpenSlots: 'false', skills: 'first_aid, driving', near: '30.25,120.16', limit: '20' });
    assert.deepEqual(parsed, { hasOpenSlots: false, skills: ['first_aid', 'driving'], near: { lat: 30.25, lng: 120.16 }, limit: 20 });
    assertContract(S.ListOpportunitiesQuery, { limit: '100' }, { limit: '101' }, 'limit');
  });
  it('ListOpportunitiesQuery: near is a point within ±90 latitude and ±180 longitude', () => {
    assertContract(S.ListOpportunitiesQuery, { near: '30.25,120.16' }, { near: '91,120.16' }, 'near');
    assertContract(S.ListOpportunitiesQuery, { near: '-90,-180' }, { near: '30.25,180.5' }, 'near');
    assert.deepEqual(S.ListOpportunitiesQuery.parse({ near: '90.0,-180.000' }).near, { lat: 90, lng: -180 }, 'the poles and the antimeridian are points');
  });
  it('ListOpportunitiesQuery: an out-of-range near names the coordinate, with code out_of_range', () => {
    const errors = (near: string) => {
      const result = S.ListOpportunitiesQuery.safeParse({ near });
      assert.equal(result.success, false, `${near} accepted`);
      return S.toFieldErrors(result.error!.issues).map((e) => [e.path, e.code, e.message]);
    };
    const latitude = ['near', 'out_of_range', 'must have a latitude between -90 and 90'];
    const longitude = ['near', 'out_of_range', 'must have a longitude between -180 and 180'];
    assert.deepEqual(errors('95,120'), [latitude]);
    assert.deepEqual(errors('-90.5,120'), [latitude]);
    assert.deepEqual(errors('30,181'), [longitude]);
    assert.deepEqual(errors('30,1200'), [longitude]);
    assert.deepEqual(errors('91,200'), [['near', 'out_of_range', 'must have a latitude between -90 and 90 and a longitude between -180 and 180']]);
    const format = ['near', 'invalid_format', 'must be "lat,lng" in decimal degrees'];
    for (const near of ['abc', '30.25', '30.25,', '30,120,5', '30, 120', '0090,120', '95,abc', '1e2,120']) assert.deepEqual(errors(near), [format], near);
  });
  it('ListOpportunitiesQuery: radiusKm is between 0.1 and 500 km', () => {
    assertContract(S.ListOpportunitiesQuery, { near: '30.25,120.16', radiusKm: '500' }, { near: '30.25,120.16', radiusKm: '500.5' }, 'radiusKm');
    assertContract(S.ListOpportunitiesQuery, { near: '30.25,120.16', radiusKm: '0.1' }, { near: '30.25,120.16', radiusKm: '0' }, 'radiusKm');
    assertContract(S.ListOpportunitiesQuery, { near: '30.25,120.16', radiusKm: '5' }, { near: '30.25,120.16', radiusKm: 'far' }, 'radiusKm');
  });
  it('ListOpportunitiesQuery: radiusKm and sort=distance need near, and say so on their own path', () => {
    for (const [query, path] of [[{ radiusKm: '5' }, 'radiusKm'], [{ sort: 'distance' }, 'sort']] as const) {
      const result = S.ListOpportunitiesQuery.safeParse(query);
      assert.equal(result.success, false, JSON.stringify(query));
      assert.deepEqual(S.toFieldErrors(result.error!.issues).map((e) => [e.path, e.code]), [[path, 'near_required']]);
      assert.equal(S.ListOpportunitiesQuery.safeParse({ ...query, near: '30.25,120.16' }).success, true);
    }
  });
  it('ListOpportunitiesQuery: hasOpenSlots is true/false/1/0 and nothing else', () => {
    assert.equal(S.ListOpportunitiesQuery.parse({ hasOpenSlots: '1' }).hasOpenSlots, true);
    assert.equal(S.ListOpportunitiesQuery.parse({ hasOpenSlots: '0' }).hasOpenSlots, false);
    assertContract(S.ListOpportunitiesQuery, { hasOpenSlots: 'true' }, { hasOpenSlots: 'yes' }, 'hasOpenSlots');
  });
  it('ListOpportunitiesQuery: the generated JSON Schema carries the same ranges', () => {
    const near = (z.toJSONSchema(S.ListOpportunitiesQuery, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, { pattern?: string }> }).properties['near']!;
    const pattern = new RegExp(near.pattern!, 'u');
    for (const ok of ['30.25,120.16', '90,180', '-90.000,-180.0', '0,0', '05,099']) assert.ok(pattern.test(ok), ok);
    for (const bad of ['90.5,0', '91,0', '0,180.01', '0,181', '-91,0', '0,-200', 'abc']) assert.ok(!pattern.test(bad), bad);
  });
  it('HonorBoardQuery: accepts org and region scopes, rejects an unknown one', () => {
    assert.equal(S.HonorBoardQuery.safeParse({ scope: 'region:3301' }).success, true);
    assertContract(S.HonorBoardQuery, { scope: 'org:org_xihu01' }, { scope: 'galaxy' }, 'scope');
  });
  it('StatsQuery and ListSignupsQuery reject unknown enum values', () => {
    assertContract(S.StatsQuery, { period: 'year' }, { period: 'decade' }, 'period');
    assertContract(S.ListSignupsQuery, { status: 'waitlisted' }, { status: 'unknown' }, 'status');
    assertContract(S.ListServiceRecordsQuery, { status: 'approved' }, { status: 'done' }, 'status');
    assertContract(S.ListOrganizationsQuery, { kind: 'charity' }, { kind: 'party' }, 'kind');
  });
});
