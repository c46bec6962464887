/**
 * The CDN bundle loaded twice on a page with the strict policy our docs recommend
 * (`require-trusted-types-for 'script'; trusted-types lit-html`): each copy carries its own
 * lit-html, which creates a `lit-html` policy; the second copy must reuse the first's
 * (shared/lit-policy.ts), so the page sees no CSP violation and only the one warning of the
 * registration guard. A page of its own (a <meta> policy cannot be lifted), and one that imports
 * nothing built on Lit before the policy is in place: the bundles' lit-html must be the first.
 */
import { BASE_URL, PUBLISHABLE_KEY, makeOpportunities } from '../test/fixtures.js';
import { HttpResponse, api, http, worker, listPage } from '../test/mock-api.js';
import { applyStrictPolicy, recordCspViolations } from '../test/strict-csp.js';

const violations = recordCspViolations();
const warnings: string[] = [];
const errors: string[] = [];

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Polls (rendering, not time) until `condition` holds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  check(condition(), what);
}

describe('the CDN bundle twice under a strict Trusted Types policy', () => {
  before(async () => {
    await applyStrictPolicy();
    const { warn, error } = console;
    console.warn = (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), warn(...args));
    console.error = (...args: unknown[]) => (errors.push(args.map(String).join(' ')), error(...args));
    window.addEventListener('error', (event) => errors.push(String(event.message)));
  });

  it('reuses the lit-html policy: no violation, exactly one warning, widgets still work', async () => {
    worker.use(http.get(api('/v1/opportunities'), () => listPage(makeOpportunities(2))));
    // Two URLs, two independent module graphs: two copies of Lit, the SDK and the widgets.
    await import(/* @vite-ignore */ '/__vk/volunteerkit.js?copy=first' as string);
    await import(/* @vite-ignore */ '/__vk/volunteerkit.js?copy=second' as string);
    await new Promise((resolve) => requestAnimationFrame(resolve));

    check(violations.length === 0, `CSP violations: ${violations.join(' | ')}`);
    check(errors.length === 0, `errors: ${errors.join(' | ')}`);
    const ours = warnings.filter((warning) => warning.includes('VolunteerKit'));
    check(ours.length === 1, `expected one VolunteerKit warning, got ${ours.length}: ${ours.join(' | ')}`);
    check(ours[0]!.includes('<vk-opportunity-list>'), ours[0]!);

    const trustedTypes = (window as unknown as { trustedTypes: { createPolicy: unknown } }).trustedTypes;
    check(!Object.prototype.hasOwnProperty.call(trustedTypes, 'createPolicy'), 'the page got its own createPolicy back');

    const list = document.createElement('vk-opportunity-list');
    list.setAttribute('base-url', BASE_URL);
    list.setAttribute('publishable-key', PUBLISHABLE_KEY);
    list.setAttribute('locale', 'en');
    document.body.append(list);
    await until(() => list.shadowRoot?.querySelectorAll('[part="item"]').length === 2, 'the list did not render its two items');
    check(violations.length === 0, `CSP violations while rendering: ${violations.join(' | ')}`);
  });
});
