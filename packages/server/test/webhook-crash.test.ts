/**
 * `kill -9` of the server in the middle of sending a webhook: the real CLI claims a delivery, the
 * receiver holds the request open, the process is killed; a second server over the same database
 * sends the same event (same `webhook-id`) once the first one's lease has run out. Nothing is lost,
 * and the receiver gets the event again — at least once, deduped by id.
 *
 * Runs on the suite's database with no skip, as crash.test.ts does: a fresh PostgreSQL schema
 * with DATABASE_URL, else a PGlite data folder on disk.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { openDatabase, type Database } from '../src/db/database.js';
import * as w from '../src/db/webhook-queries.js';
import { newWebhookSecret } from '../src/domain/webhooks.js';
import { CONSENT, SEED_KEYS, addOpportunity, dropSchema, nextMobile, openTestDatabase, resetToChannels, startServerCli } from './helpers.js';

const LEASE_MS = 11_000;
const databaseUrl = process.env['DATABASE_URL'];
let where: { args: string[]; open: () => Promise<Database>; cleanUp: () => Promise<void> };

before(async () => {
  if (databaseUrl) {
    const t = await openTestDatabase();
    await t.db.close();
    const schema = t.schema!;
    where = { args: ['--database-url', databaseUrl, '--schema', schema], open: () => openDatabase({ databaseUrl, schema }), cleanUp: () => dropSchema(databaseUrl, schema) };
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'vk-webhook-crash-'));
    where = { args: ['--data', dataDir], open: () => openDatabase({ dataDir }), cleanUp: () => rm(dataDir, { recursive: true, force: true }) };
  }
});
after(() => where.cleanUp());

it('a server killed while sending a delivery loses nothing: another sends the same event after the lease', async () => {
  const secret = newWebhookSecret();
  const requests: Array<{ id: string; verified: boolean }> = [];
  let holdFirst: (() => void) | undefined;
  const firstArrived = new Promise<void>((resolve) => (holdFirst = resolve));
  let accepted: (() => void) | undefined;
  const acceptedOnce = new Promise<void>((resolve) => (accepted = resolve));
  const receiver = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const headers = { 'webhook-id': String(request.headers['webhook-id']), 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) };
      let verified = true;
      try {
        new Webhook(secret).verify(body, headers);
      } catch {
        verified = false;
      }
      requests.push({ id: headers['webhook-id'], verified });
      if (requests.length === 1) return holdFirst!(); // never answered: the sender dies meanwhile
      response.writeHead(verified ? 204 : 401).end();
      if (verified) accepted!();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  const db = await where.open();
  let fixture;
  try {
    await resetToChannels(db);
    fixture = await addOpportunity(db, { capacity: 5 });
    await w.insertEndpoint(db, { id: 'whk_crashtest0001', channelId: SEED_KEYS.news.channelId, url, description: '', eventTypes: [], secret, sandbox: true, at: new Date() });
  } finally {
    await db.close();
  }

  const args = [...where.args, '--rate-limit', 'off'];
  const first = await startServerCli(args, { env: { VK_WEBHOOK_LEASE_MS: String(LEASE_MS) } });
  let second;
  try {
    const signup = await fetch(`${first.url}/v1/signups`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SEED_KEYS.news.publishableKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ opportunityId: fixture.opportunityId, shiftId: fixture.shiftIds[0], volunteer: { name: '李明', mobile: nextMobile() }, consent: CONSENT }),
    });
    assert.equal(signup.status, 201, await signup.text());
    await firstArrived;
    const exited = once(first.child, 'exit');
    first.child.kill('SIGKILL');
    await exited;

    const killedAt = Date.now();
    second = await startServerCli(args);
    let giveUp: NodeJS.Timeout | undefined;
    await Promise.race([acceptedOnce, new Promise((_, reject) => {
      giveUp = setTimeout(() => reject(new Error(`the event never arrived again; requests: ${JSON.stringify(requests)}`)), 60_000);
    })]).finally(() => clearTimeout(giveUp));
    assert.ok(Date.now() - killedAt >= LEASE_MS - 2_000, 'not before the first claim\'s lease ran out');
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.id, requests[0]!.id, 'the same webhook-id again');
    assert.ok(requests.every((r) => r.verified));
  } finally {
    if (first.child.exitCode === null) first.child.kill('SIGKILL');
    if (second && second.child.exitCode === null) {
      const closed = once(second.child, 'exit');
      second.child.kill('SIGTERM');
      await closed;
    }
    receiver.closeAllConnections();
    receiver.close();
  }

  const after = await where.open();
  try {
    const [delivery] = await after.query<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries');
    assert.deepEqual(delivery, { status: 'succeeded', attempts: 2 });
    const attempts = await after.query<{ attempt: number; succeeded: boolean }>('SELECT attempt, succeeded FROM webhook_attempts ORDER BY seq');
    assert.deepEqual(attempts, [{ attempt: 2, succeeded: true }], 'the killed attempt left no result; the second is logged');
  } finally {
    await after.close();
  }
});
