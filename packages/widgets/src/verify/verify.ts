import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { verifyCertificate, type CertificateVerification } from '@volunteerkit/sdk/verify';
import { VkElement } from '../shared/vk-element.js';
import { sectionHeadingLevel } from '../shared/heading-level.js';
import { baseStyles } from '../shared/base.styles.js';
import { WidgetConfigurationError } from '../shared/errors.js';
import { VkVerifyEvent } from '../shared/events.js';
import { formatDate } from '../shared/i18n.js';
import { renderClaims } from '../certificate/claims-view.js';
import { verificationMaterial, type VerificationMaterial } from './key-cache.js';
import { verifyMessages } from './verify.messages.js';
import { styles } from './verify.styles.js';

type Outcome =
  | { kind: 'checked'; result: CertificateVerification; material: VerificationMaterial }
  | { kind: 'no-keys' };

/**
 * The verification page's component: checks a certificate of service in the browser against the
 * platform's published Ed25519 keys and says in plain words what is proven (the number, masked
 * name, approved hours, records, period and issuer, and that nothing was changed) or why it cannot
 * be trusted (altered, signed by an unknown key, revoked, not a certificate).
 *
 * It reads the certificate from the page's URL fragment (where the QR code of `<vk-certificate>`
 * puts it; the fragment never reaches a server), or from what the reader pastes. The keys and the
 * revocation list come from `base-url`'s `/.well-known/` and are kept on the device, so once
 * loaded it verifies offline. Needs no publishable key or session.
 *
 * @summary Verifies a scanned or pasted certificate of service, offline once the keys are cached.
 * @tag vk-verify
 *
 * @csspart panel - The whole component.
 * @csspart title - The title.
 * @csspart form - The paste form.
 * @csspart input - The text area for a certificate or link.
 * @csspart submit-button - The verify button.
 * @csspart result - The verdict (a live region).
 * @csspart verdict - The one-line verdict.
 * @csspart reason - Why a certificate is refused.
 * @csspart claims - What the certificate certifies (only shown when its signature holds).
 * @csspart number - The certificate number.
 * @csspart name - The masked name.
 * @csspart hours - The approved hours.
 * @csspart revocation - Whether it is revoked, and as of when.
 * @csspart offline - Shown when cached keys were used.
 * @csspart retry-button - The retry button of the message shown if the widget itself failed.
 *
 * @event {VkVerifyEvent} vk-verify - A check finished; `detail: { valid, reason?, number? }`.
 */
export class VkVerify extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** The certificate (a compact JWS or a verification URL) to check; default: this page's URL fragment. */
  @property() certificate?: string;

  /** Read the certificate from `location.hash` (and follow its changes). Default on; `no-location` turns it off. */
  @property({ attribute: 'no-location', type: Boolean, reflect: true }) noLocation = false;

  /** Heading level (2–6) of the title. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private outcome: Outcome | undefined;
  @state() private checking = false;
  @state() private pasted = '';

  /** The certificate or paste last checked on its own (a change of either starts a check). */
  private lastSource = '';
  private run = 0;

  private get messages() {
    return verifyMessages(this.config.locale);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHashChange);
    this.onHashChange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHashChange);
  }

  private onHashChange = (): void => {
    if (!this.noLocation && location.hash.length > 1) this.pasted = location.href;
    this.requestUpdate();
  };

  /** In update(), not willUpdate(): the configuration (the base URL among it) resolves between the two. */
  protected override update(changed: PropertyValues): void {
    const input = this.certificate || this.pasted;
    if (this.isConnected && input && input !== this.lastSource && this.config.value.baseUrl) {
      this.lastSource = input;
      void this.check(input);
    }
    super.update(changed);
  }

  /** Checks `input` now (what the form and the URL fragment do). Resolves with the verdict. */
  async check(input: string): Promise<CertificateVerification | undefined> {
    const run = ++this.run;
    this.checking = true;
    try {
      const baseUrl = this.config.value.baseUrl;
      if (!baseUrl) throw new WidgetConfigurationError('No base URL configured');
      let material = await verificationMaterial(baseUrl);
      if (run !== this.run) return undefined;
      if (!material) {
        this.outcome = { kind: 'no-keys' };
        return undefined;
      }
      const verify = (m: VerificationMaterial) => verifyCertificate(input, { jwks: m.jwks, ...(m.revocations ? { revocations: m.revocations } : {}) });
      let result = await verify(material);
      if (!result.valid && result.reason === 'unknown_key') {
        // The keys may be an older copy (the HTTP cache, or this device's): ask once more, fresh.
        material = (await verificationMaterial(baseUrl, { reloadKeys: true })) ?? material;
        result = await verify(material);
      }
      if (run !== this.run) return undefined;
      this.outcome = { kind: 'checked', result, material };
      this.dispatchEvent(new VkVerifyEvent({ valid: result.valid, ...(result.valid ? {} : { reason: result.reason }), ...(result.claims ? { number: result.claims.number } : {}) }));
      return result;
    } catch (error) {
      this.dispatchError(error);
      return undefined;
    } finally {
      if (run === this.run) this.checking = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('certificate') ?? '').trim();
    // Checked again even if unchanged: the reader may be looking for a revocation made since.
    this.lastSource = value;
    this.pasted = value;
    void this.check(value);
  }

  protected override render(): TemplateResult {
    const messages = this.messages;
    return html`<section part="panel" class="panel" aria-labelledby="title">
      <div part="title" id="title" class="title" role="heading" aria-level=${sectionHeadingLevel(this.headingLevel)}>${messages.title}</div>
      <div part="result" class="result" role="status" aria-live="polite" aria-busy=${this.checking ? 'true' : 'false'}>
        ${this.checking ? html`<p>${messages.checking}</p>` : this.renderOutcome()}
      </div>
      <form part="form" class="form" @submit=${this.submit}>
        <label class="field">
          <span class="label">${messages.pasteLabel}</span>
          <textarea part="input" class="input" name="certificate" rows="3" aria-describedby="hint" spellcheck="false" autocomplete="off"
            .value=${this.pasted}></textarea>
        </label>
        <p id="hint" class="hint">${messages.pasteHint}</p>
        <button part="submit-button" class="button" type="submit" ?disabled=${this.checking}>${messages.verify}</button>
      </form>
    </section>`;
  }

  private time(iso: string): string {
    return formatDate(this.config.locale, iso, 'Asia/Shanghai', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  private renderOutcome(): TemplateResult | typeof nothing {
    const messages = this.messages;
    const outcome = this.outcome;
    if (!outcome) return nothing;
    if (outcome.kind === 'no-keys') return html`<p part="reason" class="verdict verdict--bad">${messages.keysUnavailable}</p>`;
    const { result, material } = outcome;
    const offline = material.fromCache ? html`<p part="offline" class="note">${messages.keysFromCache({ time: this.time(material.fetchedAt) })}</p>` : nothing;
    if (!result.valid) {
      const reason = result.reason === 'revoked' ? messages.revoked({ time: this.time(result.revokedAt!) }) : messages[result.reason];
      return html`<p part="verdict" class="verdict verdict--bad" data-valid="false" data-reason=${result.reason}><span aria-hidden="true">✗ </span>${messages.invalid}</p>
        <p part="reason" class="reason">${reason}</p>${offline}`;
    }
    const revocation = material.revocations
      ? messages.notRevoked({ time: this.time(material.fetchedAt) })
      : messages.revocationsUnknown;
    return html`<p part="verdict" class="verdict verdict--good" data-valid="true"><span aria-hidden="true">✓ </span>${messages.valid}</p>
      <p class="note">${messages.validDetail}</p>
      ${renderClaims(this.config.locale, messages, result.claims)}
      <p part="revocation" class="note">${revocation}</p>${offline}`;
  }
}
