// The embedded database in a data folder: `npm start` on a fresh clone has no `.data/` yet, and a
// restart must keep what volunteers signed up for.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';

const root = mkdtempSync(join(tmpdir(), 'vk-data-'));
after(() => rmSync(root, { recursive: true, force: true }));

it('creates a nested PGlite data folder that does not exist yet, and keeps rows across a reopen', async () => {
  const dataDir = join(root, 'not', 'yet', 'pglite');
  const first = await openDatabase({ dataDir });
  await first.query('CREATE TABLE kept (note text)');
  await first.query('INSERT INTO kept VALUES ($1)', ['报名还在']);
  await first.close();

  const reopened = await openDatabase({ dataDir });
  const rows = await reopened.query<{ note: string }>('SELECT note FROM kept');
  await reopened.close();
  assert.deepEqual(rows, [{ note: '报名还在' }]);
});
