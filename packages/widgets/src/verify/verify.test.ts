// <vk-verify> against genuine Ed25519 signatures (test/certificates.ts): valid, and refused when
// one claim byte changes, when signed by an unknown key, after revocation and when malformed;
// from the URL fragment and from a paste; offline with keys cached; axe after each state.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/vk-verify.js';
import type { VkVerify } from './verify.js';
import type { VkVerifyEvent } from '../shared/events.js';
import { BASE_URL } from '../../test/fixtures.js';
import { HttpResponse, api, http, startMockApi, worker } from '../../test/mock-api.js';
import { alterOneClaimByte, makeClaims, makeSigningKey, sign, type SigningKey } from '../../test/certificates.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => {
  worker.resetHandlers();
  localStorage.clear();
  history.replaceState(null, '', location.pathname + location.search);
});

let key: SigningKey;
before(async () => {
  key = await makeSigningKey();
});

/** Serves the key set and a revocation list; counts the requests. */
function servePublished(revoked: Array<{ id: string; number: string; revokedAt: string }> = []) {
  const calls = { keys: 0, revocations: 0 };
  worker.use(
    http.get(api('/.well-known/jwks.json'), () => {
      calls.keys += 1;
      return HttpResponse.json(key.jwks);
    }),
    http.get(api('/.well-known/certificate-revocations.json'), () => {
      calls.revocations += 1;
      return HttpResponse.json({ issuer: 'VolunteerKit', updatedAt: revoked[0]?.revokedAt ?? null, revoked });
    }),
  );
  return calls;
}

async function mount(attributes = 'no-location', locale = 'en'): Promise<VkVerify> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  holder.innerHTML = `<vk-verify base-url="${BASE_URL}" locale="${locale}" ${attributes}></vk-verify>`;
  const el = holder.querySelector<VkVerify>('vk-verify')!;
  await el.updateComplete;
  return el;
}
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const verdict = (el: VkVerify) => $(el, '[part="verdict"]');

/** Pastes `value` and presses Verify, as a reader would. */
async function paste(el: VkVerify, value: string): Promise<void> {
  const input = $(el, 'textarea') as HTMLTextAreaElement;
  input.value = value;
  ($(el, '[part="submit-button"]') as HTMLButtonElement).click();
  await el.updateComplete;
  await waitUntil(() => $(el, '[part="result"]')!.getAttribute('aria-busy') === 'false' && (verdict(el) || $(el, '[part="reason"]')), 'no verdict shown');
}

describe('<vk-verify>', () => {
  it('verifies a pasted certificate and lists what is proven; axe-clean before and after', async () => {
    servePublished();
    const el = await mount();
    await expect(el).to.be.accessible();
    const events: VkVerifyEvent[] = [];
    el.addEventListener('vk-verify', (event) => events.push(event));
    await paste(el, await sign(key));
    expect(verdict(el)!.dataset.valid).to.equal('true');
    expect(text(verdict(el))).to.contain('This certificate is authentic.');
    expect(text($(el, '[part="number"]'))).to.equal('VK-2026-000042');
    expect(text($(el, '[part="name"]'))).to.equal('林*雨');
    expect(text($(el, '[part="hours"]'))).to.equal('12.5 hours');
    expect(text($(el, '[part="revocation"]'))).to.match(/^Not revoked/);
    expect(events.map((e) => e.detail)).to.deep.equal([{ valid: true, number: 'VK-2026-000042' }]);
    await expect(el).to.be.accessible();
  });

  it('reads the certificate from the URL fragment the QR code opens; zh-CN', async () => {
    servePublished();
    history.replaceState(null, '', `${location.pathname}${location.search}#${await sign(key)}`);
    const el = await mount('', 'zh-CN');
    await waitUntil(() => verdict(el), 'no verdict');
    expect(text(verdict(el))).to.contain('此证明真实有效。');
    expect(text($(el, '[part="hours"]'))).to.equal('12.5 小时');
    await expect(el).to.be.accessible();
  });

  const refusals: Array<[string, () => Promise<string>, string, string]> = [
    ['with one claim byte changed', async () => alterOneClaimByte(await sign(key)), 'altered', 'changed after it was issued'],
    ['signed by an unknown key', async () => sign(await makeSigningKey('stranger')), 'unknown_key', 'never published'],
    ['that is not a certificate at all', async () => 'https://example.org/verify#not-a-certificate', 'malformed', 'This is not a certificate'],
  ];
  for (const [what, make, reason, words] of refusals) {
    it(`refuses a certificate ${what} and says why in plain words; axe-clean`, async () => {
      servePublished();
      const el = await mount();
      await paste(el, await make());
      expect(verdict(el)!.dataset.reason).to.equal(reason);
      expect(text(verdict(el))).to.contain('This certificate cannot be trusted.');
      expect(text($(el, '[part="reason"]'))).to.contain(words);
      expect($(el, '[part="claims"]'), 'nothing unproven is shown as proven').to.equal(null);
      await expect(el).to.be.accessible();
    });
  }

  it('refuses a revoked certificate with the date it was revoked', async () => {
    servePublished([{ id: makeClaims().jti, number: 'VK-2026-000042', revokedAt: '2026-07-02T01:00:00.000Z' }]);
    const el = await mount();
    await paste(el, await sign(key));
    expect(verdict(el)!.dataset.reason).to.equal('revoked');
    expect(text($(el, '[part="reason"]'))).to.contain('revoked this certificate on July 2, 2026');
    await expect(el).to.be.accessible();
  });

  it('sees a revocation made after an earlier check at once, and a key put in use since the keys were fetched', async () => {
    servePublished();
    const el = await mount();
    await paste(el, await sign(key));
    expect(verdict(el)!.dataset.valid).to.equal('true');

    const rotated = await makeSigningKey('successor', '2026-07-01T12:00:00.000Z');
    const revokedAt = '2026-07-02T01:00:00.000Z';
    let keyAnswers = 0;
    worker.use(
      // The first answer is a stale copy (as an HTTP cache may give): the widget must ask again.
      http.get(api('/.well-known/jwks.json'), () => (++keyAnswers === 1 ? HttpResponse.json(key.jwks)
        : HttpResponse.json({ keys: [...rotated.jwks.keys, { ...key.jwks.keys[0]!, validUntil: '2026-07-01T12:00:00.000Z' }] }))),
      http.get(api('/.well-known/certificate-revocations.json'), () => HttpResponse.json({ issuer: 'VolunteerKit', updatedAt: revokedAt, revoked: [{ id: makeClaims().jti, number: 'VK-2026-000042', revokedAt }] })),
    );
    await paste(el, await sign(rotated, makeClaims({ number: 'VK-2026-000050', jti: 'cer_afterRotation00000001', iat: Date.parse('2026-07-02T00:00:00Z') / 1000 })));
    expect(verdict(el)!.dataset.valid).to.equal('true');
    expect(text($(el, '[part="number"]'))).to.equal('VK-2026-000050');
    expect(keyAnswers).to.equal(2);
    await paste(el, await sign(key));
    expect(verdict(el)!.dataset.reason).to.equal('revoked');
  });

  it('verifies offline with the keys it cached, and says so', async () => {
    const calls = servePublished();
    const online = await mount();
    await paste(online, await sign(key));
    expect(verdict(online)!.dataset.valid).to.equal('true');
    expect(calls).to.deep.equal({ keys: 1, revocations: 1 });

    worker.use(
      http.get(api('/.well-known/jwks.json'), () => HttpResponse.error()),
      http.get(api('/.well-known/certificate-revocations.json'), () => HttpResponse.error()),
    );
    const offline = await mount();
    await paste(offline, await sign(key, makeClaims({ number: 'VK-2026-000043', jti: 'cer_second0000000000001' })));
    expect(verdict(offline)!.dataset.valid).to.equal('true');
    expect(text($(offline, '[part="number"]'))).to.equal('VK-2026-000043');
    expect(text($(offline, '[part="offline"]'))).to.match(/^Checked offline with the keys saved on/);
    await expect(offline).to.be.accessible();
  });

  it('says the keys are needed when offline with none cached', async () => {
    worker.use(http.get(api('/.well-known/jwks.json'), () => HttpResponse.error()), http.get(api('/.well-known/certificate-revocations.json'), () => HttpResponse.error()));
    const el = await mount();
    await paste(el, await sign(key));
    expect(text($(el, '[part="reason"]'))).to.contain('could not be loaded');
    await expect(el).to.be.accessible();
  });

  it('fits a 320 px column in large text and dark; zh-TW', async () => {
    servePublished();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    wrapper.innerHTML = `<vk-verify base-url="${BASE_URL}" locale="zh-TW" large-text theme="dark" no-location></vk-verify>`;
    const el = wrapper.querySelector<VkVerify>('vk-verify')!;
    await el.updateComplete;
    await paste(el, await sign(key));
    expect(text(verdict(el))).to.contain('此證明真實有效。');
    const problems = [
      ...layoutProblems([el]),
      ...[...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
        .filter((node) => node.getBoundingClientRect().right > wrapper.getBoundingClientRect().right + 1)
        .map((node) => `sideways: ${node.outerHTML.slice(0, 80)}`),
    ];
    expect(problems).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
