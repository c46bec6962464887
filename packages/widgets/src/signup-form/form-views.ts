/**
 * The form's states other than the form itself, as templates: the loading skeleton, the load
 * error, "sign-up is not open" and the success view. They read only what they are given; the
 * component decides which one shows and where focus goes.
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Opportunity, Signup } from '@volunteerkit/sdk/schemas';
import type { VkLocale } from '../shared/locale.js';
import { formatDate, formatDateRange } from '../shared/i18n.js';
import type { SignupFormMessages } from './signup-form.messages.js';
import { signupWindow } from './form-model.js';
import { statusText, successHeading } from './form-feedback.js';
import type { SubmissionPhase } from './submission-controller.js';
import { renderErrorState } from '../shared/error-state.js';

/** The skeleton reserves the form's height, so the page does not jump when the form arrives. */
export function renderLoading(messages: SignupFormMessages): TemplateResult {
  return html`<div part="loading skeleton" class="skeleton-form" aria-busy="true">
    <span class="visually-hidden">${messages.loadingLabel}</span>
    <span class="skeleton skeleton--title"></span>
    <span class="skeleton skeleton--line"></span>
    <span class="skeleton skeleton--block"></span>
    <span class="skeleton skeleton--block"></span>
    <span class="skeleton skeleton--line"></span>
    <span class="skeleton skeleton--block"></span>
    <span class="skeleton skeleton--block"></span>
    <span class="skeleton skeleton--block"></span>
  </div>`;
}

/** Why the form could not load; `onRetry` is offered only when trying again can help. */
export function renderLoadError(messages: SignupFormMessages, text: string, onRetry: (() => void) | undefined): TemplateResult {
  return renderErrorState({
    title: messages.loadFailed,
    text,
    alert: true,
    retry: onRetry && { label: messages.retryLoad, run: onRetry, secondary: true },
  });
}

/**
 * A notice above the submit button, with "Send again" (retryable) or "Try now" (queued offline:
 * browsers sometimes report offline wrongly).
 */
export function renderNotice(messages: SignupFormMessages, notice: { text: string; kind: 'info' | 'problem' }, phase: SubmissionPhase,
  onRetry: () => void, onSendNow: () => void): TemplateResult {
  return html`<div part="notice" class="notice ${notice.kind === 'problem' ? 'notice--problem' : ''}">
    <p>${notice.text}</p>
    ${phase === 'retryable'
      ? html`<button part="retry-button" class="button" type="button" @click=${onRetry}>${messages.retrySubmit}</button>`
      : nothing}
    ${phase === 'queued'
      ? html`<button part="retry-button" class="button button--secondary" type="button" @click=${onSendNow}>${messages.sendNow}</button>`
      : nothing}
  </div>`;
}

/** The form's own heading (not in dialog mode, where the dialog's title names it). */
export function renderHeading(messages: SignupFormMessages, opportunity: Opportunity, level: number): TemplateResult {
  return html`<div part="heading" class="heading" role="heading" aria-level=${level}>${messages.heading({ title: opportunity.title })}</div>`;
}

/** No form to fill: sign-up is not open (yet, or any more), or there is no shift. `heading` is omitted in a dialog. */
export function renderNotOpen(messages: SignupFormMessages, locale: VkLocale, opportunity: Opportunity, heading: TemplateResult | typeof nothing): TemplateResult {
  const signup = signupWindow(opportunity);
  const date = (value: string) =>
    formatDate(locale, value, opportunity.timezone, { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  const text = signup.open
    ? messages.noShifts
    : signup.reason === 'not_open_yet'
      ? messages.notOpenYet({ date: date(signup.opensAt) })
      : signup.reason === 'closed'
        ? messages.closedOn({ date: date(signup.closedAt) })
        : messages.notRecruiting;
  return html`<div part="empty" class="state">
    ${heading}
    <p>${text}</p>
  </div>`;
}

export interface SuccessView {
  messages: SignupFormMessages;
  locale: VkLocale;
  signup: Signup;
  alreadySignedUp: boolean;
  /** The opportunity, when the form had loaded it (for the time and place). */
  opportunity: Opportunity | undefined;
  calendarUrl: string | undefined;
  level: number;
}

/** The sign-up in plain words: status, reference number, time and place, calendar file. */
export function renderSuccess({ messages, locale, signup, alreadySignedUp, opportunity, calendarUrl, level }: SuccessView): TemplateResult {
  const shift = opportunity?.shifts.find((s) => s.id === signup.shiftId);
  return html`<section part="success" class="success" aria-labelledby="success-heading">
    <div part="success-heading" class="heading" id="success-heading" role="heading" aria-level=${level} tabindex="-1">${successHeading(signup, messages)}</div>
    ${alreadySignedUp ? html`<p part="already-signed-up">${messages.alreadySignedUp}</p>` : nothing}
    <p part="status" class="status--${signup.status}">${statusText(signup, messages)}</p>
    <dl part="details" class="details">
      <dt>${messages.referenceLabel}</dt>
      <dd part="reference" class="reference">${signup.reference}</dd>
      ${opportunity && shift
        ? html`<dt>${messages.timeLabel}</dt>
            <dd>${formatDateRange(locale, shift.start, shift.end, opportunity.timezone)}</dd>`
        : nothing}
      ${opportunity
        ? html`<dt>${messages.placeLabel}</dt>
            <dd>${opportunity.location.name}</dd>`
        : nothing}
    </dl>
    ${calendarUrl
      ? html`<p><a part="calendar-link" class="button button--secondary" href=${calendarUrl} download="volunteer-${signup.reference}.ics">${messages.addToCalendar}</a></p>`
      : nothing}
    <slot name="success" part="success-extra"></slot>
  </section>`;
}
