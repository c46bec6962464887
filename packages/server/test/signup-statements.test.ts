/**
 * What one sign-up asks of the database: the statements its transaction sends, and how many of
 * them run while the shift's row lock is held (every other sign-up for the shift waits that long).
 * Counted by wrapping the transaction's query function of the app's database.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { isPrepared, type Database, type Queryable, type SqlParam } from '../src/db/database.js';
import { addOpportunity, call, CONSENT, guest, openTestDatabase, resetToChannels, SEED_KEYS, type TestDatabase } from './helpers.js';

const news = SEED_KEYS.news;
let database: TestDatabase;
let app: ReturnType<typeof createApp>;
/** The SQL of each transaction the app ran, statement by statement (BEGIN and COMMIT not included). */
let transactions: string[][] = [];
/** The same statements as sent (whitespace kept): what `prepared` was given. */
let sent: string[] = [];

/** The database, with each transaction's statements written down. */
function counting(db: Database): Database {
  return Object.assign(Object.create(db) as Database, {
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => {
      const statements: string[] = [];
      transactions.push(statements);
      return fn({
        query: <Row>(sql: string, params?: readonly SqlParam[]) => {
          statements.push(sql.replace(/\s+/g, ' ').trim());
          sent.push(sql);
          return tx.query<Row>(sql, params);
        },
      });
    }),
  });
}

before(async () => {
  database = await openTestDatabase();
  app = createApp(counting(database.db), { readCacheMs: 0, rateLimit: false });
});
after(() => database.close());
beforeEach(async () => {
  await resetToChannels(database.db);
  transactions = [];
  sent = [];
});

/** Statements from the one that locks the shift to the end of the transaction. */
const underShiftLock = (statements: string[]) => statements.slice(statements.findIndex((sql) => /FOR UPDATE OF s\b/.test(sql)));

async function signUp(shiftCapacity: number, idempotencyKey?: string) {
  const { opportunityId, shiftIds } = await addOpportunity(database.db, { capacity: shiftCapacity });
  transactions = [];
  const res = await call(app, 'POST', '/v1/signups', {
    key: news.publishableKey,
    body: { opportunityId, shiftId: shiftIds[0], volunteer: guest(), consent: CONSENT },
    ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
  });
  assert.equal(res.status, 201, res.text);
  assert.equal(transactions.length, 1, 'one transaction per sign-up');
  return { statements: transactions[0]!, body: res.body };
}

describe('POST /v1/signups, statements per sign-up', () => {
  it('a guest\'s sign-up with an Idempotency-Key: at most 7 statements, 3 of them under the shift lock', async () => {
    const { statements } = await signUp(5, 'count-me-1');
    assert.ok(statements.length <= 7, `${statements.length} statements:\n${statements.join('\n')}`);
    assert.ok(underShiftLock(statements).length <= 3, `under the lock:\n${underShiftLock(statements).join('\n')}`);
  });

  it('every statement with values is a prepared one (PostgreSQL plans it once per connection)', async () => {
    await signUp(5, 'count-me-prepared');
    const withValues = sent.filter((sql) => sql.includes('$1'));
    assert.ok(withValues.length >= 5, withValues.join('\n'));
    assert.deepEqual(withValues.filter((sql) => !isPrepared(sql)).map((sql) => sql.replace(/\s+/g, ' ').trim()), []);
  });

  it('without a key: at most 4 statements, 2 of them under the shift lock', async () => {
    const { statements } = await signUp(5);
    assert.ok(statements.length <= 4, `${statements.length} statements:\n${statements.join('\n')}`);
    assert.ok(underShiftLock(statements).length <= 2, `under the lock:\n${underShiftLock(statements).join('\n')}`);
  });

  it('a waitlisted sign-up costs the same and knows its place', async () => {
    const { opportunityId, shiftIds } = await addOpportunity(database.db, { capacity: 1 });
    for (const expected of [['approved', null], ['waitlisted', 1], ['waitlisted', 2]] as const) {
      transactions = [];
      const res = await call(app, 'POST', '/v1/signups', {
        key: news.publishableKey,
        body: { opportunityId, shiftId: shiftIds[0], volunteer: guest(), consent: CONSENT },
      });
      assert.equal(res.status, 201, res.text);
      assert.deepEqual([res.body.status, res.body.waitlistPosition ?? null], expected);
      assert.ok(transactions[0]!.length <= 4, transactions[0]!.join('\n'));
    }
  });
});
