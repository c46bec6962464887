/**
 * `db.transaction`: one change commits whole or not at all; on PostgreSQL, a transaction that
 * PostgreSQL ended to break a deadlock runs again instead of failing the request or the batch.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { openDatabase, type Database } from '../src/db/database.js';
import { openTestDatabase, type TestDatabase } from './helpers.js';

let t: TestDatabase;
before(async () => {
  t = await openTestDatabase();
  await t.db.query('CREATE TABLE tx_probe (id int PRIMARY KEY, n int NOT NULL)');
});
after(() => t.close());
beforeEach(async () => {
  await t.db.query('DELETE FROM tx_probe');
  await t.db.query('INSERT INTO tx_probe (id, n) VALUES (1, 0), (2, 0)');
});

const counts = async (db: Database) => (await db.query<{ id: number; n: number }>('SELECT id, n FROM tx_probe ORDER BY id')).map((r) => r.n);

describe('db.transaction', () => {
  it('rolls back a change that throws, runs it once, and passes the error on', async () => {
    let calls = 0;
    await assert.rejects(t.db.transaction(async (tx) => {
      calls++;
      await tx.query('UPDATE tx_probe SET n = n + 1 WHERE id = 1');
      throw Object.assign(new Error('refused'), { code: '23514' });
    }), /refused/);
    assert.equal(calls, 1, 'an ordinary failure is not retried');
    assert.deepEqual(await counts(t.db), [0, 0]);
  });
});

interface Signal { promise: Promise<void>; resolve(): void }
function signal(): Signal {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
  return { promise, resolve };
}

const databaseUrl = process.env['DATABASE_URL'];
if (databaseUrl) {
  describe('db.transaction on PostgreSQL', () => {
    let second: Database;
    before(async () => { second = await openDatabase({ databaseUrl, schema: t.schema }); });
    after(() => second.close());

    it('runs again the transaction PostgreSQL ended to break a deadlock: both changes land, each once', async () => {
      // Two instances lock the same two rows in opposite orders, each holding its first lock until
      // the other holds its own: PostgreSQL finds the cycle (after deadlock_timeout, 1 s) and ends one.
      const held = { a: signal(), b: signal() };
      let calls = 0;
      const lockBoth = (db: Database, first: number, mine: Signal, theirs: Signal) =>
        db.transaction(async (tx) => {
          calls++;
          await tx.query('UPDATE tx_probe SET n = n + 1 WHERE id = $1', [first]);
          mine.resolve();
          await theirs.promise;
          await tx.query('UPDATE tx_probe SET n = n + 1 WHERE id = $1', [3 - first]);
        });
      await Promise.all([lockBoth(t.db, 1, held.a, held.b), lockBoth(second, 2, held.b, held.a)]);
      assert.equal(calls, 3, 'one of the two ran again');
      assert.deepEqual(await counts(t.db), [2, 2], 'each change counted once');
    });
  });
}
