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
import { HttpResponse, api, http, startMockApi, worker, listPage } from '../../test/mock-api.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

/**
 * Waits for the form in the dialog to finish loading, then checks that it shows a form to fill.
 * Anything else it can show instead (sign-up closed, an error) fails with that text, not as a
 * "did not load" timeout: a fixture whose sign-up window had closed once read as a slow machine.
 */
async function expectFormShown(dialog: HTMLDialogElement): Promise<void> {
  const form = dialog.querySelector('vk-signup-form')!;
  const settled = () => form.shadowRoot?.querySelector('form, [part~="empty"], [part~="error"]');
  await waitUntil(settled, 'the sign-up form stayed on its loading skeleton', { timeout: 8000 });
  const shown = settled()!;
  expect(shown.localName, `the dialog shows "${shown.textContent?.trim()}" instead of the form`).to.equal('form');
}

function serve(opportunities: ReturnType<typeof makeOpportunities>): void {
  worker.use(
    http.get(api('/v1/opportunities'), ({ request }) => {
      const category = new URL(request.url).searchParams.get('category');
      return listPage(opportunities.filter((o) => !category || o.category === category));
    }),
    http.get(api('/v1/opportunities/:id'), ({ params }) => HttpResponse.json(opportunities.find((o) => o.id === params['id']))),
    http.get(api('/v1/channel'), () => HttpResponse.json(makeChannel())),
  );
}

describe('<vk-opportunity-list signup="dialog"> with <vk-signup-form>', () => {
  it('filters, opens the form in the dialog, closes with Escape and restores focus — keyboard only', async () => {
    const opportunities = makeOpportunities(3); // open for sign-up now (test/fixtures.ts)
    serve(opportunities);
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
    await expectFormShown(dialog);
    expect(dialog.contains(root.activeElement)).to.equal(true);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'Escape did not close the dialog');
    await waitUntil(() => root.activeElement === root.querySelector('[data-signup-for="opp_list0000"]'), 'focus not restored to the sign-up button');
  });

  it('closes with its 关闭 button and gives focus back to the button that opened it', async () => {
    serve(makeOpportunities(2));
    const el = await fixture<VkOpportunityList>(html`<vk-opportunity-list base-url=${BASE_URL} publishable-key=${PUBLISHABLE_KEY} locale="zh-CN" signup="dialog"></vk-opportunity-list>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('[part="item"]').length === 2, 'list did not load', { timeout: 8000 });
    const opener = root.querySelector<HTMLButtonElement>('[data-signup-for="opp_list0001"]')!;
    opener.focus();
    await sendKeys({ press: 'Enter' });
    const dialog = root.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'dialog did not open');
    await expectFormShown(dialog);

    const close = dialog.querySelector<HTMLButtonElement>('[part~="dialog-close"]')!;
    expect(close.textContent?.trim()).to.equal('关闭');
    close.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog.open, 'the close button did not close the dialog');
    await waitUntil(() => root.activeElement === root.querySelector('[data-signup-for="opp_list0001"]'), 'focus not restored to the sign-up button');
    await waitUntil(() => dialog.querySelector('vk-signup-form') === null, 'the closed dialog still holds the form');
  });
});
