/**
 * The start-up warm-up (services/warm-up.ts): it asks the public reads its questions without an
 * error once something is listed, asks nothing of a database with nothing listed, and on PostgreSQL
 * every connection of the pool answers some of them (each backend's last statement is a read).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/database.js';
import { warmUp } from '../src/services/warm-up.js';
import { addOpportunity, openTestDatabase, resetToChannels, type TestDatabase } from './helpers.js';

const now = new Date();
let database: TestDatabase;
let db: Database;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
});
after(() => database.close());

describe('warm-up before listening', () => {
  it('asks nothing of a database with no opportunity listed', async () => {
    await resetToChannels(db);
    assert.equal(await warmUp(db, now), 0);
  });

  it('asks every round of questions on every connection once something is listed', async () => {
    for (const category of ['community', 'elderly', 'health']) {
      await addOpportunity(db, { category, title: '社区助老服务', shiftStarts: [new Date(now.getTime() + 86_400_000)] });
    }
    assert.equal(await warmUp(db, now, 3), 3 * db.connections);
  });

  if (process.env['DATABASE_URL']) {
    it('on PostgreSQL: every pooled connection answered a list or board read, told apart by its application_name', async () => {
      await warmUp(db, now, 2);
      const others = await db.query<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
        [`volunteerkit-server pid ${process.pid}`],
      );
      const reads = others.filter((row) => /FROM opportunities|service_totals|honor/i.test(row.query));
      // This statement runs on one of them; the others' last statement was the warm-up's.
      assert.equal(reads.length, db.connections - 1, others.map((row) => row.query.slice(0, 80)).join('\n'));
    });
  }
});
