/**
 * Shared by the server's test files: one database per file (in-memory PGlite, or a fresh schema
 * of the PostgreSQL named by DATABASE_URL), small fixtures, and request helpers.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Hono } from 'hono';
import { after, before, beforeEach } from 'node:test';
import { createApp, type AppOptions } from '../src/app.js';
import { dumpPglite, openDatabase, type Database } from '../src/db/database.js';
import * as q from '../src/db/queries.js';
import { SEED_KEYS, seedChannels } from '../src/seed/seed.js';
// Every response below is also checked against docs/openapi.json (fails the file on a violation).
import { recordExchange } from './conformance-recorder.js';

export { SEED_KEYS };

export interface TestDatabase {
  db: Database;
  /** The PostgreSQL schema used, if any (for startServer). */
  schema: string | undefined;
  close(): Promise<void>;
}

/** A fresh database for one test file; `close()` drops what it created. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    const db = await openDatabase({ dataDir: 'memory', pgliteSnapshot: await migratedPgliteSnapshot() });
    return { db, schema: undefined, close: () => db.close() };
  }
  const schema = `vk_test_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ databaseUrl, schema });
  return {
    db,
    schema,
    close: async () => {
      await db.close();
      await dropSchema(databaseUrl, schema);
    },
  };
}

let snapshot: Promise<Blob> | undefined;

/**
 * The migrated empty PGlite every test file starts from, kept on disk between files and runs
 * (keyed by PGlite's version and the migrations' text): initdb would cost each file about 3 s.
 * Written to a temporary name and renamed, so a file running alongside never reads half of it.
 */
function migratedPgliteSnapshot(): Promise<Blob> {
  return (snapshot ??= (async () => {
    const migrations = new URL('../migrations/', import.meta.url);
    const nodeModules = new URL('../../../node_modules/', import.meta.url);
    const hash = createHash('sha256').update(readFileSync(new URL('@electric-sql/pglite/package.json', nodeModules)));
    for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(new URL(file, migrations)));
    const cacheDir = fileURLToPath(new URL('.cache/volunteerkit/', nodeModules));
    const path = `${cacheDir}pglite-migrated-${hash.digest('hex').slice(0, 16)}.tar`;
    if (existsSync(path)) return new Blob([readFileSync(path)]);
    const dumped = await dumpPglite();
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${path}.${process.pid}`;
    writeFileSync(temporary, Buffer.from(await dumped.arrayBuffer()));
    renameSync(temporary, path);
    return dumped;
  })());
}

export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export interface TestApp {
  /** This file's database. */
  readonly db: Database;
  /** The app over it: no read cache, no rate limit, the clock below. */
  readonly app: ReturnType<typeof createApp>;
  /** The app's clock; back to the real time before each test. */
  now: Date;
  /**
   * Settles once `db` and `app` exist. A file-level `before` of the test file itself must await
   * it: node:test runs file-level hooks as soon as they are registered, not one after another.
   */
  readonly ready: Promise<void>;
}

/**
 * The set-up every in-process test file shares, as node:test hooks: one database for the file,
 * an app over it, and before each test (unless `resetEachTest: false`) the real time and just the
 * three demo channels.
 */
export function useTestApp(options: { resetEachTest?: boolean; app?: AppOptions } = {}): TestApp {
  let database: TestDatabase | undefined;
  let app: ReturnType<typeof createApp> | undefined;
  let opened: Promise<void> | undefined;
  const open = () => (opened ??= openTestDatabase().then((opened) => {
    database = opened;
    app = createApp(opened.db, { readCacheMs: 0, rateLimit: false, now: () => state.now, ...options.app });
  }));
  const state = {
    get db() {
      return database!.db;
    },
    get app() {
      return app!;
    },
    now: new Date(),
    get ready() {
      return open();
    },
  };
  before(open);
  after(() => database?.close());
  if (options.resetEachTest !== false) {
    beforeEach(async () => {
      await open();
      state.now = new Date();
      await resetToChannels(database!.db);
    });
  }
  return state;
}

/**
 * Empties the database and loads the three demo channels with their keys. One transaction, which
 * `db.transaction` runs again when PostgreSQL breaks a deadlock: a server the test started runs its
 * schedulers at once (services/periodic.ts), and TRUNCATE's table locks, taken one table after
 * another, can meet a scheduler's write holding one of them (seen in CI as `deadlock detected`).
 */
export async function resetToChannels(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await q.truncateAll(tx);
    await seedChannels(tx);
  });
}

let counter = 0;
const uid = (prefix: string) => `${prefix}_t${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(3).toString('hex')}`;

export interface OpportunityFixture {
  orgId: string;
  opportunityId: string;
  shiftIds: string[];
}

export interface OpportunityOptions {
  title?: string;
  summary?: string;
  orgName?: string;
  category?: string;
  regionCode?: string;
  lat?: number | null;
  lng?: number | null;
  skills?: string[];
  audience?: string;
  approval?: 'auto' | 'manual';
  status?: string;
  minAge?: number;
  questions?: unknown[];
  signupOpensAt?: Date | null;
  signupClosesAt?: Date | null;
  /** Shift starts; each lasts `hours`. */
  shiftStarts?: Date[];
  hours?: number;
  capacity?: number;
  pointsPerHour?: number;
  createdAt?: Date;
  orgId?: string;
}

/** Inserts an organization (unless `orgId` is given), one opportunity and its shifts. */
export async function addOpportunity(db: Database, o: OpportunityOptions = {}): Promise<OpportunityFixture> {
  const orgId = o.orgId ?? uid('org');
  if (!o.orgId) {
    await q.bulkInsert(db, 'organizations', [{ id: orgId, name: o.orgName ?? '测试志愿者协会', kind: 'volunteer_org', region_code: o.regionCode ?? '330106',
      logo_url: null, description: '', verified: true, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }]);
  }
  const opportunityId = uid('opp');
  const hours = o.hours ?? 2;
  const created = (o.createdAt ?? new Date()).toISOString();
  await q.bulkInsert(db, 'opportunities', [{
    id: opportunityId, org_id: orgId, title: o.title ?? '测试活动', summary: o.summary ?? '', description: '', category: o.category ?? 'community',
    skills: o.skills ?? [], location_name: '测试地点', location_address: '', region_code: o.regionCode ?? '330106',
    lat: o.lat === undefined ? 30.25 : o.lat, lng: o.lng === undefined ? 120.13 : o.lng, online: false, status: o.status ?? 'recruiting',
    audience: o.audience ?? 'public', approval: o.approval ?? 'auto', signup_opens_at: o.signupOpensAt?.toISOString() ?? null,
    signup_closes_at: o.signupClosesAt?.toISOString() ?? null, requirements: o.minAge !== undefined ? { minAge: o.minAge } : {},
    hours_per_shift: hours, points_per_hour: o.pointsPerHour ?? 10, cover_image_url: null, timezone: 'Asia/Shanghai',
    questions: o.questions ?? [], created_at: created, updated_at: created,
  }]);
  const starts = o.shiftStarts ?? [new Date(Date.now() + 3 * 86_400_000)];
  const shiftIds = starts.map(() => uid('shf'));
  await q.bulkInsert(db, 'shifts', starts.map((start, i) => ({
    id: shiftIds[i], opportunity_id: opportunityId, starts_at: start.toISOString(),
    ends_at: new Date(start.getTime() + hours * 3_600_000).toISOString(), capacity: o.capacity ?? 10, signed_up: 0, waitlisted: 0,
  })));
  return { orgId, opportunityId, shiftIds };
}

let mobileCounter = 0;
/** A distinct valid mainland mobile number per call. */
export function nextMobile(): string {
  mobileCounter += 1;
  return `139${String((process.pid * 1000 + mobileCounter) % 100_000_000).padStart(8, '0')}`;
}

export interface CallOptions {
  key?: string;
  bearer?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** The TCP peer's address, as @hono/node-server would pass it; without it the app sees 'local'. */
  socket?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Calls the app in-process. A publishable `key` goes in the query string, like a browser GET. */
export async function call(app: Hono<any>, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const url = new URL(path, 'http://vk.test');
  if (options.key) url.searchParams.set('key', options.key);
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers['Authorization'] = `Bearer ${options.bearer}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const env = options.socket ? { incoming: { socket: { remoteAddress: options.socket } } } : undefined;
  const response = await app.request(url.pathname + url.search, { method, headers, ...(body !== undefined ? { body } : {}) }, env);
  const text = await response.text();
  recordExchange({ method, url: url.pathname + url.search, status: response.status, headers: response.headers, body: text });
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

interface Parser {
  safeParse(input: unknown): { success: boolean; error?: unknown };
}

/** Asserts a response body matches the contract schema, with zod's complaint on failure. */
export function assertShape(schema: Parser, value: unknown): void {
  const result = schema.safeParse(value);
  assert.ok(result.success, `response does not match the contract: ${JSON.stringify((result as { error?: { issues?: unknown } }).error?.issues ?? result.error)}\n${JSON.stringify(value).slice(0, 500)}`);
}

/** Asserts a problem-details error with `status` and `code`. */
export function assertProblem(result: CallResult, status: number, code: string): void {
  assert.equal(result.status, status, `expected ${status} ${code}, got ${result.status}: ${result.text.slice(0, 300)}`);
  assert.match(result.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(result.body?.code, code, result.text.slice(0, 300));
  assert.equal(result.body?.status, status);
  assert.ok(result.body?.requestId, 'problem carries requestId');
  assert.equal(result.headers.get('x-request-id'), result.body.requestId);
}

export function guest(overrides: Record<string, unknown> = {}) {
  return { name: '王小明', mobile: nextMobile(), ...overrides };
}

export const CONSENT = { policyVersion: '2026-01', accepted: true } as const;

export interface CliRun {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: string;
  url: string;
}

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

/**
 * Starts the `volunteerkit-server` CLI on a free port with `args` and resolves once it has
 * printed its URL and `ready` text. DATABASE_URL is not inherited: `args` name the database.
 */
export async function startServerCli(args: string[], options: { env?: NodeJS.ProcessEnv; ready?: string } = {}): Promise<CliRun> {
  const childEnv = { ...process.env, ...options.env };
  delete childEnv['DATABASE_URL'];
  const ready = options.ready ?? 'listening on';
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: CliRun = { child, output: '', url: '' };
  child.stdout!.on('data', (chunk) => (run.output += chunk));
  child.stderr!.on('data', (chunk) => (run.output += chunk));
  run.url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${run.output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(run.output);
      if (match && run.output.includes(ready)) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${run.output}`)));
  }).catch((error: unknown) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  });
  return run;
}
