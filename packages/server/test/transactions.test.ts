/**
 * `db.transaction`: one change commits whole or not at all; on PostgreSQL, a transaction that
 * PostgreSQL ended to break a deadlock runs again instead of failing the request or the batch.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { openDatabase, prepared, type Database } from '../src/db/database.js';
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

  describe('prepared statements on PostgreSQL', () => {
    /** One connection, so every statement below meets what the earlier ones prepared on it. */
    let single: Database;
    before(async () => {
      const poolSize = process.env['VK_PG_POOL_SIZE'];
      process.env['VK_PG_POOL_SIZE'] = '1';
      try {
        single = await openDatabase({ databaseUrl, schema: t.schema });
      } finally {
        if (poolSize === undefined) delete process.env['VK_PG_POOL_SIZE'];
        else process.env['VK_PG_POOL_SIZE'] = poolSize;
      }
      await t.db.query('CREATE TABLE prepared_probe (id int PRIMARY KEY, a text NOT NULL)');
      await t.db.query("INSERT INTO prepared_probe (id, a) VALUES (1, 'one')");
    });
    after(() => single.close());

    it('a marked statement is a named prepared statement; an unmarked one is not', async () => {
      const marked = prepared('SELECT a FROM prepared_probe WHERE id = $1');
      const unmarked = 'SELECT a FROM prepared_probe WHERE id = $1 AND true';
      const statements = await single.transaction(async (tx) => {
        assert.deepEqual(await tx.query(marked, [1]), [{ a: 'one' }]);
        assert.deepEqual(await tx.query(unmarked, [1]), [{ a: 'one' }]);
        return (await tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).map((r) => r.statement);
      });
      assert.ok(statements.includes(marked), statements.join('\n'));
      assert.ok(!statements.includes(unmarked));
    });

    it('still answers, with the new columns, after a migration changes what it returns', async () => {
      // `*` is what a migration changes under a running server (`o.*` in the sign-up's read).
      const everything = prepared('SELECT * FROM prepared_probe WHERE id = $1');
      assert.deepEqual(await single.transaction((tx) => tx.query(everything, [1])), [{ id: 1, a: 'one' }]);
      await t.db.query("ALTER TABLE prepared_probe ADD COLUMN b text NOT NULL DEFAULT 'added'");
      assert.deepEqual(await single.transaction((tx) => tx.query(everything, [1])), [{ id: 1, a: 'one', b: 'added' }]);
      await t.db.query("ALTER TABLE prepared_probe ADD COLUMN c text NOT NULL DEFAULT 'again'");
      assert.deepEqual(await single.query(everything, [1]), [{ id: 1, a: 'one', b: 'added', c: 'again' }]);
    });
  });
}
