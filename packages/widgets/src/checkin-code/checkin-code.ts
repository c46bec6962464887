import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Organizer, type CheckinCode } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { sectionHeadingLevel } from '../shared/heading-level.js';
import { configurationGrace } from '../shared/config.js';
import { baseStyles } from '../shared/base.styles.js';
import { renderErrorState } from '../shared/error-state.js';
import { describeError, isAbort, WidgetConfigurationError } from '../shared/errors.js';
import { VkCheckinCodeEvent } from '../shared/events.js';
import { formatDate } from '../shared/i18n.js';
import { sharedMessages } from '../shared/shared.messages.js';
import { checkinCodeMessages } from './checkin-code.messages.js';
import { RETRY_AFTER_FAILURE_MS, ServerClock, nextRefreshDelay, stillAccepted, systemClock, type Clock } from './code-refresh.js';
import { drawQr } from './qr-image.js';
import { styles } from './checkin-code.styles.js';

/**
 * The organizer's kiosk screen for one shift: the rotating 6-digit check-in code in digits large
 * enough to read from two metres, the same code as a QR code, when it is valid until, and how many
 * volunteers have checked in. It fetches the next code by itself shortly before the current one
 * expires, by the server's clock as judged from the codes' `validUntil` (a kiosk whose clock is
 * minutes wrong still shows a code the server accepts); if a fetch fails it keeps the last code
 * while the server still accepts it and tries again. Screen readers hear the count when it changes, not every new code.
 *
 * Needs an organizer session (`ost_…`, minted by the partner's back end): the `session` property,
 * else the `<vk-provider>`'s or `configure()`'s. Never an attribute or a URL.
 *
 * @summary The kiosk screen with a shift's rotating check-in code and QR code.
 * @tag vk-checkin-code
 *
 * @csspart panel - The whole screen: title, code, QR code, count.
 * @csspart title - "Check in here".
 * @csspart instructions - How to use the code.
 * @csspart code - The 6 digits.
 * @csspart qr - The QR code (a canvas with an accessible name).
 * @csspart valid-until - When the code is replaced.
 * @csspart count - How many have checked in (a polite live region).
 * @csspart skeleton - The loading placeholder.
 * @csspart error - The error state, or the notice above a kept code after a failed fetch.
 * @csspart retry-button - The error state's retry button.
 *
 * @cssproperty --vk-checkin-code-size - Size of the digits (default `clamp(4rem, 16vw, 12rem)`).
 * @cssproperty --vk-checkin-qr-size - Edge of the QR code (default `min(22rem, 80vw)`).
 *
 * @event {VkCheckinCodeEvent} vk-checkin-code - A new code is shown; `detail: { shiftId, validUntil, checkedIn }` (never the code itself).
 * @event {VkErrorEvent} vk-error - Fetching a code failed; `detail.error`.
 */
export class VkCheckinCode extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** The shift whose code is shown (`shf_…`). */
  @property({ attribute: 'shift-id', reflect: true }) shiftId?: string;

  /**
   * The organizer session token (`ost_…`) from the partner's back end; else the provider's or
   * `configure()`'s. A property only, never an attribute: tokens must not end up in HTML or URLs.
   */
  @property({ attribute: false }) session?: string;

  /** IANA time zone in which "valid until" is written (the activity's). */
  @property({ attribute: 'time-zone', reflect: true }) timeZone = 'Asia/Shanghai';

  /** Heading level (2–6) of the screen's title. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** The clock for the refresh timer; replace only in tests. */
  @property({ attribute: false }) clock: Clock = systemClock;

  @state() private current: CheckinCode | undefined;
  @state() private failure: unknown = undefined;
  @state() private loading = false;

  @query('canvas[part~="qr"]') private qrCanvas?: HTMLCanvasElement;

  private timer: unknown;
  /** The server's time judged from the answers: the schedule follows it, not the kiosk's clock. */
  private readonly serverClock = new ServerClock();
  private abort?: AbortController;
  /** Which shift and session the loaded code belongs to; a change starts over. */
  private loadedFor = '';

  private get messages() {
    return checkinCodeMessages(this.config.locale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.loadedFor = '';
    this.requestUpdate();
  }

  protected override reloadAfterCrash(): void {
    void this.fetchCode();
  }

  /** In update(), not willUpdate(): the configuration (the session among it) resolves between the two. */
  protected override update(changed: PropertyValues): void {
    const key = `${this.shiftId ?? ''}|${this.config.value.session ?? ''}|${this.config.client ? 'client' : ''}|${String(this.config.clientError ?? '')}`;
    if (this.isConnected && key !== this.loadedFor) {
      this.loadedFor = key;
      this.current = undefined;
      this.failure = undefined;
      void this.fetchCode();
    }
    super.update(changed);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Drawn after render: the canvas is in the shadow root only now.
    if (this.current && this.qrCanvas && this.qrCanvas.dataset.payload !== this.current.qrPayload) {
      drawQr(this.qrCanvas, this.current.qrPayload);
      this.qrCanvas.dataset.payload = this.current.qrPayload;
    }
  }

  private stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = undefined;
  }

  private schedule(ms: number): void {
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => void this.fetchCode(), ms);
  }

  /** Fetches the current code, then schedules the next fetch (or a retry after a failure). */
  private async fetchCode(): Promise<void> {
    this.stop();
    const controller = new AbortController();
    this.abort = controller;
    const { signal } = controller;
    this.loading = true;
    try {
      const client = this.config.client;
      const session = this.config.value.session;
      if (!client || !session || !this.shiftId) {
        // Configuration may still arrive (configure() after the bundle, a session set later).
        if (this.config.clientError === undefined) await configurationGrace(signal);
        throw this.config.clientError ?? new WidgetConfigurationError(!this.shiftId ? 'no-shift' : !session ? 'no-session' : 'No publishable key and base URL configured');
      }
      const sentAt = this.clock.now();
      const code = await new Organizer(client.withSession(session)).checkinCode(this.shiftId, { signal });
      if (signal.aborted) return;
      this.serverClock.observe(code.validUntil, sentAt, this.clock.now());
      this.current = code;
      this.failure = undefined;
      this.schedule(nextRefreshDelay(code.validUntil, this.serverClock.now(this.clock.now())));
      this.dispatchEvent(new VkCheckinCodeEvent({ shiftId: code.shiftId, validUntil: code.validUntil, checkedIn: code.checkedIn }));
    } catch (error) {
      if (signal.aborted || isAbort(error)) return;
      this.failure = error;
      if (this.current && !stillAccepted(this.current.validUntil, this.serverClock.now(this.clock.now()))) this.current = undefined;
      // A missing setting will not fix itself; anything else (offline, 5xx) is tried again.
      if (!WidgetConfigurationError.is(error)) this.schedule(RETRY_AFTER_FAILURE_MS);
      this.dispatchError(error);
    } finally {
      if (this.abort === controller) this.loading = false;
    }
  }

  private retryNow = (): void => {
    void this.fetchCode();
  };

  protected override render(): TemplateResult {
    const messages = this.messages;
    const code = this.current;
    return html`<section part="panel" class="panel" aria-labelledby="title" aria-busy=${this.loading && !code ? 'true' : 'false'}>
      <div part="title" id="title" class="title" role="heading" aria-level=${sectionHeadingLevel(this.headingLevel)}>${messages.title}</div>
      ${code
        ? html`${this.failure === undefined ? nothing : this.renderError(this.failure, true)}
            <p part="instructions" class="instructions">${messages.instructions}</p>
            <div class="code-and-qr">
              <p class="code-block">
                <span class="visually-hidden">${messages.codeLabel}: </span>
                <span part="code" class="code" data-code=${code.code}>${code.code.slice(0, 3)}<span class="gap"></span>${code.code.slice(3)}</span>
              </p>
              <canvas part="qr" class="qr" role="img" aria-label=${messages.qrLabel}></canvas>
            </div>
            <p part="valid-until" class="valid-until">
              <time datetime=${code.validUntil}>${messages.validUntil({ time: formatDate(this.config.locale, code.validUntil, this.timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) })}</time>
            </p>`
        : this.failure !== undefined
          ? this.renderError(this.failure, false)
          : this.renderSkeleton()}
      <p part="count" class="count" role="status" aria-live="polite" ?hidden=${!code}>${code ? messages.checkedIn({ count: code.checkedIn }) : ''}</p>
    </section>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" class="skeleton-block" aria-hidden="true">
        <span class="skeleton bar code-bar"></span>
        <span class="skeleton qr-bar"></span>
      </div>
      <span class="visually-hidden">${sharedMessages(this.config.locale).loading}</span>`;
  }

  /** `kept`: a notice above the last code (still accepted) rather than the whole error state. */
  private renderError(error: unknown, kept: boolean) {
    const messages = this.messages;
    const shared = sharedMessages(this.config.locale);
    const configuration = WidgetConfigurationError.is(error);
    const reason = configuration && (error as Error).message === 'no-session'
      ? messages.noSession
      : configuration && (error as Error).message === 'no-shift'
        ? messages.noShift
        : kept
          ? messages.refreshFailed
          : describeError(this.config.locale, error);
    return renderErrorState({
      title: kept ? undefined : shared.errorTitle,
      text: reason,
      alert: true,
      notice: kept,
      retry: configuration ? undefined : { label: shared.retry, run: this.retryNow, secondary: true },
    });
  }
}
