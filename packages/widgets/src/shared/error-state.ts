/**
 * The error state a widget shows in place of what it could not load or show: `part="error"`, a
 * title, a sentence and, where trying again can help, `part="retry-button"`. One markup for every
 * widget, so that a host page styles every error alike and a reader meets it alike.
 *
 * A module of its own that only widget chunks import: the CDN entry (the list) keeps its own copy
 * and does not carry this one.
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeError, WidgetConfigurationError } from './errors.js';
import type { VkLocale } from './locale.js';
import { sharedMessages } from './shared.messages.js';

export interface ErrorStateView {
  /** The first line, in bold (`state__title`); none when omitted. */
  title?: string;
  /** What went wrong and what to do, in a sentence. */
  text: string;
  /**
   * `role="alert"`: announced as it appears. Set where the state replaces what the reader was
   * looking at or acting on; a widget whose first load fails shows it in its skeleton's place.
   */
  alert: boolean;
  /** A retry button; none when omitted (nothing to try again, e.g. the page is not set up). */
  retry?: { label: string; run: () => void; secondary?: boolean };
  /** Shown above what is still on screen (`notice` class), not instead of it. */
  notice?: boolean;
}

/** The error state from its parts. */
export function renderErrorState(view: ErrorStateView): TemplateResult {
  const { retry } = view;
  return html`<div part="error" class="state state--error${view.notice ? ' notice' : ''}" role=${view.alert ? 'alert' : nothing}>
    ${view.title === undefined ? nothing : html`<p class="state__title">${view.title}</p>`}
    <p>${view.text}</p>
    ${retry
      ? html`<button part="retry-button" class="button${retry.secondary ? ' button--secondary' : ''}" type="button" @click=${retry.run}>${retry.label}</button>`
      : nothing}
  </div>`;
}

/**
 * The usual case: "This could not be loaded.", the error in words (`describeError`, or `text`),
 * and "Try again" running `retry`, unless the page is not set up (a configuration error, which
 * trying again cannot fix).
 */
export function renderLoadError(locale: VkLocale, error: unknown, retry: () => void, options: { alert: boolean; text?: string }): TemplateResult {
  const shared = sharedMessages(locale);
  return renderErrorState({
    title: shared.errorTitle,
    text: options.text ?? describeError(locale, error),
    alert: options.alert,
    retry: WidgetConfigurationError.is(error) ? undefined : { label: shared.retry, run: retry },
  });
}
