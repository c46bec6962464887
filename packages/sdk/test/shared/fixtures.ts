/**
 * Answers that satisfy the contract, for tests in Node and in the browsers. Each builder returns a
 * fresh object, so a test can break one field without touching the others.
 */
import type { Channel, HonorBoard, ImpactStats, Opportunity, OpportunitySummary, Organization, ProblemDetails, ServiceRecord, Session, Signup, VolunteerProfile } from '../../src/index.js';

const at = '2026-11-22T09:00:00+08:00';
const stamps = { createdAt: at, updatedAt: at };

export function opportunity(n = 1): Opportunity {
  return {
    id: `opp_test${String(n).padStart(4, '0')}`,
    orgId: 'org_test0001',
    orgName: '西湖区志愿者协会',
    title: `社区敬老活动 ${n}`,
    summary: '陪伴社区老人，读报聊天。',
    description: '第一段。\n\n第二段。',
    category: 'elderly',
    skills: ['companionship'],
    location: { name: '翠苑社区服务中心', address: '杭州市西湖区文三路 1 号', regionCode: '330106', lat: 30.28, lng: 120.13, online: false },
    status: 'recruiting',
    audience: 'public',
    approval: 'auto',
    signupOpensAt: null,
    signupClosesAt: '2026-12-01T00:00:00+08:00',
    requirements: { minAge: 16 },
    hoursPerShift: 3,
    pointsPerHour: 10,
    coverImageUrl: null,
    timezone: 'Asia/Shanghai',
    shifts: [{ id: 'shf_test0001', start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T12:00:00+08:00', capacity: 10, signedUp: 3, waitlisted: 0 }],
    questions: [],
    ...stamps,
  };
}

/** `opportunity(n)` as the list carries it. */
export function opportunitySummary(n = 1): OpportunitySummary {
  const { id, orgId, orgName, title, category, location, status, audience, signupOpensAt, signupClosesAt, hoursPerShift, timezone, shifts } = opportunity(n);
  const shift = shifts[0]!;
  return {
    id, orgId, orgName, title, category, status, audience, signupOpensAt, signupClosesAt, hoursPerShift, timezone,
    location: { name: location.name, regionCode: location.regionCode, online: location.online },
    nextShift: { id: shift.id, start: shift.start, end: shift.end, spotsLeft: shift.capacity - shift.signedUp },
    shiftCount: 1,
    openSpots: shift.capacity - shift.signedUp,
  };
}

export function opportunityPage(count = 2, nextCursor: string | null = null, from = 1): { data: OpportunitySummary[]; nextCursor: string | null } {
  return { data: Array.from({ length: count }, (_, i) => opportunitySummary(from + i)), nextCursor };
}

export function organization(): Organization {
  return { id: 'org_test0001', name: '西湖区志愿者协会', kind: 'volunteer_org', regionCode: '330106', logoUrl: null, description: '', verified: true, ...stamps };
}

export function channel(): Channel {
  return {
    id: 'chn_news0001',
    name: '钱江晚报志愿频道',
    kind: 'news',
    identityFields: ['name', 'mobile'],
    privacyPolicyUrl: 'https://news.example.com/privacy',
    privacyPolicyVersion: '2026-01',
    defaultLocale: 'zh-CN',
    theme: 'auto',
    ...stamps,
  };
}

export function signup(): Signup {
  return {
    id: 'sgn_test0001',
    reference: 'VK-7F3K2Q',
    opportunityId: 'opp_test0001',
    shiftId: 'shf_test0001',
    volunteerId: 'vol_test0001',
    displayName: '张*明',
    answers: {},
    consent: { policyVersion: '2026-01', at },
    status: 'approved',
    waitlistPosition: null,
    source: { channelId: 'chn_news0001', widget: 'vk-signup-form' },
    ...stamps,
  };
}

export function honorBoard(): HonorBoard {
  return {
    scope: 'platform',
    period: 'month',
    metric: 'hours',
    subject: 'volunteer',
    generatedAt: at,
    entries: [{ rank: 1, subject: { type: 'volunteer', id: 'vol_test0001', name: '张*明', avatarUrl: null, starLevel: 3 }, value: 42 }],
    featured: [],
  };
}

export function stats(): ImpactStats {
  return { scope: 'platform', period: 'year', registeredVolunteers: 1200, organizations: 40, openOpportunities: 180, approvedHours: 35_000.5, signupsInPeriod: 900, approvalTimes: [],
    metrics: { approvedHours: 35_000.5, activeVolunteers: 640, fillRate: 0.74, needsFulfilled: 12, medianApprovalHours: 30, suppressed: [] },
    groupBy: null, groups: [], minPublishedCount: 5, generatedAt: at };
}

export function profile(): VolunteerProfile {
  return {
    id: 'vol_test0001',
    displayName: '张*明',
    avatarUrl: null,
    starLevel: 1,
    approvedHours: 120,
    points: 1200,
    name: '张三明',
    channelId: 'chn_news0001',
    mobile: '138****8000',
    email: null,
    studentId: null,
    employeeId: null,
    showName: false,
    birthDateOnFile: true,
    hoursToNextStar: 180,
    starLevelReachedAt: '2026-09-20T10:00:00+08:00',
    starRule: { thresholds: [100, 300, 600, 1000, 1500] },
    pointsAvailable: 1000,
    ...stamps,
  };
}

export function serviceRecord(): ServiceRecord {
  return {
    id: 'rec_test0001',
    volunteerId: 'vol_test0001',
    opportunityId: 'opp_test0001',
    opportunityTitle: '社区敬老活动 1',
    shiftId: 'shf_test0001',
    checkIn: '2026-12-02T09:00:00+08:00',
    checkOut: '2026-12-02T12:00:00+08:00',
    hours: 3,
    status: 'pending',
    recordedBy: '王老师',
    source: 'manual',
    policyVersion: null,
    dueAt: null,
    explanation: [{ code: 'recorded_manually', params: {} }],
    reviewedBy: null,
    reviewedAt: null,
    corrects: null,
    correctedBy: null,
    disputableUntil: '2027-01-01T12:00:00+08:00',
    dispute: null,
    ...stamps,
  };
}

export function session(): Session {
  return { token: 'vst_abcdef123456', volunteerId: 'vol_test0001', channelId: 'chn_news0001', expiresAt: '2026-11-22T10:00:00+08:00' };
}

export function problem(status: number, code: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: `https://docs.volunteerkit.cn/errors/${code}`, title: code.replace(/_/g, ' '), status, code, requestId: 'req_test123', ...extra };
}

export const validSignupBody = {
  opportunityId: 'opp_test0001',
  shiftId: 'shf_test0001',
  volunteer: { name: '张三明', mobile: '13800138000' },
  consent: { policyVersion: '2026-01', accepted: true as const },
};
