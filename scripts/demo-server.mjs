// The demo partner sites: three realistic pages that embed VolunteerKit the way a news site, a
// campus and an enterprise intranet would, a snippet builder, and the docs — served beside the
// reference API server. `npm start` and the end-to-end tests both start it through startDemo().
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createClient, WebhookEndpoints } from '@volunteerkit/sdk';
import { verifyWebhook } from '@volunteerkit/sdk/webhooks';

const root = new URL('..', import.meta.url).pathname;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.map': 'application/json', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * The enterprise intranet's policy: no inline script or style, Trusted Types with Lit's policy
 * only. The widgets must render under it with no violation (tested end to end).
 */
export function enterpriseCsp(apiUrl) {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", `connect-src 'self' ${new URL(apiUrl).origin}`,
    "img-src 'self' data: https:", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
    "require-trusted-types-for 'script'", 'trusted-types lit-html',
  ].join('; ');
}

/**
 * The HTTP API reference: docs/openapi.json rendered by Redoc's standalone bundle, served from
 * node_modules (no CDN: the docs work offline and on an intranet). Its policy keeps it that way:
 * nothing but this server is contacted. The one remote file the bundle asks for, the footer's
 * logo, is swapped for an empty inline image.
 */
const REDOC_REMOTE_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const EMPTY_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

const REFERENCE_CSP = [
  "default-src 'self'", "script-src 'self' blob:", "worker-src 'self' blob:", "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:", "font-src 'self' data:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'",
].join('; ');

const REFERENCE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>VolunteerKit API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
<redoc spec-url="/openapi.json" sort-tags-alphabetically="false" path-in-middle-panel="true" expand-responses="200,201"></redoc>
<script src="/reference/redoc.standalone.js"></script>
</body>
</html>
`;

/** Mounts the rendered API reference at /reference/ (and /openapi.json, which it reads). */
export function mountApiReference(app) {
  const redocFile = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
  let redocBundle;
  app.get('/openapi.json', (c) => serveFile(c, join(root, 'docs/'), 'openapi.json'));
  app.get('/reference', (c) => c.redirect('/reference/'));
  app.get('/reference/', (c) => c.html(REFERENCE_PAGE, 200, { 'Content-Security-Policy': REFERENCE_CSP, 'Cache-Control': 'no-cache' }));
  app.get('/reference/redoc.standalone.js', async (c) => {
    redocBundle ??= (await readFile(redocFile, 'utf8')).replaceAll(REDOC_REMOTE_LOGO, EMPTY_SVG);
    return c.body(redocBundle, 200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'public, max-age=3600' });
  });
}

/** Serves a file below `base`, refusing paths that climb out of it. */
async function serveFile(c, base, relativePath, { substitute } = {}) {
  const path = normalize(join(base, relativePath));
  if (!path.startsWith(base)) return c.text('Not found', 404);
  let file = path;
  if (existsSync(join(path, 'index.html'))) file = join(path, 'index.html');
  if (!existsSync(file) || file.endsWith('/')) return c.text('Not found', 404);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  let body = await readFile(file);
  if (substitute && (type.startsWith('text/html') || type.startsWith('text/javascript'))) body = substitute(body.toString('utf8'));
  return c.body(body, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
}

/**
 * The campus page features one campus-only activity with open spots. Partners would hard-code
 * theirs; the demo looks it up so that it follows the seed.
 */
async function findCampusOnlyOpportunity(apiUrl, publishableKey) {
  const client = createClient({ baseUrl: apiUrl, publishableKey });
  for await (const opportunity of client.opportunities.list({ hasOpenSlots: true, limit: 100 })) {
    // The service station's duty is recruiting too, but it has its own pages (phone and kiosk).
    if (opportunity.audience !== 'public' && opportunity.status === 'recruiting' && opportunity.id !== STATION_OPPORTUNITY_ID) return opportunity.id;
  }
  return '';
}

const ENTERPRISE_HOOK_PATH = '/enterprise/api/webhooks';
const STATION_OPPORTUNITY_ID = 'opp_demoServiceStation';
/** The service station's duty to show now: the one under way, else the next, else the last. */
async function currentDuty(client, now) {
  const station = await client.opportunities.get(STATION_OPPORTUNITY_ID);
  const shifts = [...station.shifts].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const shift = shifts.find((s) => Date.parse(s.end) > now.getTime()) ?? shifts.at(-1);
  return shift && { id: shift.id, title: station.title, start: shift.start, end: shift.end, timezone: station.timezone };
}

/**
 * The enterprise back end's webhook receiver: registers itself with the enterprise channel's
 * secret key once the demo listens (replacing the endpoint an earlier run registered, whose
 * secret it no longer knows), verifies every delivery with `verifyWebhook`, dedupes on
 * `webhook-id`, and keeps the last 50 events for the log page (`/enterprise/webhooks.html`).
 */
function enterpriseWebhooks(app, apiUrl, secretKey) {
  const endpoints = new WebhookEndpoints(createClient({ baseUrl: apiUrl, secretKey }));
  const log = { events: [], refused: 0, duplicates: 0, secret: null, endpointId: null, error: null };
  app.post(ENTERPRISE_HOOK_PATH, async (c) => {
    const body = await c.req.text();
    let event;
    try {
      event = verifyWebhook(body, c.req.raw.headers, log.secret ?? []);
    } catch {
      log.refused += 1;
      return c.body(null, 400);
    }
    if (log.events.some((e) => e.id === event.id)) {
      log.duplicates += 1;
    } else {
      log.events.unshift({ id: event.id, type: event.type, objectId: event.data.id, version: event.data.version, at: event.timestamp, receivedAt: new Date().toISOString() });
      log.events.length = Math.min(log.events.length, 50);
    }
    return c.body(null, 204);
  });
  app.get('/enterprise/api/webhook-log', (c) => c.json({ endpointId: log.endpointId, error: log.error, refused: log.refused, duplicates: log.duplicates, events: log.events }, 200, { 'Cache-Control': 'no-store' }));
  return async (demoUrl) => {
    try {
      const url = `${demoUrl}${ENTERPRISE_HOOK_PATH}`;
      for await (const old of endpoints.list({ limit: 100 })) if (old.url === url) await endpoints.delete(old.id);
      const created = await endpoints.create({ url, description: '恒川科技内网：报名与工时同步', eventTypes: ['signup.*', 'attendance.*', 'service_record.*', 'dispute.*'] });
      log.secret = created.secret;
      log.endpointId = created.id;
    } catch (error) {
      log.error = 'The webhook endpoint could not be registered; is the API server running?';
      console.error('enterprise webhook registration failed:', error);
    }
  };
}

/**
 * `now` is the partner back ends' clock (which station duty is on); tests that move the API
 * server's clock pass the same one.
 * @param {{ apiUrl: string, port?: number, host?: string, now?: () => Date, campusSecretKey?: string, campusPublishableKey?: string, enterpriseSecretKey?: string }} options
 */
export async function startDemo({ apiUrl, port = 8080, host = '127.0.0.1', now = () => new Date(), campusSecretKey = 'sk_test_campus_demo', campusPublishableKey = 'pk_test_campus_demo', enterpriseSecretKey = 'sk_test_enterprise_demo', communitySecretKey = 'sk_test_news_demo' }) {
  const app = new Hono();
  const demoDir = join(root, 'docs/demo/');
  const loaderFile = join(root, 'packages/widgets/cdn/loader.js');
  const loaderSnippet = existsSync(loaderFile) ? (await readFile(loaderFile, 'utf8')).trim() : '';
  const campusOpportunityId = await findCampusOnlyOpportunity(apiUrl, campusPublishableKey);
  const substitute = (text) => text
    .replaceAll('{{apiUrl}}', apiUrl)
    .replaceAll('{{loaderSnippet}}', loaderSnippet)
    .replaceAll('{{campusOpportunityId}}', campusOpportunityId);

  // The campus back end: the page's "signed-in student" comes from the campus SSO (here a fixed
  // demo identity); the campus server vouches for them with its SECRET key, server-side, and
  // hands the browser only the short-lived volunteer session token.
  const campusApi = createClient({ baseUrl: apiUrl, secretKey: campusSecretKey });
  const ssoUser = { externalId: 'zju-sso|3230100123', volunteer: { name: '林晓雨', mobile: '13957112345', studentId: '3230100123' } };
  app.post('/campus/api/session', async (c) => {
    try {
      const session = await campusApi.sessions.create({ ...ssoUser, ttlSeconds: 3600 });
      return c.json({ token: session.token, expiresAt: session.expiresAt, student: { name: ssoUser.volunteer.name, studentId: ssoUser.volunteer.studentId } },
        200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      console.error('campus session failed:', error);
      return c.json({ error: 'The campus sign-in service is unavailable.' }, 502);
    }
  });

  const registerEnterpriseWebhooks = enterpriseWebhooks(app, apiUrl, enterpriseSecretKey);
  // The service station (campus youth league): the kiosk's staff member signed in through the
  // campus staff login (a fixed demo identity), vouched for with the same SECRET key, server-side.
  // The browser gets only the short-lived organizer session and the duty to show.
  const stationStaff = { organizationId: 'org_demoZjuYouthLeague', staffId: 'zju-staff|T2019031', name: '王老师' };
  const campusPublic = createClient({ baseUrl: apiUrl, publishableKey: campusPublishableKey });
  app.post('/campus/api/station-session', async (c) => {
    try {
      const [session, shift] = await Promise.all([
        campusApi.sessions.create({ organizer: stationStaff, ttlSeconds: 8 * 3600 }),
        currentDuty(campusPublic, now()),
      ]);
      if (!shift) return c.json({ error: 'No duty is scheduled at the service station.' }, 404);
      return c.json({ token: session.token, expiresAt: session.expiresAt, staff: { name: stationStaff.name }, shift },
        200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      console.error('station session failed:', error);
      return c.json({ error: 'The staff sign-in service is unavailable.' }, 502);
    }
  });

  // Pages where a session acts (the kiosk, the volunteer's phone) carry the strict policy too:
  // what an intranet or a careful partner would serve them with.
  app.get('/campus/station/*', async (c, next) => {
    c.header('Content-Security-Policy', enterpriseCsp(apiUrl));
    await next();
  });
  app.get('/campus/phone/*', async (c, next) => {
    c.header('Content-Security-Policy', enterpriseCsp(apiUrl));
    await next();
  });

  // The community centre's back end (it works with the news channel): its own staff sign-in (here a
  // fixed demo identity) vouches for a helper with the channel's SECRET key, server-side, and hands
  // the browser an organizer session of the centre for the helper mode of <vk-need-form>; a
  // neighbour signed in to the community site gets a volunteer session to claim from the board.
  const communityApi = createClient({ baseUrl: apiUrl, secretKey: communitySecretKey });
  const communityStaff = { organizationId: 'org_demoWenxinCommunity', staffId: 'demo-helper', name: '社工小李' };
  const communityVolunteer = { externalId: 'wenxin-community|demo-volunteer', volunteer: { name: '周建华', mobile: '13957100001' } };
  const mint = (body, who) => async (c) => {
    try {
      const session = await communityApi.sessions.create({ ...body, ttlSeconds: 3600 });
      return c.json({ token: session.token, expiresAt: session.expiresAt, name: who }, 200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      console.error('community session failed:', error);
      return c.json({ error: 'The community sign-in service is unavailable.' }, 502);
    }
  };
  app.post('/community/api/helper-session', mint({ organizer: communityStaff }, communityStaff.name));
  app.post('/community/api/volunteer-session', mint(communityVolunteer, communityVolunteer.volunteer.name));
  // The news site's rewards page: its reader account (seeded as SEED_FIXTURES.newsReaderExternalId
  // with SEED_NEWS_READER's name, a volunteer with points to spend), vouched for the same way.
  const newsReader = { externalId: 'qjwb-reader|demo-0001', volunteer: { name: '陈建国', mobile: '13957100088' } };
  app.post('/news/api/session', mint(newsReader, newsReader.volunteer.name));

  app.get('/enterprise/*', async (c, next) => {
    c.header('Content-Security-Policy', enterpriseCsp(apiUrl));
    await next();
  });

  app.get('/cdn/*', (c) => serveFile(c, join(root, 'packages/widgets/cdn/'), c.req.path.slice('/cdn/'.length)));
  app.get('/docs/*', (c) => serveFile(c, join(root, 'docs/api/'), c.req.path.slice('/docs/'.length) || 'index.html'));
  app.get('/docs', (c) => c.redirect('/docs/'));
  mountApiReference(app);
  app.get('/*', (c) => serveFile(c, demoDir, decodeURIComponent(c.req.path.slice(1)) || 'index.html', { substitute }));

  const server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://${host === '127.0.0.1' ? 'localhost' : host}:${address.port}`;
  // The API delivers to the address the demo listens on (a test key may use loopback http).
  await registerEnterpriseWebhooks(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
