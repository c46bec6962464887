/**
 * "You are already signed up": with a volunteer session the form shows the volunteer's live
 * sign-ups for its activity (status, reference, time, place) instead of a blank form, and lets
 * them cancel one with a few seconds to undo (undo-cancel.ts). A reactive controller: the form
 * asks it whether it is showing and to render; it keeps its own state, moves focus, announces,
 * and dispatches `vk-signup-cancel` once the server has cancelled.
 *
 * @module
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Me, type BaseClient } from '@volunteerkit/sdk';
import type { Opportunity, Signup } from '@volunteerkit/sdk/schemas';
import type { VkLocale } from '../shared/locale.js';
import { formatDateRange } from '../shared/i18n.js';
import { VkSignupCancelEvent } from '../shared/events.js';
import { liveSignups } from '../shared/live-signups.js';
import type { SignupFormMessages } from './signup-form.messages.js';
import { statusText, successHeading } from './form-feedback.js';
import { signupWindow } from './form-model.js';
import { UndoCancel, type UndoCancelState } from './undo-cancel.js';


/** The volunteer's sign-ups for one opportunity (every page; a volunteer has a handful). */
export async function loadMySignups(client: BaseClient, opportunityId: string): Promise<Signup[]> {
  const signups: Signup[] = [];
  for await (const signup of new Me(client).signups.list({ opportunityId, limit: 100 })) signups.push(signup);
  return signups;
}

export interface ExistingSignupHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ExistingSignupOptions {
  /** The session's client, or `null` when there is none. */
  client(): BaseClient | null;
  /** Says `text` in the form's polite live region. */
  announce(text: string): void;
  /** A cancel went through: reload what shows spots left. */
  onCancelled(): void;
}

/** What the view needs from the form. */
export interface ExistingSignupView {
  messages: SignupFormMessages;
  locale: VkLocale;
  opportunity: Opportunity;
  /** `aria-level` of the view's headings. */
  level: number;
}

export class ExistingSignupController implements ReactiveController {
  /** Live sign-ups, as loaded and minus those cancelled since. */
  #live: Signup[] = [];
  /** The last sign-up cancelled here, confirmed in the view until the reader moves on. */
  #cancelled: Signup | null = null;
  /** The reader chose to sign up (again, or for another time): the form shows. */
  #dismissed = false;
  /** The opportunity of `#live`: a load for another one starts over. */
  #opportunityId: string | undefined;
  readonly #host: ExistingSignupHost;
  readonly #options: ExistingSignupOptions;
  readonly #undo: UndoCancel;
  /** Messages of the last render, for announcements made between renders. */
  #messages: SignupFormMessages | undefined;
  /** The undo window was announced (its countdown ticks are not). */
  #announcedPending = false;

  constructor(host: ExistingSignupHost, options: ExistingSignupOptions) {
    this.#host = host;
    this.#options = options;
    this.#undo = new UndoCancel({
      send: (signup, { idempotencyKey }) => {
        const client = options.client();
        if (!client) return Promise.reject(new Error('the session ended'));
        return new Me(client).signups.cancel(signup.id, { idempotencyKey });
      },
      onStateChange: (state) => this.#onUndoChange(state),
    });
    host.addController(this);
  }

  /** Whether the form shows this view instead of the form. */
  get showing(): boolean {
    return !this.#dismissed && (this.#live.length > 0 || this.#cancelled !== null);
  }

  /** The volunteer's sign-ups for `opportunity` as just loaded (`null`: no session). */
  show(opportunity: Opportunity, signups: readonly Signup[] | null): void {
    if (this.#opportunityId !== opportunity.id) this.reset();
    this.#opportunityId = opportunity.id;
    const pending = this.#undo.state.phase === 'idle' || this.#undo.state.phase === 'done' ? undefined : this.#undo.state.signup;
    const live = liveSignups(signups ?? []);
    // A sign-up whose cancel is under way stays on screen whatever an older read says.
    if (pending && !live.some((s) => s.id === pending.id)) live.push(pending);
    this.#live = live;
    this.#host.requestUpdate();
  }

  /** Another opportunity or no session: forget everything (a cancel still in its window is dropped). */
  reset(): void {
    this.#undo.reset();
    this.#live = [];
    this.#cancelled = null;
    this.#dismissed = false;
    this.#opportunityId = undefined;
  }

  hostDisconnected(): void {
    // Nothing is sent for a reader who left during the window (a dialog closed): see undo-cancel.ts.
    if (this.#undo.state.phase === 'pending') this.#undo.reset();
  }

  render({ messages, locale, opportunity, level }: ExistingSignupView): TemplateResult {
    this.#messages = messages;
    const live = this.#live;
    const free = opportunity.shifts.some((shift) => !live.some((s) => s.shiftId === shift.id));
    const canSignUp = signupWindow(opportunity).open && free;
    return html`<section part="existing-signup" class="existing" aria-labelledby=${live.length ? 'existing-heading' : 'cancelled-heading'}>
      ${this.#cancelled
        ? html`<div part="cancelled" class="cancelled">
            <div class="heading" id="cancelled-heading" role="heading" aria-level=${level} tabindex="-1">${messages.cancelledHeading}</div>
            <p>${messages.cancelledText({ reference: this.#cancelled.reference })}</p>
          </div>`
        : nothing}
      ${live.length
        ? html`<div class="heading" id="existing-heading" role="heading" aria-level=${level} tabindex="-1">${messages.mineHeading({ count: live.length })}</div>
            <ul class="existing-list" role="list">${live.map((signup) => this.#renderSignup(signup, { messages, locale, opportunity, level }))}</ul>`
        : nothing}
      ${canSignUp
        ? html`<div class="actions"><button part="sign-up-again" class="button button--secondary" type="button" @click=${this.#signUpAgain}>${live.length ? messages.anotherTime : messages.signUpAgain}</button></div>`
        : nothing}
    </section>`;
  }

  #renderSignup(signup: Signup, { messages, locale, opportunity }: ExistingSignupView): TemplateResult {
    const shift = opportunity.shifts.find((s) => s.id === signup.shiftId);
    return html`<li class="existing-item">
      <p part="status" class="status--${signup.status}"><strong>${successHeading(signup, messages)}</strong> ${statusText(signup, messages)}</p>
      <dl part="details" class="details">
        <dt>${messages.referenceLabel}</dt>
        <dd part="reference" class="reference">${signup.reference}</dd>
        ${shift ? html`<dt>${messages.timeLabel}</dt><dd>${formatDateRange(locale, shift.start, shift.end, opportunity.timezone)}</dd>` : nothing}
        <dt>${messages.placeLabel}</dt>
        <dd>${opportunity.location.name}</dd>
      </dl>
      ${this.#renderCancel(signup, messages)}
    </li>`;
  }

  /** The cancel button, or the undo window, the send, or its failure, for this sign-up. */
  #renderCancel(signup: Signup, messages: SignupFormMessages): TemplateResult {
    const state = this.#undo.state;
    const mine = state.phase !== 'idle' && state.signup.id === signup.id;
    if (mine && state.phase === 'pending') {
      return html`<div part="cancel-pending" class="notice cancel-pending">
        <p>${messages.cancelPending({ seconds: state.secondsLeft })}</p>
        <button part="undo-button" class="button" type="button" data-undo-for=${signup.id} @click=${this.#onUndo}>${messages.undoCancel}</button>
      </div>`;
    }
    if (mine && state.phase === 'sending') {
      return html`<div part="cancel-pending" class="notice cancel-pending"><p tabindex="-1" data-sending-for=${signup.id}>${messages.cancelling}</p></div>`;
    }
    if (mine && state.phase === 'failed') {
      return html`<div part="notice" class="notice notice--problem" role="alert">
        <p>${messages.cancelFailed}</p>
        <button part="retry-button" class="button" type="button" data-retry-cancel-for=${signup.id} @click=${() => this.#undo.retry()}>${messages.retryCancel}</button>
      </div>`;
    }
    const busy = state.phase === 'pending' || state.phase === 'sending';
    return html`<div class="actions"><button part="cancel-button" class="button button--secondary" type="button" data-cancel-for=${signup.id}
      aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.#undo.request(signup)}>${messages.cancelSignup}</button></div>`;
  }

  readonly #onUndo = (): void => {
    const state = this.#undo.state;
    if (state.phase === 'pending' && this.#undo.undo()) {
      if (this.#messages) this.#options.announce(this.#messages.announceUndone);
      void this.#focus(`[data-cancel-for="${CSS.escape(state.signup.id)}"]`);
    }
  };

  readonly #signUpAgain = (): void => {
    this.#dismissed = true;
    this.#cancelled = null;
    this.#host.requestUpdate();
    void this.#focus('form input:not([type="hidden"]), form button');
  };

  #onUndoChange(state: UndoCancelState): void {
    this.#host.requestUpdate();
    const messages = this.#messages;
    if (!messages) return;
    const id = state.phase === 'idle' ? '' : CSS.escape(state.signup.id);
    switch (state.phase) {
      case 'pending':
        // Once, when the window opens: a reader does not need each second spoken.
        if (!this.#announcedPending) {
          this.#announcedPending = true;
          this.#options.announce(messages.announceCancelPending({ seconds: state.secondsLeft }));
          void this.#focus(`[data-undo-for="${id}"]`);
        }
        break;
      case 'sending':
        this.#announcedPending = false;
        void this.#focus(`[data-sending-for="${id}"]`);
        break;
      case 'failed':
        this.#options.announce(messages.cancelFailed);
        void this.#focus(`[data-retry-cancel-for="${id}"]`);
        break;
      case 'done':
        this.#live = this.#live.filter((s) => s.id !== state.signup.id);
        this.#cancelled = state.cancelled;
        this.#dismissed = false;
        this.#options.announce(messages.announceCancelled({ reference: state.cancelled.reference }));
        this.#host.dispatchEvent(new VkSignupCancelEvent({ signup: state.cancelled }));
        this.#options.onCancelled();
        void this.#focus('#cancelled-heading');
        break;
      case 'idle':
        this.#announcedPending = false;
        break;
    }
  }

  async #focus(selector: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
