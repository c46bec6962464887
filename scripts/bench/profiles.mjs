// Load profiles for the server bench. The varied ones never repeat a URL within a run, so no answer
// can come from the server's read cache or a 304: every request costs what a reader asking
// something new costs. Values come from the contract (packages/sdk/src/schemas) and the demo seed
// (packages/server/src/seed/data.ts), and ids from the running server itself.

const KEY = 'pk_test_news_demo'; // SEED_KEYS.news in packages/server/src/seed/seed.ts

/** Words readers search for: pieces of the seeded titles and places, plus a few that match nothing. */
const WORDS = ['敬老', '老人', '助餐', '手机', '课堂', '义剪', '儿童', '辅导', '阅读', '垃圾分类', '邻里', '楼道', '河道',
  '植树', '湿地', '图书', '英语', '支教', '献血', '义诊', '急救', '防汛', '应急', '消防', '讲解', '非遗', '文化', '马拉松',
  '体育', '定向', '交通', '地铁', '反诈', '西湖', '湘湖', '宁波', '杭州', '温州', '社区', '志愿', '天文', '潜水', 'AED'];
const CATEGORIES = ['community', 'elderly', 'children', 'education', 'environment', 'health', 'emergency', 'culture', 'sports_events', 'civic'];
const DISTRICTS = ['330102', '330105', '330106', '330108', '330109', '330110', '330203', '330205', '330206', '330212', '330302',
  '330303', '330304', '330402', '330502', '330602', '330702', '330782', '330802', '330902', '331002', '331102'];
/** Region codes at all three levels: province, cities, districts. */
const REGIONS = ['33', ...new Set(DISTRICTS.map((code) => code.slice(0, 4))), ...DISTRICTS];
const SORTS = ['startsAt', 'newest', 'spotsLeft'];
const PERIODS = ['week', 'month', 'year', 'all'];
const METRICS = ['hours', 'points'];

/** A small seeded PRNG (mulberry32), so every run asks the same sequence of questions. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from `make(pick)` until it gives a path not asked before in this profile. */
function unique(seed, make) {
  const rand = random(seed);
  const pick = (values) => values[Math.floor(rand() * values.length)];
  const asked = new Set();
  return () => {
    for (;;) {
      const path = make(pick, rand);
      if (!asked.has(path)) { asked.add(path); return path; }
    }
  };
}

/** Every bench guest gives a birth date (activities with an age limit ask for one) making them this old. */
const GUEST_AGE = 30;
const guestBirthDate = () => `${new Date().getFullYear() - GUEST_AGE - 1}-06-15`;

const query = (params) => new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined)).toString();

async function getJson(base, path) {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * What the profiles need from the running server: list cursors per sort (a keyset position is valid
 * with any filter), organization ids for board scopes, and shifts a guest can sign up for now.
 */
export async function discover(base) {
  const cursors = Object.fromEntries(SORTS.map((sort) => [sort, []]));
  const orgIds = new Set();
  const opportunities = [];
  for (const sort of SORTS) {
    let cursor;
    for (let page = 0; page < 6; page++) {
      const body = await getJson(base, `/v1/opportunities?${query({ key: KEY, limit: 50, sort, cursor })}`);
      for (const item of body.data) {
        orgIds.add(item.orgId);
        if (sort === 'startsAt') opportunities.push(item);
      }
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
      cursors[sort].push(cursor);
    }
  }
  const now = Date.now();
  const shifts = [];
  for (const { id } of opportunities) {
    // The detail is the full record whatever the list items carry.
    const o = await getJson(base, `/v1/opportunities/${id}?key=${KEY}`);
    const open = (!o.signupOpensAt || Date.parse(o.signupOpensAt) <= now) && (!o.signupClosesAt || Date.parse(o.signupClosesAt) > now);
    const ageFits = (o.requirements.minAge ?? 0) <= GUEST_AGE && GUEST_AGE <= (o.requirements.maxAge ?? 120);
    if (!['recruiting', 'full'].includes(o.status) || !open || !ageFits || o.questions.some((question) => question.required) || o.audience !== 'public') continue;
    for (const shift of o.shifts) if (Date.parse(shift.start) > now) shifts.push({ opportunityId: o.id, shiftId: shift.id });
  }
  if (shifts.length === 0) throw new Error('bench: found no shift open for sign-up in the seed');
  return { cursors, orgIds: [...orgIds], shifts };
}

/** GET /v1/opportunities with a different filter, sort, page size and page on every request. */
export function variedList(found, seed = 1) {
  const next = unique(seed, (pick, rand) => {
    const sort = pick(SORTS);
    return `/v1/opportunities?${query({
      key: KEY,
      q: rand() < 0.5 ? pick(WORDS) : undefined,
      category: rand() < 0.5 ? pick(CATEGORIES) : undefined,
      regionCode: rand() < 0.5 ? pick(REGIONS) : undefined,
      hasOpenSlots: rand() < 0.3 ? 'true' : undefined,
      sort,
      limit: 5 + Math.floor(rand() * 16),
      cursor: rand() < 0.4 && found.cursors[sort].length ? pick(found.cursors[sort]) : undefined,
    })}`;
  });
  return () => ({ path: next() });
}

/** GET /v1/honor-board over every scope kind, period, metric and subject, with varying length. */
export function variedBoard(found, seed = 2) {
  const scopes = ['platform', 'channel:chn_newsdemo', ...REGIONS.map((code) => `region:${code}`), ...found.orgIds.map((id) => `org:${id}`)];
  const next = unique(seed, (pick, rand) => `/v1/honor-board?${query({
    key: KEY, scope: pick(scopes), period: pick(PERIODS), metric: pick(METRICS),
    subject: rand() < 0.7 ? 'volunteer' : 'organization', limit: 5 + Math.floor(rand() * 46),
  })}`);
  return () => ({ path: next() });
}

/** POST /v1/signups: a distinct guest volunteer each time, with its own Idempotency-Key. */
export function signups(found, runId) {
  let n = 0;
  return () => {
    n += 1;
    const { opportunityId, shiftId } = found.shifts[n % found.shifts.length];
    // A valid mainland mobile (1[3-9]…, 11 digits) unique within the run: a new volunteer each time.
    const mobile = `138${String(n).padStart(8, '0')}`;
    return {
      method: 'POST', path: '/v1/signups',
      headers: { Authorization: `Bearer ${KEY}`, 'Idempotency-Key': `bench-${runId}-${n}` },
      body: { opportunityId, shiftId, volunteer: { name: `压测${n}`, mobile, birthDate: guestBirthDate() }, consent: { policyVersion: '2026-01', accepted: true } },
    };
  };
}

/** The same list URL every time: what the read cache serves. */
export const oneListUrl = `/v1/opportunities?key=${KEY}&limit=20&hasOpenSlots=true`;
export const fixed = (path, headers = {}) => () => ({ path, headers });
