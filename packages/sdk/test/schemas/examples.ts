// One valid example of every entity of the contract, used by the schema tests and as the
// OpenAPI examples. Each must parse with its schema; the tests then break one field at a time.
import type * as S from '../../src/schemas/index.js';

const at = '2026-11-22T09:00:00+08:00';
const stamps = { createdAt: at, updatedAt: '2026-11-22T01:00:00Z' };

export const organization: S.Organization = {
  id: 'org_xihu01', name: '西湖区青年志愿者协会', kind: 'volunteer_org', regionCode: '330106',
  logoUrl: null, description: '服务西湖区社区与景区的志愿者组织。', verified: true, ...stamps,
};

export const shift: S.Shift = {
  id: 'shf_a1b2c3', start: '2026-12-05T09:00:00+08:00', end: '2026-12-05T12:00:00+08:00',
  capacity: 10, signedUp: 4, waitlisted: 0,
};

export const opportunity: S.Opportunity = {
  id: 'opp_k3x9q2', orgId: organization.id, orgName: organization.name, title: '社区长者智能手机课堂',
  summary: '教长者用手机挂号、视频通话。', description: '每周六上午。\n\n请提前十分钟到场。',
  category: 'elderly', skills: ['teaching'],
  location: { name: '文新街道社区中心', address: '杭州市西湖区文一西路 1 号', regionCode: '330106', lat: 30.28, lng: 120.11, online: false },
  status: 'recruiting', audience: 'public', approval: 'auto', signupOpensAt: null, signupClosesAt: '2026-12-04T18:00:00+08:00',
  requirements: { minAge: 16, trainingRequired: false, insuranceProvided: true }, hoursPerShift: 3, pointsPerHour: 10,
  coverImageUrl: 'https://cdn.example.org/covers/phone-class.jpg', timezone: 'Asia/Shanghai', shifts: [shift],
  questions: [
    { id: 'q_dialect', label: '是否会说杭州话？', kind: 'choice', required: false, options: ['会', '不会'] },
    { id: 'q_note', label: '备注', kind: 'text', required: false },
  ],
  ...stamps,
};

export const opportunitySummary: S.OpportunitySummary = {
  id: opportunity.id, orgId: opportunity.orgId, orgName: opportunity.orgName, title: opportunity.title, category: opportunity.category,
  location: { name: opportunity.location.name, regionCode: opportunity.location.regionCode, online: false },
  status: 'recruiting', audience: 'public', signupOpensAt: null, signupClosesAt: opportunity.signupClosesAt, hoursPerShift: 3,
  timezone: 'Asia/Shanghai', nextShift: { id: shift.id, start: shift.start, end: shift.end, spotsLeft: 6 }, shiftCount: 1, openSpots: 6,
};

export const volunteer: S.Volunteer = {
  id: 'vol_5z8w1m', displayName: '张*明', avatarUrl: null, starLevel: 2, approvedHours: 320.5, points: 3205, ...stamps,
};

export const volunteerProfile: S.VolunteerProfile = {
  ...volunteer, name: '张晓明', channelId: 'chn_campus01', mobile: '138****5678', email: null,
  studentId: '2023001234', employeeId: null, showName: false, birthDateOnFile: false, hoursToNextStar: 279.5,
  starLevelReachedAt: '2026-10-18T11:00:00+08:00', starRule: { thresholds: [100, 300, 600, 1000, 1500] }, pointsAvailable: 2805,
};

export const channel: S.Channel = {
  id: 'chn_campus01', name: '浙江大学志愿者之家', kind: 'campus', identityFields: ['name', 'mobile', 'studentId'],
  privacyPolicyUrl: 'https://volunteer.example.edu.cn/privacy', privacyPolicyVersion: '2026-09', defaultLocale: 'zh-CN',
  theme: 'auto', ...stamps,
};

export const signup: S.Signup = {
  id: 'sgn_q7r2t9', reference: 'VK-7F3K2Q', opportunityId: opportunity.id, shiftId: shift.id, volunteerId: volunteer.id,
  displayName: '张*明', answers: { q_dialect: '会' }, consent: { policyVersion: '2026-09', at }, status: 'approved',
  waitlistPosition: null, source: { channelId: channel.id, widget: 'vk-signup-form' }, ...stamps,
};

export const signupExport: S.SignupExport = {
  ...signup,
  contact: { name: '张晓明', mobile: '13812345678', email: null, studentId: '2023001234', employeeId: null, idNumber: null },
};

export const serviceRecord: S.ServiceRecord = {
  id: 'rec_m4n5p6', volunteerId: volunteer.id, opportunityId: opportunity.id, opportunityTitle: opportunity.title,
  shiftId: shift.id, checkIn: '2026-12-05T08:55:00+08:00', checkOut: '2026-12-05T12:05:00+08:00', hours: 3,
  status: 'approved', recordedBy: '王老师', source: 'attendance', policyVersion: 1, dueAt: '2026-12-08T12:05:00+08:00',
  explanation: [{ code: 'present', params: { minutes: 190, shiftMinutes: 180, percent: 105 } }, { code: 'full_shift', params: { hours: 3 } }],
  reviewedBy: '张明', reviewedAt: '2026-12-06T09:00:00+08:00', corrects: null, correctedBy: null,
  disputableUntil: '2027-01-04T12:10:00+08:00', dispute: null, ...stamps,
};

export const honor: S.Honor = {
  id: 'hon_a9b8c7', kind: 'exemplary_volunteer', title: '2026 年度优秀志愿者', citation: '三年服务社区长者 600 余小时。',
  subject: { type: 'volunteer', id: volunteer.id, name: '张*明' }, awardedAt: at, ...stamps,
};

export const honorBoard: S.HonorBoard = {
  scope: 'platform', period: 'month', metric: 'hours', subject: 'volunteer', generatedAt: at,
  entries: [
    { rank: 1, subject: { type: 'volunteer', id: 'vol_aaaa01', name: '李*', avatarUrl: null, starLevel: 3 }, value: 42 },
    { rank: 2, subject: { type: 'volunteer', id: 'vol_aaaa02', name: 'Wang Fang', avatarUrl: null, starLevel: 1 }, value: 30 },
    { rank: 2, subject: { type: 'volunteer', id: 'vol_aaaa03', name: '陈*华', avatarUrl: null, starLevel: 0 }, value: 30 },
  ],
  featured: [honor],
};

export const impactStats: S.ImpactStats = {
  scope: 'region:3301', period: 'year', registeredVolunteers: 5231, organizations: 48, openOpportunities: 131,
  approvedHours: 88231.5, signupsInPeriod: 9120,
  approvalTimes: [{ organizationId: 'org_x1y2z3', organizationName: '西湖区志愿者协会', medianApprovalHours: 20.5, approvedRecords: 412 }],
  metrics: { approvedHours: 88231.5, activeVolunteers: 2104, fillRate: 0.82, needsFulfilled: 57, medianApprovalHours: 20.5, suppressed: [] },
  groupBy: 'category',
  groups: [
    { key: 'elderly', approvedHours: 30120, activeVolunteers: 812, fillRate: 0.9, needsFulfilled: null, medianApprovalHours: 18, suppressed: [] },
    { key: 'emergency', approvedHours: null, activeVolunteers: null, fillRate: null, needsFulfilled: null, medianApprovalHours: null, suppressed: ['approvedHours', 'activeVolunteers', 'fillRate'] },
  ],
  minPublishedCount: 5,
  generatedAt: at,
};

export const session: S.Session = {
  token: 'vst_eyJ2IjoiMSJ9.c2lnbmF0dXJl', volunteerId: volunteer.id, channelId: channel.id, expiresAt: at,
};

export const need: S.Need = {
  id: 'ned_h1j2k3', serviceCode: 'repair', title: '帮独居老人更换灯泡', details: '行动不便，需要上门。', regionCode: '330106',
  organizationId: organization.id, requester: '王*英', filedOnBehalf: true, preferredTimes: '周末上午', status: 'open', statusReason: null,
  waitingSince: at, dueAt: '2026-12-06T09:00:00+08:00', claimedAt: null, fulfilledAt: null, confirmedAt: null, serviceRecordId: null,
  rating: null, ...stamps,
};

export const problem: S.ProblemDetails = {
  type: 'https://volunteerkit.dev/problems/validation_failed', title: 'Some fields need attention', status: 422,
  detail: '2 fields are invalid.', code: 'validation_failed', requestId: 'req_8d7f6e',
  errors: [{ path: 'volunteer.mobile', message: 'must be an 11-digit mainland mobile number starting with 1', code: 'invalid_mobile' }],
};
