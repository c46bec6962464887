import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/vk-opportunity-list.js';
import { BASE_URL, PUBLISHABLE_KEY, makeOpportunities } from '../../test/fixtures.js';
import { holdListAnswer, startMockApi } from '../../test/mock-api.js';

// A file of its own: Lit keeps a prepared template for the rest of the page, so this must be the
// page's first list (web-test-runner gives each test file a page of its own).
before(() => startMockApi());

/** The HTML of every template Lit prepares (it sets a <template>'s innerHTML once per template). */
function recordPreparedTemplates(): { html: string[]; stop: () => void } {
  const record = { html: [] as string[], stop: () => void delete (HTMLTemplateElement.prototype as { innerHTML?: string }).innerHTML };
  const inherited = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
  Object.defineProperty(HTMLTemplateElement.prototype, 'innerHTML', {
    configurable: true,
    get() {
      return inherited.get!.call(this);
    },
    set(value: string) {
      record.html.push(String(value));
      inherited.set!.call(this, value);
    },
  });
  return record;
}

describe('<vk-opportunity-list> first render', () => {
  it('prepares the row template while its first GET is out, so the answer only fills it in', async () => {
    const opportunities = makeOpportunities(3);
    const answer = holdListAnswer(opportunities);
    const prepared = recordPreparedTemplates();
    try {
      const holder = await fixture<HTMLDivElement>(html`<div></div>`);
      holder.innerHTML = `<vk-opportunity-list base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="en"></vk-opportunity-list>`;
      const el = holder.querySelector('vk-opportunity-list')!;
      const isRow = (template: string) => template.includes('part="item"');
      await waitUntil(() => prepared.html.some(isRow), 'the row template was not prepared while the GET was out');
      const beforeAnswer = prepared.html.length;
      answer.release();
      await waitUntil(() => el.shadowRoot!.querySelectorAll('[part="item"]').length === 3, 'the items did not show');
      expect(prepared.html.slice(beforeAnswer).filter(isRow), 'row templates prepared after the answer').to.deep.equal([]);
      expect(el.shadowRoot!.querySelector('[part="item"] [part="title"]')!.textContent, 'the rows show the answer').to.equal(opportunities[0]!.title);
    } finally {
      prepared.stop();
    }
  });
});
