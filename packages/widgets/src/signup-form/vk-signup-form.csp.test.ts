/**
 * `<vk-signup-form>` under the strict policy a host may set (issue 5): no inline script or style,
 * Trusted Types with only Lit's `lit-html` policy. The policy is added before the component's code
 * is loaded and cannot be lifted, which is why this is a test file of its own (its own page).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { VkSignupForm } from './vk-signup-form.js';
import { BASE_URL, HOSTILE_TEXT, PUBLISHABLE_KEY, makeChannel, makeOpportunity } from '../../test/fixtures.js';
import { HttpResponse, api, http, worker } from '../../test/mock-api.js';
import { applyStrictPolicy, recordCspViolations } from '../../test/strict-csp.js';

const violations = recordCspViolations();

describe('<vk-signup-form> under a strict CSP with Trusted Types', () => {
  before(async () => {
    await applyStrictPolicy();
    await import('../define/vk-signup-form.js');
  });

  it('renders the form, its errors and the success view with no violation reported', async () => {
    worker.use(
      http.get(api('/v1/opportunities/:id'), () => HttpResponse.json(makeOpportunity({ title: HOSTILE_TEXT.img }))),
      http.get(api('/v1/channel'), () => HttpResponse.json(makeChannel())),
      http.post(api('/v1/signups'), () => HttpResponse.json({
        id: 'sgn_csp000001', reference: 'VK-CSP001', opportunityId: 'opp_elderly001', shiftId: 'shf_morning001',
        volunteerId: 'vol_csp000001', displayName: '王*明', answers: { q_tshirt: 'M' },
        consent: { policyVersion: '2026-09', at: '2026-11-22T10:00:00+08:00' }, status: 'approved', waitlistPosition: null,
        source: { channelId: 'chn_news0001', widget: 'vk-signup-form' },
        createdAt: '2026-11-22T10:00:00+08:00', updatedAt: '2026-11-22T10:00:00+08:00',
      }, { status: 201 })),
    );
    // No lit `html` here: the element is made with DOM calls, as a host page without Lit would.
    const el = document.createElement('vk-signup-form') as VkSignupForm;
    el.setAttribute('locale', 'en');
    el.setAttribute('base-url', BASE_URL);
    el.setAttribute('publishable-key', PUBLISHABLE_KEY);
    el.setAttribute('opportunity', 'opp_elderly001');
    document.body.append(el);
    try {
      const $ = (selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
      await waitUntil(() => $('form'), 'the form did not render', { timeout: 8000 });
      // Styles applied although style-src forbids inline <style>: the input has its token border.
      expect(getComputedStyle($('#field-volunteer-name')!).minHeight).to.equal('44px');
      expect($('[part~="heading"]')!.textContent).to.include(HOSTILE_TEXT.img);
      $('[part~="submit-button"]')!.click();
      // The first submit may wait for the form's validation chunk (zod, served unbundled here).
      await waitUntil(() => $('[part~="error-summary"]'), 'no error summary', { timeout: 8000 });
      $('#field-shiftId-shf_morning001')!.click();
      for (const [selector, value] of [['#field-volunteer-name', '王小明'], ['#field-volunteer-mobile', '13812345678']] as const) {
        const input = $(selector) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
      $('#field-answers-q_tshirt-1')!.click();
      $('#field-consent')!.click();
      await el.updateComplete;
      $('[part~="submit-button"]')!.click();
      await waitUntil(() => $('[part~="success-heading"]'), 'no success view', { timeout: 8000 });
      expect($('[part~="calendar-link"]')!.getAttribute('href')).to.match(/^blob:/);
      expect(violations).to.deep.equal([]);
    } finally {
      el.remove();
    }
  });

  it('the policy is really enforced: an inline style attribute is reported', async () => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: red');
    document.body.append(probe);
    await waitUntil(() => violations.length > 0, 'the inline style was not reported: the policy is not active');
    probe.remove();
    expect(violations[0]).to.match(/^style-src/);
    violations.length = 0;
  });

  it('the policy is really enforced: Trusted Types refuse an HTML string', () => {
    expect('trustedTypes' in window, 'this browser has no Trusted Types: the test above proves less').to.equal(true);
    expect(() => {
      document.createElement('div').innerHTML = '<b>not trusted</b>';
    }).to.throw(TypeError);
  });
});
