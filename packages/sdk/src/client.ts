/**
 * `createClient` and the client it returns.
 *
 * @module
 */
import type { Locale } from './schemas/common.js';
import { ResponseValidationError, VolunteerKitError } from './core/errors.js';
import { PagePromise, type PageBody } from './core/pagination.js';
import type { ResponseCache } from './internal/cache.js';
import { shareInFlight } from './internal/dedupe.js';
import { isStale, writeCount } from './internal/freshness.js';
import { isBrowserPage, redactUrl } from './internal/env.js';
import { send, type RawResponse } from './internal/transport.js';
import type { Output, ResponseValidator, SchemaName } from './internal/contract-types.js';
import { Channels } from './resources/channel.js';
import { HonorBoards } from './resources/honor-board.js';
import { Me } from './resources/me.js';
import { Opportunities } from './resources/opportunities.js';
import { Organizations } from './resources/organizations.js';
import { ServiceRecords } from './resources/service-records.js';
import { Sessions } from './resources/sessions.js';
import { Signups } from './resources/signups.js';
import { Stats } from './resources/stats.js';

/** How long one attempt may take before it fails with a TimeoutError. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** How many times a failed GET or idempotent write is retried. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Where the API lives, e.g. `https://api.volunteerkit.cn`. Must be https (http only for localhost). */
  baseUrl: string;
  /** `pk_test_…`/`pk_live_…`: public reads and guest sign-ups. Safe in a web page. */
  publishableKey?: string;
  /** `sk_…`: partner back ends only. Refused in a web page unless `dangerouslyAllowBrowser`. */
  secretKey?: string;
  /** Language of server messages (`?locale=`). */
  locale?: Locale;
  /** Milliseconds one attempt may take. Default 20 000. */
  timeout?: number;
  /** Retries of a failed GET or idempotent write. Default 2. */
  maxRetries?: number;
  /** A `fetch` to use instead of the global one (a proxy, a test double). */
  fetch?: typeof fetch;
  /**
   * Checks every answer against the contract: pass `responseValidator` from
   * `@volunteerkit/sdk/validation`. Off by default, so that the client carries no schemas.
   */
  validate?: ResponseValidator;
  /**
   * Opt-in stale-while-revalidate cache of GET answers: pass `swrCache({ ttlMs })` from
   * `@volunteerkit/sdk/cache`. Off by default, so that the client carries no cache code.
   */
  cache?: false | ResponseCache | undefined;
  /** Allow a secret key in a web page. Only for internal tools whose users may see the key. */
  dangerouslyAllowBrowser?: boolean;
}

/** Per-call options, accepted as the last argument of every method. */
export interface RequestOptions {
  /** Cancels the call, including a pending retry wait; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds one attempt may take (overrides the client's `timeout`). */
  timeout?: number;
  /** Retries for this call (overrides the client's `maxRetries`). */
  maxRetries?: number;
  /**
   * Makes a write safe to retry: the server answers a repeat with the first result. Sent as
   * `Idempotency-Key`. `signups.create` generates one when you do not pass it.
   */
  idempotencyKey?: string;
}

/**
 * Which credential a call uses:
 * - `public`: a read anyone may make; the publishable key goes in the query string and no custom
 *   header is sent, so the browser needs no preflight and a CDN can cache it;
 * - `publicWrite`: a write with the session if there is one, else the publishable key;
 * - `session`: the volunteer session (`withSession(vst_…)`);
 * - `organizer`: the organizer session (`withSession(ost_…)`);
 * - `secret`: the secret key.
 */
export type AuthKind = 'public' | 'publicWrite' | 'session' | 'organizer' | 'secret';

/** @internal What a resource method asks the client to do. */
export interface RequestSpec<N extends SchemaName> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: object | undefined;
  body?: unknown;
  auth: AuthKind;
  /** The contract schema the answer must match. */
  schema: N;
  options?: RequestOptions | undefined;
  /** The method's name for error messages, e.g. `signups.list`. */
  name: string;
  /**
   * A write: after its success, marks what it made stale (`markStale` of internal/freshness.ts,
   * imported by the write resources only, so a client that only reads does not carry it).
   */
  stales?: ((answer: Output<N>, shared: SharedState) => void) | undefined;
}

/** @internal State shared by a client and the session clients derived from it. */
export interface SharedState {
  options: Readonly<ClientOptions>;
  baseUrl: string;
  cache: ResponseCache | undefined;
}

/** Default scope of in-flight sharing: every client using the global `fetch`. */
const GLOBAL_FETCH_SCOPE = {};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new VolunteerKitError(`baseUrl must be an absolute URL (https://…), got "${redactUrl(baseUrl)}"`);
  }
  const local = LOCAL_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    // Keys and personal data travel in every request.
    throw new VolunteerKitError(`baseUrl must use https:// (http:// only for localhost), got ${url.protocol}//${url.host}`);
  }
  if (url.search || url.hash) throw new VolunteerKitError('baseUrl must not have a query string or a fragment');
  return url.href.replace(/\/+$/, '');
}

function checkKeys(options: ClientOptions): void {
  const { publishableKey, secretKey } = options;
  if (publishableKey !== undefined && !publishableKey.startsWith('pk_')) {
    // Most likely a secret key in the wrong option, about to be shipped to every visitor.
    throw new VolunteerKitError('publishableKey must start with pk_ (a secret key goes in secretKey, on a server)');
  }
  if (secretKey !== undefined && !secretKey.startsWith('sk_')) {
    throw new VolunteerKitError('secretKey must start with sk_');
  }
  if (secretKey !== undefined && isBrowserPage() && !options.dangerouslyAllowBrowser) {
    throw new VolunteerKitError(
      'A secret key must not be used in a web page (every visitor could read it): use a publishableKey, or dangerouslyAllowBrowser: true for an internal tool',
    );
  }
  if (publishableKey === undefined && secretKey === undefined) {
    throw new VolunteerKitError('createClient needs a publishableKey (browser) or a secretKey (server)');
  }
}

/**
 * Decimal degrees as the contract's `near` pattern reads them: never exponent notation (`1e-7`),
 * at most 7 places (about 1 cm), no trailing zeros.
 */
function degrees(value: number): string {
  if (!Number.isFinite(value)) return String(value); // the server answers 422, naming near
  const text = value.toFixed(7).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** Serializes a query object: lists comma-joined, `{ lat, lng }` as `lat,lng`, keys sorted. */
function toSearchParams(query: object | undefined, extra: Record<string, string | undefined>): string {
  const entries: Array<[string, string]> = [];
  for (const [name, value] of Object.entries({ ...query, ...extra })) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length) entries.push([name, value.join(',')]);
    } else if (typeof value === 'object' && 'lat' in value && 'lng' in value) {
      const { lat, lng } = value as { lat: number; lng: number };
      entries.push([name, `${degrees(lat)},${degrees(lng)}`]);
    } else {
      entries.push([name, String(value)]);
    }
  }
  // Sorted (by name, stable) so that the same question is always the same URL: one in-flight
  // request, one CDN entry.
  const params = new URLSearchParams(entries);
  params.sort();
  const search = params.toString();
  return search ? `?${search}` : '';
}

/**
 * What every resource calls: credentials, the request, the answer's check. {@link createClient}
 * returns it with every resource attached ({@link VolunteerKitClient}); {@link createBaseClient}
 * returns it bare, for a bundle that constructs only the resources it uses
 * (`new Opportunities(base)`), so a bundler can leave the others out.
 */
export class BaseClient {
  readonly #shared: SharedState;
  readonly #sessionToken: string | undefined;

  /** @internal Use {@link createClient} or {@link createBaseClient}. */
  constructor(shared: SharedState, sessionToken?: string) {
    this.#shared = shared;
    this.#sessionToken = sessionToken;
  }

  /**
   * Whether this client acts for a volunteer session.
   *
   * @example
   * ```ts
   * const client = token ? vk.withSession(token) : vk;
   * if (client.hasSession) showMyHours(await client.me.get());
   * ```
   */
  get hasSession(): boolean {
    return this.#sessionToken !== undefined;
  }

  /**
   * A client that acts for one volunteer (`vst_…`: `me.*` calls and `signups.create` send it) or
   * one organizer (`ost_…`: the {@link Organizer} resource sends it). It shares configuration, cache and
   * in-flight requests with this client.
   *
   * @param token A `vst_…` or `ost_…` token minted by your back end with `sessions.create`.
   * @example
   * ```ts
   * const me = vk.withSession(sessionToken);
   * const hours = await me.me.serviceRecords.list({ status: 'approved' });
   * ```
   */
  withSession(token: string): this {
    if (typeof token !== 'string' || !/^[vo]st_/.test(token)) {
      throw new VolunteerKitError('withSession needs a session token starting with vst_ or ost_ (from sessions.create)');
    }
    return new (this.constructor as new (shared: SharedState, token: string) => this)(this.#shared, token);
  }

  /**
   * Empties the response cache (when `cache` is on). Not needed after this client's own writes: a
   * sign-up, cancel or update drops the answers it made stale by itself. Use it after a change
   * made elsewhere (another tab, your back end).
   *
   * @example
   * ```ts
   * onPartnerBackendChange(() => vk.clearCache());
   * ```
   */
  clearCache(): void {
    this.#shared.cache?.clear();
  }

  /** @internal Builds, sends and checks one request. Resources call this. */
  async request<N extends SchemaName>(spec: RequestSpec<N>): Promise<Output<N>> {
    const { options: clientOptions, baseUrl, cache } = this.#shared;
    const options = spec.options ?? {};
    const headers: Record<string, string> = {};
    const query: Record<string, string | undefined> = { locale: clientOptions.locale };
    const authorization = this.#credential(spec);
    if (spec.auth === 'public' && clientOptions.publishableKey !== undefined) query['key'] = clientOptions.publishableKey;
    else headers['authorization'] = `Bearer ${authorization}`;

    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    const idempotencyKey = options.idempotencyKey;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;

    const url = `${baseUrl}${spec.path}${toSearchParams(spec.query, query)}`;
    const describe = `${spec.name} (${spec.method} ${spec.path})`;
    // A read of something a recent write changed: the browser must revalidate its copy.
    const revalidate = spec.method === 'GET' && isStale(baseUrl + spec.path);
    const run = (signal: AbortSignal | undefined): Promise<RawResponse> =>
      send(
        url,
        {
          method: spec.method,
          headers,
          body,
          timeout: options.timeout ?? clientOptions.timeout ?? DEFAULT_TIMEOUT_MS,
          signal,
          cache: revalidate ? 'no-cache' : undefined,
        },
        // Only GETs and writes with an idempotency key may be retried.
        spec.method === 'GET' || idempotencyKey !== undefined ? (options.maxRetries ?? clientOptions.maxRetries ?? DEFAULT_MAX_RETRIES) : 0,
        describe,
        clientOptions.fetch,
      );

    let response: RawResponse;
    if (spec.method === 'GET') {
      const key = `GET ${url} ${headers['authorization'] ?? ''}`;
      const scope = clientOptions.fetch ?? GLOBAL_FETCH_SCOPE;
      // Never joins a request started before the write that made this path stale.
      const inFlightKey = revalidate ? `${key} after-write-${writeCount}` : key;
      const fetchShared = (signal: AbortSignal | undefined) => shareInFlight(scope, inFlightKey, (own) => run(own), signal);
      response = await (cache ? cache.read(key, fetchShared, options.signal) : fetchShared(options.signal));
    } else {
      response = await run(options.signal);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      throw new ResponseValidationError(describe, [{ path: '', message: 'the body is not JSON', code: 'invalid_json' }]);
    }
    const answer = this.check(parsed, spec.schema, describe);
    spec.stales?.(answer, this.#shared);
    return answer;
  }

  /** @internal A `list()` call: the first page now, the next ones on demand. */
  list<N extends SchemaName>(spec: RequestSpec<N>): PagePromise<Output<N> extends PageBody<infer Item> ? Item : never> {
    type Item = Output<N> extends PageBody<infer I> ? I : never;
    const fetchPage = (cursor: string | undefined) =>
      this.request({ ...spec, query: { ...spec.query, cursor } }) as unknown as Promise<PageBody<Item>>;
    return PagePromise.fetch(fetchPage, (spec.query as { cursor?: string } | undefined)?.cursor);
  }

  /** @internal Checks a value (e.g. a 409's `existing`) against a contract schema, if validation is on. */
  check<N extends SchemaName>(value: unknown, schema: N, what: string): Output<N> {
    const { validate } = this.#shared.options;
    return (validate ? validate(value, schema, what) : value) as Output<N>;
  }

  /** The credential a call sends, or a clear error when this client has none for it. */
  #credential(spec: RequestSpec<SchemaName>): string {
    const { publishableKey, secretKey } = this.#shared.options;
    const session = this.#sessionToken;
    switch (spec.auth) {
      case 'public':
        return (publishableKey ?? secretKey)!;
      case 'publicWrite':
        return (session ?? publishableKey ?? secretKey)!;
      case 'session':
      case 'organizer':
        // A volunteer's call on an organizer's session (or the reverse) is refused by the server (401).
        if (session === undefined) {
          throw new VolunteerKitError(`${spec.name} acts for a ${spec.auth === 'session' ? 'volunteer' : 'organizer'}: call it on vk.withSession(token)`);
        }
        return session;
      case 'secret':
        if (secretKey === undefined) {
          throw new VolunteerKitError(`${spec.name} needs a secret key: call it from your back end with createClient({ secretKey })`);
        }
        return secretKey;
    }
  }
}

/**
 * The VolunteerKit API client, every resource attached. Create it with {@link createClient};
 * derive a client acting for one volunteer with {@link VolunteerKitClient.withSession}.
 */
export class VolunteerKitClient extends BaseClient {
  /** Volunteering opportunities (活动/岗位). */
  readonly opportunities: Opportunities = new Opportunities(this);
  /** Organizations (志愿服务组织). */
  readonly organizations: Organizations = new Organizations(this);
  /** The channel (partner) the publishable key belongs to. */
  readonly channel: Channels = new Channels(this);
  /** Sign-ups (报名). */
  readonly signups: Signups = new Signups(this);
  /** Honor boards (光荣榜). */
  readonly honorBoard: HonorBoards = new HonorBoards(this);
  /** Impact statistics. */
  readonly stats: Stats = new Stats(this);
  /** The signed-in volunteer (needs {@link withSession}). */
  readonly me: Me = new Me(this);
  /** Volunteer sessions (secret key). */
  readonly sessions: Sessions = new Sessions(this);
  /** Service records (服务记录; secret key). */
  readonly serviceRecords: ServiceRecords = new ServiceRecords(this);
}

/**
 * Creates a client.
 *
 * @example In a web page
 * ```ts
 * import { createClient } from '@volunteerkit/sdk';
 * const vk = createClient({ baseUrl: 'https://api.volunteerkit.cn', publishableKey: 'pk_live_…', locale: 'zh-CN' });
 * const page = await vk.opportunities.list({ category: 'elderly', hasOpenSlots: true });
 * ```
 * @example On a partner back end (Node ≥ 20)
 * ```ts
 * const vk = createClient({ baseUrl: 'https://api.volunteerkit.cn', secretKey: process.env.VK_SECRET_KEY });
 * const { token } = await vk.sessions.create({ externalId: user.id, volunteer: { name: user.name } });
 * ```
 */
export function createClient(options: ClientOptions): VolunteerKitClient {
  return new VolunteerKitClient(sharedState(options));
}

/**
 * Creates a client with no resource attached: construct the ones you use on it, and a bundler
 * leaves the others out. Same options and checks as {@link createClient}.
 *
 * @example
 * ```ts
 * import { Opportunities, createBaseClient } from '@volunteerkit/sdk';
 * const opportunities = new Opportunities(createBaseClient({ baseUrl, publishableKey }));
 * const page = await opportunities.list({ category: 'elderly' });
 * ```
 */
export function createBaseClient(options: ClientOptions): BaseClient {
  return new BaseClient(sharedState(options));
}

function sharedState(options: ClientOptions): SharedState {
  if (typeof options !== 'object' || options === null) throw new VolunteerKitError('createClient needs an options object');
  const baseUrl = checkBaseUrl(options.baseUrl);
  checkKeys(options);
  const cache = options.cache || undefined;
  if (cache && typeof cache.read !== 'function') {
    throw new VolunteerKitError('cache takes swrCache({ ttlMs }) from @volunteerkit/sdk/cache');
  }
  return { options: { ...options }, baseUrl, cache };
}
