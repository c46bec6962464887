/**
 * The list's order, page by page, against the same order worked out here from the rows themselves:
 * shifts ended, under way and to come; opportunities whose shifts have all ended (they come last
 * in `startsAt`); full shifts; equal start times and creation times (ties go by id). Every sort and
 * status filter is paged three at a time to the end, so each cursor is crossed, including the one
 * between the dated opportunities and the undated ones.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { insertNeedHost } from '../src/db/needs-queries.js';
import { refreshAllListFigures } from '../src/services/list-figures.js';
import { addOpportunity, call, resetToChannels, SEED_KEYS, useTestApp } from './helpers.js';

const env = useTestApp({ resetEachTest: false });
const HOUR = 3_600_000;
/** The app's clock for the whole file, on a whole second. */
const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 7 * 86_400_000);
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

interface Shape {
  status: string;
  createdAt: Date;
  /** Start of each shift, in hours from now; each lasts `hours`. */
  starts: number[];
  hours: number;
  capacity: number;
  /** Shifts (by index) whose spots are all taken. */
  full?: number[];
  /** What `q` searches: the title, and the organizer's name when not the default. */
  title: string;
  orgName?: string;
}

/** Each line one opportunity: enough variety that every rule of the order decides some pair. */
const SHAPES: Shape[] = [
  { status: 'recruiting', createdAt: at(-100), starts: [-50, 10, 30], hours: 2, capacity: 3, title: '西湖河道清洁' },
  { status: 'recruiting', createdAt: at(-100), starts: [10], hours: 2, capacity: 2, title: '社区助餐 AED培训' },
  { status: 'recruiting', createdAt: at(-90), starts: [-1], hours: 3, capacity: 2, title: '西湖社区夜巡' }, // under way: next start is in the past
  { status: 'recruiting', createdAt: at(-80), starts: [-15], hours: 20, capacity: 1, title: '河道巡查' }, // a long shift, still under way
  { status: 'recruiting', createdAt: at(-80), starts: [-20, -10], hours: 1, capacity: 4, title: '西湖讲解' }, // all ended: last in startsAt
  { status: 'recruiting', createdAt: at(-70), starts: [], hours: 2, capacity: 1, title: '图书整理', orgName: '社区图书馆' }, // no shifts
  { status: 'recruiting', createdAt: at(-60), starts: [5, 6], hours: 2, capacity: 2, full: [0, 1], title: '社区义剪' }, // full
  { status: 'recruiting', createdAt: at(-60), starts: [5, 50], hours: 2, capacity: 5, full: [0], title: 'Aed急救课堂' },
  { status: 'full', createdAt: at(-50), starts: [20], hours: 2, capacity: 3, title: '西湖马拉松' },
  { status: 'completed', createdAt: at(-40), starts: [-200], hours: 2, capacity: 3, title: '社区图书角' },
  { status: 'recruiting', createdAt: at(-30), starts: [100, 101], hours: 1, capacity: 10, title: '敬老院探访', orgName: '西湖区敬老协会' },
  { status: 'recruiting', createdAt: at(-30), starts: [100], hours: 1, capacity: 1, full: [0], title: '湖边植树' },
  { status: 'recruiting', createdAt: at(-20), starts: [-5, 8], hours: 1, capacity: 2, title: '社区课堂' },
  { status: 'cancelled', createdAt: at(-10), starts: [12], hours: 1, capacity: 2, title: '西湖夜跑' },
];

interface Expected {
  id: string;
  status: string;
  createdAt: number;
  nextStart: number | null;
  openSpots: number;
  /** The text `q` is matched against: title, summary, place name, address, organizer. */
  searchText: string;
}

let expected: Expected[] = [];

before(async () => {
  await env.ready;
  await resetToChannels(env.db);
  env.now = now;
  for (const shape of SHAPES) {
    const { opportunityId, shiftIds } = await addOpportunity(env.db, {
      status: shape.status, createdAt: shape.createdAt, shiftStarts: shape.starts.map(at), hours: shape.hours, capacity: shape.capacity,
      title: shape.title, orgName: shape.orgName,
    });
    for (const index of shape.full ?? []) await env.db.query('UPDATE shifts SET signed_up = capacity WHERE id = $1', [shiftIds[index]!]);
    const shifts = shape.starts.map((start, i) => ({
      start: at(start).getTime(), end: at(start + shape.hours).getTime(), free: shape.full?.includes(i) ? 0 : shape.capacity,
    }));
    const notEnded = shifts.filter((s) => s.end >= now.getTime()).map((s) => s.start);
    const openSpots = shifts.filter((s) => s.start > now.getTime()).reduce((sum, s) => sum + s.free, 0);
    expected.push({
      id: opportunityId,
      status: shape.status === 'recruiting' && openSpots === 0 ? 'full' : shape.status,
      createdAt: shape.createdAt.getTime(),
      nextStart: notEnded.length ? Math.min(...notEnded) : null,
      openSpots,
      searchText: `${shape.title} ${ADDED_PLACE} ${shape.orgName ?? ADDED_ORGANIZER}`,
    });
  }
  // An organization with needs: its standing draft opportunity's shift runs from 2000 to 9999.
  const { orgId } = await addOpportunity(env.db, { status: 'recruiting', createdAt: at(-5), shiftStarts: [], hours: 1, capacity: 1 });
  await insertNeedHost(env.db, orgId, { opportunityId: 'opp_needHostOrder01', shiftId: 'shf_needHostOrder01' }, now);
  expected.push({ id: (await env.db.query<{ id: string }>('SELECT id FROM opportunities WHERE org_id = $1 AND status = $2', [orgId, 'recruiting']))[0]!.id,
    status: 'full', createdAt: at(-5).getTime(), nextStart: null, openSpots: 0, searchText: `${ADDED_TITLE} ${ADDED_PLACE} ${ADDED_ORGANIZER}` });
  expected = expected.sort((a, b) => (a.id < b.id ? -1 : 1));
});

/** What addOpportunity (test/helpers.ts) gives an opportunity unless told otherwise. */
const ADDED_TITLE = '测试活动';
const ADDED_PLACE = '测试地点';
const ADDED_ORGANIZER = '测试志愿者协会';

/** Orders by `key` (then id, as `expected` is already sorted by id). */
const by = (key: (e: Expected) => number) => (rows: Expected[]) => [...rows].sort((a, b) => key(a) - key(b)).map((e) => e.id);

const SORTS = {
  startsAt: by((e) => e.nextStart ?? Number.MAX_SAFE_INTEGER),
  newest: by((e) => -e.createdAt),
  spotsLeft: by((e) => -e.openSpots),
};

const FILTERS: Array<[string, (e: Expected) => boolean]> = [
  ['', (e) => e.status === 'recruiting' || e.status === 'full'],
  ['&hasOpenSlots=true', (e) => (e.status === 'recruiting' || e.status === 'full') && e.openSpots > 0],
  ['&status=recruiting', (e) => e.status === 'recruiting'],
  ['&status=full', (e) => e.status === 'full'],
  ['&status=completed', (e) => e.status === 'completed'],
  // `near` only orders sort=distance; with any other sort it changes nothing.
  ['&near=30.27,120.15', (e) => e.status === 'recruiting' || e.status === 'full'],
];

async function everyPage(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await call(env.app, 'GET', `/v1/opportunities?limit=3&${query}${cursor ? `&cursor=${cursor}` : ''}`, { key: SEED_KEYS.news.publishableKey });
    assert.equal(res.status, 200, res.text);
    ids.push(...res.body.data.map((item: { id: string }) => item.id));
    cursor = res.body.nextCursor;
  } while (cursor && ids.length < 100);
  return ids;
}

/**
 * `q` with every sort: each term (1, 2 or 3+ characters, Chinese and Latin letters in any case)
 * must appear in the title, summary, place or organizer. Terms under three characters are a
 * filter, three or more go through the trigram indexes: all must give the rows a substring match
 * gives.
 */
const TERMS = ['西湖', '社区', 'aed', 'Ae', '湖', '西湖 社区', '志愿', '测试', '社区图书', '不存在'];

/**
 * The list's figures (next start, open spots) kept on each opportunity (migrations/013 and 015) are
 * used where their window holds and worked out from the shifts elsewhere; a page can mix both. So
 * every order is checked three times: nothing kept, everything kept at the clock, and every other
 * opportunity's windows emptied after that.
 */
const FIGURE_STATES: Array<[string, () => Promise<void>]> = [
  ['figures worked out from the shifts', () => emptyWindows(expected.map((e) => e.id))],
  ['figures kept', () => refreshAllListFigures(env.db, now).then(() => undefined)],
  ['figures kept for half, worked out for the rest', async () => {
    await refreshAllListFigures(env.db, now);
    await emptyWindows(expected.filter((_, i) => i % 2 === 0).map((e) => e.id));
  }],
];

async function emptyWindows(ids: string[]): Promise<void> {
  await env.db.query(`UPDATE opportunities SET open_spots_from = 'infinity', open_spots_until = '-infinity',
    next_start_from = 'infinity', next_start_until = '-infinity' WHERE id = ANY($1)`, [ids]);
}

for (const [state, arrange] of FIGURE_STATES) {
  describe(`${state}`, () => {
    before(arrange);
    describe('GET /v1/opportunities: every page, in the order the rows call for', () => {
      for (const [sort, order] of Object.entries(SORTS)) {
        for (const [filter, keep] of FILTERS) {
          it(`sort=${sort}${filter}`, async () => {
            const want = order(expected.filter(keep));
            assert.ok(want.length > 0 || filter === '&status=completed');
            assert.deepEqual(await everyPage(`sort=${sort}${filter}`), want);
          });
        }
      }
    });

    describe('GET /v1/opportunities with q: every page, in the order the rows call for', () => {
      const live = (e: Expected) => e.status === 'recruiting' || e.status === 'full';
      const matches = (q: string) => (e: Expected) => q.split(' ').every((term) => e.searchText.toLowerCase().includes(term.toLowerCase()));
      for (const [sort, order] of Object.entries(SORTS)) {
        for (const q of TERMS) {
          it(`sort=${sort}&q=${q}`, async () => {
            const want = order(expected.filter((e) => live(e) && matches(q)(e)));
            assert.ok(want.length > 0 || q === '不存在');
            assert.deepEqual(await everyPage(`sort=${sort}&q=${encodeURIComponent(q)}`), want);
          });
        }
      }
    });
  });
}
