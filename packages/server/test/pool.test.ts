/**
 * On PostgreSQL the CLI opens the whole pool at start (`openPool`): the first burst meets open
 * connections, not new backends. PGlite has no pool, so these run on PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { startServer } from '../src/index.js';
import { dropSchema } from './helpers.js';

const databaseUrl = process.env['DATABASE_URL'];

describe('the PostgreSQL pool', () => {
  if (databaseUrl) {
    it('opens every connection at start with openPool, and none beyond the migrations without it', async () => {
      const schema = `vk_test_pool_${process.pid}`;
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      // A connection whose search_path names the schema is one of that server's.
      const opened = async () => Number((await admin.query(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()
           AND query NOT ILIKE '%pg_stat_activity%'`)).rows[0].n);
      const quiet = { port: 0, databaseUrl, schema, autoApproval: false, redemptionExpiry: false, webhooks: false, log: false } as const;
      try {
        const before = await opened();
        const warm = await startServer({ ...quiet, openPool: true });
        assert.equal(await opened() - before, Number(process.env['VK_PG_POOL_SIZE'] ?? 10), 'every connection of the pool is open');
        await warm.close();
        const lazy = await startServer(quiet);
        assert.ok(await opened() - before < Number(process.env['VK_PG_POOL_SIZE'] ?? 10), 'without openPool, connections open on first need');
        await lazy.close();
      } finally {
        await admin.end();
        await dropSchema(databaseUrl, schema);
      }
    });
  }
});
