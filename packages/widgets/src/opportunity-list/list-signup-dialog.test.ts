/**
 * The list and the real sign-up form together: the path a reader takes on a news page, by
 * keyboard alone — choose a category, open the sign-up dialog, find the form inside it, close it
 * with Escape and land back on the button that opened it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define/vk-opportunity-list.js';
import '../define/vk-signup-form.js';
import type { VkOpportunityList } from './opportunity-list.js';
import { BASE_URL, PUBLISHABLE_KEY, makeChannel, makeOpportunities } from '../../test/fixtures.js';
import { HttpResponse, api, http, startMockApi, worker } from '../../test/mock-api.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

describe('<vk-opportunity-list signup="dialog"> with <vk-signup-form>', () => {
  it('filters, opens the form in the dialog, closes with Escape and restores focus — keyboard only', async () => {
    const opportunities = makeOpportunities(3); // open for sign-up now (test/fixtures.ts)
    worker.use(
      http.get(api('/v1/opportunities'), ({ request }) => {
        const category = new URL(request.url).searchParams.get('category');
        return HttpResponse.json({ data: opportunities.filter((o) => !category || o.category === category), nextCursor: null });
      }),
      http.get(api('/v1/opportunities/:id'), ({ params }) => HttpResponse.json(opportunities.find((o) => o.id === params['id']))),
      http.get(api('/v1/channel'), () => HttpResponse.json(makeChannel())),
    );
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<button id="before">before</button><vk-opportunity-list base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en" filters="category" signup="dialog"></vk-opportunity-list>`;
    const el = holder.querySelector<VkOpportunityList>('vk-opportunity-list')!;
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('[part="item"]').length === 3, 'list did not load', { timeout: 8000 });

    holder.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' }); // into the category filter
    expect(root.activeElement?.getAttribute('part')).to.equal('category-select');
    await sendKeys({ press: 'ArrowDown' }); // first category: community
    await sendKeys({ press: 'ArrowDown' }); // elderly
    await waitUntil(() => el.getAttribute('category') === 'elderly' && root.querySelectorAll('[part="item"]').length === 1, 'filter by keyboard failed', { timeout: 8000 });

    // Tab from the filter to the only item's sign-up button (titles are not tab stops).
    let guard = 0;
    while (root.activeElement?.getAttribute('part') !== 'signup-button' && guard++ < 10) await sendKeys({ press: 'Tab' });
    const button = root.activeElement as HTMLButtonElement;
    expect(button.dataset['signupFor']).to.equal('opp_list0000');
    await sendKeys({ press: 'Enter' });
    const dialog = root.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'dialog did not open');
    const form = dialog.querySelector('vk-signup-form')!;
    await waitUntil(() => form.shadowRoot?.querySelector('form'), 'the sign-up form did not load in the dialog', { timeout: 8000 });
    expect(dialog.contains(root.activeElement)).to.equal(true);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog');
    await waitUntil(() => root.activeElement === root.querySelector('[data-signup-for="opp_list0000"]'), 'focus not restored to the sign-up button');
  });
});
