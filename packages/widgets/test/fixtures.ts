/**
 * Realistic API answers for widget tests. Every fixture parses with the contract schemas (the SDK
 * validates responses, so a fixture that drifts from the contract fails loudly in
 * `fixtures.test.ts` instead of silently in a widget test). Shared with the sign-up form's tests.
 */
import type { Channel, Honor, HonorBoard, HonorBoardEntry, Opportunity, OpportunitySummary, Shift } from '@volunteerkit/sdk/schemas';

export const BASE_URL = 'https://api.volunteerkit.test';
export const PUBLISHABLE_KEY = 'pk_test_widgets0001';

const CREATED = '2026-10-01T08:00:00+08:00';
const DAY = 24 * 3600 * 1000;

/**
 * The clock fixtures are relative to. Whatever is compared with today by a widget (the sign-up
 * window) is placed around `now`, so the fixtures do not expire as the calendar moves; a test that
 * needs another moment passes its own `now`. Shift times stay fixed: tests check how they are
 * formatted ("Nov 28, 9:00"); only the list's shifts ({@link makeOpportunities}) are placed after
 * `now`. A list item's next shift and open spots are the server's answer, computed at
 * {@link LIST_ANSWERED_AT} (before every fixture shift), not by the widget.
 */
function signupWindowAround(now: Date): Pick<Opportunity, 'signupOpensAt' | 'signupClosesAt'> {
  return { signupOpensAt: new Date(now.getTime() - 30 * DAY).toISOString(), signupClosesAt: new Date(now.getTime() + 30 * DAY).toISOString() };
}

/** Strings an attacker could get into the API: they must show as text, never run. */
export const HOSTILE_TEXT = {
  img: '<img src=x onerror="window.__vkXss=1">',
  script: '<script>window.__vkXss=1</script>',
  mixed: '关爱老人<img src=x onerror="window.__vkXss=1"><b>粗体</b>',
} as const;

export function makeShift(overrides: Partial<Shift> = {}): Shift {
  return {
    id: 'shf_morning001',
    start: '2026-11-28T09:00:00+08:00',
    end: '2026-11-28T11:30:00+08:00',
    capacity: 20,
    signedUp: 12,
    waitlisted: 0,
    ...overrides,
  };
}

/** An opportunity open for sign-up at `now` (a month either side). */
export function makeOpportunity(overrides: Partial<Opportunity> = {}, now: Date = new Date()): Opportunity {
  return {
    id: 'opp_elderly001',
    orgId: 'org_xihu0001',
    orgName: '西湖区志愿者协会',
    title: '社区敬老院陪伴服务',
    summary: '陪伴老人聊天、读报，协助开展文娱活动。',
    description: '每周六上午在翠苑社区敬老院陪伴老人。\n\n请提前十分钟到达，并签到。',
    category: 'elderly',
    skills: ['陪伴', '沟通'],
    location: { name: '翠苑社区敬老院', address: '杭州市西湖区翠苑街道文一西路 88 号', regionCode: '330106', online: false, lat: 30.29, lng: 120.12 },
    status: 'recruiting',
    audience: 'public',
    approval: 'auto',
    ...signupWindowAround(now),
    requirements: { insuranceProvided: true },
    hoursPerShift: 2.5,
    pointsPerHour: 10,
    coverImageUrl: null,
    timezone: 'Asia/Shanghai',
    shifts: [makeShift(), makeShift({ id: 'shf_afternoon01', start: '2026-11-28T14:00:00+08:00', end: '2026-11-28T16:30:00+08:00', signedUp: 20 })],
    questions: [{ id: 'q_tshirt', label: 'T 恤尺码', kind: 'choice', required: true, options: ['S', 'M', 'L', 'XL'] }],
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** The moment fixture list answers are computed at: before every fixture shift, so each has a next shift. */
export const LIST_ANSWERED_AT = new Date('2026-11-01T00:00:00+08:00');

/**
 * `opportunity` as `GET /v1/opportunities` lists it, by the server's rules (db/queries.ts): the
 * next shift is the soonest not ended at `now`, `shiftCount` counts those not ended, `openSpots`
 * sums the spots left on those not started, and `recruiting` with none left reads `full`.
 */
export function summaryOf(opportunity: Opportunity, now: Date = LIST_ANSWERED_AT): OpportunitySummary {
  const at = now.getTime();
  const ahead = opportunity.shifts.filter((s) => Date.parse(s.end) >= at).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const openSpots = opportunity.shifts.filter((s) => Date.parse(s.start) > at).reduce((sum, s) => sum + Math.max(0, s.capacity - s.signedUp), 0);
  const next = ahead[0];
  return {
    id: opportunity.id,
    orgId: opportunity.orgId,
    orgName: opportunity.orgName,
    title: opportunity.title,
    category: opportunity.category,
    location: { name: opportunity.location.name, regionCode: opportunity.location.regionCode, online: opportunity.location.online },
    status: opportunity.status === 'recruiting' && openSpots === 0 ? 'full' : opportunity.status,
    audience: opportunity.audience,
    signupOpensAt: opportunity.signupOpensAt,
    signupClosesAt: opportunity.signupClosesAt,
    hoursPerShift: opportunity.hoursPerShift,
    timezone: opportunity.timezone,
    nextShift: next ? { id: next.id, start: next.start, end: next.end, spotsLeft: Math.max(0, next.capacity - next.signedUp) } : null,
    shiftCount: ahead.length,
    openSpots,
  };
}

const TITLES: Array<[string, Opportunity['category'], string, string]> = [
  ['社区敬老院陪伴服务', 'elderly', '翠苑社区敬老院', '330106'],
  ['西湖湖畔垃圾分类宣传', 'environment', '北山街游客服务中心', '330106'],
  ['图书馆周末阅读辅导', 'education', '杭州图书馆少儿分馆', '330105'],
  ['杭州马拉松赛道补给站', 'sports_events', '钱江新城补给站', '330102'],
  ['社区义诊导诊引导', 'health', '拱宸桥街道社区卫生服务中心', '330105'],
  ['防汛应急物资分装', 'emergency', '滨江区应急物资仓库', '330108'],
  ['博物馆讲解志愿者', 'culture', '浙江省博物馆孤山馆区', '330106'],
  ['留守儿童课后陪伴', 'children', '余杭区良渚街道儿童之家', '330110'],
  ['文明交通劝导', 'civic', '武林广场路口', '330103'],
  ['社区邻里节布置', 'community', '三墩镇社区活动中心', '330106'],
];

/** `YYYY-MM-DD` of `at` in Shanghai (UTC+8, no daylight saving). */
function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * `count` distinct opportunities (ids `opp_list0000`, `opp_list0001`, …), cycling realistic
 * titles, open for sign-up at `now`, each with one shift on one of the 27 days after `now`: a
 * widget that judges "not started yet" by the reader's clock agrees with the list answer.
 */
export function makeOpportunities(count: number, offset = 0, now: Date = new Date()): Opportunity[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + offset;
    const [title, category, place, regionCode] = TITLES[n % TITLES.length]!;
    const date = shanghaiDate(new Date(now.getTime() + (1 + (n % 27)) * DAY));
    return makeOpportunity({
      id: `opp_list${String(n).padStart(4, '0')}`,
      title: n < TITLES.length ? title : `${title}（第 ${Math.floor(n / TITLES.length) + 1} 期）`,
      category,
      location: { name: place, address: `杭州市 ${place}`, regionCode, online: false },
      status: n % 7 === 3 ? 'full' : 'recruiting',
      hoursPerShift: 2 + (n % 3),
      shifts: [
        makeShift({
          id: `shf_list${String(n).padStart(4, '0')}`,
          start: `${date}T09:00:00+08:00`,
          end: `${date}T${String(11 + (n % 3)).padStart(2, '0')}:00:00+08:00`,
          capacity: 10 + (n % 20),
          signedUp: n % 7 === 3 ? 10 + (n % 20) : n % 10,
        }),
      ],
    }, now);
  });
}

export function makeChannel(overrides: Partial<Channel> = {}): Channel {
  return {
    id: 'chn_news0001',
    name: '钱江晚报志愿频道',
    kind: 'news',
    identityFields: ['name', 'mobile'],
    privacyPolicyUrl: 'https://news.example.cn/volunteer/privacy',
    privacyPolicyVersion: '2026-09',
    defaultLocale: 'zh-CN',
    theme: 'light',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export const campusChannel: Channel = makeChannel({
  id: 'chn_campus001',
  name: '浙江大学志愿者之家',
  kind: 'campus',
  identityFields: ['name', 'mobile', 'studentId'],
  privacyPolicyUrl: 'https://zju.example.edu.cn/volunteer/privacy',
});

const NAMES = ['张*明', '李*华', '王*', '陈*婷', '刘*强', '杨*', '赵*静', '黄*伟', '周*芳', '吴*'];

export function makeHonorEntries(count: number, subject: 'volunteer' | 'organization' = 'volunteer'): HonorBoardEntry[] {
  const entries: HonorBoardEntry[] = [];
  for (let index = 0; index < count; index++) {
    // Ties share a rank: the 3rd and 4th have equal hours (1, 2, 3, 3, 5 …).
    const value = 420 - index * 25 + (index === 3 ? 25 : 0);
    const rank = index === 3 ? 3 : index + 1;
    entries.push({
      rank,
      subject:
        subject === 'volunteer'
          ? { type: 'volunteer', id: `vol_board${String(index).padStart(4, '0')}`, name: NAMES[index % NAMES.length]!, avatarUrl: null, starLevel: Math.max(0, 5 - Math.floor(index / 2)) }
          : { type: 'organization', id: `org_board${String(index).padStart(4, '0')}`, name: `${['西湖', '拱墅', '滨江', '余杭', '上城'][index % 5]}区志愿服务队`, avatarUrl: null, starLevel: null },
      value,
    });
  }
  return entries;
}

export function makeHonor(overrides: Partial<Honor> = {}): Honor {
  return {
    id: 'hon_2026best01',
    kind: 'exemplary_volunteer',
    title: '2026 年度优秀志愿者',
    citation: '三年来坚持每周到敬老院服务，累计服务 1,200 小时，带动 40 名邻居加入志愿服务。',
    subject: { type: 'volunteer', id: 'vol_board0000', name: '张*明' },
    awardedAt: '2026-11-01T10:00:00+08:00',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export function makeHonorBoard(overrides: Partial<HonorBoard> = {}): HonorBoard {
  return {
    scope: 'platform',
    period: 'month',
    metric: 'hours',
    subject: 'volunteer',
    generatedAt: '2026-11-22T08:00:00+08:00',
    entries: makeHonorEntries(10),
    featured: [makeHonor()],
    ...overrides,
  };
}
