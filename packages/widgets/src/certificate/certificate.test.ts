// <vk-certificate>: the certificate and its QR code (read back with jsQR: the verification URL
// with the JWS in its fragment), the form that issues one with a volunteer session, its inline
// refusals, the sign-in prompt, a 320 px column; axe after each state.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { Certificate } from '@volunteerkit/sdk';
import '../define/vk-certificate.js';
import type { VkCertificate } from './certificate.js';
import type { VkCertificateEvent } from '../shared/events.js';
import { BASE_URL, PUBLISHABLE_KEY } from '../../test/fixtures.js';
import { HttpResponse, api, http, problem, startMockApi, worker } from '../../test/mock-api.js';
import { decodeQrCanvas } from '../../test/decode-qr.js';
import { makeClaims, makeSigningKey, sign, type SigningKey } from '../../test/certificates.js';
import { layoutProblems } from '../../../../test/layout/layout-problems.js';

before(() => startMockApi());
afterEach(() => worker.resetHandlers());

let key: SigningKey;
let jws: string;
before(async () => {
  key = await makeSigningKey();
  jws = await sign(key);
});

let sessions = 0;
const nextSession = () => `vst_certificate${String(++sessions).padStart(6, '0')}`;

async function mount(extra = '', locale = 'en', session?: string): Promise<VkCertificate> {
  const holder = await fixture<HTMLDivElement>(html`<div></div>`);
  holder.innerHTML = `<vk-certificate base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="${locale}" ${extra}></vk-certificate>`;
  const el = holder.querySelector<VkCertificate>('vk-certificate')!;
  if (session) el.session = session;
  await el.updateComplete;
  return el;
}
const $ = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function certificateOf(signed: string): Certificate {
  const claims = makeClaims();
  return { id: claims.jti, number: claims.number, status: 'valid', claims, jws: signed, kid: key.kid, issuedAt: '2026-07-01T04:00:00.000Z', revokedAt: null };
}

describe('<vk-certificate>', () => {
  it('shows what it certifies and a QR code a decoder reads as the verification URL with the JWS in its fragment; axe-clean', async () => {
    const el = await mount('verify-url="https://campus.example/verify/"');
    el.jws = jws;
    await el.updateComplete;
    expect(text($(el, '[part="number"]'))).to.equal('VK-2026-000042');
    expect(text($(el, '[part="name"]'))).to.equal('林*雨');
    expect(text($(el, '[part="hours"]'))).to.equal('12.5 hours');
    expect(text($(el, '[part="claims"]'))).to.contain('January 1, 2026 – June 30, 2026');
    const url = `https://campus.example/verify/#${jws}`;
    expect(await decodeQrCanvas($(el, 'canvas[part="qr"]') as HTMLCanvasElement)).to.equal(url);
    expect(($(el, '[part="verify-link"]') as HTMLAnchorElement).href).to.equal(url);
    await expect(el).to.be.accessible();
  });

  it('issues a certificate for the period with the session and an Idempotency-Key, then shows it; zh-CN', async () => {
    const requests: Array<{ body: unknown; authorization: string | null; key: string | null }> = [];
    worker.use(http.post(api('/v1/me/certificates'), async ({ request }) => {
      requests.push({ body: await request.json(), authorization: request.headers.get('authorization'), key: request.headers.get('idempotency-key') });
      return HttpResponse.json(certificateOf(jws), { status: 201 });
    }));
    const session = nextSession();
    const el = await mount('from="2026-01-01" to="2026-06-30"', 'zh-CN', session);
    expect(text($(el, '.title'))).to.equal('开具志愿服务证明');
    await expect(el).to.be.accessible();
    const events: VkCertificateEvent[] = [];
    el.addEventListener('vk-certificate', (event) => events.push(event));
    ($(el, '[part="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[part="certificate"]'), 'the certificate is not shown');
    expect(requests).to.have.length(1);
    expect(requests[0]!.body).to.deep.equal({ from: '2026-01-01', to: '2026-06-30' });
    expect(requests[0]!.authorization).to.equal(`Bearer ${session}`);
    expect(requests[0]!.key).to.match(/^certificate-/);
    expect(events.map((e) => e.detail)).to.deep.equal([{ id: makeClaims().jti, number: 'VK-2026-000042' }]);
    expect(text($(el, '[part="hours"]'))).to.equal('12.5 小时');
    await expect(el).to.be.accessible();
  });

  it('says inline why the server refused the period, on the field it names; axe-clean', async () => {
    worker.use(http.post(api('/v1/me/certificates'), () => problem(422, 'validation_failed', 'Invalid', {
      errors: [{ path: 'from', message: 'the period holds no approved service hours', code: 'no_approved_hours' }],
    })));
    const el = await mount('from="2026-06-01" to="2026-06-30"', 'en', nextSession());
    ($(el, '[part="submit-button"]') as HTMLButtonElement).click();
    await waitUntil(() => text($(el, '[part="message"]')), 'no message');
    expect(text($(el, '[part="message"]'))).to.equal('There are no approved service hours in this period yet.');
    expect($(el, 'input[name="from"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '[part="certificate"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks the volunteer to sign in when there is no session and no certificate; says so for a damaged JWS', async () => {
    const el = await mount();
    expect(text($(el, '[part="sign-in"]'))).to.equal('Sign in to get a certificate of your service.');
    await expect(el).to.be.accessible();
    el.jws = 'not.a.certificate';
    await el.updateComplete;
    expect(text($(el, '[part="message"]'))).to.equal('This is not a readable certificate.');
    await expect(el).to.be.accessible();
  });

  it('fits a 320 px column in large text and dark: nothing clipped, nothing sideways; zh-TW', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    wrapper.innerHTML = `<vk-certificate base-url="${BASE_URL}" publishable-key="${PUBLISHABLE_KEY}" locale="zh-TW" large-text theme="dark"></vk-certificate>`;
    const el = wrapper.querySelector<VkCertificate>('vk-certificate')!;
    el.certificate = certificateOf(jws);
    await el.updateComplete;
    expect(text($(el, '.title'))).to.equal('志願服務證明');
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
