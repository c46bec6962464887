// The prose and examples of docs/openapi.json, keyed by component and property (dotted paths for
// nested objects) and by operation. Kept here, not in zod `.meta()`, because the contract schemas
// ship in the browser bundles (the sign-up form's validation chunk) and this text must not.
// test/contract/openapi-docs.test.ts checks that everything is described and every example fits.
import {
  EMAIL,
  ErrorCode,
  MAINLAND_MOBILE,
  RESIDENT_ID_SHAPE,
  maskMobile,
  maskResidentId,
  residentIdCheckChar,
} from '../../packages/sdk/src/schemas/index.js';
import type { ComponentName } from '../../packages/sdk/src/schemas/endpoints.js';

export type JsonSchema = Record<string, unknown>;

/** A property's description, or a description and JSON Schema keywords the zod schema cannot say. */
export type PropertyDoc = string | { description: string; schema: JsonSchema };

export interface SchemaDoc {
  description: string;
  example: unknown;
  /** Every property by dotted path (`consent.policyVersion`). */
  properties?: Record<string, PropertyDoc>;
  /** Keywords merged into the schema itself. */
  schema?: JsonSchema;
}

// ---------------------------------------------------------------------------------------------
// Examples, from the demo seed's world (packages/server/src/seed/data.ts): Hangzhou, West Lake.

const at = (day: string, time = '09:00:00') => `2026-${day}T${time}+08:00`;
const cursorOf = (sort: string, key: number, id: string) => Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
const residentId = (first17: string) => first17 + residentIdCheckChar(first17);
const exampleIdNumber = residentId('33010619980307123');

const organization = {
  id: 'org_XhWl7Qm2Zp4Ka9Rt', name: '西湖区志愿者协会', kind: 'volunteer_org', regionCode: '330106',
  logoUrl: 'https://static.volunteerkit.dev/logos/org_XhWl7Qm2Zp4Ka9Rt.png',
  description: '扎根西湖区的志愿服务组织，常年开展敬老助残、环境保护和大型赛事服务。', verified: true,
  createdAt: at('03-01'), updatedAt: at('10-12', '14:30:00'),
};
const shift = { id: 'shf_x2Lp9Q0aM7cV3nB8', start: at('12-05'), end: at('12-05', '12:00:00'), capacity: 12, signedUp: 9, waitlisted: 0 };
const question = { id: 'q_tshirt', label: 'T恤尺码', kind: 'choice', required: true, options: ['S', 'M', 'L', 'XL'] };
const location = { name: '西湖区社会福利中心', address: '杭州市西湖区文一西路 588 号', regionCode: '330106', lat: 30.2594, lng: 120.13, online: false };
const requirements = { minAge: 16, trainingRequired: false, insuranceProvided: true };
const opportunity = {
  id: 'opp_7Hq2xK9pR4mT8wZ1', orgId: organization.id, orgName: organization.name,
  title: '敬老院陪伴聊天', summary: '陪伴院里的老人聊天、读报、下棋，让他们的周末热闹一些。',
  description: '每周六上午在西湖区社会福利中心陪伴老人。\n\n请提前 15 分钟到前台签到，领取志愿者马甲。',
  category: 'elderly', skills: ['elderly_care'], location, status: 'recruiting', audience: 'public', approval: 'auto',
  signupOpensAt: at('11-20', '00:00:00'), signupClosesAt: at('12-04', '18:00:00'), requirements,
  hoursPerShift: 3, pointsPerHour: 10, coverImageUrl: 'https://static.volunteerkit.dev/covers/elderly-3.jpg', timezone: 'Asia/Shanghai',
  shifts: [shift], questions: [question], createdAt: at('11-18', '10:00:00'), updatedAt: at('11-30', '16:20:00'),
};
/** `opportunity` as the list shows it. */
const opportunitySummary = {
  id: opportunity.id, orgId: opportunity.orgId, orgName: opportunity.orgName, title: opportunity.title, category: opportunity.category,
  location: { name: location.name, regionCode: location.regionCode, online: location.online },
  status: opportunity.status, audience: opportunity.audience, signupOpensAt: opportunity.signupOpensAt, signupClosesAt: opportunity.signupClosesAt,
  hoursPerShift: opportunity.hoursPerShift, timezone: opportunity.timezone,
  nextShift: { id: shift.id, start: shift.start, end: shift.end, spotsLeft: shift.capacity - shift.signedUp },
  shiftCount: 1, openSpots: shift.capacity - shift.signedUp,
};
/** `opportunity` as a recommendation. */
const recommendation = {
  ...opportunitySummary, score: 70,
  reasons: [
    { code: 'skill_match', params: { skills: ['first_aid'] } },
    { code: 'you_liked_category', params: { category: opportunity.category } },
    { code: 'fits_your_time', params: { weekday: 6, partOfDay: 'morning' } },
  ],
};
const consent = { policyVersion: '2026-01', at: at('11-30', '20:15:00') };
const signup = {
  id: 'sgn_9Kd3mQ1zT6vB2nX5', reference: 'VK-7F3K2Q9A', opportunityId: opportunity.id, shiftId: shift.id,
  volunteerId: 'vol_Zy8Lm2Qp5Rt9Wx3K', displayName: '林*雨', answers: { q_tshirt: 'M' }, consent, status: 'approved',
  waitlistPosition: null, source: { channelId: 'chn_newsdemo', widget: 'vk-signup-form' },
  createdAt: at('11-30', '20:15:00'), updatedAt: at('11-30', '20:15:00'),
};
const signupExport = {
  ...signup,
  contact: { name: '林晓雨', mobile: '13957112345', email: 'linxiaoyu@example.com', studentId: null, employeeId: null, idNumber: maskResidentId(exampleIdNumber) },
};
const guestVolunteer = { name: '林晓雨', mobile: '13957112345', email: 'linxiaoyu@example.com', birthDate: '1998-03-07', idNumber: exampleIdNumber, showName: false };
const volunteer = {
  id: signup.volunteerId, displayName: '林*雨', avatarUrl: null, starLevel: 1, approvedHours: 126.5, points: 1265,
  createdAt: at('03-15', '19:02:00'), updatedAt: at('11-30', '20:15:00'),
};
const serviceRecord = {
  id: 'rec_4Tn8Vb2Lx6Qm9Kp3', volunteerId: volunteer.id, opportunityId: opportunity.id, opportunityTitle: opportunity.title,
  shiftId: shift.id, checkIn: at('12-05', '08:55:00'), checkOut: at('12-05', '12:05:00'), hours: 3, status: 'approved',
  recordedBy: '西湖区社会福利中心 王老师', source: 'attendance', policyVersion: 1, dueAt: at('12-08', '12:05:00'),
  explanation: [
    { code: 'present', params: { minutes: 190, shiftMinutes: 180, percent: 105 } },
    { code: 'full_shift', params: { hours: 3 } },
  ],
  reviewedBy: '西湖区志愿者协会 张明', reviewedAt: at('12-06', '09:00:00'), corrects: null, correctedBy: null,
  disputableUntil: '2027-01-04T12:10:00+08:00', dispute: null,
  createdAt: at('12-05', '12:10:00'), updatedAt: at('12-06', '09:00:00'),
};
const organizerSession = {
  token: 'ost_eyJjIjoiY2huX25ld3NkZW1vIiwibyI6Im9yZ19YaFdsN1FtMlpwNEthOVJ0In0.Qm9yZGVyQ29sbGll',
  organizationId: organization.id, staffId: 'xihu-staff-0042', channelId: 'chn_newsdemo', expiresAt: at('12-05', '20:00:00'),
};
const attendance = {
  id: 'att_6Gh2Jk8Lm4Nb0Vc3', signupId: signup.id, shiftId: shift.id, volunteerId: volunteer.id, checkInAt: at('12-05', '08:55:00'),
  checkOutAt: at('12-05', '12:05:00'), method: 'code', serviceRecordId: serviceRecord.id, createdAt: at('12-05', '08:55:00'), updatedAt: at('12-05', '12:05:00'),
};
const rosterEntry = {
  signupId: signup.id, reference: signup.reference, volunteerId: volunteer.id, name: '林晓雨', mobile: '139****2345', signupStatus: 'attended',
  attendance, serviceRecord: { id: serviceRecord.id, status: 'pending', hours: 3 },
};
const certificate = {"id": "cer_7Hq2Lm9Xc4Vb8Nt3Rk6W", "number": "VK-2026-000042", "status": "valid", "claims": {"iss": "VolunteerKit", "jti": "cer_7Hq2Lm9Xc4Vb8Nt3Rk6W", "iat": 1782806400, "number": "VK-2026-000042", "name": "王*明", "hours": 12.5, "records": 4, "from": "2026-01-01", "to": "2026-06-30", "digest": "sha-256:LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE"}, "jws": "eyJhbGciOiJFZERTQSIsImtpZCI6InhKdTZWVU1meVdLRDRqVUVtN0xjb0JYM2pZLThoQVJxLUZxUVYwSFA0TkUiLCJ0eXAiOiJ2ay1jZXJ0aWZpY2F0ZStqd3QifQ.eyJpc3MiOiJWb2x1bnRlZXJLaXQiLCJqdGkiOiJjZXJfN0hxMkxtOVhjNFZiOE50M1JrNlciLCJpYXQiOjE3ODI4MDY0MDAsIm51bWJlciI6IlZLLTIwMjYtMDAwMDQyIiwibmFtZSI6IueOiyrmmI4iLCJob3VycyI6MTIuNSwicmVjb3JkcyI6NCwiZnJvbSI6IjIwMjYtMDEtMDEiLCJ0byI6IjIwMjYtMDYtMzAiLCJkaWdlc3QiOiJzaGEtMjU2OkxYRVdRcmNtc0VRQllueXAtNnd5OWNoVEQ3R1FQTVRiQWlXSEY1SWFTSUUifQ.e5CXvelDdlaoEkWw2qrs0jkv_ToRZ0qsLZf-GipbjHLllYzOmCDB6armtkgqMlzTrB-gJKnT9bbhAQ8YTNCFBg", "kid": "xJu6VUMfyWKD4jUEm7LcoBX3jY-8hARq-FqQV0HP4NE", "issuedAt": "2026-06-30T08:00:00.000Z", "revokedAt": null};
const certificateKey = {"kty": "OKP", "crv": "Ed25519", "x": "EqwnY2Hhxwrq1GoSh9m1PHtU2EIxiXvCnZF5eNI6_I4", "kid": "xJu6VUMfyWKD4jUEm7LcoBX3jY-8hARq-FqQV0HP4NE", "alg": "EdDSA", "use": "sig", "validFrom": "2026-01-01T00:00:00.000Z", "validUntil": null};
const dispute = {
  id: 'dsp_3Kd9Lq2Wx7Ez5Rt1', serviceRecordId: serviceRecord.id, volunteerId: volunteer.id, organizationId: organization.id, opportunityId: opportunity.id,
  kind: 'wrong_hours', claimedHours: 3.5, reason: '我 8 点半就到了，帮忙布置场地', status: 'open', resolutionNote: null, resolvedBy: null, resolvedAt: null,
  correctionId: null, createdAt: at('12-06', '20:00:00'), updatedAt: at('12-06', '20:00:00'),
};
const auditEntry = {
  id: 'aud_9Pl4Ok7Ij2Uh5Yg8', actor: { kind: 'organizer', id: 'xihu-staff-0042', name: '王老师' }, organizationId: organization.id,
  action: 'roster.check_out', subject: { type: 'signup', id: signup.id }, requestId: 'req_4f9c2a7e1b8d4e0f9a3c6b2d1e7f8a90', at: at('12-05', '12:05:00'),
};
const honor = {
  id: 'hon_2Wq7Ez4Rt9Yu1Io6', kind: 'exemplary_volunteer', title: '2026 年度西湖区优秀志愿者',
  citation: '三年来每周陪伴社区独居老人，累计服务超过 300 小时。', subject: { type: 'volunteer', id: volunteer.id, name: '林*雨' },
  awardedAt: at('11-01', '10:00:00'), createdAt: at('11-01', '10:00:00'), updatedAt: at('11-01', '10:00:00'),
};
const honorBoardEntry = {
  rank: 1, subject: { type: 'volunteer', id: volunteer.id, name: '林*雨', avatarUrl: null, starLevel: 1 }, value: 126.5,
};
const webhookEvent = { id: 'evt_7Qm2Zp4Lx9Kd3Vb8Nc1R', type: 'signup.created', timestamp: at('11-30', '20:15:00'), data: { id: signup.id, channelId: 'chn_newsdemo', version: 1 } };
const webhookEndpoint = {
  id: 'whk_3kQp9Lm2Xv8Tn5Rb7Yc1', url: 'https://volunteer.hznews.example/hooks/volunteerkit', description: '报名与工时同步', eventTypes: ['signup.*', 'service_record.approved'],
  status: 'enabled', disabledReason: null, previousSecretExpiresAt: null, createdAt: at('11-20'), updatedAt: at('11-20'),
};
const webhookAttempt = { attempt: 1, at: at('11-30', '20:15:01'), durationMs: 84, statusCode: 204, error: null, succeeded: true };
const webhookDelivery = {
  id: 'dlv_5b1e8c0f3a9d47e2b6c4', endpointId: webhookEndpoint.id, event: webhookEvent, status: 'succeeded', nextAttemptAt: null,
  attempts: [webhookAttempt], createdAt: at('11-30', '20:15:00'), updatedAt: at('11-30', '20:15:01'),
};
const eventProps = {
  type: '`<family>.<what happened>`: `signup.created`, `signup.cancelled`, `signup.approved`, `signup.rejected`, `signup.promoted`, `signup.updated`, `attendance.checked_in`, `attendance.checked_out`, `attendance.corrected`, `service_record.created`, `service_record.approved`, `service_record.rejected`, `service_record.superseded`, `dispute.opened`, `dispute.resolved`; wave-2 families `need.*`, `points.*`, `star_level.reached`, `certificate.*`.',
  timestamp: 'When the change happened.',
  data: 'The object, thin: fetch it with your secret key for its current state.',
  'data.id': 'The object\'s id (`sgn_…`, `att_…`, `rec_…`, `dsp_…`).',
  'data.channelId': 'The channel the object belongs to (yours).',
  'data.version': 'Grows by one with each event about the object: an event whose version you have passed is older news.',
};
const endpointProps = {
  id: 'The endpoint\'s id (`whk_…`).', url: 'Where deliveries are POSTed.', description: 'Your note.',
  eventTypes: 'The types (`signup.created`) and families (`signup.*`) delivered; empty: every event.',
  status: '`enabled`, or `disabled` (by you, or by the platform after a whole retry schedule failed).',
  disabledReason: '`failing` or `by_partner` while disabled; else `null`.',
  previousSecretExpiresAt: 'After a rotation: until when the previous secret also signs (24 hours); else `null`.',
  createdAt: 'When the endpoint was registered.', updatedAt: 'When it last changed.',
};
const reward = {
  id: 'rwd_demoMuseumPass', title: '浙江省博物馆特展门票', description: '志愿者专享特展门票一张，可预约任意开放日。',
  terms: '凭兑换码到服务台领取，过期未领取积分自动退回。', imageUrl: null, cost: 200, stockLeft: 48, validityDays: 30,
  organizationId: organization.id, organizationName: organization.name, availableUntil: null, createdAt: at('11-01', '09:00:00'), updatedAt: at('12-01', '10:00:00'),
};
const redemption = {
  id: 'rdm_5Tg8Yh2Uj6Ik9Ol3', rewardId: reward.id, rewardTitle: reward.title, points: 200, code: '482913', status: 'held',
  undoUntil: at('12-01', '10:10:00'), expiresAt: at('12-31', '10:00:00'), capturedBy: null, settledAt: null,
  createdAt: at('12-01', '10:00:00'), updatedAt: at('12-01', '10:00:00'),
};
const pointsEntry = {
  id: 'ptx_8Nb3Vc6Xz1Lk4Jh7', kind: 'earn', available: 30, held: 0, serviceRecordId: serviceRecord.id, redemptionId: null, at: at('12-06', '09:00:00'),
};
const problem = {
  type: 'https://volunteerkit.dev/problems/validation_failed', title: '部分内容填写有误', status: 422,
  detail: 'Some fields are not valid; see errors.', instance: '/v1/signups', code: 'validation_failed',
  requestId: 'req_4f9c2a7e1b8d4e0f9a3c6b2d1e7f8a90',
  errors: [{ path: 'volunteer.mobile', message: 'must be an 11-digit mainland mobile number starting with 1', code: 'invalid_mobile' }],
};
const problemOf = (status: number, code: ErrorCode, title: string, detail: string, extra: object = {}) => ({
  type: `https://volunteerkit.dev/problems/${code}`, title, status, detail, instance: '/v1/opportunities', code,
  requestId: 'req_4f9c2a7e1b8d4e0f9a3c6b2d1e7f8a90', ...extra,
});

// ---------------------------------------------------------------------------------------------
// Shared property descriptions.

const need = {
  id: 'ned_8Hj3Kl5Zx7Cv2Bn4', serviceCode: 'haircut', title: '帮行动不便的老人上门理发', details: '老人坐轮椅，需要上门', regionCode: '330106',
  organizationId: 'org_7Gh2Jk9Lm3Np5Qr8', requester: '王*英', filedOnBehalf: true, preferredTimes: '工作日上午', status: 'open', statusReason: null,
  waitingSince: at('11-30', '15:10:00'), dueAt: at('12-14', '15:10:00'), claimedAt: null, fulfilledAt: null, confirmedAt: null, serviceRecordId: null,
  rating: null, createdAt: at('11-30', '15:10:00'), updatedAt: at('11-30', '15:10:00'),
};
const serviceMenuItem = { code: 'haircut', names: { 'zh-CN': '上门理发', 'zh-TW': '上門理髮', en: 'Haircut at home' }, typicalMinutes: 30, weeklyCap: 1 };

const stamps = {
  createdAt: 'When the record was created (ISO 8601 with offset).',
  updatedAt: 'When the record last changed (ISO 8601 with offset).',
};
const page = (what: string) => ({
  data: `This page of ${what}, in the list's order.`,
  nextCursor: 'Opaque cursor of the next page: pass it back unchanged as `cursor` with the same filters. `null` on the last page. Do not parse or build it; it may change shape at any time.',
});
const volunteerProps = {
  id: 'The volunteer\'s id (`vol_…`).',
  displayName: 'The name shown publicly: masked (`林*雨`) unless the volunteer opted in to show it.',
  avatarUrl: 'Profile picture, or `null`.',
  starLevel: 'Star level, 0 (none yet) to 5, from approved hours under the star rule: the national one (1★ ≥ 100 h, 2★ ≥ 300, 3★ ≥ 600, 4★ ≥ 1000, 5★ ≥ 1500) unless the volunteer\'s channel (or the platform) stores its own (`VolunteerProfile.starRule`).',
  approvedHours: 'Service hours approved so far. Pending and rejected records do not count.',
  points: 'Points earned from approved hours (each activity sets points per hour).',
  ...stamps,
};
const signupProps = {
  id: 'The sign-up\'s id (`sgn_…`).',
  reference: 'A short human reference to quote on the phone, e.g. `VK-7F3K2Q9A` (no 0/O or 1/I/L).',
  opportunityId: 'The opportunity signed up for.',
  shiftId: 'The shift signed up for.',
  volunteerId: 'Who signed up.',
  displayName: 'The volunteer\'s public name, masked unless they opted in.',
  answers: 'Answers to the opportunity\'s custom questions, by question id.',
  consent: 'The privacy consent given with the sign-up.',
  'consent.policyVersion': 'Version of the channel\'s privacy policy consented to.',
  'consent.at': 'When consent was given.',
  status: 'Where the sign-up stands (see `SignupStatus`).',
  waitlistPosition: '1-based place on the waitlist while `waitlisted`, else `null`.',
  source: 'Where the sign-up came from.',
  'source.channelId': 'The channel whose key was used.',
  'source.widget': 'The widget that sent it (e.g. `vk-signup-form`), or `null` for direct API calls.',
  ...stamps,
};
const identity = {
  name: 'Full name, 1–50 characters after trimming, e.g. `林晓雨`.',
  mobile: { description: 'Mainland China mobile number: 11 digits, starting with 1 and then 3–9. Surrounding spaces are trimmed.', schema: { pattern: MAINLAND_MOBILE.source } },
  // No `format: email`: validators read it as RFC 5321 ASCII and would refuse addresses the server
  // takes (`张三@例子.中国`). The pattern is the server's own.
  email: { description: 'Email address: one `@`, a dot in the domain, no spaces (any script); at most 254 characters.', schema: { pattern: EMAIL.source, maxLength: 254 } },
  birthDate: { description: 'Date of birth, `YYYY-MM-DD`, a real calendar date in the past. Checked against the activity\'s age limits on the day of the shift.', schema: { format: 'date' } },
  studentId: 'Student number: 4–20 letters, digits or `-`.',
  employeeId: 'Employee number: 2–20 letters, digits or `-`.',
  idNumber: { description: 'Resident ID number (公民身份号码, GB 11643): 18 characters, 17 digits and a check character (`0`–`9` or `X`); positions 7–14 must be a real birth date and the check character must match. Stored sealed; exports show it masked.', schema: { pattern: RESIDENT_ID_SHAPE.source } },
  showName: 'Opt in to show the full name on public honor boards and lists (default: masked).',
};
const pathId = 'The id, as the API returned it (its prefix names the kind). A well-formed id that names nothing visible to the channel is a 404.';

/** Each error code's status and meaning, for the table in `ErrorCode`'s description. */
const errorCodeDocs: Record<string, { status: number; meaning: string }> = {
  bad_request: { status: 400, meaning: 'The body is not JSON, not UTF-8, or missing where one is needed.' },
  validation_failed: { status: 422, meaning: 'Input failed its schema or a rule; `errors` lists each field by path.' },
  unauthorized: { status: 401, meaning: 'Credentials missing, unknown, expired or malformed.' },
  secret_key_required: { status: 403, meaning: 'The endpoint needs a secret key.' },
  forbidden: { status: 403, meaning: 'The key may not do this (a secret key from a browser, another channel\'s scope).' },
  origin_not_allowed: { status: 403, meaning: 'The page\'s origin is not on the channel\'s allow-list.' },
  not_found: { status: 404, meaning: 'No such resource visible to this channel, or no such path.' },
  method_not_allowed: { status: 405, meaning: 'The path does not accept this method; `Allow` lists those it does.' },
  conflict: { status: 409, meaning: 'A change the record\'s current state does not allow (for example reviewing a service record twice).' },
  duplicate_signup: { status: 409, meaning: 'The volunteer already signed up for the shift; `existing` is that sign-up.' },
  idempotency_key_reused: { status: 422, meaning: 'The `Idempotency-Key` was used for a different request.' },
  signup_closed: { status: 409, meaning: 'Sign-up is not open (not recruiting, not yet open, closed, shift started).' },
  requirements_not_met: { status: 422, meaning: 'The volunteer is too young or too old on the day (`errors` names `volunteer.birthDate`).' },
  payload_too_large: { status: 413, meaning: 'The body is over the limit (64 KiB by default).' },
  unsupported_media_type: { status: 415, meaning: 'The body is not `application/json`.' },
  rate_limited: { status: 429, meaning: 'Too many requests (or wrong check-in codes in a row); wait `Retry-After` seconds.' },
  internal_error: { status: 500, meaning: 'Our fault; retry later and quote `requestId`.' },
};

/** The code of a 405 (the server names one when it starts answering 405s; see packages/server/src/app.ts). */
const methodNotAllowedCode: ErrorCode = 'method_not_allowed';

// ---------------------------------------------------------------------------------------------
// Components.

export const schemaDocs: Record<ComponentName, SchemaDoc> = {
  Organization: {
    description: 'An organization (志愿服务组织) that publishes opportunities: a volunteer association, charity, school, community centre, …',
    example: organization,
    properties: {
      id: 'The organization\'s id (`org_…`).', name: 'Display name.', kind: 'What kind of organization it is.',
      regionCode: 'The 6-digit GB/T 2260 code of the district it is registered in.', logoUrl: 'Logo image, or `null`.',
      description: 'About the organization; plain text.', verified: 'Whether the platform operator verified its registration.', ...stamps,
    },
  },
  OrganizationPage: { description: 'One page of organizations.', example: { data: [organization], nextCursor: null }, properties: page('organizations') },
  OrganizationKind: { description: 'The kind of an organization.', example: 'volunteer_org' },
  Opportunity: {
    description: 'A volunteering opportunity (活动/岗位) with its shifts (班次) and custom sign-up questions.',
    example: opportunity,
    properties: {
      id: 'The opportunity\'s id (`opp_…`).', orgId: 'The organizer.', orgName: 'The organizer\'s name, so a list renders without a second request.',
      title: 'Title, 1–120 characters.', summary: 'One or two sentences for lists, up to 300 characters.',
      description: 'Full description, plain text (never HTML); paragraphs are separated by blank lines.',
      category: 'The category it is listed under.', skills: 'Skills that help (`first_aid`, `driving`, …); filter with `skills=`.',
      location: 'Where it happens.', status: 'Where it stands; `recruiting` takes sign-ups.',
      audience: '`public`, or the id of the only channel that may see it (campus-only, employees-only).',
      approval: '`auto`: a sign-up with a free spot is approved at once; `manual`: it waits in `pending_review` for the organizer.',
      signupOpensAt: 'When sign-up opens, or `null` (open now).', signupClosesAt: 'When sign-up closes, or `null` (until the shift starts).',
      requirements: 'Age limits and what volunteers should know.', hoursPerShift: 'Service hours credited for one shift.',
      pointsPerHour: 'Points credited per approved hour.', coverImageUrl: 'Cover image, or `null`.',
      timezone: 'IANA time zone of the activity (`Asia/Shanghai`); show times in it.',
      shifts: 'Its shifts, earliest first, each with its own capacity.', questions: 'Custom questions a sign-up answers in `answers`.', ...stamps,
    },
  },
  OpportunitySummary: {
    description: 'An opportunity as a list shows it: no description, questions or shift table, but the next shift and totals. `GET /v1/opportunities/{id}` has the full record.',
    example: opportunitySummary,
    properties: {
      id: 'The opportunity\'s id (`opp_…`).', orgId: 'The organizer.', orgName: 'The organizer\'s name.', title: 'Title, 1–120 characters.',
      category: 'The category it is listed under.', location: 'Where it happens, in short.',
      status: 'Where it stands as the public sees it: `recruiting` with no open spot left reads `full`.',
      audience: '`public`, or the id of the only channel that may see it (a list may mark it campus-only).',
      signupOpensAt: 'When sign-up opens, or `null` (open now).', signupClosesAt: 'When sign-up closes, or `null` (until the shift starts).',
      hoursPerShift: 'Service hours credited for one shift.', timezone: 'IANA time zone of the activity (`Asia/Shanghai`); show times in it.',
      nextShift: 'The soonest shift that has not ended, or `null` when every shift is over.',
      shiftCount: 'How many shifts have not ended, the next one included.', openSpots: 'Spots left across the shifts that have not started.',
    },
  },
  NextShift: {
    description: 'The next shift of a list item: when, and how many spots it has left.',
    example: opportunitySummary.nextShift,
    properties: { id: 'The shift\'s id (`shf_…`).', start: 'When it starts.', end: 'When it ends.', spotsLeft: '`capacity − signedUp` of this shift, never negative.' },
  },
  LocationSummary: {
    description: 'Where a list item happens: the place\'s name, its district and whether it is online (the full `Location` is on the detail).',
    example: opportunitySummary.location,
    properties: { name: 'Name of the place.', regionCode: 'The 6-digit GB/T 2260 district code.', online: 'Whether it happens online.' },
  },
  OpportunityPage: {
    description: 'One page of opportunities as list items (`OpportunitySummary`).',
    example: { data: [opportunitySummary], nextCursor: cursorOf('startsAt', Date.parse(shift.start), opportunity.id) },
    properties: page('opportunities'),
  },
  Recommendation: {
    description: 'A recommended activity: the list item of `GET /v1/opportunities` with its score and the reasons behind it, so a page can say why it is suggested.',
    example: recommendation,
    properties: {
      ...(Object.fromEntries(Object.keys(opportunitySummary).map((key) => [key, `As in \`OpportunitySummary\`.`]))),
      score: '0–100, higher first: the weights of its reasons summed (skills 30, category 25, place 20 or 10 for the same city, time 15, short of people 10). Compare within one answer only.',
      reasons: 'Why it is suggested, strongest first; empty when only the hard filters speak for it.',
    },
  },
  RecommendationPage: {
    description: 'One page of recommendations, best first (equal scores: the soonest shift first).',
    example: { data: [recommendation], nextCursor: cursorOf('recommended', 90, opportunity.id) },
    properties: page('recommendations'),
  },
  RecommendationReason: {
    description: 'One reason to suggest an activity: a code and what it is about. A widget words it in its own language from `params`.',
    example: recommendation.reasons[0],
    properties: { code: 'Which reason (see `RecommendationReasonCode`).', params: 'What the reason is about, per code (see `RecommendationReasonCode`).' },
  },
  RecommendationReasonCode: {
    description: [
      'Why an activity is suggested, with the `params` of each:',
      '',
      '| code | params | when |', '| --- | --- | --- |',
      '| `skill_match` | `skills` | it asks for skills that activities the volunteer took part in asked for |',
      '| `you_liked_category` | `category` | the volunteer signed up for or served in this category before |',
      '| `near_you` | `regionCode`, `level` (`district` or `city`) | it is in the volunteer\'s district, or another district of their city |',
      '| `fits_your_time` | `weekday` (0 = Sunday), `partOfDay` (`morning`, `afternoon`, `evening`) | its soonest shift they can take falls when they took part before |',
      '| `short_of_people` | `spotsLeft`, `startsInHours` | that shift starts within 72 hours with under half its spots filled |',
    ].join('\n'),
    example: 'skill_match',
  },
  RecommendationDismissal: {
    description: 'A dismissed recommendation: the activity is left out of the volunteer\'s later recommendations.',
    example: { opportunityId: opportunity.id, dismissedAt: at('11-30', '20:15:00') },
    properties: { opportunityId: 'The activity dismissed.', dismissedAt: 'When it was first dismissed.' },
  },
  OpportunityStatus: { description: 'Where an opportunity stands: `recruiting` takes sign-ups; `full` has no spot left in any shift; `in_progress` between first start and last end; `completed`, `closed` and `cancelled` are over.', example: 'recruiting' },
  Shift: {
    description: 'A time slot of an opportunity with its own capacity. Spots left = `capacity − signedUp` (never negative).',
    example: shift,
    properties: {
      id: 'The shift\'s id (`shf_…`).', start: 'When it starts.', end: 'When it ends.', capacity: 'How many volunteers it needs.',
      signedUp: 'Sign-ups holding a spot (pending review, approved or attended).', waitlisted: 'Sign-ups waiting for a spot to free up.',
    },
  },
  Question: {
    description: 'A custom sign-up question. `choice` takes one of `options`, `multi` several, `text` free text.',
    example: question,
    properties: {
      id: 'The question\'s id (`q_…`); the key of its answer in `answers`.', label: 'The question as shown to the volunteer.',
      kind: '`text`, `choice` (one option) or `multi` (several distinct options).', required: 'Whether a sign-up must answer it.',
      options: 'The allowed answers for `choice` and `multi`.',
    },
  },
  Location: {
    description: 'Where an opportunity happens.',
    example: location,
    properties: {
      name: 'Name of the place.', address: 'Street address.', regionCode: 'The 6-digit GB/T 2260 district code.',
      lat: 'Latitude in decimal degrees (absent for online activities).', lng: 'Longitude in decimal degrees (absent for online activities).',
      online: 'Whether it happens online.',
    },
  },
  Requirements: {
    description: 'What a volunteer must meet or should know. Age limits are checked on the day of the shift.',
    example: requirements,
    properties: {
      minAge: 'Youngest age accepted on the day of the shift.', maxAge: 'Oldest age accepted on the day of the shift.',
      trainingRequired: 'Whether the organizer trains volunteers first.', insuranceProvided: 'Whether the organizer insures volunteers.',
    },
  },
  Category: { description: 'The fixed category taxonomy of opportunities.', example: 'elderly' },
  Volunteer: { description: 'A volunteer as the public sees them: never any contact data.', example: volunteer, properties: volunteerProps },
  VolunteerProfile: {
    description: 'The signed-in volunteer\'s own profile (`GET /v1/me`): their data, contact details masked.',
    example: { ...volunteer, name: '林晓雨', channelId: 'chn_newsdemo', mobile: maskMobile('13957112345'), email: 'l***@example.com', studentId: null, employeeId: null, showName: false, birthDateOnFile: true, hoursToNextStar: 173.5,
      starLevelReachedAt: at('09-20', '18:00:00'), starRule: { thresholds: [100, 300, 600, 1000, 1500] }, pointsAvailable: 1065 },
    properties: {
      ...volunteerProps,
      name: 'Full name.', channelId: 'The channel the volunteer belongs to.', mobile: 'Mobile number, masked (`139****2345`), or `null`.',
      email: 'Email, masked, or `null`.', studentId: 'Student number, or `null`.', employeeId: 'Employee number, or `null`.',
      showName: 'Whether the full name is shown publicly.',
      birthDateOnFile: 'Whether the birth date is known (given, or read from a resident ID number). A sign-up form asks for it only when this is `false` and the activity has an age limit.',
      hoursToNextStar: 'Approved hours still needed for the next star; `null` at 5★.',
      starLevelReachedAt: 'When the current star level was reached (or fallen back to, after a record stopped counting); `null` at 0★.',
      starRule: 'The channel\'s star rule, under which `starLevel` is counted.', 'starRule.thresholds': 'The approved hours from which each of the five levels starts, lowest first.',
      pointsAvailable: 'Points that can be spent on rewards now (`points` counts every point earned; some may be spent or held).',
    },
  },
  GuestVolunteer: {
    description: 'A person\'s identity on a sign-up or a session. Which fields are required depends on the channel (`Channel.identityFields`, checked by the server: 422 `required`); each field given must have the form described.',
    example: guestVolunteer, properties: identity,
  },
  IdentityField: { description: 'An identity field a channel may require on sign-up.', example: 'mobile' },
  Channel: {
    description: 'A channel\'s public configuration (`GET /v1/channel`): what a sign-up form must ask and which privacy policy is consented to. Allowed origins and keys are not part of it.',
    example: {
      id: 'chn_newsdemo', name: '钱江晚报·志愿频道', kind: 'news', identityFields: ['name', 'mobile'],
      privacyPolicyUrl: 'https://www.example.com/volunteer/privacy', privacyPolicyVersion: '2026-01', defaultLocale: 'zh-CN', theme: 'auto',
      createdAt: at('01-05'), updatedAt: at('01-05'),
    },
    properties: {
      id: 'The channel\'s id (`chn_…`).', name: 'The partner\'s name for it.', kind: 'What kind of partner it is.',
      identityFields: 'Identity fields a guest sign-up must carry in `volunteer`.', privacyPolicyUrl: 'The privacy policy a volunteer consents to.',
      privacyPolicyVersion: 'Its current version: send it as `consent.policyVersion`.', defaultLocale: 'The language the widgets start in.',
      theme: 'The widgets\' colour scheme.', ...stamps,
    },
  },
  Locale: { description: 'A language the widgets and server messages are available in.', example: 'zh-CN' },
  Signup: { description: 'A sign-up (报名) as its volunteer and the widgets see it: no contact data.', example: signup, properties: signupProps },
  SignupStatus: { description: '`pending_review` (waits for the organizer), `approved`, `waitlisted` (the shift was full), `rejected`, `cancelled`, `attended`, `no_show`. A cancellation frees the spot for the first waitlisted sign-up.', example: 'approved' },
  SignupPage: { description: 'One page of sign-ups, newest last.', example: { data: [signup], nextCursor: null }, properties: page('sign-ups') },
  SignupExport: {
    description: 'A sign-up in a partner\'s export (`GET /v1/signups`, secret key), with the contact data the channel collected.',
    example: signupExport,
    properties: {
      ...signupProps,
      contact: 'Contact data given with the sign-up.', 'contact.name': 'Full name.', 'contact.mobile': 'Mobile number, or `null`.',
      'contact.email': 'Email, or `null`.', 'contact.studentId': 'Student number, or `null`.', 'contact.employeeId': 'Employee number, or `null`.',
      'contact.idNumber': 'Resident ID number, masked (`330106********123X`) unless the export asked for `reveal=idNumber`; `null` if none was given.',
    },
  },
  SignupExportPage: { description: 'One page of exported sign-ups.', example: { data: [signupExport], nextCursor: null }, properties: page('sign-ups with contact data') },
  Answers: { description: 'Answers to custom questions by question id (`q_…`): text (≤ 2000 characters), one option, or a list of distinct options (≤ 50).', example: { q_tshirt: 'M' } },
  CreateSignupBody: {
    description: 'Body of `POST /v1/signups`. A guest (publishable key) sends `volunteer`; with a volunteer session the session says who signs up and `volunteer` is ignored, except `volunteer.birthDate` while the profile has no birth date on file.',
    example: { opportunityId: opportunity.id, shiftId: shift.id, volunteer: { name: '林晓雨', mobile: '13957112345' }, answers: { q_tshirt: 'M' }, consent: { policyVersion: '2026-01', accepted: true }, source: { widget: 'vk-signup-form' } },
    properties: {
      opportunityId: 'The opportunity to sign up for.', shiftId: 'One of its shifts.',
      volunteer: 'Who signs up: required for a guest, with the channel\'s `identityFields`.',
      answers: 'Answers to the opportunity\'s questions; every `required` one must be answered.',
      consent: 'Explicit consent to the channel\'s privacy policy.', 'consent.policyVersion': 'The channel\'s current `privacyPolicyVersion`; an older one is a 422 (`policy_outdated`).',
      'consent.accepted': 'Must be `true`.', source: 'Where the sign-up comes from.', 'source.widget': 'The widget or page sending it, for the partner\'s statistics.',
    },
  },
  UpdateSignupBody: {
    description: 'Body of `PATCH /v1/signups/{id}`: the organizer\'s decision. A transition the sign-up cannot make is a 409.',
    example: { status: 'approved', note: '已电话确认' },
    properties: { status: 'The new status.', note: 'An internal note kept with the change.' },
  },
  ServiceRecord: {
    description: 'A service record (服务记录): hours a volunteer served on a shift. Only approved hours count towards stars and boards.',
    example: serviceRecord,
    properties: {
      id: 'The record\'s id (`rec_…`).', volunteerId: 'Who served.', opportunityId: 'Where.', opportunityTitle: 'The activity\'s title, for "my hours" lists.',
      shiftId: 'Which shift.', checkIn: 'When they arrived.', checkOut: 'When they left.', hours: 'Hours credited.',
      status: '`pending` until reviewed, then `approved` or `rejected`; `superseded` once a correction replaced it.', recordedBy: 'Who recorded it.',
      source: 'Where it came from: `attendance` (check-in and check-out), `manual` (a partner\'s back end), `need` (the needs board), `correction` (an accepted dispute).',
      policyVersion: 'The version of the organization\'s hours policy that computed `hours` (records from attendance), else `null`.',
      dueAt: 'The approval deadline: check-out plus the organization\'s deadline (72 h by default). A record from attendance still pending then is approved automatically unless the organization opted out. `null` for other records.',
      explanation: 'Why the record has its hours, as codes with parameters (see `ExplanationItem`), in order; a widget puts them in words.',
      reviewedBy: 'Who approved or rejected it (`auto-approval` when the deadline did), or `null`.', reviewedAt: 'When it was reviewed, or `null`.',
      corrects: 'For a correction: the record it replaces.', correctedBy: 'For a `superseded` record: the record that replaced it.',
      disputableUntil: 'The volunteer may dispute the record until then (30 days after it was made).',
      dispute: 'The dispute raised against it, or `null`.', 'dispute.id': 'The dispute\'s id (`dsp_…`).', 'dispute.status': 'Where the dispute stands.',
      ...stamps,
    },
  },
  ServiceRecordStatus: { description: 'Review state of a service record.', example: 'approved' },
  ServiceRecordSource: { description: 'Where a service record came from.', example: 'attendance' },
  ExplanationItem: {
    description: [
      'One step of the reason a record has its hours. Codes: `clipped_check_in` (`checkIn`, `countedFrom`) and `clipped_check_out` (`checkOut`, `countedUntil`): presence counted only within the shift ± the policy\'s margin; `present` (`minutes`, `shiftMinutes`, `percent`): minutes counted of the shift\'s; then one of `full_shift` (`hours`): there for the whole shift; `below_minimum` (`percent`, `minimumPercent`): too short, no hours; `rounded_down` (`minutes`, `stepMinutes`, `hours`). Other records: `recorded_manually`; `dispute_corrected` (`disputeId`, `previousHours`, `hours`); `dispute_never_there` (`disputeId`).',
    ].join(''),
    example: { code: 'below_minimum', params: { percent: 38, minimumPercent: 60 } },
    properties: { code: 'What this step is.', params: 'Its numbers (minutes, percents, hours) and instants (ISO 8601).' },
  },
  ServiceRecordList: { description: 'Service records, in the order asked for.', example: { data: [serviceRecord] }, properties: { data: 'The records.' } },
  ReviewServiceRecordsBody: {
    description: 'Body of `POST /v1/organizer/service-records/review`: one decision for up to 200 records of the organization.',
    example: { ids: [serviceRecord.id], decision: 'approved', note: '签到记录核对无误' },
    properties: { ids: 'The records, each of the organizer\'s organization.', decision: '`approved` or `rejected`.', note: 'An internal note kept with each.' },
  },
  Attendance: {
    description: 'A volunteer\'s attendance on a shift (签到/签退): one per sign-up.',
    example: attendance,
    properties: {
      id: 'The attendance\'s id (`att_…`).', signupId: 'The sign-up it belongs to.', shiftId: 'The shift.', volunteerId: 'Who attended.',
      checkInAt: 'When they checked in.', checkOutAt: 'When they checked out, or `null` while they are there.',
      method: 'How they checked in: the 6 digits (`code`), the QR code (`qr`) or by the organizer (`roster`).',
      serviceRecordId: 'The service record made at check-out (pending until approved), or `null`.', ...stamps,
    },
  },
  AttendanceMethod: { description: 'How a check-in was made.', example: 'qr' },
  RecordAttendanceBody: {
    description: 'Body of `POST /v1/me/attendance`.',
    example: { shiftId: shift.id, code: '482913', action: 'check_in' },
    properties: {
      shiftId: 'The shift; the volunteer must have a confirmed sign-up for it.',
      code: 'The 6 digits on the organizer\'s screen, or the scanned text of its QR code (`vkci1.…`).', action: '`check_in` or `check_out`.',
    },
  },
  CheckinCode: {
    description: 'What the organizer\'s check-in screen shows now. Fetch it again at `validUntil`; each code is accepted for its 30 s and the 30 s after.',
    example: { shiftId: shift.id, code: '482913', qrPayload: `vkci1.${shift.id}.59014731.Zx8Qm2Lp5Rt9Wv3K`, validUntil: at('12-05', '08:55:30'), checkedIn: 7 },
    properties: {
      shiftId: 'The shift.', code: '6 digits, for people without a camera.', qrPayload: 'The text to draw as a QR code.',
      validUntil: 'When the next code takes over.', checkedIn: 'How many volunteers have checked in so far.',
    },
  },
  RosterEntry: {
    description: 'One sign-up holding a spot on a shift, as the organizer\'s roster shows it.',
    example: rosterEntry,
    properties: {
      signupId: 'The sign-up.', reference: 'Its short reference, to quote.', volunteerId: 'The volunteer.', name: 'Their full name, to call out.',
      mobile: 'Their mobile number, masked, or `null`.', signupStatus: 'The sign-up\'s status (`attended`, `no_show` once recorded).',
      attendance: 'Their attendance, or `null` before check-in.', serviceRecord: 'The record from their attendance, or `null` before check-out.',
      'serviceRecord.id': 'Its id.', 'serviceRecord.status': 'Its review state.', 'serviceRecord.hours': 'Its hours.',
    },
  },
  RosterPage: { description: 'One page of a shift\'s roster, in sign-up order.', example: { data: [rosterEntry], nextCursor: null }, properties: page('roster entries') },
  RosterEntryList: { description: 'The roster entries changed, in the order of the updates.', example: { data: [rosterEntry] }, properties: { data: 'The entries.' } },
  RosterUpdate: {
    description: 'One roster change: check in or out (now, or `at`), mark a no-show, or set both times (a forgotten check-out; a record not yet reviewed is superseded by a new one).',
    example: { action: 'set_times', checkInAt: at('12-05', '08:55:00'), checkOutAt: at('12-05', '12:00:00') },
    properties: {
      action: '`check_in`, `check_out`, `no_show` or `set_times`.', at: 'For `check_in`/`check_out`: when, if not now.',
      checkInAt: 'For `set_times`: the check-in.', checkOutAt: 'For `set_times`: the check-out, after the check-in and within 24 h of it.',
    },
  },
  BulkRosterUpdate: {
    description: 'Body of `POST /v1/shifts/{id}/roster`: up to 200 roster changes, all made or none.',
    example: { updates: [{ signupId: signup.id, action: 'no_show' }] },
    properties: {
      updates: 'The changes, in order.', 'updates.signupId': 'The sign-up to change.', 'updates.action': 'As in `RosterUpdate`.',
      'updates.at': 'As in `RosterUpdate`.', 'updates.checkInAt': 'As in `RosterUpdate`.', 'updates.checkOutAt': 'As in `RosterUpdate`.',
    },
  },
  Dispute: {
    description: 'A volunteer\'s dispute (申诉) of a service record: wrong hours, or "I was never there".',
    example: dispute,
    properties: {
      id: 'The dispute\'s id (`dsp_…`).', serviceRecordId: 'The disputed record.', volunteerId: 'Who disputes it.',
      organizationId: 'The organization that decides.', opportunityId: 'The activity.', kind: '`wrong_hours` or `never_there`.',
      claimedHours: 'For `wrong_hours`: the hours the volunteer believes are right.', reason: 'The volunteer\'s words.',
      status: '`open`, then `accepted` or `rejected`.', resolutionNote: 'The organizer\'s reason.', resolvedBy: 'Who decided.',
      resolvedAt: 'When.', correctionId: 'The correcting record, once accepted.', ...stamps,
    },
  },
  DisputePage: { description: 'One page of disputes, oldest first.', example: { data: [dispute], nextCursor: null }, properties: page('disputes') },
  Certificate: {
    description: 'A certificate of service (志愿服务证明) for a period: its signed claims, the compact JWS that proves them, and whether the platform has revoked it.',
    example: certificate,
    properties: {
      id: 'The certificate\'s id (`cer_…`), also its JWS `jti`.', number: 'The number people quote (`VK-<year>-<sequence>`).',
      status: '`valid`, or `revoked` by the partner.', claims: 'The signed claims, readable without checking them; `jws` is the proof.',
      jws: 'The compact JWS (`alg: EdDSA`, Ed25519) a QR code carries; verify it against `/.well-known/jwks.json`.',
      kid: 'The signing key\'s RFC 7638 thumbprint.', issuedAt: 'When it was issued.', revokedAt: 'When it was revoked, else `null`.',
    },
  },
  CertificateClaims: {
    description: 'What a certificate\'s JWS says, and nothing more: no phone, no ID number, no volunteer id.',
    example: certificate.claims,
    properties: {
      iss: 'The issuing platform.', jti: 'The certificate\'s id.', iat: 'Issued at, in seconds since 1970.', number: 'The certificate number.',
      name: 'The volunteer\'s name, masked.', hours: 'Approved hours whose service began in the period.', records: 'How many approved records they come from.',
      from: 'First day of the period (China Standard Time).', to: 'Last day of the period, included.',
      digest: '`sha-256:` and the base64url SHA-256 of the counted records\' ids, sorted, one per line.',
    },
  },
  CertificateStatus: { description: 'Whether a certificate still stands.', example: 'valid' },
  CreateCertificateBody: {
    description: 'Body of `POST /v1/me/certificates`: the period, both days included (China Standard Time).',
    example: { from: '2026-01-01', to: '2026-06-30' },
    properties: { from: 'First day.', to: 'Last day, not in the future.' },
  },
  RevokeCertificateBody: {
    description: 'Body of `POST /v1/certificates/{id}/revoke`.',
    example: { reason: 'records_corrected', revokedBy: '李老师' },
    properties: { reason: 'Why, as a code (kept in the audit log).', revokedBy: 'Who at the partner decided, for the audit log.' },
  },
  CertificateKey: {
    description: 'A public Ed25519 key (RFC 7517 JWK) that signs certificates, with the window in which it signed.',
    example: certificateKey,
    properties: {
      kty: 'Always `OKP`.', crv: 'Always `Ed25519`.', x: 'The public key, base64url.', kid: 'The key\'s RFC 7638 thumbprint.',
      alg: 'Always `EdDSA`.', use: 'Always `sig`.', validFrom: 'When the key began signing.',
      validUntil: 'When it stopped (a rotation), or `null` for the key in use. Certificates it signed before then stay valid.',
    },
  },
  CertificateKeySet: {
    description: 'Every certificate signing key, the one in use first (`GET /.well-known/jwks.json`).',
    example: { keys: [certificateKey] }, properties: { keys: 'The keys.' },
  },
  RevokedCertificate: {
    description: 'One revoked certificate.',
    example: { id: certificate.id, number: certificate.number, revokedAt: '2026-07-02T09:00:00.000Z' },
    properties: { id: 'The certificate\'s id (its `jti`).', number: 'Its number.', revokedAt: 'When it was revoked.' },
  },
  CertificateRevocationList: {
    description: 'Every revoked certificate, newest first (`GET /.well-known/certificate-revocations.json`).',
    example: { issuer: 'VolunteerKit', updatedAt: '2026-07-02T09:00:00.000Z', revoked: [{ id: certificate.id, number: certificate.number, revokedAt: '2026-07-02T09:00:00.000Z' }] },
    properties: { issuer: 'The issuing platform, as in certificates\' `iss`.', updatedAt: 'When the newest revocation happened; `null` while none.', revoked: 'The revoked certificates.' },
  },
  DisputeKind: { description: 'What a dispute says is wrong.', example: 'never_there' },
  DisputeStatus: { description: 'Where a dispute stands.', example: 'open' },
  CreateDisputeBody: {
    description: 'Body of `POST /v1/me/service-records/{id}/disputes`.',
    example: { kind: 'wrong_hours', claimedHours: 3.5, reason: '我 8 点半就到了，帮忙布置场地' },
    properties: { kind: '`wrong_hours` or `never_there`.', claimedHours: 'Required for `wrong_hours`: the right hours.', reason: 'What happened, in the volunteer\'s words.' },
  },
  ResolveDisputeBody: {
    description: 'Body of `POST /v1/organizer/disputes/{id}/resolve`.',
    example: { decision: 'accept', hours: 3.5, note: '签到表显示 8:30 到岗' },
    properties: {
      decision: '`accept` (a correcting record is created) or `reject`.', hours: 'Accepting `wrong_hours`: the corrected hours (default: the claim).',
      note: 'The reason, shown to the volunteer.',
    },
  },
  AuditEntry: {
    description: 'One privileged action, as the channel\'s audit log keeps it.',
    example: auditEntry,
    properties: {
      id: 'The entry\'s id (`aud_…`).', actor: 'Who acted.', 'actor.kind': 'A secret key, an organizer session, a volunteer, or the system (automatic approval).',
      'actor.id': 'The staff id of an organizer, the volunteer\'s id; else `null`.', 'actor.name': 'The name the partner gave (an organizer, the reviewer a secret key named), or `null`.',
      organizationId: 'The organization acted for, or `null`.', action: 'What was done, e.g. `roster.check_out`, `service_record.approved`, `dispute.accepted`.',
      subject: 'What it was done to.', 'subject.type': 'Its kind.', 'subject.id': 'Its id.', requestId: 'The request (for support), or `null` for the system.', at: 'When.',
    },
  },
  HoursPolicyRules: {
    description: 'Body of `POST /v1/organizer/hours-policy`: the rules of a new policy version.',
    example: { skewMinutes: 15, minPresentPercent: 60, roundDownMinutes: 30, approvalSlaHours: 48, autoApprove: false },
    properties: {
      skewMinutes: 'Presence counts from this many minutes before the shift to as many after it (0–120; default 15).',
      minPresentPercent: 'Below this share of the shift\'s length, in whole percent, no hours (default 60).',
      roundDownMinutes: 'Hours are rounded down to a multiple of this many minutes (1–60; default 30).',
      approvalSlaHours: 'The approval deadline after check-out, in hours (1–720; default 72).',
      autoApprove: 'Approve records from attendance automatically at the deadline (default `true`); `false` opts out.',
    },
  },
  HoursPolicy: {
    description: 'An organization\'s hours policy: how presence becomes hours, and the approval deadline. Versioned: every record from attendance names the version that made it.',
    example: { organizationId: organization.id, version: 2, skewMinutes: 15, minPresentPercent: 60, roundDownMinutes: 30, approvalSlaHours: 48, autoApprove: false, createdAt: at('11-01', '10:00:00') },
    properties: {
      organizationId: 'The organization.', version: 'The version, from 1 (the built-in default).',
      skewMinutes: 'Presence counts from this many minutes before the shift to as many after it.',
      minPresentPercent: 'Below this share of the shift\'s length, in whole percent, no hours.',
      roundDownMinutes: 'Hours are rounded down to a multiple of this many minutes; a volunteer there for the whole shift gets its full length.',
      approvalSlaHours: 'The approval deadline after check-out, in hours.', autoApprove: 'Records from attendance are approved automatically at the deadline.',
      createdAt: 'When this version took effect; `null` for the built-in default.',
    },
  },
  AuditEntryPage: { description: 'One page of the audit log, newest first.', example: { data: [auditEntry], nextCursor: null }, properties: page('audit entries') },
  ServiceRecordPage: { description: 'One page of service records.', example: { data: [serviceRecord], nextCursor: null }, properties: page('service records') },
  CreateServiceRecordBody: {
    description: 'Body of `POST /v1/service-records`: hours served, pending until approved.',
    example: { volunteerId: volunteer.id, opportunityId: opportunity.id, shiftId: shift.id, checkIn: serviceRecord.checkIn, checkOut: serviceRecord.checkOut, hours: 3, recordedBy: '西湖区社会福利中心 王老师' },
    properties: {
      volunteerId: 'Who served (a volunteer of this channel).', opportunityId: 'Where.', shiftId: 'Which shift of it.', checkIn: 'Arrival.',
      checkOut: 'Departure: after `checkIn`, within 24 hours of it.', hours: 'Hours to credit; at most `checkOut − checkIn`, which is the default.',
      recordedBy: 'Who records it (shown to the volunteer).',
    },
  },
  ReviewServiceRecordBody: {
    description: 'Body of the approve and reject actions on a service record.',
    example: { reviewedBy: '西湖区志愿者协会 张明', note: '签到记录核对无误' },
    properties: { reviewedBy: 'Who reviews it.', note: 'An internal note.' },
  },
  Honor: {
    description: 'An honor (先进典型/嘉许) awarded to a volunteer, a team or a project.',
    example: honor,
    properties: {
      id: 'The honor\'s id (`hon_…`).', kind: 'What kind of honor.', title: 'Its title.', citation: 'Why it was awarded.',
      subject: 'Who or what was honored.', 'subject.type': 'A volunteer, an organization or an opportunity.', 'subject.id': 'Its id.',
      'subject.name': 'Its name; a volunteer\'s is masked unless they opted in.', awardedAt: 'When it was awarded.', ...stamps,
    },
  },
  HonorBoard: {
    description: 'The honor board (光荣榜): ranked volunteers or teams, and featured honors.',
    example: { scope: 'region:330106', period: 'year', metric: 'hours', subject: 'volunteer', generatedAt: at('12-01', '10:00:00'), entries: [honorBoardEntry], featured: [honor] },
    properties: {
      scope: 'The scope ranked (`platform`, `org:…`, `region:…`, `channel:…`).', period: 'The period ranked.', metric: 'What is ranked.',
      subject: 'Volunteers or organizations.', generatedAt: 'The minute it was computed for; boards are computed per minute.',
      entries: 'Ranked lines, best first.', featured: 'Featured honors, newest first.',
    },
  },
  HonorBoardEntry: {
    description: 'One ranked line. Ties share a rank (1, 2, 2, 4).',
    example: honorBoardEntry,
    properties: {
      rank: 'Rank, from 1.', subject: 'Who is ranked.', 'subject.type': 'A volunteer or an organization.', 'subject.id': 'Its id.',
      'subject.name': 'Its name; a volunteer\'s is masked unless they opted in.', 'subject.avatarUrl': 'Picture or logo, or `null`.',
      'subject.starLevel': 'A volunteer\'s star level; `null` for an organization.', value: 'Approved hours or points in the period.',
    },
  },
  Period: { description: 'A rolling period ending now: 7, 30 or 365 days, or all time.', example: 'year' },
  Metric: { description: 'What a board ranks: approved hours or points.', example: 'hours' },
  ImpactStats: {
    description: 'Impact statistics for a scope and period.',
    example: { scope: 'region:3301', period: 'month', registeredVolunteers: 18234, organizations: 312, openOpportunities: 87, approvedHours: 40211.5, signupsInPeriod: 2960,
      approvalTimes: [{ organizationId: organization.id, organizationName: organization.name, medianApprovalHours: 20.5, approvedRecords: 412 }],
      metrics: { approvedHours: 40211.5, activeVolunteers: 5120, fillRate: 0.82, needsFulfilled: 46, medianApprovalHours: 21, suppressed: [] },
      groupBy: 'region',
      groups: [
        { key: '330106', approvedHours: 18211.5, activeVolunteers: 2301, fillRate: 0.86, needsFulfilled: 40, medianApprovalHours: 18.5, suppressed: [] },
        { key: '330108', approvedHours: null, activeVolunteers: null, fillRate: 0.74, needsFulfilled: null, medianApprovalHours: null, suppressed: ['approvedHours', 'activeVolunteers', 'needsFulfilled', 'medianApprovalHours'] },
      ],
      minPublishedCount: 5, generatedAt: at('12-01', '10:00:00') },
    properties: {
      scope: 'The scope counted.', period: 'The period counted.', registeredVolunteers: 'Volunteers registered in the scope.',
      organizations: 'Organizations in the scope.', openOpportunities: 'Opportunities taking sign-ups now.',
      approvedHours: 'Approved service hours in the period (pending hours do not count).', signupsInPeriod: 'Sign-ups made in the period.',
      approvalTimes: 'Each organization\'s median time from a record\'s creation to its approval, over the records approved in the period (at most 100 organizations, most approvals first): lag as a visible number.',
      'approvalTimes.organizationId': 'The organization.', 'approvalTimes.organizationName': 'Its name.',
      'approvalTimes.medianApprovalHours': 'Median hours from record to approval, to the minute.', 'approvalTimes.approvedRecords': 'Records approved in the period.',
      metrics: 'The scope\'s figures over the period, small counts hidden.',
      groupBy: 'The grouping asked for, `null` without `groupBy`.',
      groups: 'The figures per month (every month of the period, oldest first), category or region (one level below the scope); empty without `groupBy`.',
      minPublishedCount: 'Counts of people or needs below this are never published.',
      generatedAt: 'The minute it was computed for.',
    },
  },
  StatsGroupBy: { description: 'How `GET /v1/stats` groups its figures: by calendar month (UTC), opportunity category, or region one level below the scope.', example: 'month' },
  StatsMetric: { description: 'A figure of `StatsFigures` that can be hidden.', example: 'activeVolunteers' },
  StatsFigures: {
    description: 'Figures over a period. A count of people or needs from 1 to 4 is `null` and named in `suppressed`, and so is every figure that would give one back: the hours of those volunteers, a fill rate whose filled spots are hidden, and the other groups holding the smallest remaining value (else the total minus the shown groups would reveal the hidden one). A hidden figure never says which kind it is. `null` not named in `suppressed` means nothing to measure.',
    example: { approvedHours: 40211.5, activeVolunteers: 5120, fillRate: 0.82, needsFulfilled: null, medianApprovalHours: 21, suppressed: ['needsFulfilled'] },
    properties: {
      approvedHours: 'Approved service hours (by check-out time), to one decimal.', activeVolunteers: 'Volunteers with at least one approved record.',
      fillRate: 'Spots taken ÷ spots offered on shifts that started in the period, 0–1 to three places; `null` when none were offered.',
      needsFulfilled: 'Needs (微心愿) fulfilled in the period.', medianApprovalHours: 'Median hours from a record\'s creation to its approval (over 5 or more approvals), to the minute; `null` without approvals.',
      suppressed: 'The figures hidden to protect small counts.',
    },
  },
  StatsGroup: {
    description: 'One group\'s figures (see `StatsFigures`).',
    example: { key: '2026-11', approvedHours: 1210, activeVolunteers: 402, fillRate: 0.79, needsFulfilled: 12, medianApprovalHours: 19.5, suppressed: [] },
    properties: {
      key: '`YYYY-MM`, a category code, or a region code (4 or 6 digits).',
      approvedHours: 'As in `StatsFigures`.', activeVolunteers: 'As in `StatsFigures`.', fillRate: 'As in `StatsFigures`.', needsFulfilled: 'As in `StatsFigures`.',
      medianApprovalHours: 'As in `StatsFigures`.', suppressed: 'As in `StatsFigures`.',
    },
  },
  CreateSessionBody: {
    description: 'Body of `POST /v1/sessions`: a volunteer session (`externalId` and `volunteer`) or an organizer session (`organizer`).',
    example: { externalId: 'zju-sso|3230100123', volunteer: { name: '林晓雨', mobile: '13957112345', studentId: '3230100123' }, ttlSeconds: 3600 },
  },
  VolunteerSessionBody: {
    description: 'The partner vouches for a person it authenticated (campus SSO, enterprise login).',
    example: { externalId: 'zju-sso|3230100123', volunteer: { name: '林晓雨', mobile: '13957112345', studentId: '3230100123' }, ttlSeconds: 3600 },
    properties: {
      externalId: 'The partner\'s stable id for the person; the same `externalId` always maps to the same volunteer in the channel.',
      volunteer: 'Their identity, as the partner knows it.', ttlSeconds: 'Lifetime of the session in seconds, 60 s to 24 h; default 1 h.',
    },
  },
  OrganizerSessionBody: {
    description: 'The partner vouches for a staff member of an organization the channel is authorized for (else 404).',
    example: { organizer: { organizationId: organization.id, staffId: 'xihu-staff-0042', name: '王老师' }, ttlSeconds: 28800 },
    properties: {
      organizer: 'Who, for which organization.', 'organizer.organizationId': 'The organization they act for.',
      'organizer.staffId': 'Their stable id in the partner\'s system (named in the audit log).', 'organizer.name': 'Their name, as colleagues and volunteers know it.',
      ttlSeconds: 'Lifetime of the session in seconds, 60 s to 12 h; default 1 h.',
    },
  },
  Session: {
    description: 'A volunteer session: hand `token` to the widgets (`session` property) or the SDK (`withSession`). Never put it in a URL.',
    example: { token: 'vst_eyJ2IjoxLCJ2b2wiOiJ2b2xfWnk4TG0yUXA1UnQ5V3gzSyJ9.Qm9yZGVyQ29sbGll', volunteerId: volunteer.id, channelId: 'chn_campusdemo', expiresAt: at('12-01', '11:00:00') },
    properties: {
      token: 'The session token (`vst_…`), sent as `Authorization: Bearer vst_…`.', volunteerId: 'The volunteer it acts for.',
      channelId: 'The channel it belongs to.', expiresAt: 'When it stops working; mint a new one before then.',
    },
  },
  OrganizerSession: {
    description: 'An organizer session: hand `token` to the organizer widgets (`session` property) or the SDK (`withSession`). Never put it in a URL.',
    example: organizerSession,
    properties: {
      token: 'The session token (`ost_…`), sent as `Authorization: Bearer ost_…`.', organizationId: 'The organization it acts for.',
      staffId: 'The staff member.', channelId: 'The channel that minted it.', expiresAt: 'When it stops working.',
    },
  },
  CreatedSession: {
    description: 'The session minted: a volunteer session or an organizer session, as the body asked.',
    example: organizerSession,
  },
  Need: {
    description: 'A need (微心愿/点单) as anyone may see it: a resident\'s request for a service of the menu. No address and no contact: those are shown only to the claiming volunteer (`Claim`).',
    example: need,
    properties: {
      id: 'The need\'s id (`ned_…`).', serviceCode: 'The service of the menu asked for.', title: 'What is needed, in the requester\'s words.',
      details: 'More about it (never the address: that is sealed).', regionCode: 'The community (6-digit GB/T 2260 code).',
      organizationId: 'The community organization that moderates it.', requester: 'The requester\'s name, masked.',
      filedOnBehalf: 'Filed by a helper (a community worker) on the resident\'s behalf, with their recorded consent.',
      preferredTimes: 'When suits the resident, in plain words.',
      status: '`submitted` (awaiting moderation), `open`, `claimed`, `fulfilled`, `confirmed`; or `rejected`, `cancelled`, `expired`.',
      statusReason: 'Why it was rejected or cancelled, written for the requester; else `null`.',
      waitingSince: 'Since when it waits for a volunteer (when it opened); `null` before moderation. The board sorts by it.',
      dueAt: 'The deadline of the current step: moderation (72 h), expiry (14 days after filing), the claim (48 h, then released), the resident\'s confirmation (7 days). `null` once closed.',
      claimedAt: 'When the current claim was made.', fulfilledAt: 'When the volunteer marked it done.', confirmedAt: 'When the resident or helper confirmed it.',
      serviceRecordId: 'The service record the fulfilment made (pending, approved on confirmation).', rating: 'The resident\'s rating, 1–5, or `null`.', ...stamps,
    },
  },
  NeedPage: { description: 'One page of needs.', example: { data: [need], nextCursor: null }, properties: page('needs') },
  NeedStatus: { description: 'Where a need stands.', example: 'open' },
  Claim: {
    description: 'A need as its claiming volunteer sees it: the address and contact while the claim lasts (each reading audited), the confirmation code once fulfilled.',
    example: { need: { ...need, status: 'claimed', claimedAt: at('12-01', '10:00:00') }, address: '西湖区文一西路 88 号 3 幢 2 单元 301', contact: { name: '王秀英', mobile: '13800001234' }, confirmationCode: null },
    properties: {
      need: 'The need.', address: 'The exact address, in `GET /v1/me/claims/{id}` while the claim lasts; else `null`.',
      contact: 'Who to call, in `GET /v1/me/claims/{id}` while the claim lasts; else `null`.', 'contact.name': 'The resident\'s name.', 'contact.mobile': 'Their mobile number.',
      confirmationCode: 'Once fulfilled and until confirmed: six digits to show the resident, who confirms with them.',
    },
  },
  ClaimPage: { description: 'One page of the volunteer\'s claims, newest first, without address or contact.', example: { data: [{ need, address: null, contact: null, confirmationCode: null }], nextCursor: null }, properties: page('claims') },
  ServiceMenuItem: {
    description: 'One service of the menu.',
    example: serviceMenuItem,
    properties: {
      code: 'The service code.', names: 'Its name in each locale.', 'names.zh-CN': 'Simplified Chinese.', 'names.zh-TW': 'Traditional Chinese.', 'names.en': 'English.',
      typicalMinutes: 'How long it usually takes; a fulfilment records this unless the volunteer says otherwise.',
      weeklyCap: 'How many needs one resident may file for it in any 7 days.',
    },
  },
  ServiceMenu: { description: 'The channel\'s service menu, in display order.', example: { data: [serviceMenuItem] }, properties: { data: 'The services.' } },
  NeedConsent: {
    description: 'Consent to file a need. A resident (publishable key) accepts the channel\'s privacy policy: `policyVersion` and `accepted`. A helper (organizer session) records how the resident agreed: `method`, `evidenceRef`, `obtainedAt`.',
    example: { method: 'in_person', evidenceRef: '纸质同意书 2026-118', obtainedAt: at('11-30', '15:00:00') },
    properties: {
      policyVersion: 'A resident: the privacy policy version shown (the channel\'s current one).', accepted: 'A resident: must be `true`.',
      method: 'A helper: how the resident agreed — `in_person`, `phone` or `written`.', evidenceRef: 'A helper: where the evidence is kept (a form number, a call log).',
      obtainedAt: 'A helper: when the resident agreed (not in the future).',
    },
  },
  CreateNeedBody: {
    description: 'Body of `POST /v1/needs`.',
    example: {
      serviceCode: 'haircut', title: '帮行动不便的老人上门理发', details: '老人坐轮椅，需要上门', regionCode: '330106', preferredTimes: '工作日上午',
      organizationId: 'org_7Gh2Jk9Lm3Np5Qr8', resident: { name: '王秀英', mobile: '13800001234', address: '西湖区文一西路 88 号 3 幢 2 单元 301' },
      consent: { method: 'in_person', evidenceRef: '纸质同意书 2026-118', obtainedAt: at('11-30', '15:00:00') },
    },
    properties: {
      serviceCode: 'A code of the channel\'s service menu.', title: 'What is needed (1–120 characters).', details: 'More about it, up to 2000 characters; not the address.',
      regionCode: 'The community (6-digit code).', preferredTimes: 'When suits the resident, in plain words.',
      organizationId: 'The community organization that moderates it; may be left out when the channel works with exactly one (an organizer session files for its own).',
      resident: 'Who needs the help: sealed, shown only to the claiming volunteer.', 'resident.name': 'Their name (the board shows it masked).',
      'resident.mobile': 'Their mobile number; it also identifies them for the weekly caps.', 'resident.address': 'The exact address.',
      consent: 'The resident\'s consent (see `NeedConsent`).',
    },
  },
  ModerateNeedBody: {
    description: 'Body of `POST /v1/organizer/needs/{id}/moderate`.',
    example: { decision: 'reject', reason: '该需求涉及医疗护理，请联系社区卫生服务中心' },
    properties: { decision: '`open` (volunteers see it) or `reject`.', reason: 'Required to reject: the requester reads it.' },
  },
  CancelNeedBody: { description: 'Body of `POST /v1/organizer/needs/{id}/cancel`.', example: { reason: '老人已由家属照顾' }, properties: { reason: 'Why, for the requester.' } },
  FulfilNeedBody: { description: 'Body of `POST /v1/needs/{id}/fulfil`.', example: { minutes: 40 }, properties: { minutes: 'Minutes served, 5–480 (a form offers the service\'s `typicalMinutes`).' } },
  ConfirmNeedBody: {
    description: 'Body of `POST /v1/needs/{id}/confirm`: with the code the volunteer shows (the resident, or a helper typing it in), or by a helper without one.',
    example: { method: 'code', code: '482913', rating: 5 },
    properties: {
      method: '`code` (send `code`) or `helper` (organizer session only: the helper vouches the help was given).',
      code: 'With `method: code`: the 6 digits the volunteer shows.', rating: 'Optional: the resident\'s rating, 1–5.',
    },
  },
  RateNeedBody: {
    description: 'Body of `POST /v1/needs/{id}/rate`.', example: { rating: 5, comment: '小伙子很耐心' },
    properties: { rating: '1–5.', comment: 'The resident\'s words, up to 500 characters.' },
  },
  WebhookPayload: {
    description: 'The JSON body of every webhook delivery (Standard Webhooks). Its `webhook-id` header is the event id: the same on every retry and replay, so dedupe on it. Verify the `webhook-signature` with the endpoint secret before trusting it (`verifyWebhook` in `@volunteerkit/sdk/webhooks`).',
    example: { type: webhookEvent.type, timestamp: webhookEvent.timestamp, data: webhookEvent.data },
    properties: eventProps,
  },
  Event: { description: 'An event as the feed lists it: a delivery body with its id.', example: webhookEvent, properties: { id: 'The event\'s id (`evt_…`), the `webhook-id` of its deliveries.', ...eventProps } },
  EventFeedPage: {
    description: 'One page of the events feed.',
    example: { data: [webhookEvent], next: 'WyJldmVudHMiLCI3NDEiLDEyXQ', hasMore: false },
    properties: {
      data: 'Events in feed order: an event is listed once every transaction that began before it has finished, so one that commits later always comes after `next`.',
      next: 'Pass it as `after` to read on, now or later (opaque). Equal to your `after` when nothing new was there.',
      hasMore: 'More events are already there: read on without waiting.',
    },
  },
  WebhookEndpoint: { description: 'A receiver of the channel\'s events.', example: webhookEndpoint, properties: endpointProps },
  WebhookEndpointWithSecret: {
    description: 'An endpoint with its signing secret: answered on creation and on rotation only.',
    example: { ...webhookEndpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    properties: { ...endpointProps, secret: '`whsec_…`: verify deliveries with it. Store it with your other secrets; it is not shown again.' },
  },
  WebhookEndpointPage: { description: 'One page of endpoints, oldest first.', example: { data: [webhookEndpoint], nextCursor: null }, properties: page('endpoints') },
  CreateWebhookEndpointBody: {
    description: 'Body of `POST /v1/webhook-endpoints`.',
    example: { url: webhookEndpoint.url, description: webhookEndpoint.description, eventTypes: webhookEndpoint.eventTypes },
    properties: {
      url: '`https://…` to a public address (checked as written and after resolving its name; private, link-local and reserved addresses are refused). With a test key (`sk_test_…`), also `http://localhost` or `http://127.0.0.1`.',
      description: 'A note for you (≤ 200 characters).', eventTypes: 'Types or families (`signup.*`) to deliver; omit for every event.',
    },
  },
  UpdateWebhookEndpointBody: {
    description: 'Body of `PATCH /v1/webhook-endpoints/{id}`: only what changes.',
    example: { status: 'enabled' },
    properties: {
      url: 'A new URL, checked as on creation.', description: 'A new note.', eventTypes: 'A new filter.',
      status: '`enabled` (clears `disabledReason`; pending deliveries are sent) or `disabled`.',
    },
  },
  DeliveryStatus: { description: 'Where a delivery stands: `pending` (due or retrying), `succeeded`, or `failed` (the schedule ran out).', example: 'succeeded' },
  WebhookAttempt: {
    description: 'One attempt of a delivery. Neither bodies nor addresses are kept.',
    example: webhookAttempt,
    properties: {
      attempt: 'Its number, from 1.', at: 'When it ended.', durationMs: 'How long the receiver took.', statusCode: 'The receiver\'s HTTP status, or `null` without an answer.',
      error: 'Without an answer: `timeout`, `address_refused`, `dns_failed`, `tls_failed`, `connection_failed`; else `null`.', succeeded: 'A 2xx answer.',
    },
  },
  WebhookDelivery: {
    description: 'One event to one endpoint, with its attempts. Attempts follow the schedule: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h after each failure.',
    example: webhookDelivery,
    properties: {
      id: 'The delivery\'s id (`dlv_…`).', endpointId: 'The endpoint.', event: 'The event delivered.',
      status: '`pending`, `succeeded` or `failed`.', nextAttemptAt: 'While pending, when the next attempt is due; else `null`.', attempts: 'Every attempt, oldest first.',
      createdAt: 'When the delivery was queued (when its event happened).', updatedAt: 'When it last changed.',
    },
  },
  WebhookDeliveryPage: { description: 'One page of the delivery log, newest first.', example: { data: [webhookDelivery], nextCursor: null }, properties: page('deliveries') },
  PointsEntry: {
    description: 'One transaction of the volunteer\'s points, as their statement shows it.',
    example: pointsEntry,
    properties: {
      id: 'The transaction\'s id (`ptx_…`).', kind: 'What happened; see `PointsTransactionKind`.',
      available: 'The change to the available points (negative when they leave).', held: 'The change to the held points.',
      serviceRecordId: 'The record that earned or lost the points (`earn`, `reversal`), else `null`.',
      redemptionId: 'The redemption (`hold`, `release`, `capture`), else `null`.', at: 'When.',
    },
  },
  PointsStatement: {
    description: 'The signed-in volunteer\'s points: the two balances and one page of transactions, newest first.',
    example: { available: 1065, held: 200, data: [pointsEntry], nextCursor: null },
    properties: { available: 'Points that can be spent now.', held: 'Points held by redemptions not yet collected.', ...page('transactions') },
  },
  PointsTransactionKind: {
    description: '`earn` (a record approved: hours × points per hour), `reversal` (an approved record rejected or superseded: the points go back as far as the available ones reach; spent ones are written off, a balance never goes negative), `hold` (a redemption), `release` (a redemption undone or expired), `capture` (the reward handed over).',
    example: 'earn',
  },
  PointsReconciliation: {
    description: 'The channel\'s points books recomputed from every transfer of the ledger: a proof that they balance.',
    example: { channelId: 'chn_newsdemo', balanced: true, transactions: 2841, accounts: { issued: -61230, available: 52110, held: 1400, redeemed: 7900, writtenOff: -180 }, total: 0, balanceMismatches: 0, negativeBalances: 0, recordMismatches: 0, generatedAt: at('12-01', '10:00:00') },
    properties: {
      channelId: 'The channel.', balanced: '`true` when every check below holds.', transactions: 'Transactions in the ledger.',
      accounts: 'Each account\'s balance, summed over its transfers.', 'accounts.issued': 'Where earned points come from (negative: every point issued, less reversals).',
      'accounts.available': 'Volunteers\' spendable points.', 'accounts.held': 'Points held by uncollected redemptions.',
      'accounts.redeemed': 'Points spent on rewards handed over.', 'accounts.writtenOff': 'Reversals of points already spent (negative).',
      total: 'The sum of every account: 0 when the books balance.', balanceMismatches: 'Volunteers\' kept balances that differ from their transfers.',
      negativeBalances: 'Volunteers\' balances below zero.', recordMismatches: 'Approved records without their earning, or earnings of records no longer approved and not reversed.',
      generatedAt: 'When the books were read.',
    },
  },
  Reward: {
    description: 'A reward (礼遇) of the channel\'s catalog, redeemed with points.',
    example: reward,
    properties: {
      id: 'The reward\'s id (`rwd_…`).', title: 'Its name.', description: 'What it is.', terms: 'Conditions of use, shown before redeeming.',
      imageUrl: 'A picture, or `null`.', cost: 'Its price in points.', stockLeft: 'How many can still be redeemed (0: none left).',
      validityDays: 'Days a redemption code stays collectable; then it expires and the points return.',
      organizationId: 'The organization that offers it, or `null` for the channel\'s own.', organizationName: 'Its name, or `null`.',
      availableUntil: 'The last moment it can be redeemed, or `null`.', ...stamps,
    },
  },
  RewardPage: { description: 'One page of the catalog, cheapest first.', example: { data: [reward], nextCursor: null }, properties: page('rewards') },
  Redemption: {
    description: 'A reward redeemed: the points are held and a 6-digit code waits at the desk.',
    example: redemption,
    properties: {
      id: 'The redemption\'s id (`rdm_…`).', rewardId: 'The reward.', rewardTitle: 'Its title.', points: 'The points held (then spent).',
      code: 'The 6 digits the volunteer shows at the desk.', status: 'See `RedemptionStatus`.',
      undoUntil: 'Until when the volunteer may undo it (10 minutes).', expiresAt: 'When an uncollected code expires and the points return.',
      capturedBy: 'Who handed the reward over, once `captured`.', settledAt: 'When it was captured, undone or expired; `null` while held.', ...stamps,
    },
  },
  RedemptionPage: { description: 'One page of redemptions, newest first.', example: { data: [redemption], nextCursor: null }, properties: page('redemptions') },
  RedemptionStatus: { description: '`held` (waiting at the desk), then `captured`, `undone` (within 10 minutes) or `expired`; those three are final.', example: 'held' },
  CreateRedemptionBody: {
    description: 'Body of `POST /v1/me/redemptions`.',
    example: { rewardId: reward.id },
    properties: { rewardId: 'The reward to redeem, one of the channel\'s catalog.' },
  },
  CaptureRedemptionBody: {
    description: 'Body of `POST /v1/organizer/redemptions/capture`.',
    example: { code: '482913' },
    properties: { code: 'The 6 digits the volunteer shows.' },
  },
  PartnerCaptureRedemptionBody: {
    description: 'Body of `POST /v1/redemptions/capture` (secret key).',
    example: { code: '482913', capturedBy: '服务台 李老师' },
    properties: { code: 'The 6 digits the volunteer shows.', capturedBy: 'Who hands the reward over (shown to the volunteer, kept in the audit log).' },
  },
  ErrorCode: {
    description: [
      'The machine-readable `code` of every problem the server sends. Switch on it, never on `title` or `detail`. New codes may be added in a minor version: treat an unknown one by its HTTP status.',
      '',
      '| code | status | meaning |', '| --- | --- | --- |',
      ...ErrorCode.options.map((code) => {
        const doc = errorCodeDocs[code];
        if (!doc) throw new Error(`scripts/openapi/descriptions.ts: error code ${code} has no row in errorCodeDocs`);
        return `| \`${code}\` | ${doc.status} | ${doc.meaning} |`;
      }),
    ].join('\n'),
    example: 'validation_failed',
  },
  FieldError: {
    description: 'One field-level problem of a 422.',
    example: problem.errors[0],
    properties: {
      path: 'Dot-separated path of the field in the request: `volunteer.mobile`, `answers.q_tshirt`, a query parameter (`near`, `cursor`) or a header (`Idempotency-Key`).',
      message: 'What is wrong, in English, to show next to the field (prefix the field\'s label).',
      code: 'Stable reason: a domain code (`invalid_mobile`, `invalid_email`, `invalid_resident_id`, `invalid_birth_date`, `required`, `policy_outdated`, `unknown_shift`, `unknown_question`, `invalid_option`, `too_young`, `too_old`, `near_required`, `out_of_range`, `invalid_cursor`, `invalid_characters` for a NUL character in text; for a webhook `url`: `invalid_url`, `https_required`, `credentials_in_url`, `unresolvable`, and the refused address kinds `loopback`, `private`, `link_local`, `reserved`) or a schema check (`invalid_type`, `invalid_format`, `invalid_value`, `too_small`, `too_big`, `custom`).',
      code: 'Stable reason: a domain code (`invalid_mobile`, `invalid_email`, `invalid_resident_id`, `invalid_birth_date`, `required`, `policy_outdated`, `unknown_shift`, `unknown_question`, `invalid_option`, `too_young`, `too_old`, `near_required`, `out_of_range`, `invalid_cursor`, `no_approved_hours`, `invalid_characters` for a NUL character in text) or a schema check (`invalid_type`, `invalid_format`, `invalid_value`, `too_small`, `too_big`, `custom`).',
    },
  },
  ProblemDetails: {
    description: 'An error, as RFC 9457 problem details (`application/problem+json`), with `code`, `requestId` and field `errors` added.',
    example: problem,
    properties: {
      type: 'A URI naming the kind of problem (`https://volunteerkit.dev/problems/<code>`).', title: 'A short summary in the negotiated language (see `locale`).',
      status: 'The HTTP status, repeated.', detail: 'What happened in this case, in English.', instance: 'The request path.',
      code: { description: 'Machine-readable code; see `ErrorCode`.', schema: { $ref: '#/components/schemas/ErrorCode' } },
      requestId: 'The request id (also in `X-Request-Id`); quote it to support.', errors: 'On a 422: each invalid field by path.',
      existing: 'On a 409 `duplicate_signup`: the first sign-up (a `Signup`); show it instead of an error.',
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Operations and their parameters.

export interface OperationDoc {
  summary: string;
  description: string;
  /** Description of the success response. */
  response: string;
  requestBody?: string;
}

export const operationDocs: Record<string, OperationDoc> = {
  listOpportunities: {
    summary: 'List opportunities',
    description: 'Search, filter and page through the opportunities visible to the key\'s channel (public ones and the channel\'s own). Free text works for Chinese (`q=敬老`). `radiusKm` and `sort=distance` measure from `near` and need it (422 `near_required` otherwise). Without `q` the default order is `startsAt`; with it, `relevance`.',
    response: 'A page of list items: each with its next shift, `shiftCount` and `openSpots`, without description, questions or the shift table (`getOpportunity` has those).',
  },
  getOpportunity: { summary: 'Get an opportunity', description: 'The full record of one opportunity: description, every shift (spots left) and sign-up questions.', response: 'The opportunity.' },
  listOrganizations: { summary: 'List organizations', description: 'Organizations, filtered by name, kind or district.', response: 'A page of organizations.' },
  getOrganization: { summary: 'Get an organization', description: 'One organization.', response: 'The organization.' },
  getChannel: {
    summary: 'Get the key\'s channel',
    description: 'The public configuration of the channel the key belongs to: the identity fields a sign-up must carry, the privacy policy to consent to, default locale and theme. A sign-up form reads it first.',
    response: 'The channel.',
  },
  createSignup: {
    summary: 'Sign up for a shift',
    description: 'A guest signs up with the publishable key (as a bearer, or `?key=`) and sends `volunteer`; a signed-in volunteer signs up with their session and `volunteer` is ignored except `volunteer.birthDate`, read only while the profile has no birth date on file (`birthDateOnFile: false`): it is checked against the age limit and kept. A free spot gives `approved` (or `pending_review` with manual approval); a full shift gives `waitlisted`. A second live sign-up of the same volunteer for the same shift is a 409 `duplicate_signup` whose `existing` is the first. Send an `Idempotency-Key` so a retry after a lost answer cannot sign up twice (the SDK always does).',
    response: 'The sign-up.', requestBody: 'Who signs up for which shift, their answers and their consent.',
  },
  getHonorBoard: {
    summary: 'Get the honor board',
    description: 'Volunteers (or organizations) ranked by approved hours or points over a period, and featured honors. Only approved hours count; ties share a rank; names are masked unless the volunteer opted in. Computed per minute, so a repeat within it revalidates with a 304.',
    response: 'The board.',
  },
  getStats: { summary: 'Get impact statistics', description: 'Volunteers, organizations, open opportunities, approved hours and sign-ups for a scope and period; `metrics` with approved hours, active volunteers, fill rate, needs fulfilled and median approval time, and with `groupBy` the same per month, category or region. Counts of people or needs under 5 are hidden, together with the figures that would give them back. No personal data.', response: 'The statistics.' },
  getMe: { summary: 'Get my profile', description: 'The signed-in volunteer\'s profile, contact details masked. Never cached.', response: 'The profile.' },
  listMySignups: { summary: 'List my sign-ups', description: 'The signed-in volunteer\'s sign-ups, oldest first.', response: 'A page of sign-ups.' },
  cancelMySignup: {
    summary: 'Cancel one of my sign-ups',
    description: 'Cancels a sign-up of the signed-in volunteer. The spot goes to the first waitlisted volunteer. Cancelling a sign-up that is already cancelled returns it unchanged; one that cannot be cancelled (attended) is a 409.',
    response: 'The cancelled sign-up.',
  },
  listMyRecommendations: {
    summary: 'List my recommendations',
    description: 'Activities the signed-in volunteer could join now, best first. Hard filters come first: the channel must see it, sign-up must be open, and at least one shift not yet started must have a spot, fit the age limits on its day and not overlap a sign-up of theirs. The rest are scored 0–100 by reasons each item lists in `reasons` (`skill_match`, `you_liked_category`, `near_you`, `fits_your_time`, `short_of_people`), read from what the volunteer signed up for and served in before. Dismissed activities are left out. Items are the list items of `GET /v1/opportunities` plus `score` and `reasons`.',
    response: 'A page of recommendations.',
  },
  dismissMyRecommendation: {
    summary: 'Dismiss a recommendation',
    description: 'Leaves the activity out of the volunteer\'s later recommendations. Dismissing again answers the first dismissal unchanged; an activity the channel cannot see is a 404.',
    response: 'The dismissal on record.',
  },
  listMyServiceRecords: { summary: 'List my service records', description: 'The signed-in volunteer\'s service records ("my hours").', response: 'A page of service records.' },
  listAuditLog: {
    summary: 'Read the audit log',
    description: 'Every privileged action taken with this channel\'s secret key and organizer sessions, and the automatic approvals of its volunteers\' records: who, what, on what, when, in which request. Newest first.',
    response: 'A page of audit entries.',
  },
  recordMyAttendance: {
    summary: 'Check in or out',
    description: 'With the 6 digits or the QR code on the organizer\'s screen, for a shift the volunteer has a confirmed sign-up for. Check-in opens 30 minutes before the shift and closes at its end; check-out stays open 12 hours longer. Refusals are 422s naming the field: `shiftId` (`unknown_shift`, `no_confirmed_signup`), `action` (`too_early`, `check_in_closed`, `check_out_closed`, `not_checked_in`), `code` (`wrong_code`, `expired_code`, `other_shift`, `malformed`). Five wrong codes in a row pause the volunteer for the shift (429 with `Retry-After`, 60 s, doubling). Checking in or out twice answers the attendance as it is. Check-out makes the pending service record.',
    response: 'The attendance.', requestBody: 'The shift, the code and whether in or out.',
  },
  disputeMyServiceRecord: {
    summary: 'Dispute one of my service records',
    description: 'Wrong hours (say how many are right) or "I was never there", within 30 days of the record (409 after). A record is disputed once; a superseded or rejected one cannot be (409). While the dispute is open the record is not approved automatically.',
    response: 'The dispute.', requestBody: 'What is wrong.',
  },
  createMyCertificate: {
    summary: 'Get a certificate of my service',
    description: 'Issues a certificate (志愿服务证明) of the signed-in volunteer\'s approved hours whose service began in the period (China Standard Time, both days included), signed with the platform\'s Ed25519 key as a compact JWS. Pending, rejected and superseded records do not count; a period without approved hours is a 422. The certificate carries the masked name, never a phone or ID number.',
    response: 'The certificate.', requestBody: 'The period.',
  },
  revokeCertificate: {
    summary: 'Revoke a certificate',
    description: 'Revokes one of the channel\'s certificates (audited): it is listed in `/.well-known/certificate-revocations.json` from then on and verifiers refuse it. A certificate is revoked once (409 after).',
    response: 'The revoked certificate.', requestBody: 'Why.',
  },
  getCheckinCode: {
    summary: 'Get the check-in code',
    description: 'The current 6-digit code and QR payload of one of the organization\'s shifts, for the kiosk screen, with the number checked in so far. Derived from a secret per shift and the 30 s window: fetch it again at `validUntil`.',
    response: 'The code.',
  },
  getRoster: { summary: 'Get a shift\'s roster', description: 'The sign-ups holding a spot on one of the organization\'s shifts, with names, attendance and records, in sign-up order.', response: 'A page of roster entries.' },
  updateRoster: {
    summary: 'Change several roster entries',
    description: 'Up to 200 changes in one transaction: all are made or none; a refusal names the update by index (`updates.1.…`). Audited.',
    response: 'The changed entries.', requestBody: 'The changes.',
  },
  updateRosterEntry: {
    summary: 'Change a roster entry',
    description: 'Check a volunteer in or out, mark a no-show, or set both times (a forgotten check-out). Checking out makes the pending service record; setting the times of a checked-out volunteer supersedes a record not yet reviewed with a new one (a reviewed record stands: 409, the volunteer may dispute it). Audited.',
    response: 'The entry as it is now.', requestBody: 'The change.',
  },
  listOrganizerServiceRecords: {
    summary: 'List the organization\'s service records',
    description: 'Soonest deadline first (records without one by creation). `status=pending&overdue=true` lists what is late.',
    response: 'A page of service records.',
  },
  reviewServiceRecords: {
    summary: 'Approve or reject records in bulk',
    description: 'One decision for up to 200 records of the organization, all or none: an id that is not the organization\'s is a 422 naming it (`ids.N`); a record decided otherwise is a 409. Records that already have this decision are left as they are. Audited.',
    response: 'The records as they are now.', requestBody: 'The records and the decision.',
  },
  getHoursPolicy: {
    summary: 'Get the hours policy',
    description: 'The organization\'s current hours policy: the built-in default (version 1: ±15 min, 60 %, rounded down to 30 min, 72 h deadline, automatic approval) until it sets its own.',
    response: 'The policy.',
  },
  updateHoursPolicy: {
    summary: 'Set the hours policy',
    description: 'New rules as the next version. Records already made keep the version that made them; the next check-out uses the new one. Turning `autoApprove` off stops automatic approval of the organization\'s pending records. Audited.',
    response: 'The new version.', requestBody: 'The rules.',
  },
  listOrganizerDisputes: { summary: 'List disputes', description: 'Disputes of the organization\'s records, oldest first.', response: 'A page of disputes.' },
  resolveDispute: {
    summary: 'Resolve a dispute',
    description: 'Accepting creates a correcting record, approved, with the corrected hours (none for "never there"); the disputed record becomes `superseded` and names it, its hours, times and explanation unchanged. Rejecting keeps the record; say why in `note`. Audited.',
    response: 'The dispute.', requestBody: 'The decision.',
  },
  createWebhookEndpoint: {
    summary: 'Register a webhook endpoint',
    description: 'Deliveries follow the Standard Webhooks specification: a JSON body `{type, timestamp, data: {id, channelId, version}}` with `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, signed with the endpoint\'s `whsec_` secret (answered here, once). At least once, retried at once, 5 s, 5 min, 30 min, 2 h, 5 h and 10 h after a failure (any non-2xx answer, no answer within 10 s, or a refused address); after a whole schedule fails and nothing else got through, the endpoint is disabled. The URL must be https to a public address: private, link-local and reserved addresses are refused as written and after DNS resolution (and again at each delivery). A test key may register `http://localhost`. Audited.',
    response: 'The endpoint with its secret.', requestBody: 'The URL, a note and the event filter.',
  },
  listWebhookEndpoints: { summary: 'List webhook endpoints', description: 'The channel\'s endpoints, oldest first, without their secrets.', response: 'A page of endpoints.' },
  getWebhookEndpoint: { summary: 'Get a webhook endpoint', description: 'One endpoint, without its secret.', response: 'The endpoint.' },
  updateWebhookEndpoint: {
    summary: 'Change a webhook endpoint',
    description: 'Change the URL (checked as on creation), the note or the filter, or enable or disable it. Enabling clears `disabledReason`; deliveries still pending are sent, failed ones can be replayed. Audited.',
    response: 'The endpoint.', requestBody: 'What changes.',
  },
  rotateWebhookSecret: {
    summary: 'Rotate a webhook secret',
    description: 'A new secret, answered once. For 24 hours deliveries carry two signatures (new and previous secret), so receivers can switch without losing one. Audited.',
    response: 'The endpoint with its new secret.',
  },
  deleteWebhookEndpoint: { summary: 'Delete a webhook endpoint', description: 'Stops deliveries and removes its log. Audited.', response: 'The endpoint as it was.' },
  listWebhookDeliveries: {
    summary: 'Read the delivery log',
    description: 'The endpoint\'s deliveries, newest first, each with every attempt: time, duration, status code or error kind. No bodies, headers or addresses are kept.',
    response: 'A page of deliveries.',
  },
  replayWebhookDelivery: {
    summary: 'Replay a delivery',
    description: 'Sends a delivery again with the same `webhook-id`, its schedule started afresh. A delivery still pending is answered as it is; a disabled endpoint is a 409.',
    response: 'The delivery, pending.',
  },
  listEvents: {
    summary: 'Read the events feed',
    description: 'The channel\'s events, the same as webhooks carry, for back ends that cannot receive calls (intranets). Keep `next` and pass it as `after`: an event is listed only once every transaction that began before it has finished, so an event that commits later always comes after your position and none is skipped.',
    response: 'A page of events and the position to read on from.',
  },
  createSession: {
    summary: 'Mint a volunteer session',
    description: 'For a person the partner authenticated itself (SSO, login). The same `externalId` is always the same volunteer of the channel; their identity is updated from `volunteer`. With `organizer` instead, a session for a staff member of an organization the channel is authorized for (404 otherwise; audited). Call it from your back end only, and give the browser only the returned token.',
    response: 'The session.', requestBody: 'Who the partner vouches for.',
  },
  listSignups: {
    summary: 'Export sign-ups',
    description: 'The channel\'s sign-ups with the contact data collected, oldest first. Resident ID numbers stay masked unless `reveal=idNumber` (logged for audit).',
    response: 'A page of sign-ups with contact data.',
  },
  updateSignup: {
    summary: 'Review a sign-up',
    description: 'Approve, reject, cancel, or record attendance (`attended`, `no_show`). Approving needs a free spot; a transition the sign-up cannot make (e.g. `rejected` → `attended`) is a 409 `conflict`. Freeing a spot promotes the first waitlisted sign-up.',
    response: 'The sign-up as it is now (without contact data).', requestBody: 'The new status.',
  },
  createServiceRecord: {
    summary: 'Record served hours',
    description: 'Records the hours a volunteer served on a shift. The record stays `pending` (and its hours do not count) until approved.',
    response: 'The service record.', requestBody: 'Who served where and when.',
  },
  approveServiceRecord: { summary: 'Approve a service record', description: 'Its hours now count towards stars, boards and statistics. A record already reviewed is a 409.', response: 'The approved record.', requestBody: 'Who reviews it.' },
  rejectServiceRecord: { summary: 'Reject a service record', description: 'Its hours never count. A record already reviewed is a 409.', response: 'The rejected record.', requestBody: 'Who reviews it.' },
  getServiceMenu: { summary: 'Get the service menu', description: 'The services residents may ask for (服务菜单), with names in three locales, a typical duration and the weekly cap per resident.', response: 'The menu.' },
  listNeeds: {
    summary: 'List the needs board',
    description: 'Open needs (or `status=claimed|fulfilled|confirmed`) of the channel, longest waiting first (`sort=newest` for the newest). Requesters masked; no address, no contact.',
    response: 'A page of needs.',
  },
  getNeed: { summary: 'Get a need', description: 'One need by id, in any status (so a requester can see why it was rejected). No address, no contact.', response: 'The need.' },
  createNeed: {
    summary: 'File a need',
    description: 'By the resident (publishable key: accept the privacy policy; it waits for moderation) or by a helper on the resident\'s behalf (organizer session of the community organization: record the consent; it opens at once). A need over the resident\'s weekly cap for the service is a 422 on `serviceCode` (`weekly_cap_reached`) that says so. The address and contact are sealed.',
    response: 'The need, as the public sees it.', requestBody: 'The need, the resident and the consent.',
  },
  claimNeed: {
    summary: 'Claim a need',
    description: 'The volunteer takes an open need on: of two claims at once exactly one wins, the other is a 409. Read the address and contact with `GET /v1/me/claims/{id}` (a write\'s answer is kept with its Idempotency-Key, so it carries neither). A claim not fulfilled within 48 h is released automatically.',
    response: 'The claim, without address or contact.',
  },
  releaseNeed: { summary: 'Release a claim', description: 'The claimer gives the need back; it waits on the board again, its waiting time kept. Another volunteer\'s claim is a 403.', response: 'The need.' },
  fulfilNeed: {
    summary: 'Mark a need fulfilled',
    description: 'The claimer has helped: a pending service record (`source: need`) of the minutes served, and a one-time 6-digit code to show the resident, who confirms with it.',
    response: 'The claim, with the confirmation code.', requestBody: 'The minutes served.',
  },
  confirmNeed: {
    summary: 'Confirm a fulfilled need',
    description: 'The resident with the volunteer\'s code (publishable key), or a helper (organizer session) with it or without one (`method: helper`). Approves the service record, so it counts for hours, stars and points. A wrong code is a 422 on `code`; after five wrong codes only a helper can confirm (409).',
    response: 'The confirmed need.', requestBody: 'The code, and optionally a rating.',
  },
  rateNeed: { summary: 'Rate a confirmed need', description: 'A helper records the resident\'s rating (1–5), once. Audited.', response: 'The need.', requestBody: 'The rating.' },
  listMyClaims: { summary: 'List my claims', description: 'The needs the volunteer holds or fulfilled, newest first, without address or contact; the confirmation code of fulfilled ones.', response: 'A page of claims.' },
  getMyClaim: {
    summary: 'Get one of my claims',
    description: 'While the claim lasts, with the exact address and the contact: each reading is written to the audit log. After fulfilment, with the confirmation code; after a release, 404.',
    response: 'The claim.',
  },
  listOrganizerNeeds: { summary: 'List the organization\'s needs', description: 'Every need the organization moderates, oldest first; `status=submitted` is the moderation queue.', response: 'A page of needs.' },
  moderateNeed: {
    summary: 'Moderate a need',
    description: 'Open a submitted need to volunteers, or reject it with a reason the requester reads. The same decision again changes nothing; another is a 409. Audited.',
    response: 'The need.', requestBody: 'The decision.',
  },
  cancelNeed: { summary: 'Cancel a need', description: 'A submitted, open or claimed need is withdrawn (a claim on it ends), with a reason. Audited.', response: 'The need.', requestBody: 'The reason.' },
  getMyPoints: {
    summary: 'Get my points',
    description: 'The signed-in volunteer\'s available and held points and their transactions, newest first. Points are earned when a service record is approved (its hours × the opportunity\'s points per hour) and reversed if it stops being approved.',
    response: 'The balances and a page of transactions.',
  },
  reconcilePoints: {
    summary: 'Reconcile the points books',
    description: 'Recomputes the channel\'s accounts from every transfer of the ledger and checks them: the accounts sum to zero, volunteers\' kept balances equal their transfers and none is negative, every approved record earned once and every earning of a record no longer approved was reversed. Never cached.',
    response: 'The books and the outcome of each check.',
  },
  listRewards: { summary: 'List rewards', description: 'The channel\'s reward catalog (礼遇) on offer now, cheapest first. `stockLeft` may be up to a few seconds old; redeeming checks it exactly.', response: 'A page of rewards.' },
  createMyRedemption: {
    summary: 'Redeem a reward',
    description: 'Takes one from the reward\'s stock and holds its cost from the volunteer\'s available points, under a 6-digit code to show at the desk. Refused with 422 on `rewardId` when it has none left (`out_of_stock`), the points do not reach (`insufficient_points`) or it is no longer offered (`reward_unavailable`). Concurrent redemptions never take more than the stock. Send an `Idempotency-Key`: a retry returns the same redemption and holds the points once.',
    response: 'The redemption, with its code.', requestBody: 'The reward.',
  },
  listMyRedemptions: { summary: 'List my redemptions', description: 'The signed-in volunteer\'s redemptions, newest first, with their codes.', response: 'A page of redemptions.' },
  undoMyRedemption: {
    summary: 'Undo one of my redemptions',
    description: 'Within 10 minutes of redeeming, while the reward is not yet handed over: the points and the stock return. Undoing again answers the undone redemption; after 10 minutes, or once captured or expired, it is a 409.',
    response: 'The undone redemption.',
  },
  captureRedemption: {
    summary: 'Hand a reward over (desk)',
    description: 'The organizer\'s desk types the volunteer\'s 6 digits: the held points are spent. Only the organization\'s own rewards and the channel\'s general ones; an unknown code is a 422 on `code` (`unknown_code`); an undone or expired one is a 409. Capturing the same code again answers the capture. Audited.',
    response: 'The captured redemption.', requestBody: 'The code.',
  },
  captureRedemptionWithKey: {
    summary: 'Hand a reward over (back end)',
    description: 'As the desk\'s capture, from the partner\'s back end with its secret key: any reward of the channel. Audited under `capturedBy`.',
    response: 'The captured redemption.', requestBody: 'The code and who hands the reward over.',
  },
};

export interface ParameterDoc {
  description: string;
  example: unknown;
  /** Keywords merged into the parameter's schema. */
  schema?: JsonSchema;
}

const limit = { description: 'Page size, 1–100; default 20.', example: 20 };
const cursor = {
  description: 'Opaque: the `nextCursor` of the previous page, passed back unchanged with the same filters. A cursor from another list or another sort, or one that was altered, is a 422 naming `cursor` (`invalid_cursor`).',
  example: cursorOf('startsAt', Date.parse(shift.start), opportunity.id),
};

/** Parameter docs by `operationId.name`, falling back to `name`. */
const parameterDocs: Record<string, ParameterDoc> = {
  limit, cursor,
  'getOpportunity.id': { description: pathId, example: opportunity.id },
  'getOrganization.id': { description: pathId, example: organization.id },
  'cancelMySignup.id': { description: pathId, example: signup.id },
  'updateSignup.id': { description: pathId, example: signup.id },
  'approveServiceRecord.id': { description: pathId, example: serviceRecord.id },
  'rejectServiceRecord.id': { description: pathId, example: serviceRecord.id },
  'disputeMyServiceRecord.id': { description: pathId, example: serviceRecord.id },
  'revokeCertificate.id': { description: 'A certificate of the channel.', example: certificate.id },
  'getCheckinCode.id': { description: 'The shift, one of the organizer\'s organization.', example: shift.id },
  'getRoster.id': { description: 'The shift, one of the organizer\'s organization.', example: shift.id },
  'updateRoster.id': { description: 'The shift, one of the organizer\'s organization.', example: shift.id },
  'updateRosterEntry.id': { description: 'The shift, one of the organizer\'s organization.', example: shift.id },
  'updateRosterEntry.signupId': { description: 'A sign-up holding a spot on the shift.', example: signup.id },
  'resolveDispute.id': { description: pathId, example: dispute.id },
  'getNeed.id': { description: pathId, example: need.id },
  'claimNeed.id': { description: 'An open need of the channel.', example: need.id },
  'releaseNeed.id': { description: 'A need the volunteer claimed.', example: need.id },
  'fulfilNeed.id': { description: 'A need the volunteer claimed.', example: need.id },
  'confirmNeed.id': { description: 'A fulfilled need.', example: need.id },
  'rateNeed.id': { description: 'A confirmed need of the organization.', example: need.id },
  'getMyClaim.id': { description: 'A need the volunteer claimed.', example: need.id },
  'moderateNeed.id': { description: 'A need of the organization.', example: need.id },
  'cancelNeed.id': { description: 'A need of the organization.', example: need.id },
  'listNeeds.serviceCode': { description: 'Only this service.', example: 'haircut' },
  'listNeeds.regionCode': { description: 'A 2, 4 or 6-digit region code; matches that region and everything in it.', example: '330106' },
  'listNeeds.status': { description: 'Which needs: `open` (default), `claimed`, `fulfilled` or `confirmed`.', example: 'open' },
  'listNeeds.sort': { description: '`longest_waiting` (default: the need waiting longest first) or `newest`.', example: 'longest_waiting' },
  'listOrganizerNeeds.status': { description: 'Only needs in this status.', example: 'submitted' },
  'undoMyRedemption.id': { description: pathId, example: redemption.id },
  'listMyRedemptions.status': { description: 'Only redemptions in this state.', example: 'held' },
  'listOrganizerServiceRecords.status': { description: 'Only records with this review state.', example: 'pending' },
  'listOrganizerServiceRecords.overdue': { description: '`true` (or `1`): only pending records past their approval deadline.', example: 'true' },
  'listOrganizerDisputes.status': { description: 'Only disputes in this state.', example: 'open' },
  'listOpportunities.q': { description: 'Free text over title, summary, organizer and place; Chinese works without spaces. Up to 5 words count.', example: '敬老' },
  'listOpportunities.category': { description: 'Only this category.', example: 'elderly' },
  'listOpportunities.regionCode': { description: 'A province (2 digits), city (4) or district (6) GB/T 2260 code; matches that region and everything in it.', example: '3301' },
  'listOpportunities.orgId': { description: 'Only this organizer\'s opportunities.', example: organization.id },
  'listOpportunities.near': { description: 'A point as `lat,lng` in decimal degrees (latitude −90…90, longitude −180…180). Needed by `radiusKm` and `sort=distance`.', example: '30.2594,120.13' },
  'listOpportunities.radiusKm': { description: 'Only within this many kilometres of `near` (0.1–500). Needs `near`: without it, 422 `near_required` on `radiusKm`.', example: 5 },
  'listOpportunities.from': { description: 'Only opportunities with a shift ending at or after this instant.', example: at('12-01', '00:00:00') },
  'listOpportunities.to': { description: 'Only opportunities with a shift starting at or before this instant.', example: at('12-31', '23:59:59') },
  'listOpportunities.skills': { description: 'Comma-separated skills; matches opportunities asking for any of them.', example: 'first_aid,driving' },
  'listOpportunities.hasOpenSlots': { description: '`true` (or `1`): only opportunities with a free spot in some future shift; `false` (or `0`): no filter.', example: 'true' },
  'listOpportunities.status': { description: 'Only this status (default: everything visible).', example: 'recruiting' },
  'listOpportunities.sort': { description: '`relevance` (default with `q`), `startsAt` (default without), `newest`, `distance` (needs `near`: 422 `near_required` on `sort` otherwise) or `spotsLeft`.', example: 'startsAt' },
  'listOrganizations.q': { description: 'Free text over the name and description.', example: '西湖' },
  'listOrganizations.kind': { description: 'Only this kind.', example: 'volunteer_org' },
  'listOrganizations.regionCode': { description: 'Only organizations registered in this 6-digit district.', example: '330106' },
  scope: { description: '`platform` (default), `org:<organization id>`, `region:<2, 4 or 6 digit code>` or `channel:<channel id>` (only the key\'s own channel: 403 otherwise).', example: 'region:3301' },
  period: { description: 'The rolling period: `week`, `month`, `year` or `all` (default).', example: 'year' },
  'getStats.groupBy': { description: '`month`, `category` or `region`: also answer the figures per group in `groups`.', example: 'month' },
  'getHonorBoard.metric': { description: 'Rank by approved `hours` (default) or `points`.', example: 'hours' },
  'getHonorBoard.subject': { description: 'Rank `volunteer`s (default) or `organization`s (teams).', example: 'volunteer' },
  'getHonorBoard.limit': { description: 'How many ranked lines, 1–100; default 10.', example: 10 },
  'getHonorBoard.featured': { description: 'How many featured honors to include, 0–10; default 3.', example: 3 },
  opportunityId: { description: 'Only sign-ups for this opportunity.', example: opportunity.id },
  'listSignups.status': { description: 'Only sign-ups with this status.', example: 'pending_review' },
  'listMySignups.status': { description: 'Only sign-ups with this status.', example: 'approved' },
  'listSignups.reveal': { description: '`idNumber` to export unmasked resident ID numbers. Every such export is logged for audit.', example: 'idNumber' },
  'listMyServiceRecords.status': { description: 'Only records with this review state.', example: 'approved' },
  'listMyServiceRecords.shiftId': { description: 'Only the records of this shift: the one its check-out made, and any record correcting it.', example: shift.id },
  'getWebhookEndpoint.id': { description: pathId, example: webhookEndpoint.id },
  'updateWebhookEndpoint.id': { description: pathId, example: webhookEndpoint.id },
  'rotateWebhookSecret.id': { description: pathId, example: webhookEndpoint.id },
  'deleteWebhookEndpoint.id': { description: pathId, example: webhookEndpoint.id },
  'listWebhookDeliveries.id': { description: pathId, example: webhookEndpoint.id },
  'listWebhookDeliveries.status': { description: 'Only deliveries in this state.', example: 'failed' },
  'replayWebhookDelivery.id': { description: pathId, example: webhookEndpoint.id },
  'replayWebhookDelivery.deliveryId': { description: 'A delivery of this endpoint.', example: webhookDelivery.id },
  'listMyRecommendations.regionCode': { description: 'Where the volunteer is, a 6-digit GB/T 2260 code (a campus\'s district); without it, the region they took part in most.', example: '330106' },
  'dismissMyRecommendation.opportunityId': { description: 'An activity the channel sees.', example: opportunity.id },
  'listEvents.after': { description: 'The `next` of an earlier page; omit to start from the oldest event kept. Anything else is a 422 (`invalid_cursor`).', example: 'WyJldmVudHMiLCI3NDEiLDEyXQ' },
  'listEvents.limit': { description: 'Events per page, 1–100; default 100.', example: 100 },
};

export function parameterDoc(operationId: string, name: string): ParameterDoc {
  const doc = parameterDocs[`${operationId}.${name}`] ?? parameterDocs[name];
  if (!doc) throw new Error(`scripts/openapi/descriptions.ts: parameter ${name} of ${operationId} has no description`);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Errors shared by every operation (components.responses).

export const errorDescriptions: Record<string, { description: string; example: unknown }> = {
  400: {
    description: 'The body could not be read: not JSON, not UTF-8, or missing on an operation that needs one (`bad_request`).',
    example: problemOf(400, 'bad_request', '请求有误', 'The request body is not valid JSON.'),
  },
  401: {
    description: 'Credentials missing, unknown, expired or malformed (`unauthorized`). A publishable key travels as `?key=pk_…` or a bearer; everything else only as `Authorization: Bearer …`.',
    example: problemOf(401, 'unauthorized', '未通过身份验证', 'Unknown publishable key.'),
  },
  403: {
    description: 'The credential may not do this: the origin is not on the channel\'s allow-list (`origin_not_allowed`), a secret key came from a browser or a scope belongs to another channel (`forbidden`), or the endpoint needs a secret key (`secret_key_required`).',
    example: problemOf(403, 'origin_not_allowed', '此网站无权使用该密钥', 'Origin https://evil.example is not on this channel\'s list of allowed origins.'),
  },
  404: {
    description: 'No such resource visible to this channel (`not_found`).',
    example: problemOf(404, 'not_found', '未找到', 'Opportunity was not found.'),
  },
  405: {
    description: 'The path exists but not with this method; `Allow` lists the methods it accepts. Any path of this document answers a method it does not list with 405.',
    example: problemOf(405, methodNotAllowedCode, '请求方法不被允许', 'DELETE is not allowed on /v1/opportunities; use GET.'),
  },
  409: {
    description: 'A conflict: a state change the resource cannot make (`conflict`), sign-up not open (`signup_closed`), or a duplicate sign-up (`duplicate_signup`, with `existing`).',
    example: problemOf(409, 'duplicate_signup', '您已报名该班次', 'This volunteer already has a sign-up for this shift; it is returned as `existing`.', { existing: signup }),
  },
  413: { description: 'The body is larger than the server accepts (64 KiB by default; `payload_too_large`).', example: problemOf(413, 'payload_too_large', '请求内容过大', 'The request body is larger than 65536 bytes.') },
  415: { description: 'The body is not JSON (`unsupported_media_type`): send `Content-Type: application/json`.', example: problemOf(415, 'unsupported_media_type', '不支持的内容类型', 'Send the body as JSON with Content-Type: application/json.') },
  422: {
    description: 'Validation failed (`validation_failed`): `errors` names each bad query parameter, path id, body field or header by path, with a stable `code`. Also: an `Idempotency-Key` reused with a different request (`idempotency_key_reused`), an age limit not met (`requirements_not_met`).',
    example: problem,
  },
  429: {
    description: 'Rate limited (`rate_limited`): more requests than allowed per minute for this caller and client address. Wait `Retry-After` seconds.',
    example: problemOf(429, 'rate_limited', '请求过于频繁', 'More than 600 requests in a minute; retry after 12 s.'),
  },
  default: {
    description: 'An unexpected server error (`internal_error`, 500). Safe to retry GETs and writes sent with an `Idempotency-Key`; quote `requestId` to support.',
    example: { ...problemOf(500, 'internal_error', '服务器内部错误', 'Something went wrong on our side; the request id helps us find out what.'), status: 500 },
  },
};

// ---------------------------------------------------------------------------------------------
// Security schemes, servers, tags and the getting-started text.

export const securitySchemes = {
  publishableKey: {
    type: 'apiKey', in: 'query', name: 'key',
    description: 'A **publishable key** (`pk_test_…` / `pk_live_…`) in the query string: `?key=pk_live_…`. For public reads and guest sign-ups from web pages; safe to ship in a page, and usable only from the channel\'s allowed origins. In the query so that public GETs are CORS-simple (no preflight) and a CDN can cache them per channel. Only publishable keys may travel in a URL.',
  },
  bearerPublishableKey: {
    type: 'http', scheme: 'bearer', bearerFormat: 'pk_…',
    description: 'The same **publishable key** as `Authorization: Bearer pk_…`. Accepted everywhere `?key=` is; answers are then cached only privately. The SDK uses it for guest sign-ups.',
  },
  secretKey: {
    type: 'http', scheme: 'bearer', bearerFormat: 'sk_…',
    description: 'A **secret key** (`sk_test_…` / `sk_live_…`) as `Authorization: Bearer sk_…`. For partner back ends only: exports, reviews, service records and minting sessions. A request carrying an `Origin` header (a browser) is refused with 403. Never in a URL, never in a page.',
  },
  organizerSessionToken: {
    type: 'http', scheme: 'bearer', bearerFormat: 'ost_…',
    description: 'An **organizer session** (`ost_…`) as `Authorization: Bearer ost_…`, minted by your back end with `POST /v1/sessions` (`organizer`) for a staff member of an organization your channel is authorized for. Runs check-in, rosters, reviews and disputes for that one organization; refused where a volunteer session is expected, and the other way round. Never in a URL.',
  },
  sessionToken: {
    type: 'http', scheme: 'bearer', bearerFormat: 'vst_…',
    description: 'A **volunteer session** (`vst_…`) as `Authorization: Bearer vst_…`, minted by your back end with `POST /v1/sessions` for a person it authenticated. Acts for that one volunteer: `/v1/me…` and sign-ups. Short-lived (1 h by default); safe to hand to the browser, never put in a URL.',
  },
};

export const servers = [
  { url: 'http://localhost:8787', description: 'The reference server on your machine: `npm start` (or `npx volunteerkit-server --seed`) serves it with demo keys such as `pk_test_news_demo` and `sk_test_news_demo`.' },
  {
    url: 'https://{host}', description: 'The province\'s production platform. Its host name and your live keys are given to you when your channel is registered.',
    variables: { host: { default: 'api.volunteer.example.gov.cn', description: 'The production API host (placeholder until your channel is registered).' } },
  },
];

export const tags = [
  { name: 'Opportunities', description: 'Volunteering opportunities (活动/岗位) and their shifts.' },
  { name: 'Organizations', description: 'Organizations (志愿服务组织) that publish opportunities.' },
  { name: 'Channel', description: 'The partner channel the key belongs to.' },
  { name: 'Signups', description: 'Signing up (guests and volunteers) and, with a secret key, exporting and reviewing sign-ups.' },
  { name: 'Recognition', description: 'Honor boards (光荣榜), impact statistics, points (time bank), rewards (礼遇) and their redemptions.' },
  { name: 'Recognition', description: 'Honor boards (光荣榜), impact statistics and signed certificates of service (志愿服务证明).' },
  { name: 'Me', description: 'The signed-in volunteer\'s own data (volunteer session).' },
  { name: 'Sessions', description: 'Volunteer sessions minted by partner back ends.' },
  { name: 'Service records', description: 'Served hours (服务记录): recorded, then approved or rejected.' },
  { name: 'Attendance', description: 'Check-in and check-out (签到/签退) with a rotating code, and the organizer\'s roster.' },
  { name: 'Disputes', description: 'Volunteers dispute a record (申诉); organizers resolve it with a correcting record.' },
  { name: 'Audit', description: 'The channel\'s own log of privileged actions.' },
  { name: 'Needs', description: 'The needs board (微心愿/点单): residents\' requests, filed by them or by a helper on their behalf, claimed and fulfilled by volunteers.' },
  { name: 'Webhooks', description: 'Signed webhooks (Standard Webhooks) and the events feed: partners hear of changes instead of polling.' },
  { name: 'CORS', description: 'Preflight requests browsers send on their own before writes and bearer-authorized reads.' },
  { name: 'Operations', description: 'For the people who run the server: health checks.' },
];

export const gettingStarted = `The VolunteerKit platform API: volunteering opportunities, sign-ups, service hours and recognition, for partner sites (news portals, campuses, enterprises) and their apps. The TypeScript SDK \`@volunteerkit/sdk\` and the web components \`@volunteerkit/widgets\` wrap it; this document is generated from the same contract (\`npm run openapi\`), so the three agree.

## Keys

Each partner is a **channel** with three kinds of credentials:

| credential | prefix | where | for |
| --- | --- | --- | --- |
| publishable key | \`pk_test_\` / \`pk_live_\` | \`?key=\` or \`Authorization: Bearer\`, from web pages on the channel's allowed origins | public reads, guest sign-ups |
| secret key | \`sk_test_\` / \`sk_live_\` | \`Authorization: Bearer\`, from your back end only | exports, reviews, service records, sessions |
| volunteer session | \`vst_\` | \`Authorization: Bearer\`, minted by your back end with \`POST /v1/sessions\` | one volunteer's own data, sign-ups, check-in, disputes |
| organizer session | \`ost_\` | \`Authorization: Bearer\`, minted by your back end with \`POST /v1/sessions\` (\`organizer\`) | one organization's check-in, rosters, reviews, disputes |

The reference server (\`npm start\`) is seeded with demo channels: \`pk_test_news_demo\` / \`sk_test_news_demo\` (news), \`pk_test_campus_demo\` / \`sk_test_campus_demo\` (campus).

## A first request

\`\`\`sh
curl 'http://localhost:8787/v1/opportunities?key=pk_test_news_demo&category=elderly&hasOpenSlots=true&limit=2'
\`\`\`

answers \`200\` with \`{ "data": [ …opportunities… ], "nextCursor": "…" }\`. Sign a guest up (the key as a bearer, an idempotency key so a retry is safe):

\`\`\`sh
curl -X POST http://localhost:8787/v1/signups \\
  -H 'Authorization: Bearer pk_test_news_demo' -H 'Content-Type: application/json' \\
  -H "Idempotency-Key: $(uuidgen)" \\
  -d '{"opportunityId":"opp_…","shiftId":"shf_…","volunteer":{"name":"林晓雨","mobile":"13957112345"},"consent":{"policyVersion":"2026-01","accepted":true}}'
\`\`\`

## Paging

Lists answer \`{ data, nextCursor }\`. Pass \`nextCursor\` back as \`cursor\` with the same filters until it is \`null\`. Cursors are opaque strings: do not parse, build or keep them across filter changes (a foreign or altered cursor is a 422 on \`cursor\`). \`limit\` is 1–100, default 20.

## Errors

Every error is RFC 9457 problem details (\`application/problem+json\`) with a stable \`code\` (see \`ErrorCode\`), the \`requestId\`, and on a 422 \`errors[]\` naming each field by path (\`volunteer.mobile\`, \`near\`, \`cursor\`, \`Idempotency-Key\`):

\`\`\`json
{ "type": "https://volunteerkit.dev/problems/validation_failed", "title": "部分内容填写有误", "status": 422,
  "code": "validation_failed", "requestId": "req_…",
  "errors": [{ "path": "volunteer.mobile", "message": "must be an 11-digit mainland mobile number starting with 1", "code": "invalid_mobile" }] }
\`\`\`

Bad input of any kind (query, path id, body, header) is a 4xx, never a 5xx: 422 for values, 400 for a body that is not JSON, 413/415 for its size and type. \`title\` follows \`?locale=\` or \`Accept-Language\` (\`zh-CN\` by default; \`Content-Language\` says which). A method a path does not accept is a 405 with \`Allow\`; an unknown path is a 404. Every response, errors and 304s included, carries \`X-Request-Id\`: quote it to support.

## Idempotency and retries

Every write accepts \`Idempotency-Key\` (1–255 visible ASCII characters; a UUID). The first answer is stored for 24 hours: the same key with the same request returns it again (\`Idempotent-Replayed: true\`) without doing the work twice; the same key with a different request is a 422 \`idempotency_key_reused\`; a retry that arrives while the first is still running waits for it and gets the same answer. Retry GETs and keyed writes on network errors, 429 and 5xx, with backoff.

## Rate limits

Requests are counted per credential and client address in one-minute windows (600 per minute on the reference server). Over the limit: 429 with \`Retry-After\` in seconds.

## Caching

Public reads with \`?key=\` are cacheable by browsers and CDNs (\`Cache-Control: public, max-age=30, stale-while-revalidate=300\`) and carry a strong \`ETag\`: send it back as \`If-None-Match\` and an unchanged answer is a bodiless 304. With the key as a bearer they are cached only privately; secret-key and session answers are never stored.

## CORS

Browsers may call from the channel's allowed origins. Public GETs with \`?key=\` need no preflight; writes preflight (\`OPTIONS\`, answered for allowed origins). A request with an \`Origin\` header and a secret key is refused.
`;
