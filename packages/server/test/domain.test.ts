/** Unit tests of the domain rules: plain functions, no database. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddress, normalizeAddress } from '../src/domain/client-address.js';
import { decodeCursor, encodeCursor } from '../src/domain/cursor.js';
import { DomainError } from '../src/services/errors.js';
import { keysetPage } from '../src/services/paging.js';
import { originAllowed } from '../src/domain/origins.js';
import { hoursToNextStar, maskEmail, publicName, starLevel } from '../src/domain/people.js';
import { rankWithTies } from '../src/domain/ranking.js';
import { seal, unseal } from '../src/domain/sealing.js';
import { signSessionToken, verifySessionToken } from '../src/domain/session-token.js';
import {
  ageProblem,
  answerErrors,
  birthDateFromResidentId,
  guestIdentityKey,
  initialStatus,
  missingIdentityErrors,
  planTransition,
  promotedStatus,
  signupWindowProblem,
} from '../src/domain/signup-rules.js';
import { matchesEtag } from '../src/http/cache.js';
import { negotiateLocale } from '../src/http/problem.js';
import { likePattern } from '../src/db/queries.js';

describe('capacity and waitlist', () => {
  it('gives a spot while one is left, then waitlists', () => {
    assert.equal(initialStatus({ capacity: 2, signedUp: 1 }, 'auto'), 'approved');
    assert.equal(initialStatus({ capacity: 2, signedUp: 2 }, 'auto'), 'waitlisted');
    assert.equal(initialStatus({ capacity: 2, signedUp: 3 }, 'auto'), 'waitlisted');
  });
  it('manual approval holds a spot in pending_review', () => {
    assert.equal(initialStatus({ capacity: 2, signedUp: 0 }, 'manual'), 'pending_review');
    assert.equal(initialStatus({ capacity: 2, signedUp: 2 }, 'manual'), 'waitlisted');
    assert.equal(promotedStatus('manual'), 'pending_review');
    assert.equal(promotedStatus('auto'), 'approved');
  });
  it('cancelling a spot frees it and promotes; cancelling a waitlisted one does not', () => {
    assert.deepEqual(planTransition('approved', 'cancelled', { capacity: 1, signedUp: 1 }), { ok: true, signedUpDelta: -1, waitlistedDelta: 0, promoteNext: true });
    assert.deepEqual(planTransition('pending_review', 'rejected', { capacity: 1, signedUp: 1 }), { ok: true, signedUpDelta: -1, waitlistedDelta: 0, promoteNext: true });
    assert.deepEqual(planTransition('waitlisted', 'cancelled', { capacity: 1, signedUp: 1 }), { ok: true, signedUpDelta: 0, waitlistedDelta: -1, promoteNext: false });
  });
  it('never approves a waitlisted sign-up into a full shift', () => {
    assert.deepEqual(planTransition('waitlisted', 'approved', { capacity: 1, signedUp: 1 }), { ok: false, reason: 'shift_full' });
    assert.deepEqual(planTransition('waitlisted', 'approved', { capacity: 2, signedUp: 1 }), { ok: true, signedUpDelta: 1, waitlistedDelta: -1, promoteNext: false });
  });
  it('approving a pending sign-up keeps its spot; terminal states stay terminal', () => {
    assert.deepEqual(planTransition('pending_review', 'approved', { capacity: 1, signedUp: 1 }), { ok: true, signedUpDelta: 0, waitlistedDelta: 0, promoteNext: false });
    assert.deepEqual(planTransition('cancelled', 'approved', { capacity: 5, signedUp: 0 }), { ok: false, reason: 'not_allowed' });
    assert.deepEqual(planTransition('rejected', 'cancelled', { capacity: 5, signedUp: 0 }), { ok: false, reason: 'not_allowed' });
  });
});

describe('sign-up window', () => {
  const now = new Date('2026-11-22T08:00:00Z');
  const shift = { startsAt: new Date('2026-11-25T01:00:00Z') };
  const open = { status: 'recruiting', signupOpensAt: null, signupClosesAt: null };
  it('is open while recruiting and before the shift', () => {
    assert.equal(signupWindowProblem(open, shift, now), null);
    assert.equal(signupWindowProblem({ ...open, status: 'full' }, shift, now), null);
  });
  it('names why it is closed', () => {
    assert.equal(signupWindowProblem({ ...open, status: 'closed' }, shift, now), 'not_recruiting');
    assert.equal(signupWindowProblem({ ...open, signupOpensAt: new Date('2026-11-23T00:00:00Z') }, shift, now), 'not_open_yet');
    assert.equal(signupWindowProblem({ ...open, signupClosesAt: new Date('2026-11-22T07:59:59Z') }, shift, now), 'closed');
    assert.equal(signupWindowProblem(open, { startsAt: now }, now), 'shift_started');
  });
});

describe('age limits', () => {
  const day = new Date('2026-11-22T01:00:00Z');
  it('counts whole years on the day of the shift', () => {
    assert.equal(ageProblem({ minAge: 18 }, '2008-11-22', day), null);
    assert.equal(ageProblem({ minAge: 18 }, '2008-11-23', day)?.code, 'too_young');
    assert.equal(ageProblem({ maxAge: 70 }, '1950-01-01', day)?.code, 'too_old');
  });
  it('asks for a birth date only when there is a limit', () => {
    assert.equal(ageProblem({}, null, day), null);
    assert.deepEqual(ageProblem({ minAge: 16 }, null, day), { path: 'volunteer.birthDate', message: 'is required: this activity has an age limit', code: 'required' });
  });
  it('reads the birth date out of a resident ID number', () => {
    assert.equal(birthDateFromResidentId('11010519491231002X'), '1949-12-31');
  });
});

describe('custom questions', () => {
  const questions = [
    { id: 'q_size', kind: 'choice' as const, required: true, options: ['S', 'M', 'L'] },
    { id: 'q_posts', kind: 'multi' as const, required: false, options: ['a', 'b'] },
    { id: 'q_note', kind: 'text' as const, required: true },
  ];
  it('accepts valid answers', () => {
    assert.deepEqual(answerErrors(questions, { q_size: 'M', q_posts: ['a', 'b'], q_note: '无' }), []);
  });
  it('reports each problem at its answer path', () => {
    const errors = answerErrors(questions, { q_size: 'XXL', q_posts: ['c'], q_other: 'x' });
    assert.deepEqual(errors.map((e) => `${e.path}:${e.code}`).sort(), [
      'answers.q_note:required', 'answers.q_other:unknown_question', 'answers.q_posts:invalid_option', 'answers.q_size:invalid_option',
    ]);
    assert.deepEqual(answerErrors(questions, { q_size: ['M'], q_note: ['x'], q_posts: 'a' }).map((e) => e.code), ['invalid_option', 'invalid_option', 'invalid_type']);
  });
});

describe('guest identity', () => {
  it('requires what the channel requires', () => {
    assert.deepEqual(missingIdentityErrors(['name', 'mobile', 'studentId'], { name: '李雷', mobile: '13800001111' }).map((e) => e.path), ['volunteer.studentId']);
  });
  it('recognises a guest by the strongest identifier the channel asks for', () => {
    assert.equal(guestIdentityKey(['name', 'mobile', 'studentId'], { mobile: '13800001111', studentId: '3210001' }), 'studentId:3210001');
    assert.equal(guestIdentityKey(['name', 'mobile'], { mobile: '13800001111', studentId: '3210001' }), 'mobile:13800001111');
    assert.equal(guestIdentityKey(['name', 'employeeId'], { employeeId: 'SZ1' }), 'employeeId:SZ1');
    assert.equal(guestIdentityKey(['name'], { email: 'A@B.cn' }), 'email:A@B.CN');
    assert.equal(guestIdentityKey(['name'], {}), null);
  });
});

describe('ranking with ties', () => {
  it('shares ranks and skips after a tie (1, 2, 2, 4)', () => {
    const ranked = rankWithTies([{ v: 10 }, { v: 8 }, { v: 8 }, { v: 5 }, { v: 5 }, { v: 1 }], (r) => r.v);
    assert.deepEqual(ranked.map((r) => r.rank), [1, 2, 2, 4, 4, 6]);
  });
  it('handles empty and all-equal boards', () => {
    assert.deepEqual(rankWithTies([], () => 0), []);
    assert.deepEqual(rankWithTies([{ v: 3 }, { v: 3 }], (r) => r.v).map((r) => r.rank), [1, 1]);
  });
});

describe('people', () => {
  it('masks names unless the volunteer opted in', () => {
    assert.equal(publicName('张小明', false), '张*明');
    assert.equal(publicName('张小明', true), '张小明');
    assert.equal(maskEmail('zhang@example.cn'), 'z***@example.cn');
  });
  it('computes stars from approved hours under the national rule or a custom one', () => {
    assert.equal(starLevel(99.5), 0);
    assert.equal(starLevel(100), 1);
    assert.equal(starLevel(1500), 5);
    assert.equal(starLevel(50, { thresholds: [10, 20, 30, 40, 50] }), 5);
    assert.equal(hoursToNextStar(250), 50);
    assert.equal(hoursToNextStar(1600), null);
  });
});

describe('cursors', () => {
  it('round-trip and refuse cursors of another sort or forged content', () => {
    const cursor = encodeCursor({ sort: 'startsAt', key: 1764000000.5, id: 'opp_abcd' });
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(cursor, 'startsAt'), { sort: 'startsAt', key: 1764000000.5, id: 'opp_abcd' });
    assert.equal(decodeCursor(cursor, 'newest'), null);
    assert.equal(decodeCursor('not-a-cursor', 'startsAt'), null);
    assert.equal(decodeCursor(Buffer.from('["startsAt","1","x"]').toString('base64url'), 'startsAt'), null);
    const forged = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');
    assert.deepEqual(decodeCursor(forged(['seq', 42, 'sgn_abcd']), 'seq'), { sort: 'seq', key: 42, id: 'sgn_abcd' });
    for (const value of [['seq', 1.5, 'sgn_abcd'], ['seq', -1, 'sgn_abcd'], ['seq', 2 ** 60, 'sgn_abcd'], ['seq', 1, 'sgn_\u0000'], ['seq', 1, "sgn_'--"], ['seq', 1, '']])
      assert.equal(decodeCursor(forged(value), 'seq'), null, JSON.stringify(value));
  });
});

describe('origins', () => {
  const allow = ['http://localhost:*', 'https://news.example.cn'];
  it('matches exact origins and any-port patterns', () => {
    assert.equal(originAllowed('https://news.example.cn', allow), true);
    assert.equal(originAllowed('http://localhost:5173', allow), true);
    assert.equal(originAllowed('http://localhost', allow), true);
  });
  it('refuses look-alikes', () => {
    assert.equal(originAllowed('https://news.example.cn.evil.com', allow), false);
    assert.equal(originAllowed('http://news.example.cn', allow), false);
    assert.equal(originAllowed('https://localhost:5173', allow), false);
    assert.equal(originAllowed('http://localhost.evil.com:80', allow), false);
    assert.equal(originAllowed('null', allow), false);
    assert.equal(originAllowed('https://news.example.cn/', allow), false);
  });
});

describe('session tokens', () => {
  const now = new Date('2026-11-22T08:00:00Z');
  const claims = { volunteerId: 'vol_abcd1234', channelId: 'chn_newsdemo', expiresAt: new Date(now.getTime() + 3600_000) };
  it('verify when intact and unexpired', () => {
    const token = signSessionToken(claims, 'secret');
    assert.match(token, /^vst_/);
    assert.deepEqual(verifySessionToken(token, 'secret', now), { ok: true, claims });
  });
  it('fail when expired, tampered with or signed with another secret', () => {
    const token = signSessionToken(claims, 'secret');
    assert.deepEqual(verifySessionToken(token, 'secret', new Date(now.getTime() + 3600_000)), { ok: false, reason: 'expired' });
    assert.deepEqual(verifySessionToken(token, 'other', now), { ok: false, reason: 'bad_signature' });
    const [payload, signature] = token.slice(4).split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ v: 'vol_someoneelse', c: 'chn_newsdemo', exp: 9999999999 })).toString('base64url');
    assert.deepEqual(verifySessionToken(`vst_${forged}.${signature}`, 'secret', now), { ok: false, reason: 'bad_signature' });
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    assert.deepEqual(verifySessionToken(`vst_${payload}.${flipped}`, 'secret', now), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(verifySessionToken('vst_garbage', 'secret', now), { ok: false, reason: 'malformed' });
  });
});

describe('small helpers', () => {
  it('seals ID numbers reversibly only with the right secret', () => {
    const sealed = seal('11010519491231002X', 's1');
    assert.ok(!sealed.includes('1949'));
    assert.equal(unseal(sealed, 's1'), '11010519491231002X');
    assert.equal(unseal(sealed, 's2'), null);
  });
  it('escapes LIKE wildcards in search text', () => {
    assert.equal(likePattern('50%_off\\'), '%50\\%\\_off\\\\%');
  });
  it('matches If-None-Match lists and weak validators', () => {
    assert.equal(matchesEtag('"a", W/"b"', '"b"'), true);
    assert.equal(matchesEtag('"a"', '"b"'), false);
    assert.equal(matchesEtag(undefined, '"b"'), false);
  });
  it('negotiates the locale of error messages', () => {
    assert.equal(negotiateLocale(undefined, 'en-US,en;q=0.9'), 'en');
    assert.equal(negotiateLocale('zh-TW', 'en'), 'zh-TW');
    assert.equal(negotiateLocale(undefined, 'fr, zh-HK;q=0.5'), 'zh-TW');
    assert.equal(negotiateLocale(undefined, undefined), 'zh-CN');
  });
});

describe('client address behind proxies', () => {
  const socket = '10.0.0.5';
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    assert.equal(clientAddress('203.0.113.1', socket, 0), socket);
    assert.equal(clientAddress(undefined, socket, 0), socket);
  });
  it('takes the n-th entry from the right: the rightmost n - 1 are the proxies\' own', () => {
    assert.equal(clientAddress('203.0.113.1', socket, 1), '203.0.113.1');
    assert.equal(clientAddress('6.6.6.6, 203.0.113.1', socket, 1), '203.0.113.1', 'what the client wrote itself is ignored');
    assert.equal(clientAddress('6.6.6.6, 203.0.113.1, 192.0.2.10', socket, 2), '203.0.113.1');
    assert.equal(clientAddress('203.0.113.1,192.0.2.10,192.0.2.20', socket, 3), '203.0.113.1');
  });
  it('falls back to the socket when the header is missing, too short or malformed where it is trusted', () => {
    for (const header of [undefined, '', ' ', '203.0.113.1', 'unknown, 192.0.2.10', '203.0.113.1, ', '203.0.113.1, 192.0.2.10:70000', '203.0.113.1, 192.0.2.300'])
      assert.equal(clientAddress(header, socket, 2), socket, JSON.stringify(header));
    assert.equal(clientAddress('garbage, 203.0.113.1, 192.0.2.10', socket, 2), '203.0.113.1', 'garbage left of the trusted part does not matter');
  });
  it('writes one address one way: ports dropped, IPv6 canonical, IPv4-mapped as IPv4', () => {
    assert.equal(normalizeAddress(' 203.0.113.1:5173 '), '203.0.113.1');
    assert.equal(normalizeAddress('[2001:DB8:0:0::1]:443'), '2001:db8::1');
    assert.equal(normalizeAddress('[::1]'), '::1');
    assert.equal(normalizeAddress('::ffff:203.0.113.1'), '203.0.113.1');
    for (const bad of ['', 'unknown', '203.0.113', '256.1.1.1', '01.2.3.4', '203.0.113.1:99999', '[203.0.113.1', '_hidden', '<script>'])
      assert.equal(normalizeAddress(bad), null, bad);
  });
});

describe('keyset pages', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ id: `rec_${String(i).padStart(4, '0')}` }));
  const list = (query: { limit?: number; cursor?: string }) =>
    keysetPage(query, 'id', async (after, rowsToRead) => rows.filter((r) => !after || r.id > after.id).slice(0, rowsToRead),
      (row) => ({ key: 0, id: row.id }), (page) => page.map((r) => r.id));

  it('reads one row more than the page to know whether there is a next one, and walks every row once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    assert.deepEqual(seen, rows.map((r) => r.id));
    assert.equal(pages, 3);
    assert.equal((await list({ limit: 7 })).nextCursor, null, 'exactly a full last page has no next cursor');
  });

  it('refuses a cursor of another list as a field error at `cursor`', async () => {
    const other = encodeCursor({ sort: 'seq', key: 1, id: 'sgn_abcd' });
    await assert.rejects(list({ cursor: other }), (error: DomainError) => error.kind === 'invalid' && error.details.errors?.[0]?.path === 'cursor');
  });
});
