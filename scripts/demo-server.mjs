// The demo partner sites: three realistic pages that embed VolunteerKit the way a news site, a
// campus and an enterprise intranet would, a snippet builder, and the docs — served beside the
// reference API server. `npm start` and the end-to-end tests both start it through startDemo().
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createClient } from '@volunteerkit/sdk';

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
    if (opportunity.audience !== 'public' && opportunity.status === 'recruiting') return opportunity.id;
  }
  return '';
}

/**
 * @param {{ apiUrl: string, port?: number, host?: string, campusSecretKey?: string, campusPublishableKey?: string, communitySecretKey?: string }} options
 */
export async function startDemo({ apiUrl, port = 8080, host = '127.0.0.1', campusSecretKey = 'sk_test_campus_demo', campusPublishableKey = 'pk_test_campus_demo', communitySecretKey = 'sk_test_news_demo' }) {
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
  return {
    url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
