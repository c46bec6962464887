/**
 * Times the queries behind a filtered opportunity list and a region-wide yearly honor board on a
 * freshly seeded database, and prints their plans' top nodes:
 *
 *   node --import tsx packages/server/scripts/query-timings.ts [--seed-scale 1] [--database-url postgres://…] [--runs 30]
 *
 * On PostgreSQL it works in a throw-away schema, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { listOpportunities, honorBoard } from '../src/services/reads.js';
import { SEED_KEYS, seedIfEmpty } from '../src/seed/seed.js';

const { values } = parseArgs({
  options: {
    'seed-scale': { type: 'string', default: '1' },
    'database-url': { type: 'string', default: process.env['DATABASE_URL'] },
    runs: { type: 'string', default: '30' },
  },
});
const databaseUrl = values['database-url'];
const schema = databaseUrl ? `vk_timing_${randomBytes(4).toString('hex')}` : undefined;
const db = await openDatabase(databaseUrl ? { databaseUrl, schema } : { dataDir: 'memory' });
const now = new Date();
try {
  const seedStarted = performance.now();
  const seeded = await seedIfEmpty(db, now, { scale: Number(values['seed-scale']) });
  console.log(`${db.kind}, seed ×${values['seed-scale']}: ${seeded!.opportunities} opportunities, ${seeded!.serviceRecords} service records`
    + ` (${Math.round(performance.now() - seedStarted)} ms)`);
  const channel = SEED_KEYS.news.channelId;
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['GET /v1/opportunities?category=elderly&regionCode=3301', () => listOpportunities(db, channel, { category: 'elderly', regionCode: '3301', limit: 5 }, now)],
    ['GET /v1/opportunities?q=西湖', () => listOpportunities(db, channel, { q: '西湖', limit: 5 }, now)],
    ['GET /v1/opportunities?q=图书馆', () => listOpportunities(db, channel, { q: '图书馆', limit: 5 }, now)],
    ['GET /v1/opportunities (no filter)', () => listOpportunities(db, channel, { limit: 5 }, now)],
    ['GET /v1/honor-board?scope=region:3301&period=year', () => honorBoard(db, channel, { scope: 'region:3301', period: 'year' }, now)],
    ['GET /v1/honor-board?scope=platform&period=all&subject=organization', () => honorBoard(db, channel, { period: 'all', subject: 'organization' }, now)],
  ];
  const runs = Number(values.runs);
  for (const [name, run] of cases) {
    await run(); // warm
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (f: number) => times[Math.min(times.length - 1, Math.floor(f * times.length))]!.toFixed(2);
    console.log(`${name.padEnd(72)} p50 ${at(0.5)} ms  p90 ${at(0.9)} ms`);
  }
} finally {
  await db.close();
  if (databaseUrl && schema) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
