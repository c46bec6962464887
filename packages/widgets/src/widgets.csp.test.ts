/**
 * `<vk-provider>`, `<vk-opportunity-list>` and `<vk-honor-board>` under the strict policy of an
 * enterprise intranet (issue 5): no inline script or style, Trusted Types with only Lit's
 * `lit-html` policy. The policy goes in before the widgets' code loads and cannot be lifted, so
 * this is a file (a page) of its own.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { BASE_URL, HOSTILE_TEXT, PUBLISHABLE_KEY, makeHonorBoard, makeOpportunities, makeOpportunity } from '../test/fixtures.js';
import { HttpResponse, api, http, worker, listPage } from '../test/mock-api.js';
import { applyStrictPolicy, recordCspViolations } from '../test/strict-csp.js';

const violations = recordCspViolations();

describe('widgets under a strict CSP with Trusted Types', () => {
  before(async () => {
    await applyStrictPolicy();
    await import('./define/vk-provider.js');
    await import('./define/vk-opportunity-list.js');
    await import('./define/vk-honor-board.js');
  });

  it('renders lists (also virtualized), the sign-up dialog and every honor board layout with no violation', async () => {
    worker.use(
      http.get(api('/v1/opportunities'), ({ request }) => {
        const limit = Number(new URL(request.url).searchParams.get('limit'));
        const data = limit > 50 ? makeOpportunities(limit) : [makeOpportunity({ title: HOSTILE_TEXT.img }), ...makeOpportunities(2)];
        return listPage(data);
      }),
      http.get(api('/v1/honor-board'), () => HttpResponse.json(makeHonorBoard())),
    );
    // Built with DOM calls, as a host page without Lit would.
    const provider = document.createElement('vk-provider');
    provider.setAttribute('base-url', BASE_URL);
    provider.setAttribute('publishable-key', PUBLISHABLE_KEY);
    provider.setAttribute('locale', 'en');
    provider.setAttribute('theme', 'dark');
    const add = (tag: string, attributes: Record<string, string>) => {
      const el = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      provider.append(el);
      return el;
    };
    const list = add('vk-opportunity-list', { filters: 'search category region date', layout: 'list' });
    const long = add('vk-opportunity-list', { limit: '80', layout: 'compact' });
    const boards = ['table', 'podium', 'ticker'].map((layout) => add('vk-honor-board', { layout, featured: '1' }));
    document.body.append(provider);
    try {
      const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
      await waitUntil(() => $(list, '[part="item"]'), 'list did not render', { timeout: 8000 });
      await waitUntil(() => $(long, '.items--virtual [part="item"]'), 'long list not virtualized', { timeout: 8000 });
      for (const board of boards) await waitUntil(() => $(board, '[part~="board"]'), 'board did not render', { timeout: 8000 });
      // Styles apply although style-src forbids inline <style>: a button has its 44 px target.
      expect(getComputedStyle($(list, '[part="signup-button"]')!).minHeight).to.equal('44px');
      expect($(list, '[part="title"]')!.textContent).to.equal(HOSTILE_TEXT.img);
      $(list, '[part="signup-button"]')!.click();
      await waitUntil(() => ($(list, 'dialog') as HTMLDialogElement).open, 'dialog did not open');
      ($(list, 'dialog') as HTMLDialogElement).close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(violations).to.deep.equal([]);
    } finally {
      provider.remove();
    }
  });
});
