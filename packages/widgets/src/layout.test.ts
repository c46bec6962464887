// The widget layouts in every engine of the browser suite (WebKit included, which the e2e layout
// check of the demo pages cannot drive): each list and board layout at 320 and 390 px, normal and
// large text, light and dark, and at a 24 px base size, with the rule of the e2e check
// (test/layout/layout-problems.js: no content wider or taller than its box) and axe.
// A 24 px base size is set as --vk-font-size here: a test page cannot change the browser's
// default font size, which the e2e check does (test/e2e/layout.test.ts).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define/vk-opportunity-list.js';
import './define/vk-honor-board.js';
import { BASE_URL, PUBLISHABLE_KEY, makeHonor, makeHonorBoard, makeHonorEntries, makeOpportunities, makeOpportunity, makeShift } from '../test/fixtures.js';
import { HttpResponse, api, http, startMockApi, worker, listPage } from '../test/mock-api.js';
import { layoutProblems } from '../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

const WIDTHS = [320, 390];
const STATES = [
  { theme: 'light', largeText: false, fontSize: '' },
  { theme: 'dark', largeText: true, fontSize: '' },
  { theme: 'light', largeText: true, fontSize: '24px' },
  { theme: 'dark', largeText: false, fontSize: '24px' },
] as const;

/** A long title and place, a full shift and more shifts: what made lines clip before. */
function answers() {
  const full = makeOpportunity({
    id: 'opp_full00001',
    title: '西湖区文新街道银龄数字助老“手机课堂”第十二期：教老人用手机预约挂号',
    status: 'full',
    shifts: [makeShift({ id: 'shf_full00001', capacity: 10, signedUp: 10 })],
  });
  worker.use(
    http.get(api('/v1/opportunities'), () => listPage([full, ...makeOpportunities(3)])),
    http.get(api('/v1/honor-board'), () => HttpResponse.json(makeHonorBoard({ entries: makeHonorEntries(6), featured: [makeHonor()] }))),
  );
}

async function mount(tag: string, attributes: string, width: number, state: (typeof STATES)[number]) {
  const holder = await fixture<HTMLDivElement>(html`<div lang="zh-CN"></div>`);
  holder.style.width = `${width}px`;
  if (state.fontSize) holder.style.setProperty('--vk-font-size', state.fontSize);
  holder.innerHTML = `<${tag} base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" theme="${state.theme}" ${state.largeText ? 'large-text' : ''} ${attributes}></${tag}>`;
  const el = holder.firstElementChild as HTMLElement;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="items"], [part~="board"]'), `${tag} did not load`, { timeout: 8000 });
  return el;
}

const CASES = [
  ['vk-opportunity-list', 'layout="cards"'],
  ['vk-opportunity-list', 'layout="list"'],
  ['vk-opportunity-list', 'layout="compact"'],
  ['vk-honor-board', 'layout="table" featured="1"'],
  ['vk-honor-board', 'layout="podium" featured="1"'],
  ['vk-honor-board', 'layout="ticker"'],
] as const;

describe('widget layouts at phone widths', () => {
  for (const [tag, attributes] of CASES) {
    it(`<${tag} ${attributes}>: nothing clipped at 320 and 390 px in large text, dark and at 24 px; axe-clean`, async () => {
      answers();
      const problems: string[] = [];
      for (const width of WIDTHS) {
        for (const state of STATES) {
          const el = await mount(tag, attributes, width, state);
          const label = `${width}px ${state.theme}${state.largeText ? ' large-text' : ''}${state.fontSize ? ` ${state.fontSize}` : ''}`;
          for (const problem of layoutProblems([el])) problems.push(`${label}: ${problem}`);
          if (el.getBoundingClientRect().width > width + 1) problems.push(`${label}: the widget is wider than its ${width} px container`);
          if (width === 390) await expect(el).to.be.accessible();
        }
      }
      expect(problems).to.deep.equal([]);
    });
  }
});
