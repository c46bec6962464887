/**
 * The CDN path, as a host page that only pastes HTML uses it: the inline loader snippet queues
 * calls, the bundle (a real self-contained build, served by test/wtr-plugins.mjs) replays them,
 * tags that load on first use are defined when used, and a second copy of the bundle on the same
 * page leaves everything working with one warning.
 * Its own file, so that nothing else has defined the tags in this page.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { BASE_URL, PUBLISHABLE_KEY, makeOpportunities } from '../test/fixtures.js';
import { HttpResponse, api, http, startMockApi, worker, listPage } from '../test/mock-api.js';

interface VolunteerKitGlobal {
  (command: string, ...args: unknown[]): void;
  q?: unknown[];
  version?: string;
  getConfig?: () => Record<string, unknown>;
  load?: (...tags: string[]) => Promise<void>;
}
const global = () => (window as unknown as { VolunteerKit?: VolunteerKitGlobal }).VolunteerKit;

const warnings: string[] = [];
const originalWarn = console.warn;

before(async () => {
  await startMockApi();
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    originalWarn(...args);
  };
});
after(() => {
  console.warn = originalWarn;
});

describe('CDN bundle and loader snippet', () => {
  it('keeps the loader snippet under 1 KB minified', async () => {
    const snippet = await (await fetch('/__vk/loader.min.txt')).text();
    expect(snippet.length).to.be.greaterThan(100);
    expect(new Blob([snippet]).size).to.be.lessThan(1024);
  });

  it('queues calls made before the bundle arrives and applies them when it does', async () => {
    worker.use(http.get(api('/v1/opportunities'), () => listPage(makeOpportunities(2))));
    const snippet = await (await fetch('/__vk/loader.min.txt')).text();
    const script = document.createElement('script');
    script.dataset.src = '/__vk/volunteerkit.js';
    script.textContent = snippet;
    document.head.append(script);
    // The page calls the stub at once, exactly as a host page right after the snippet would.
    global()!('configure', { baseUrl: BASE_URL, publishableKey: PUBLISHABLE_KEY, locale: 'en' });
    expect(global()!.q).to.have.length(1);
    expect(global()!.version).to.equal(undefined);

    // A widget written into the page before the bundle exists, with no attributes of its own.
    document.body.insertAdjacentHTML('beforeend', '<vk-opportunity-list id="queued"></vk-opportunity-list>');
    await waitUntil(() => global()!.version, 'the bundle did not load', { timeout: 10000 });
    expect(global()!.getConfig!()).to.deep.equal({ baseUrl: BASE_URL, publishableKey: PUBLISHABLE_KEY, locale: 'en' });
    const list = document.getElementById('queued')!;
    await waitUntil(() => list.shadowRoot?.querySelectorAll('[part="item"]').length === 2, 'the widget did not use the queued configuration', { timeout: 8000 });

    // After loading, the same call style keeps working.
    global()!('configure', { theme: 'dark' });
    expect(global()!.getConfig!()).to.include({ theme: 'dark' });
  });

  it('defines the board and the form when first used: in the page, or asked for with load()', async () => {
    expect(customElements.get('vk-opportunity-list')).to.exist;
    expect(customElements.get('vk-honor-board'), 'no board on the page yet').to.equal(undefined);
    expect(customElements.get('vk-signup-form'), 'no form on the page yet').to.equal(undefined);
    document.body.insertAdjacentHTML('beforeend', '<div><vk-honor-board id="late-board"></vk-honor-board></div>');
    await waitUntil(() => customElements.get('vk-honor-board'), 'a board added to the page was not defined', { timeout: 8000 });
    expect(customElements.get('vk-signup-form'), 'the form is not loaded with the board').to.equal(undefined);
    // A form inside a host component's shadow root is out of the page observer's sight: load().
    await global()!.load!('vk-signup-form');
    expect(customElements.get('vk-signup-form')).to.exist;
  });

  it('survives the bundle loaded a second time: one warning naming the versions, widgets still work', async () => {
    const before = warnings.length;
    const first = global();
    await import(/* @vite-ignore */ '/__vk/volunteerkit.js?second-copy' as string);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fresh = warnings.slice(before).filter((warning) => warning.includes('VolunteerKit'));
    expect(fresh).to.have.length(1);
    expect(fresh[0]).to.contain('<vk-opportunity-list>');
    expect(fresh[0]).to.contain('<vk-honor-board>').and.to.contain('<vk-signup-form>');
    expect(fresh[0]).to.match(/0\.1\.0.*0\.1\.0/);
    expect(global()).to.equal(first); // the first copy's API stays
    document.body.insertAdjacentHTML('beforeend', '<vk-opportunity-list id="after-second"></vk-opportunity-list>');
    const list = document.getElementById('after-second')!;
    await waitUntil(() => list.shadowRoot?.querySelectorAll('[part="item"]').length === 2, 'widgets broke after the second copy', { timeout: 8000 });
  });
});
