import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { MyCertificates, ValidationError, type Certificate, type CertificateClaims } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { sectionHeadingLevel } from '../shared/heading-level.js';
import { baseStyles } from '../shared/base.styles.js';
import { describeError, isAbort } from '../shared/errors.js';
import { VkCertificateEvent } from '../shared/events.js';
import { drawQr } from '../checkin-code/qr-image.js';
import { certificateMessages } from './certificate.messages.js';
import { readClaims, renderClaims } from './claims-view.js';
import { styles } from './certificate.styles.js';

/**
 * A certificate of volunteer service (志愿服务证明), printable on A4 and readable on a phone: the
 * number, the masked name, the approved hours and records, the period and the issuer, with a QR
 * code of the verification page whose fragment (`#…`, never sent to any server) holds the signed
 * certificate, so a school or employer checks it by scanning.
 *
 * Give it a `certificate` (from `MyCertificates.create()`) or a `jws`. Without either, and with a
 * volunteer session (the `session` property, else the provider's or `configure()`'s), it offers
 * the form that issues one for a period; without a session it asks the volunteer to sign in.
 * Printing hides the form and buttons (the host page sets `@page { size: A4 }`; see the guide).
 *
 * @summary A printable certificate of service with a verification QR code, or the form that issues one.
 * @tag vk-certificate
 *
 * @csspart certificate - The certificate (what is printed).
 * @csspart title - Its title.
 * @csspart claims - The list of what it certifies.
 * @csspart number - The certificate number.
 * @csspart name - The masked name.
 * @csspart hours - The approved hours.
 * @csspart qr - The QR code (a canvas with an accessible name).
 * @csspart verify-link - The verification page's link.
 * @csspart print-button - The print button.
 * @csspart form - The form that issues a certificate.
 * @csspart message - The form's inline error.
 * @csspart submit-button - The form's button.
 * @csspart sign-in - Shown without a session, certificate or JWS.
 * @csspart retry-button - The retry button of the message shown if the widget itself failed.
 *
 * @cssproperty --vk-certificate-qr-size - Edge of the QR code (default `12rem`; `5.5cm` in print).
 *
 * @event {VkCertificateEvent} vk-certificate - A certificate was issued; `detail: { id, number }`.
 * @event {VkErrorEvent} vk-error - Issuing failed; `detail.error`.
 */
export class VkCertificate extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** The certificate to show, as the API returns it. */
  @property({ attribute: false }) certificate?: Certificate;

  /** Or the signed certificate alone (a compact JWS). */
  @property() jws?: string;

  /** The verification page the QR code opens (the certificate follows in its fragment). Default: `/verify/` on this site. */
  @property({ attribute: 'verify-url', reflect: true }) verifyUrl?: string;

  /** A volunteer session token (`vst_…`) for issuing; else the provider's or `configure()`'s. A property only, never an attribute. */
  @property({ attribute: false }) session?: string;

  /** The form's first day (`YYYY-MM-DD`); default 1 January of this year. */
  @property({ reflect: true }) from?: string;

  /** The form's last day; default today. */
  @property({ reflect: true }) to?: string;

  /** Heading level (2–6) of the title. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  @state() private issuing = false;
  @state() private problem: string | undefined;
  @state() private problemField: 'from' | 'to' | undefined;

  @query('canvas[part~="qr"]') private qrCanvas?: HTMLCanvasElement;

  private get messages() {
    return certificateMessages(this.config.locale);
  }

  private get shownJws(): string | undefined {
    return this.certificate?.jws ?? this.jws?.trim() ?? undefined;
  }

  /** The URL the QR code holds: the verification page with the JWS in its fragment. */
  get verificationUrl(): string | undefined {
    const jws = this.shownJws;
    if (!jws) return undefined;
    const page = new URL(this.verifyUrl || '/verify/', location.href);
    page.hash = jws;
    return page.href;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const url = this.verificationUrl;
    // Drawn after render: the canvas is in the shadow root only now.
    if (url && this.qrCanvas && this.qrCanvas.dataset.payload !== url) {
      drawQr(this.qrCanvas, url);
      this.qrCanvas.dataset.payload = url;
    }
  }

  private defaultFrom(): string {
    return `${this.today().slice(0, 4)}-01-01`;
  }

  /** Today in China Standard Time, as the server counts periods. */
  private today(): string {
    return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  }

  private async issue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.issuing) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const period = { from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') };
    const client = this.config.client;
    const session = this.config.value.session;
    if (!client || !session) return;
    this.issuing = true;
    this.problem = undefined;
    this.problemField = undefined;
    try {
      // One key per submission: a retried request (a flaky network) does not issue a second certificate.
      this.certificate = await new MyCertificates(client.withSession(session)).create(period, { idempotencyKey: `certificate-${crypto.randomUUID()}` });
      this.dispatchEvent(new VkCertificateEvent({ id: this.certificate.id, number: this.certificate.number }));
    } catch (error) {
      if (isAbort(error)) return;
      if (ValidationError.is(error)) {
        const first = (error as ValidationError).errors[0];
        this.problemField = first?.path === 'to' ? 'to' : 'from';
        // The one refusal a volunteer meets in normal use is worded here; others name the field and the server's words.
        this.problem = first?.code === 'no_approved_hours'
          ? this.messages.noApprovedHours
          : first ? `${first.path === 'to' ? this.messages.to : this.messages.from}: ${first.message}` : (error as Error).message;
      } else {
        this.problem = describeError(this.config.locale, error);
      }
      this.dispatchError(error);
    } finally {
      this.issuing = false;
    }
  }

  private print = (): void => {
    window.print();
  };

  protected override render(): TemplateResult {
    const jws = this.shownJws;
    if (jws) {
      const claims = this.certificate?.claims ?? readClaims(jws);
      return claims ? this.renderCertificate(claims) : html`<p part="message" class="state state--error" role="alert">${this.messages.notACertificate}</p>`;
    }
    return this.config.value.session ? this.renderForm() : html`<p part="sign-in" class="state">${this.messages.noSession}</p>`;
  }

  private renderCertificate(claims: CertificateClaims): TemplateResult {
    const messages = this.messages;
    const url = this.verificationUrl!;
    return html`<article part="certificate" class="certificate" aria-labelledby="title">
      <div part="title" id="title" class="title" role="heading" aria-level=${sectionHeadingLevel(this.headingLevel)}>${messages.title}</div>
      ${renderClaims(this.config.locale, messages, claims)}
      <div class="verify">
        <canvas part="qr" class="qr" role="img" aria-label=${messages.qrLabel}></canvas>
        <p>${messages.scanToVerify} <a part="verify-link" href=${url}>${messages.verifyLink}</a></p>
      </div>
      <button part="print-button" class="button button--secondary no-print" type="button" @click=${this.print}>${messages.print}</button>
    </article>`;
  }

  private renderForm(): TemplateResult {
    const messages = this.messages;
    const today = this.today();
    const field = (name: 'from' | 'to', value: string) => html`<label class="field">
        <span>${messages[name]}</span>
        <input class="input" type="date" name=${name} required max=${today} .value=${value}
          aria-invalid=${this.problemField === name ? 'true' : 'false'} aria-describedby=${this.problemField === name ? 'problem' : nothing} />
      </label>`;
    return html`<form part="form" class="form no-print" @submit=${this.issue} aria-labelledby="form-title">
      <div id="form-title" class="title" role="heading" aria-level=${sectionHeadingLevel(this.headingLevel)}>${messages.formTitle}</div>
      <p class="hint">${messages.formHint}</p>
      <div class="fields">${field('from', this.from ?? this.defaultFrom())}${field('to', this.to ?? today)}</div>
      <p part="message" id="problem" class="message" role="alert">${this.problem ?? ''}</p>
      <button part="submit-button" class="button" type="submit" ?disabled=${this.issuing}>${this.issuing ? messages.issuing : messages.issue}</button>
    </form>`;
  }
}
