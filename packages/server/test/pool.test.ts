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
      // The pool names its connections after this process (src/db/database.ts); other suites' are not counted.
      const opened = async () => Number((await admin.query(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [`volunteerkit-server pid ${process.pid}`])).rows[0].n);
      const quiet = { port: 0, databaseUrl, schema, autoApproval: false, redemptionExpiry: false, webhooks: false, log: false } as const;
      // Each server is closed before any assertion, so a failing one ends the test instead of keeping it alive.
      const countAtStart = async (openPool: boolean) => {
        const server = await startServer({ ...quiet, openPool });
        try {
          return { opened: await opened(), poolSize: server.db.connections };
        } finally {
          await server.close();
        }
      };
      try {
        const warm = await countAtStart(true);
        assert.equal(warm.opened, warm.poolSize, 'every connection of the pool is open');
        const lazy = await countAtStart(false);
        assert.ok(lazy.opened < lazy.poolSize, 'without openPool, connections open on first need');
      } finally {
        await admin.end();
        await dropSchema(databaseUrl, schema);
      }
    });
  }
});
