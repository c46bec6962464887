/**
 * The deterministic demo data set: three channels with their keys, organizations across
 * Zhejiang, 240 opportunities with shifts, 3,000 volunteers with service records (mostly
 * approved, some pending and rejected, which count nowhere), sign-ups filling the shifts (some
 * full, with waitlists) and honors; each channel authorized for its own organization, with
 * its hours policy. The same random seed gives the same ids and content every
 * time; dates are laid out relative to "now" so upcoming shifts are always upcoming.
 */
import { vacuumAnalyze, type Database, type Queryable } from '../db/database.js';
import { authorizeChannelFor, insertHoursPolicy } from '../db/hours-queries.js';
import { refreshAllListFigures } from '../services/list-figures.js';
import { seedNeeds } from './needs.js';
import { insertReward, setStarRule } from '../db/points-queries.js';
import { seedSsoStudent } from './recommendations.js';
import * as q from '../db/queries.js';
import { DEFAULT_HOURS_POLICY } from '../domain/hours-policy.js';
import { hashKey } from '../services/callers.js';
import { ACTIVITY_TEMPLATES, DISTRICTS, GIVEN_CHARS, ORG_KINDS, SURNAMES, type District } from './data.js';

export const SEED_KEYS = {
  news: { channelId: 'chn_newsdemo', publishableKey: 'pk_test_news_demo', secretKey: 'sk_test_news_demo' },
  campus: { channelId: 'chn_campusdemo', publishableKey: 'pk_test_campus_demo', secretKey: 'sk_test_campus_demo' },
  enterprise: { channelId: 'chn_enterprisedemo', publishableKey: 'pk_test_enterprise_demo', secretKey: 'sk_test_enterprise_demo' },
} as const;

/** Hand-made opportunities with stable ids, for demos and tests that need a particular case. */
export const SEED_FIXTURES = {
  /** Open to everyone, plenty of spots, automatic approval, no questions. */
  openOpportunityId: 'opp_demoOpenWestLake',
  /** Visible only through the campus channel's keys. */
  campusOnlyOpportunityId: 'opp_demoCampusOnly',
  /** Visible only through the enterprise channel's keys. */
  enterpriseOnlyOpportunityId: 'opp_demoEnterpriseOnly',
  /** Custom questions: q_tshirt (choice, required), q_posts (multi), q_emergency (text, required). */
  questionsOpportunityId: 'opp_demoMarathon',
  /** Manual approval and minAge 18: sign-ups start as pending_review. */
  manualApprovalOpportunityId: 'opp_demoChildrensHospital',
  /** Every shift full with people waiting: new sign-ups are waitlisted. */
  fullOpportunityId: 'opp_demoFullLibrary',
  /** Sign-up opens in three days. */
  notOpenYetOpportunityId: 'opp_demoNotOpenYet',
  /**
   * The campus youth league's duty at a community service station, recruiting: on every start
   * a duty open now with the demo student on it, and the next duty open for sign-up (see
   * ensureStationShift).
   */
  stationOpportunityId: 'opp_demoServiceStation',
  /**
   * The campus demo's signed-in student (the partner's `externalId`, as scripts/demo-server.mjs
   * mints the session): approved hours over the past months, so the campus page can certify them;
   * also the student on duty at the service station (SEED_STATION).
   */
  campusStudentExternalId: 'zju-sso|3230100123',
  /**
   * The news site's signed-in reader on its rewards page (scripts/demo-server.mjs mints the
   * session with this `externalId` and `newsReader`): the news volunteer with the most approved
   * hours, so there are points to spend.
   */
  newsReaderExternalId: 'qjwb-reader|demo-0001',
} as const;

/** Name and mobile the news back end vouches for; the seed gives them to the reader it picks. */
export const SEED_NEWS_READER = { name: '陈建国', mobile: '13957100088' } as const;

/**
 * The service-station demo: the organization whose staff run the kiosk (the campus channel may
 * act for it), and the student on duty, known to the campus SSO as `externalId`.
 */
export const SEED_STATION = {
  organizationId: 'org_demoZjuYouthLeague',
  /** The campus demo's student (SEED_FIXTURES.campusStudentExternalId), seeded with past records. */
  volunteerId: 'vol_demoCampusStudent',
  externalId: 'zju-sso|3230100123',
  student: { name: '林晓雨', mobile: '13957112345', studentId: '3230100123' },
  /** Each duty lasts this long, from the start of the hour in which the server started. */
  shiftHours: 4,
} as const;

const PRIVACY_VERSION = '2026-01';
/** The campus channel's star rule (approved hours from which each level starts). */
export const CAMPUS_STAR_RULE = [20, 50, 100, 200, 300] as const;
const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** The default hours policy as a stored version, with automatic approval on or off. */
function defaultPolicyRow(version: number, autoApprove: boolean) {
  const d = DEFAULT_HOURS_POLICY;
  return { version, skew_minutes: d.skewMinutes, min_present_percent: d.minPresentPercent, round_down_minutes: d.roundDownMinutes,
    approval_sla_hours: d.approvalSlaHours, auto_approve: autoApprove };
}

/** mulberry32: a tiny seeded PRNG, so the demo data is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const id = (prefix: string) => `${prefix}_${Array.from({ length: 16 }, () => chars[Math.floor(next() * 62)]).join('')}`;
  return { next, int, pick, id };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Midnight in Asia/Shanghai (UTC+8, no daylight saving) of the day containing `now`. */
function shanghaiMidnight(now: Date): number {
  const shifted = now.getTime() + 8 * HOUR;
  return shifted - (shifted % DAY) - 8 * HOUR;
}

export interface SeedSummary {
  channels: number;
  organizations: number;
  opportunities: number;
  shifts: number;
  volunteers: number;
  signups: number;
  serviceRecords: number;
  honors: number;
}

export interface SeedOptions {
  /**
   * Multiplies the generated opportunities, volunteers and with them shifts, sign-ups and service
   * records (1 = 243 opportunities, the service station included, and about 29,000 service records). Fixtures stay as they are.
   */
  scale?: number;
}

/**
 * Seeds the demo data if the database has no channels yet; returns what was created, or null.
 * The tables are vacuumed and analyzed afterwards (`vacuumAnalyze`), so the planner sees the data it
 * was given and the first requests do not meet autovacuum's first pass over it. Either way,
 * the service station gets a shift open now (ensureStationShift).
 */
export async function seedIfEmpty(db: Database, now = new Date(), options: SeedOptions = {}): Promise<SeedSummary | null> {
  const summary = (await q.countChannels(db)) > 0 ? null : await db.transaction(async (tx) => {
    // Two instances starting together over one PostgreSQL: the second waits, then finds data.
    await q.lockForSeeding(tx);
    if ((await q.countChannels(tx)) > 0) return null;
    return seedDemoData(tx, now, options);
  });
  if (summary) {
    await refreshAllListFigures(db, now);
    await vacuumAnalyze(db);
  }
  // On every start, not only the first: the demo data is kept, and the kiosk needs today's shift.
  await ensureStationShift(db, now);
  return summary;
}

/** The three demo channels (news, campus, enterprise) and their keys (see SEED_KEYS). */
export async function seedChannels(tx: Queryable): Promise<Array<{ id: string }>> {
  const channels = [
    { id: SEED_KEYS.news.channelId, name: '钱江晚报·志愿频道', kind: 'news' as const, identity_fields: ['name', 'mobile'] as const,
      allowed_origins: [...LOCAL_ORIGINS, 'https://news.example.cn'], privacy_policy_url: 'https://news.example.cn/volunteer/privacy', theme: 'light' as const },
    { id: SEED_KEYS.campus.channelId, name: '浙江大学志愿者之家', kind: 'campus' as const, identity_fields: ['name', 'mobile', 'studentId'] as const,
      allowed_origins: [...LOCAL_ORIGINS, 'https://volunteer.campus.example.edu.cn'], privacy_policy_url: 'https://volunteer.campus.example.edu.cn/privacy', theme: 'auto' as const },
    { id: SEED_KEYS.enterprise.channelId, name: '数智科技·员工公益', kind: 'enterprise' as const, identity_fields: ['name', 'employeeId'] as const,
      allowed_origins: [...LOCAL_ORIGINS, 'https://intranet.example.com'], privacy_policy_url: 'https://intranet.example.com/csr/privacy', theme: 'dark' as const },
  ];
  for (const channel of channels) {
    await q.insertChannel(tx, { ...channel, identity_fields: [...channel.identity_fields], privacy_policy_version: PRIVACY_VERSION, default_locale: 'zh-CN' });
  }
  for (const keys of Object.values(SEED_KEYS)) {
    await q.insertApiKey(tx, hashKey(keys.publishableKey), keys.channelId, 'publishable');
    await q.insertApiKey(tx, hashKey(keys.secretKey), keys.channelId, 'secret');
  }
  return channels;
}

export async function seedDemoData(tx: Queryable, now: Date, options: SeedOptions = {}): Promise<SeedSummary> {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new RangeError(`Seed scale must be a whole number from 1 to 100, not ${scale}`);
  const r = prng(20261122);
  const today = shanghaiMidnight(now);
  const at = (dayOffset: number, hour: number) => new Date(today + dayOffset * DAY + hour * HOUR).toISOString();

  const channels = await seedChannels(tx);

  // Organizations --------------------------------------------------------------------------
  type Org = { id: string; name: string; kind: string; district: District };
  const orgs: Org[] = [];
  DISTRICTS.forEach((district, index) => {
    const count = r.int(2, 3);
    for (let k = 0; k < count; k++) {
      const { kind, suffix } = ORG_KINDS[(index + k) % ORG_KINDS.length]!;
      orgs.push({ id: r.id('org'), name: `${district.city}${district.name}${suffix}`, kind, district });
    }
  });
  const hangzhouWestLake = DISTRICTS.find((d) => d.code === '330106')!;
  const campusOrg: Org = { id: 'org_demoZjuYouthLeague', name: '浙江大学青年志愿者协会', kind: 'school', district: hangzhouWestLake };
  const enterpriseOrg: Org = { id: 'org_demoShuzhiTech', name: '数智科技有限公司员工公益社', kind: 'enterprise', district: DISTRICTS.find((d) => d.code === '330108')! };
  const mediaOrg: Org = { id: 'org_demoQianjiangNews', name: '钱江晚报志愿服务队', kind: 'media', district: DISTRICTS.find((d) => d.code === '330102')! };
  orgs.unshift(campusOrg, enterpriseOrg, mediaOrg);
  await q.bulkInsert(tx, 'organizations', orgs.map((o, i) => ({
    id: o.id, name: o.name, kind: o.kind, region_code: o.district.code,
    logo_url: null, description: `${o.name}扎根${o.district.city}${o.district.name}，长期组织志愿服务活动。`,
    verified: i % 5 !== 4, created_at: at(-900 + i, 9), updated_at: at(-30, 9),
  })));

  // Opportunities and shifts -----------------------------------------------------------------
  const opportunities: Record<string, unknown>[] = [];
  const shifts: Array<{ id: string; opportunity_id: string; starts_at: string; ends_at: string; capacity: number; signed_up: number; waitlisted: number }> = [];
  type Plan = { id: string; audience: string; approval: 'auto' | 'manual'; questions: QuestionSeed[]; full: boolean; fill: number; past: boolean; hours: number; pph: number };
  const plans: Plan[] = [];

  const addOpportunity = (o: {
    id: string; org: Org; title: string; summary: string; template: (typeof ACTIVITY_TEMPLATES)[number]; place: string; district: District;
    audience?: string; approval?: 'auto' | 'manual'; questions?: QuestionSeed[]; minAge?: number; status?: string;
    opensInDays?: number; shiftDays: number[]; capacity: number; full?: boolean; fill?: number; online?: boolean;
  }) => {
    const hours = o.template.hours;
    const pph = 10;
    const startHour = r.pick([8, 9, 13.5, 14, 18.5]);
    const past = o.status === 'completed';
    opportunities.push({
      id: o.id, org_id: o.org.id, title: o.title, summary: o.summary,
      description: `${o.summary}\n\n活动地点：${o.district.city}${o.district.name}${o.place}。请提前十分钟到达签到，穿着方便活动的衣物。\n\n服务时长经组织方审核后计入志愿服务记录。`,
      category: o.template.category, skills: o.template.skills,
      location_name: o.online ? '线上' : o.place, location_address: o.online ? '' : `浙江省${o.district.city}${o.district.name}${o.place}`,
      region_code: o.district.code,
      lat: o.online ? null : Math.round((o.district.lat + (r.next() - 0.5) * 0.04) * 1e5) / 1e5,
      lng: o.online ? null : Math.round((o.district.lng + (r.next() - 0.5) * 0.04) * 1e5) / 1e5,
      online: o.online ?? false, status: o.status ?? 'recruiting', audience: o.audience ?? 'public', approval: o.approval ?? 'auto',
      signup_opens_at: o.opensInDays !== undefined ? at(o.opensInDays, 9) : null,
      signup_closes_at: past ? at(o.shiftDays[o.shiftDays.length - 1]! - 1, 20) : null,
      requirements: { ...(o.minAge !== undefined ? { minAge: o.minAge } : {}), insuranceProvided: r.next() < 0.6 },
      hours_per_shift: hours, points_per_hour: pph,
      cover_image_url: null, timezone: 'Asia/Shanghai', questions: o.questions ?? [],
      created_at: at(past ? o.shiftDays[0]! - 20 : -r.int(1, 40), 10), updated_at: at(-1, 10),
    });
    for (const day of o.shiftDays) {
      shifts.push({ id: r.id('shf'), opportunity_id: o.id, starts_at: at(day, startHour), ends_at: at(day, startHour + hours), capacity: o.capacity, signed_up: 0, waitlisted: 0 });
    }
    plans.push({ id: o.id, audience: o.audience ?? 'public', approval: o.approval ?? 'auto', questions: o.questions ?? [], full: o.full ?? false,
      fill: o.fill ?? 0.4, past, hours, pph });
  };

  const template = (title: string) => ACTIVITY_TEMPLATES.find((t) => t.title === title)!;
  const westLake = hangzhouWestLake;
  addOpportunity({ id: SEED_FIXTURES.openOpportunityId, org: mediaOrg, title: '西湖断桥文明旅游引导', summary: '节假日在断桥一带引导游客文明游览、有序通行，为问路的游客指路。',
    template: template('文明交通劝导'), place: '西湖断桥', district: westLake, shiftDays: [2, 3, 9, 10], capacity: 40, fill: 0.2 });
  addOpportunity({ id: SEED_FIXTURES.campusOnlyOpportunityId, org: campusOrg, title: '紫金港校区迎新志愿服务', summary: '为新生和家长提供报到引导、行李搬运与校园导览，仅限本校学生报名。',
    template: template('体育场馆观众引导'), place: '浙江大学紫金港校区', district: westLake, audience: SEED_KEYS.campus.channelId, shiftDays: [5, 6], capacity: 30,
    questions: [{ id: 'q_college', label: '所在学院', kind: 'text', required: true }] });
  addOpportunity({ id: SEED_FIXTURES.enterpriseOnlyOpportunityId, org: enterpriseOrg, title: '数智科技员工植树日', summary: '公司年度植树公益日，员工带家属一起为白马湖添一片新绿。',
    template: template('植树护绿'), place: '白马湖公园', district: DISTRICTS.find((d) => d.code === '330108')!, audience: SEED_KEYS.enterprise.channelId, shiftDays: [12], capacity: 60 });
  addOpportunity({ id: SEED_FIXTURES.questionsOpportunityId, org: mediaOrg, title: '杭州马拉松赛道志愿者', summary: '在补给站和医疗点服务数万名跑者，需全天在岗。',
    template: template('马拉松赛道服务'), place: '黄龙体育中心', district: westLake, shiftDays: [20], capacity: 200, fill: 0.3,
    questions: [
      { id: 'q_tshirt', label: '志愿者T恤尺码', kind: 'choice', required: true, options: ['S', 'M', 'L', 'XL', 'XXL'] },
      { id: 'q_posts', label: '愿意服务的岗位（可多选）', kind: 'multi', required: false, options: ['补给站', '医疗点', '起终点引导', '存衣处'] },
      { id: 'q_emergency', label: '紧急联系人及电话', kind: 'text', required: true },
    ] });
  addOpportunity({ id: SEED_FIXTURES.manualApprovalOpportunityId, org: orgs.find((o) => o.kind === 'charity')!, title: '儿童医院陪伴患儿', summary: '在病房游戏室陪伴住院患儿画画、讲故事，需经组织方审核，年满18周岁。',
    template: template('周末亲子阅读会'), place: '浙大儿院滨江院区', district: DISTRICTS.find((d) => d.code === '330108')!, approval: 'manual', minAge: 18, shiftDays: [4, 11, 18], capacity: 6 });
  addOpportunity({ id: SEED_FIXTURES.fullOpportunityId, org: orgs.find((o) => o.kind === 'public_service')!, title: '少儿图书馆暑期小馆员', summary: '整理绘本、协助小读者借还书，名额已满可排队候补。',
    template: template('图书馆图书整理'), place: '杭州少年儿童图书馆', district: DISTRICTS.find((d) => d.code === '330105')!, shiftDays: [3, 4], capacity: 5, full: true });
  addOpportunity({ id: SEED_FIXTURES.notOpenYetOpportunityId, org: mediaOrg, title: '钱塘江观潮安全引导', summary: '观潮节期间在堤岸引导观潮群众站在安全区域。',
    template: template('消防安全宣传'), place: '钱江新城市民中心', district: DISTRICTS[0]!, opensInDays: 3, shiftDays: [14], capacity: 50 });

  const generalOrgs = orgs.filter((o) => o.kind !== 'school' && o.kind !== 'enterprise');
  for (let i = 0; i < 235 * scale; i++) {
    const org = r.pick(generalOrgs);
    const t = r.pick(ACTIVITY_TEMPLATES);
    const district = r.next() < 0.8 ? org.district : r.pick(DISTRICTS);
    const place = r.pick(district.places);
    const completed = i % 235 < 40;
    const campusOnly = !completed && i % 37 === 5;
    const enterpriseOnly = !completed && i % 41 === 7;
    const firstDay = completed ? -r.int(10, 700) : r.int(1, 45);
    const shiftCount = completed ? r.int(6, 16) : r.int(1, 4);
    const shiftDays = Array.from({ length: shiftCount }, (_, k) => firstDay + k * (completed ? r.int(1, 3) : r.int(1, 7)))
      .filter((d) => (completed ? d < 0 : true));
    const withQuestions = !completed && r.next() < 0.15;
    addOpportunity({
      id: r.id('opp'), org: campusOnly ? campusOrg : enterpriseOnly ? enterpriseOrg : org,
      title: `${place}${t.title}`, summary: t.summary, template: t, place, district,
      audience: campusOnly ? SEED_KEYS.campus.channelId : enterpriseOnly ? SEED_KEYS.enterprise.channelId : 'public',
      approval: r.next() < 0.2 ? 'manual' : 'auto',
      ...(r.next() < 0.15 ? { minAge: r.pick([16, 18]) } : {}),
      ...(withQuestions ? { questions: [{ id: 'q_experience', label: '相关经验（选填）', kind: 'text' as const, required: false },
        { id: 'q_time', label: '可服务时段', kind: 'choice' as const, required: true, options: ['上午', '下午', '全天'] }] } : {}),
      status: completed ? 'completed' : 'recruiting',
      shiftDays: shiftDays.length ? shiftDays : [firstDay], capacity: r.pick([5, 8, 10, 15, 20, 30, 50]),
      full: !completed && r.next() < 0.08, fill: r.next() * 0.7, online: t.category === 'education' && r.next() < 0.2,
    });
  }

  // Volunteers ---------------------------------------------------------------------------------
  type Vol = { id: string; channel: string; name: string };
  const volunteers: Record<string, unknown>[] = [];
  const byChannel: Record<string, Vol[]> = { [SEED_KEYS.news.channelId]: [], [SEED_KEYS.campus.channelId]: [], [SEED_KEYS.enterprise.channelId]: [] };
  const mobiles = new Set<string>();
  for (let i = 0; i < 3000 * scale; i++) {
    const nth = i % 3000;
    const channel = nth < 2400 ? SEED_KEYS.news.channelId : nth < 2800 ? SEED_KEYS.campus.channelId : SEED_KEYS.enterprise.channelId;
    const name = r.pick(SURNAMES) + r.pick(GIVEN_CHARS) + (r.next() < 0.7 ? r.pick(GIVEN_CHARS) : '');
    // A mobile is a guest's identity in the news channel: draw again on a repeat (rare at 1×, likely at 10×).
    let mobile: string;
    do mobile = `1${r.pick(['38', '39', '58', '59', '77', '86', '88', '35'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
    while (mobiles.has(mobile));
    mobiles.add(mobile);
    const campus = channel === SEED_KEYS.campus.channelId;
    const enterprise = channel === SEED_KEYS.enterprise.channelId;
    const studentId = campus ? `3${String(210000 + i).padStart(9, '0')}` : null;
    const employeeId = enterprise ? `SZ${String(10000 + i)}` : null;
    const birthYear = campus ? r.int(2000, 2007) : r.int(1950, 2004);
    const v = { id: r.id('vol'), channel, name };
    byChannel[channel]!.push(v);
    volunteers.push({
      id: v.id, channel_id: channel, name, mobile: enterprise ? null : mobile,
      identity_key: campus ? `studentId:${studentId}` : enterprise ? `employeeId:${employeeId}` : `mobile:${mobile}`,
      birth_date: `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      student_id: studentId, employee_id: employeeId, show_name: r.next() < 0.15,
      created_at: at(-r.int(30, 1500), 12), updated_at: at(-r.int(0, 29), 12),
    });
  }
  const allVolunteers = Object.values(byChannel).flat();

  // Sign-ups filling upcoming shifts (counters kept equal to the rows) --------------------------
  const signups: Record<string, unknown>[] = [];
  const planById = new Map(plans.map((p) => [p.id, p]));
  let reference = 0;
  for (const shift of shifts) {
    const plan = planById.get(shift.opportunity_id)!;
    if (plan.past) continue;
    const pool = plan.audience === 'public' ? byChannel[SEED_KEYS.news.channelId]! : byChannel[plan.audience]!;
    const taken = plan.full ? shift.capacity : Math.floor(shift.capacity * plan.fill);
    const waiting = plan.full ? r.int(1, 3) : 0;
    const start = r.int(0, pool.length - 1);
    for (let k = 0; k < taken + waiting; k++) {
      const volunteer = pool[(start + k * 7) % pool.length]!;
      const status = k >= taken ? 'waitlisted' : plan.approval === 'manual' && r.next() < 0.4 ? 'pending_review' : 'approved';
      const answers = Object.fromEntries(plan.questions.filter((qq) => qq.required).map((qq) => [qq.id, qq.options ? qq.options[0]! : '无']));
      const createdAt = at(-r.int(1, 20), 8 + k / 60);
      signups.push({
        id: r.id('sgn'), reference: `VK-S${String(++reference).padStart(7, '0')}`, opportunity_id: plan.id, shift_id: shift.id,
        volunteer_id: volunteer.id, channel_id: volunteer.channel, widget: r.pick(['vk-signup-form', null]), answers,
        consent_version: PRIVACY_VERSION, consent_at: createdAt, status, created_at: createdAt, updated_at: createdAt,
      });
    }
    shift.signed_up = taken;
    shift.waitlisted = waiting;
  }
  // Rows are inserted in array order, so each shift's waitlist (by seq) is in the order built above.
  await q.bulkInsert(tx, 'opportunities', opportunities);
  await q.bulkInsert(tx, 'shifts', shifts);
  await q.bulkInsert(tx, 'volunteers', volunteers);
  await q.bulkInsert(tx, 'signups', signups);

  // Service records on past shifts: a long tail, a few veterans with thousands of hours -------
  const pastShifts = shifts.filter((s) => planById.get(s.opportunity_id)!.past);
  const records: Record<string, unknown>[] = [];

  // The campus page's student (not among the generated volunteers above): the six latest past
  // shifts, five approved and one pending, so a certificate shows approved hours only.
  const student = { id: SEED_STATION.volunteerId, at: at(-400, 12) };
  await tx.query(
    `INSERT INTO volunteers (id, channel_id, external_id, identity_key, name, mobile, birth_date, student_id, show_name, created_at, updated_at)
     VALUES ($1, $2, $3, 'studentId:3230100123', '林晓雨', '13957112345', '2005-03-14', '3230100123', false, $4, $4)`,
    [student.id, SEED_KEYS.campus.channelId, SEED_FIXTURES.campusStudentExternalId, student.at],
  );
  [...pastShifts].sort((a, b) => String(b.starts_at).localeCompare(String(a.starts_at))).slice(0, 6).forEach((shift, k) => {
    const hours = planById.get(shift.opportunity_id)!.hours;
    const checkIn = new Date(shift.starts_at);
    records.push({
      id: `rec_demoCampusStudent${k}`, volunteer_id: student.id, opportunity_id: shift.opportunity_id, shift_id: shift.id,
      check_in: checkIn.toISOString(), check_out: new Date(checkIn.getTime() + hours * HOUR).toISOString(), hours, status: k === 0 ? 'pending' : 'approved',
      recorded_by: '组织方签到系统', created_at: shift.ends_at, updated_at: shift.ends_at,
    });
  });
  allVolunteers.forEach((volunteer, index) => {
    const veteran = index % 300 === 0;
    const count = veteran ? r.int(150, 260) : Math.floor(90 * r.next() ** 9);
    for (let k = 0; k < count; k++) {
      const shift = r.pick(pastShifts);
      const plan = planById.get(shift.opportunity_id)!;
      const hours = veteran ? r.int(6, 8) : plan.hours;
      const roll = r.next();
      const status = roll < 0.9 ? 'approved' : roll < 0.97 ? 'pending' : 'rejected';
      const checkIn = new Date(shift.starts_at);
      // Reviewed 6 to 95 hours after the shift (from the position, not the generator, so the rest of the seed stays as it was).
      const reviewedAt = status === 'pending' ? null : new Date(new Date(shift.ends_at).getTime() + (6 + ((index * 13 + k * 37) % 90)) * HOUR).toISOString();
      records.push({
        id: r.id('rec'), volunteer_id: volunteer.id, opportunity_id: shift.opportunity_id, shift_id: shift.id,
        check_in: checkIn.toISOString(), check_out: new Date(checkIn.getTime() + hours * HOUR).toISOString(), hours, status,
        recorded_by: '组织方签到系统', created_at: shift.ends_at, updated_at: shift.ends_at, reviewed_at: reviewedAt,
      });
    }
  });
  // The rollup triggers would sum each 5,000-row chunk as it arrives; summing all the records once
  // at the end does the same in a third of the time (migrations/004, service_hours_rebuild).
  // Points and star levels likewise: earned once for all the approved records, without events
  // (points_backfill, migrations/007). The campus channel's own star rule is in place first.
  await tx.query('ALTER TABLE service_records DISABLE TRIGGER service_hours_rollup_insert');
  await tx.query('ALTER TABLE service_records DISABLE TRIGGER service_records_points_insert');
  await q.bulkInsert(tx, 'service_records', records);
  await tx.query('ALTER TABLE service_records ENABLE TRIGGER service_hours_rollup_insert');
  await tx.query('ALTER TABLE service_records ENABLE TRIGGER service_records_points_insert');
  await q.rebuildServiceHours(tx);
  // Students serve fewer hours than a lifetime volunteer: the campus rule starts its stars sooner.
  await setStarRule(tx, SEED_KEYS.campus.channelId, CAMPUS_STAR_RULE, new Date(at(-90, 9)), false);
  await tx.query('SELECT points_backfill($1)', [now]);
  // The news rewards page's reader: the news volunteer with the most approved hours (and points).
  await tx.query(
    `UPDATE volunteers SET external_id = $2, name = $3, mobile = $4 WHERE id = (
       SELECT r.volunteer_id FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id
       WHERE r.status = 'approved' AND v.channel_id = $1 GROUP BY r.volunteer_id ORDER BY sum(r.hours) DESC, r.volunteer_id LIMIT 1)`,
    [SEED_KEYS.news.channelId, SEED_FIXTURES.newsReaderExternalId, SEED_NEWS_READER.name, SEED_NEWS_READER.mobile],
  );

  // Rewards (礼遇) of each channel's catalog ---------------------------------------------------
  const rewardsOf = (channelId: string, org: Org, list: ReadonlyArray<readonly [string, string, string, number, number]>) =>
    list.map(([key, title, description, cost, stock]) => ({ id: `rwd_demo${key}`, channelId, orgId: org.id, title, description,
      terms: '凭兑换码到服务台领取，过期未领取积分自动退回。', imageUrl: null, cost, stock, validityDays: 30, availableUntil: null, at: new Date(at(-30, 9)) }));
  for (const reward of [
    ...rewardsOf(SEED_KEYS.news.channelId, mediaOrg, [
      ['MuseumPass', '浙江省博物馆特展门票', '志愿者专享特展门票一张，可预约任意开放日。', 200, 50],
      ['NewspaperYear', '《钱江晚报》全年电子版', '一年期电子报订阅，含历史版面检索。', 500, 100],
      ['CinemaTicket', '电影兑换券', '合作影院 2D 场次兑换券一张。', 300, 0],
    ]),
    ...rewardsOf(SEED_KEYS.campus.channelId, campusOrg, [
      ['LibraryRoom', '图书馆研讨间优先预约', '期末周研讨间优先预约一次（2 小时）。', 100, 30],
      ['CampusMug', '志愿者纪念马克杯', '青年志愿者协会定制马克杯。', 150, 40],
    ]),
  ]) await insertReward(tx, reward);

  // Honors -----------------------------------------------------------------------------------------
  const honors: Record<string, unknown>[] = [];
  const veterans = allVolunteers.filter((_, index) => index % 300 === 0);
  veterans.forEach((v, i) => honors.push({
    id: r.id('hon'), kind: i < 3 ? 'annual_award' : 'exemplary_volunteer', title: i < 3 ? '年度最美志愿者' : '优秀志愿者',
    citation: '长期坚持志愿服务，累计服务时长名列前茅，热心助人，事迹感人。', subject_type: 'volunteer', subject_id: v.id,
    org_id: null, region_code: null, awarded_at: at(-r.int(5, 300), 10), created_at: at(-5, 10), updated_at: at(-5, 10),
  }));
  for (const org of orgs.slice(3, 15)) {
    honors.push({ id: r.id('hon'), kind: 'team', title: '优秀志愿服务组织', citation: `${org.name}组织开展志愿服务成效显著。`, subject_type: 'organization',
      subject_id: org.id, org_id: org.id, region_code: org.district.code, awarded_at: at(-r.int(5, 300), 10), created_at: at(-5, 10), updated_at: at(-5, 10) });
  }
  for (const plan of plans.filter((p) => p.past).slice(0, 8)) {
    const opp = opportunities.find((o) => o.id === plan.id)!;
    honors.push({ id: r.id('hon'), kind: 'project', title: '优秀志愿服务项目', citation: `“${String(opp.title)}”项目服务群众、口碑良好。`, subject_type: 'opportunity',
      subject_id: plan.id, org_id: opp.org_id, region_code: opp.region_code, awarded_at: at(-r.int(5, 300), 10), created_at: at(-5, 10), updated_at: at(-5, 10) });
  }
  await q.bulkInsert(tx, 'honors', honors);

  // Organizer sessions: each demo channel may act for its own organization; the enterprise's
  // organization reviews every record itself (automatic approval off, policy version 2).
  for (const [channelId, org] of [[SEED_KEYS.news.channelId, mediaOrg], [SEED_KEYS.campus.channelId, campusOrg], [SEED_KEYS.enterprise.channelId, enterpriseOrg]] as const) {
    await authorizeChannelFor(tx, channelId, org.id);
    await insertHoursPolicy(tx, org.id, defaultPolicyRow(1, true), new Date(at(-60, 9)));
  }
  await insertHoursPolicy(tx, enterpriseOrg.id, defaultPolicyRow(2, false), new Date(at(-30, 9)));
  await seedNeeds(tx, SEED_KEYS.news.channelId, now);
  // Last, and without the random generator, so every id drawn above stays what it was.
  await seedServiceStation(tx, new Date(at(-30, 9)));
  await seedSsoStudent(tx, now);

  return {
    channels: channels.length, organizations: orgs.length, opportunities: opportunities.length + 1, shifts: shifts.length,
    volunteers: volunteers.length + 1, signups: signups.length, serviceRecords: records.length, honors: honors.length,
  };
}

type QuestionSeed = { id: string; label: string; kind: 'text' | 'choice' | 'multi'; required: boolean; options?: string[] };

/** The station's activity (no shift yet: ensureStationShift adds today's) and the student on duty. */
async function seedServiceStation(tx: Queryable, createdAt: Date): Promise<void> {
  const created = createdAt.toISOString();
  await q.bulkInsert(tx, 'opportunities', [{
    id: SEED_FIXTURES.stationOpportunityId, org_id: SEED_STATION.organizationId, title: '玉古路社区志愿服务站值班',
    summary: '在社区志愿服务站值班：为居民答疑、登记求助、整理借用物资。到站后扫码或输入签到码签到，离站时签退。',
    description: '在玉古路社区志愿服务站值班：为居民答疑、登记求助、整理借用物资。\n\n到站后在服务站的签到屏上读取签到码，用手机签到；离站时签退。服务时长按签到、签退时间计算，经组织方审核后计入志愿服务记录。',
    category: 'community', skills: [], location_name: '玉古路社区志愿服务站', location_address: '浙江省杭州市西湖区玉古路社区志愿服务站',
    region_code: '330106', lat: 30.27291, lng: 120.12722, online: false, status: 'recruiting', audience: SEED_KEYS.campus.channelId,
    approval: 'auto', signup_opens_at: null, signup_closes_at: null, requirements: { insuranceProvided: true },
    hours_per_shift: SEED_STATION.shiftHours, points_per_hour: 10, cover_image_url: null, timezone: 'Asia/Shanghai', questions: [],
    created_at: created, updated_at: created,
  }]);
  // The student on duty (SEED_STATION.volunteerId) is the campus demo's, inserted with their past records above.
}

/**
 * Makes sure the station has a duty open at `now` with the demo student confirmed on it, so the
 * kiosk and the phone demo work on whatever day the server starts (the seed runs once; the data
 * is kept), and that the duty after it exists with nobody on it yet, so the student can sign up
 * for it (a duty under way takes no sign-ups). When none is open, adds one from the start of the
 * current hour; each lasts SEED_STATION.shiftHours. Ids follow from the start hour, so two
 * instances starting at once add each once. Does nothing on a database without the demo data.
 * Returns the open duty's id, or null.
 */
export async function ensureStationShift(db: Database, now: Date): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [opportunity] = await tx.query<{ id: string }>('SELECT id FROM opportunities WHERE id = $1', [SEED_FIXTURES.stationOpportunityId]);
    if (!opportunity) return null;
    const [open] = await tx.query<{ id: string; ends_at: Date | string }>(
      `SELECT id, ends_at FROM shifts WHERE opportunity_id = $1 AND starts_at - interval '30 minutes' <= $2 AND ends_at > $2 ORDER BY starts_at LIMIT 1`,
      [opportunity.id, now.toISOString()],
    );
    const start = open ? new Date(open.ends_at).getTime() - SEED_STATION.shiftHours * HOUR : Math.floor(now.getTime() / HOUR) * HOUR;
    const openId = open?.id ?? await addStationDuty(tx, opportunity.id, start, now);
    await putStudentOnDuty(tx, opportunity.id, openId, now);
    await addStationDuty(tx, opportunity.id, start + SEED_STATION.shiftHours * HOUR, now);
    return openId;
  });
}

/** Adds the station duty starting at `start` (nothing when it exists); returns its id. */
async function addStationDuty(tx: Queryable, opportunityId: string, start: number, now: Date): Promise<string> {
  const shiftId = `shf_demoStation${new Date(start).toISOString().slice(0, 13).replace(/\D/g, '')}`; // yyyymmddhh (UTC)
  await tx.query(
    `INSERT INTO shifts (id, opportunity_id, starts_at, ends_at, capacity, signed_up, waitlisted, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 6, 0, 0, $5, $5) ON CONFLICT (id) DO NOTHING`,
    [shiftId, opportunityId, new Date(start).toISOString(), new Date(start + SEED_STATION.shiftHours * HOUR).toISOString(), now.toISOString()],
  );
  return shiftId;
}

/** Confirms the demo student on the duty `shiftId`, unless they are on it already (the spot is counted once). */
async function putStudentOnDuty(tx: Queryable, opportunityId: string, shiftId: string, now: Date): Promise<void> {
  const stamp = shiftId.replace('shf_demoStation', '');
  const created = now.toISOString();
  const added = await tx.query(
    `INSERT INTO signups (id, reference, opportunity_id, shift_id, volunteer_id, channel_id, widget, answers, consent_version, consent_at, status, created_at, updated_at)
     SELECT $1, $2, $3, $4, $5, $6, null, '{}', $7, $8, 'approved', $8, $8
     WHERE NOT EXISTS (SELECT 1 FROM signups WHERE shift_id = $4 AND volunteer_id = $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [`sgn_demoStation${stamp}`, `VK-D${stamp}`, opportunityId, shiftId, SEED_STATION.volunteerId, SEED_KEYS.campus.channelId, PRIVACY_VERSION, created],
  );
  if (added.length > 0) await tx.query('UPDATE shifts SET signed_up = signed_up + 1 WHERE id = $1', [shiftId]);
}
