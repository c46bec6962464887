/** The outbox keeps an event exactly when the change it reports commits. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordEvent } from '../src/services/outbox.js';
import { openTestDatabase, type TestDatabase } from './helpers.js';

describe('outbox', () => {
  let t: TestDatabase;
  before(async () => { t = await openTestDatabase(); });
  after(() => t.close());

  const count = async (subjectId: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events WHERE subject_id = $1', [subjectId]))[0]!.n;

  it('keeps the event of a committed change, in append order', async () => {
    const at = new Date('2026-12-01T08:00:00Z');
    const ids = await t.db.transaction(async (tx) => [
      await recordEvent(tx, { channelId: 'chn_a', type: 'signup.created', subjectId: 'sgn_1' }, at),
      await recordEvent(tx, { channelId: 'chn_a', type: 'signup.cancelled', subjectId: 'sgn_1', version: 2 }, at),
    ]);
    assert.match(ids[0]!, /^evt_[0-9A-Za-z]{20}$/);
    const rows = await t.db.query<{ id: string; type: string; subject_version: number }>(
      'SELECT id, type, subject_version FROM outbox_events WHERE subject_id = $1 ORDER BY seq', ['sgn_1']);
    assert.deepEqual(rows, [
      { id: ids[0], type: 'signup.created', subject_version: 1 },
      { id: ids[1], type: 'signup.cancelled', subject_version: 2 },
    ]);
  });

  it('keeps nothing of a change that rolled back', async () => {
    await assert.rejects(t.db.transaction(async (tx) => {
      await recordEvent(tx, { channelId: 'chn_a', type: 'signup.created', subjectId: 'sgn_2' }, new Date());
      throw new Error('the change failed after its event');
    }), /the change failed/);
    assert.equal(await count('sgn_2'), 0);
  });

  it('refuses an event type that is not <subject>.<what happened>', async () => {
    await assert.rejects(t.db.transaction((tx) => recordEvent(tx, { channelId: 'chn_a', type: 'Signup Created' as `${string}.${string}`, subjectId: 'sgn_3' }, new Date())));
    assert.equal(await count('sgn_3'), 0);
  });
});
