/**
 * The opportunity list's and the honor board's queries are planned on indexes: on a seeded,
 * analyzed database no filtered page reads the opportunities or shifts table from end to end (a
 * Seq Scan), and no board reads more of service_totals than its first rows, so their cost does not
 * grow with the data. Plans are read with EXPLAIN (FORMAT JSON) on both back ends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ListOpportunitiesFilters } from '@volunteerkit/sdk/schemas';
import { isPrepared, type Database } from '../src/db/database.js';
import { OPPORTUNITY_LIST_SELECT, opportunitySearchSql, rankedTotalsSql, type RankedTotalsQuery } from '../src/db/queries.js';
import { serviceFiguresSql } from '../src/db/stats-queries.js';
import { SEED_FIXTURES, seedIfEmpty } from '../src/seed/seed.js';
import { opportunitySearch } from '../src/services/reads.js';
import { openTestDatabase, SEED_KEYS, type TestDatabase } from './helpers.js';

/** Twice the default seed: enough rows that the planner prefers an index whenever one fits. */
const SEED_SCALE = Number(process.env.VK_PLAN_SCALE ?? 2);
const now = new Date();
let database: TestDatabase;
let db: Database;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
  await seedIfEmpty(db, now, { scale: SEED_SCALE }); // ANALYZEs when done
});
after(() => database.close());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Total Cost': number;
    Plans?: PlanNode[];
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

async function planOf(filters: ListOpportunitiesFilters, cursor: { key: number; id: string } | null = null): Promise<PlanNode> {
  return explain(opportunitySearchSql(opportunitySearch(SEED_KEYS.news.channelId, filters, now, cursor, 6)));
}

async function explain({ sql, params }: { sql: string; params: unknown[] }): Promise<PlanNode> {
  const [row] = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params as never);
  // pg parses the json column; PGlite hands back the text.
  const plan = typeof row!['QUERY PLAN'] === 'string' ? JSON.parse(row!['QUERY PLAN']) : row!['QUERY PLAN'];
  return (plan as Array<{ Plan: PlanNode }>)[0]!.Plan;
}

const seqScans = (plan: PlanNode) =>
  [...nodesOf(plan)].filter((n) => n['Node Type'] === 'Seq Scan' && ['opportunities', 'shifts'].includes(n['Relation Name'] ?? ''))
    .map((n) => n['Relation Name']);
const indexesUsed = (plan: PlanNode) => new Set([...nodesOf(plan)].flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])));

const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

/**
 * Filters that keep a small share of the rows, and the index expected to find them. (A filter
 * that keeps a tenth of the table or more — one category, one city — is cheaper to answer by
 * reading the table than through an index, and the planner rightly does so; see BROAD_PAGES.)
 */
const SELECTIVE_PAGES: Array<[string, ListOpportunitiesFilters, string]> = [
  ['orgId', { orgId: 'org_demoQianjiangNews' }, 'opportunities_org'],
  ['near + radiusKm, by distance', { near: { lat: 29.86, lng: 121.55 }, radiusKm: 5, sort: 'distance' }, 'opportunities_latitude'],
  ['regionCode (a district) + status=completed', { regionCode: '330106', status: 'completed' }, 'opportunities_region_prefix'],
];

/** Filters that keep a large share of the rows: never the whole shifts table, whatever reads opportunities. */
const BROAD_PAGES: Array<[string, ListOpportunitiesFilters]> = [
  ['category', { category: 'elderly' }],
  ['regionCode (a city)', { regionCode: '3302' }],
  ['skills', { skills: ['sign_language', 'english'] }],
  ['q, a common word', { q: '图书馆' }],
  ['category + hasOpenSlots, by open spots', { category: 'health', hasOpenSlots: true, sort: 'spotsLeft' }],
  ['no filter', {}],
];

describe('GET /v1/opportunities query plans (seed ×2, analyzed)', () => {
  for (const [name, filters, index] of SELECTIVE_PAGES) {
    it(`${name}: found through ${index}, no Seq Scan of opportunities or shifts`, async () => {
      const plan = await planOf(filters);
      assert.deepEqual(seqScans(plan), [], JSON.stringify(plan));
      assert.ok(indexesUsed(plan).has(index), `indexes used: ${[...indexesUsed(plan)].join(', ')}`);
    });
  }

  for (const [name, filters] of BROAD_PAGES) {
    it(`${name}: never a Seq Scan of shifts`, async () => {
      const plan = await planOf(filters);
      assert.ok(!seqScans(plan).includes('shifts'), JSON.stringify(plan));
    });
  }

  // The two sorts a list opens with read in their own order and stop after the page, whatever the
  // filter keeps: the cost of a page does not depend on how many rows match.
  const ORDERED_PAGES: Array<[string, ListOpportunitiesFilters]> = [
    ['no filter', {}], ['category', { category: 'elderly' }], ['regionCode (a city)', { regionCode: '3302' }],
    ['hasOpenSlots', { hasOpenSlots: true }], ['status=recruiting', { status: 'recruiting' }],
  ];
  for (const [sort, index] of [['startsAt', 'opportunities_next_start'], ['newest', 'opportunities_newest']] as const) {
    for (const [name, filters] of ORDERED_PAGES) {
      it(`sort=${sort}, ${name}: read in order through ${index}, no Seq Scan of opportunities or shifts`, async () => {
        const plan = await planOf({ ...filters, sort });
        assert.deepEqual(seqScans(plan), [], JSON.stringify(plan));
        assert.ok(indexesUsed(plan).has(index), `indexes used: ${[...indexesUsed(plan)].join(', ')}`);
        assert.ok(![...nodesOf(plan)].some((n) => n['Node Type'] === 'Sort' && n.Plans?.some((c) => c['Node Type'] === 'Seq Scan')),
          'no sort of a whole table');
      });
    }
    it(`sort=${sort}, a next page: read in order through ${index} from the cursor`, async () => {
      const filters: ListOpportunitiesFilters = { sort };
      const { sql, params } = opportunitySearchSql(opportunitySearch(SEED_KEYS.news.channelId, filters, now, null, 6));
      const last = (await db.query<{ id: string; sort_key: number }>(sql, params as never)).at(-1)!;
      const plan = await planOf(filters, { key: last.sort_key, id: last.id });
      assert.deepEqual(seqScans(plan), [], JSON.stringify(plan));
      assert.ok(indexesUsed(plan).has(index));
    });
  }

  it('a next page (after a cursor) is planned like the first', async () => {
    const plan = await planOf({ orgId: 'org_demoQianjiangNews' }, { key: now.getTime() / 1000, id: SEED_FIXTURES.openOpportunityId });
    assert.deepEqual(seqScans(plan), []);
    assert.ok(indexesUsed(plan).has('opportunities_org'));
  });

  it('a page\'s list items (next shift, shift count, open spots) read only their own shifts, through indexes', async () => {
    const ids = (await db.query<{ id: string }>(`SELECT id FROM opportunities WHERE status = 'recruiting' ORDER BY id LIMIT 6`)).map((r) => r.id);
    const plan = await explain({ sql: OPPORTUNITY_LIST_SELECT, params: [ids, now] });
    assert.deepEqual(seqScans(plan), [], JSON.stringify(plan));
    assert.ok(indexesUsed(plan).has('shifts_opportunity'), `indexes used: ${[...indexesUsed(plan)].join(', ')}`);
    assert.ok(isPrepared(OPPORTUNITY_LIST_SELECT), 'its text is fixed: planned once per connection, not per page');
  });

  // PostgreSQL plans a prepared statement for each request's values five times, then keeps one
  // generic plan if that costs no more: an estimate that moves with the time ($2) can keep it
  // planning anew for every page (docs/architecture.md, "prepared once per connection").
  it('a page\'s list items are estimated alike whatever the time, so one plan per connection serves', async () => {
    const ids = (await db.query<{ id: string }>('SELECT id FROM opportunities ORDER BY id LIMIT 10')).map((r) => r.id);
    const costAt = async (days: number) => (await explain({ sql: OPPORTUNITY_LIST_SELECT, params: [ids, inDays(days)] }))['Total Cost'];
    // Before, among and after the seeded shifts.
    const costs = await Promise.all([-400, -30, 0, 30, 400].map(costAt));
    assert.deepEqual(new Set(costs).size, 1, `estimated costs: ${costs.join(', ')}`);
  });

  // A trigram needs three characters ('%西湖%' yields none): another filter's index narrows instead.
  it('a two-character Chinese term with a category: the category\'s index serves', async () => {
    const withCategory = await planOf({ q: '西湖', category: 'civic' });
    assert.deepEqual(seqScans(withCategory), []);
    assert.ok(indexesUsed(withCategory).has('opportunities_category'));
  });
});

/**
 * Tables that grow with the data and that a board could otherwise read whole. (The organizations,
 * a few dozen rows, may be read whole to join the ten names: the planner's right choice there.)
 */
const boardSeqScans = (plan: PlanNode) =>
  [...nodesOf(plan)].filter((n) => n['Node Type'] === 'Seq Scan' && ['service_records', 'service_hours_monthly', 'service_totals', 'volunteers']
    .includes(n['Relation Name'] ?? '')).map((n) => n['Relation Name']);

describe('GET /v1/honor-board query plans (seed ×2, analyzed)', () => {
  const scopes: Array<[string, RankedTotalsQuery['scope']]> = [
    ['platform', { kind: 'platform' }],
    ['a province', { kind: 'region', prefix: '33' }],
    ['a district', { kind: 'region', prefix: '330106' }],
    ['an organization', { kind: 'org', orgId: 'org_demoQianjiangNews' }],
    ['a channel', { kind: 'channel', channelId: SEED_KEYS.news.channelId }],
  ];
  for (const [name, scope] of scopes) {
    for (const [period, metric, subject] of [['all', 'hours', 'volunteer'], ['year', 'points', 'volunteer'], ['week', 'hours', 'organization']] as const) {
      it(`${name}, ${period}, ${metric}, ${subject}s: the first rows of service_totals_rank_${metric}, nothing read whole`, async () => {
        const plan = await explain(rankedTotalsSql({ scope, period, metric, subject, limit: 10 }));
        assert.deepEqual(boardSeqScans(plan), [], JSON.stringify(plan));
        assert.ok(indexesUsed(plan).has(`service_totals_rank_${metric}`), `indexes used: ${[...indexesUsed(plan)].join(', ')}`);
        // The index gives the order: the limit reads its first rows, with no sort in between.
        assert.ok([...nodesOf(plan)].some((n) => n['Node Type'] === 'Limit' && n.Plans?.[0]?.['Index Name'] === `service_totals_rank_${metric}`),
          JSON.stringify(plan));
      });
    }
  }
});

/**
 * At the demo's size a term's few matches are found through the trigram index but joined back by
 * reading the small opportunities table (cheaper there than key lookups). Here the catalogue is
 * 20,000 generated opportunities of 2,000 organizations, where nothing may read the table whole.
 */
describe('q on a large catalogue (20,000 opportunities, 2,000 organizations, analyzed)', () => {
  before(async () => {
    // Ten opportunities per organization, as in a province's catalogue.
    await db.query(`INSERT INTO organizations (id, name, kind, region_code)
      SELECT 'org_gen' || g, '生成组织' || g || (ARRAY['志愿者协会','图书馆','社区服务中心'])[1 + g % 3], 'community', '330106'
      FROM generate_series(1, 2000) AS g`);
    await db.query(`INSERT INTO opportunities (id, org_id, title, summary, category, location_name, region_code, status, hours_per_shift)
      SELECT 'opp_gen' || g, orgs.ids[1 + g % cardinality(orgs.ids)], (ARRAY['社区','河道','图书','敬老','植树'])[1 + g % 5] || '服务第' || g || '期',
        '生成的活动说明' || (g % 97), 'community', '生成地点' || (g % 13), '330106', 'recruiting', 2
      FROM generate_series(1, 20000) AS g, (SELECT array_agg(id) AS ids FROM organizations) AS orgs`);
    await db.query('ANALYZE organizations, opportunities');
  });

  for (const [name, q] of [['a Chinese phrase', '断桥文明旅游'], ['two terms', '紫金港校区 迎新志愿'], ['Latin letters', 'AED']] as const) {
    it(`${name}: found through opportunities_search_trgm, no Seq Scan of opportunities or shifts`, async () => {
      const plan = await planOf({ q });
      assert.deepEqual(seqScans(plan), [], JSON.stringify(plan));
      assert.ok(indexesUsed(plan).has('opportunities_search_trgm'), `indexes used: ${[...indexesUsed(plan)].join(', ')}`);
    });
  }

  // Two characters hold no trigram ('%西湖%' pads to none), so the index cannot narrow them.
  it('a two-character Chinese term cannot use the trigram index', async () => {
    assert.ok(!indexesUsed(await planOf({ q: '西湖' })).has('opportunities_search_trgm'));
  });
});

describe('impact statistics', () => {
  // A year by month: whole months from the rollup, only the part of a month before them from the
  // records, found by service_records_approved; the records table is never read end to end.
  it('approved hours and active volunteers read the rollup and only a month of records, by index', async () => {
    for (const groupBy of ['month', 'region', null] as const) {
      const plan = await explain(serviceFiguresSql({ scope: { kind: 'platform' }, since: new Date(now.getTime() - 365 * 86_400_000), now,
        viewerChannelId: SEED_KEYS.news.channelId, groupBy, regionDigits: 4 }));
      const scans = [...nodesOf(plan)].filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'service_records');
      assert.deepEqual(scans, [], `${groupBy}: a sequential scan of service_records`);
      assert.ok(indexesUsed(plan).has('service_records_approved'), `${groupBy}: ${[...indexesUsed(plan)].join(', ')}`);
    }
  });
});
