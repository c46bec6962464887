/**
 * The form's fields as templates, and the ARIA wiring between them: element ids from field keys,
 * `aria-describedby` to a field's hint and message, `aria-invalid`, and the error summary whose
 * links focus the field. Like Lion's FormControl, a field knows how it is labelled, described and
 * read back; it does not know why it is wrong (the messages arrive as text, from
 * `form-feedback.ts`) nor what happens on submit (`vk-signup-form.ts`).
 *
 * Every input carries `data-field` (its {@link FieldKey}); {@link withInput} reads an input event
 * back into the form's values by it.
 *
 * @module
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Channel, IdentityField, Opportunity, Question, Shift, VolunteerProfile } from '@volunteerkit/sdk/schemas';
import type { VkLocale } from '../shared/locale.js';
import { formatDateRange } from '../shared/i18n.js';
import type { SignupFormMessages } from './signup-form.messages.js';
import { fieldKeys, type FieldKey, type FormSpec, type FormValues } from './form-model.js';
import { signedInName } from './identity-rule.js';

/** What every field template reads: the strings, what was entered and each field's message. */
export interface FieldView {
  messages: SignupFormMessages;
  locale: VkLocale;
  values: FormValues;
  /** The sentence shown under each field that has a problem. */
  errors: ReadonlyMap<FieldKey, string>;
}

interface IdentityInput {
  type: string;
  autocomplete: string;
  inputmode?: string;
  autocapitalize?: string;
  spellcheck?: boolean;
  hint?: 'hint_mobile' | 'hint_birthDate' | 'hint_idNumber';
}

/**
 * How each identity field is typed on a phone and filled by the browser. A birth date opens the
 * decimal keypad: large digits and a dot, enough for 1956.3.8 or 19560308; the field stays
 * `type="text"`, so 1956年3月8日 pasted, dictated or typed on a full keyboard is read too
 * (`birth-date.ts`).
 */
const IDENTITY_INPUTS: Record<IdentityField, IdentityInput> = {
  name: { type: 'text', autocomplete: 'name' },
  mobile: { type: 'tel', autocomplete: 'tel-national', inputmode: 'numeric', hint: 'hint_mobile' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email', spellcheck: false },
  birthDate: { type: 'text', autocomplete: 'bday', inputmode: 'decimal', hint: 'hint_birthDate', spellcheck: false },
  studentId: { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: false },
  employeeId: { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: false },
  idNumber: { type: 'text', autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, hint: 'hint_idNumber' },
};

/** An element id for a field key (`volunteer.mobile` → `field-volunteer-mobile`). */
export const fieldId = (key: FieldKey) => `field-${key.replace(/\./g, '-')}`;
const errorId = (key: FieldKey) => `${fieldId(key)}-error`;
const hintId = (key: FieldKey) => `${fieldId(key)}-hint`;

/** Only http(s) links from the API become `href`s (the schema says so too; this is the last line). */
const safeHttpUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : undefined);

/** The element a summary link focuses: the input, or the first (or checked) option of a group. */
export function focusTargetId(key: FieldKey, opportunity: Opportunity | undefined, values: FormValues): string {
  if (key === 'shiftId') {
    const shifts = opportunity?.shifts ?? [];
    const chosen = shifts.find((s) => s.id === values.shiftId) ?? shifts[0];
    return chosen ? `${fieldId(key)}-${chosen.id}` : fieldId(key);
  }
  const question = key.startsWith('answers.') ? opportunity?.questions.find((q) => `answers.${q.id}` === key) : undefined;
  return question && question.kind !== 'text' ? `${fieldId(key)}-0` : fieldId(key);
}

function fieldError(view: FieldView, key: FieldKey): TemplateResult | typeof nothing {
  const text = view.errors.get(key);
  return text === undefined ? nothing : html`<p part="field-error" class="field-error" id=${errorId(key)}>${text}</p>`;
}

function describedBy(view: FieldView, key: FieldKey, hasHint: boolean): string | typeof nothing {
  const ids = [hasHint ? hintId(key) : '', view.errors.has(key) ? errorId(key) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : nothing;
}

const invalid = (view: FieldView, key: FieldKey) => (view.errors.has(key) ? 'true' : 'false');

function marker(view: FieldView, required: boolean): TemplateResult {
  return html` <span class="marker">(${required ? view.messages.required : view.messages.optional})</span>`;
}

/** A link of the error summary: focus the field without touching the host page's URL. */
function onSummaryLinkClick(event: MouseEvent): void {
  event.preventDefault();
  const link = event.currentTarget as HTMLAnchorElement;
  const field = (link.getRootNode() as ShadowRoot | Document).querySelector<HTMLElement>(`#${CSS.escape(link.hash.slice(1))}`);
  field?.focus();
  field?.scrollIntoView?.({ block: 'center' });
}

/**
 * The problems after a failed submit: general ones first, then one link per field in display
 * order, which focuses the field. `level` is the summary title's `aria-level`.
 */
export function renderSummary(view: FieldView, spec: FormSpec, opportunity: Opportunity | undefined, general: readonly string[], level: number): TemplateResult {
  const fieldItems = fieldKeys(spec).filter((key) => view.errors.has(key));
  const count = fieldItems.length + general.length;
  return html`<div part="error-summary" class="error-summary" tabindex="-1" role="group" aria-labelledby="error-summary-title">
    <div class="subheading" id="error-summary-title" role="heading" aria-level=${level}>${view.messages.summaryTitle({ count })}</div>
    <ul>
      ${general.map((text) => html`<li>${text}</li>`)}
      ${fieldItems.map((key) => html`<li><a href="#${focusTargetId(key, opportunity, view.values)}" @click=${onSummaryLinkClick}>${view.errors.get(key)}</a></li>`)}
    </ul>
  </div>`;
}

export function renderShifts(view: FieldView, opportunity: Opportunity): TemplateResult {
  const key: FieldKey = 'shiftId';
  return html`<fieldset part="fieldset" aria-describedby=${describedBy(view, key, false)}>
    <legend part="legend">${view.messages.shiftLegend}${marker(view, true)}</legend>
    ${fieldError(view, key)}
    <div class="choices ${view.errors.has(key) ? 'choices--invalid' : ''}">
      ${opportunity.shifts.map((shift) => renderShiftOption(view, opportunity, shift))}
    </div>
  </fieldset>`;
}

/** Free spots of a shift; 0 means a sign-up joins the waitlist. */
const spotsLeft = (shift: Shift) => Math.max(0, shift.capacity - shift.signedUp);

/**
 * The submit button's words: joining the waitlist when the chosen shift is full, so the button
 * says what the list's button said and the person is not promised a place.
 */
export function submitLabel(view: FieldView, opportunity: Opportunity): string {
  const chosen = opportunity.shifts.find((s) => s.id === view.values.shiftId);
  return chosen && spotsLeft(chosen) === 0 ? view.messages.submitWaitlist : view.messages.submit;
}

function renderShiftOption(view: FieldView, opportunity: Opportunity, shift: Shift): TemplateResult {
  const { messages } = view;
  const left = spotsLeft(shift);
  const id = `${fieldId('shiftId')}-${shift.id}`;
  return html`<label part="shift-option choice" class="choice" for=${id}>
    <input type="radio" id=${id} name="shift" data-field="shiftId" .value=${shift.id} .checked=${view.values.shiftId === shift.id}
      required aria-invalid=${invalid(view, 'shiftId')} />
    <span class="choice__text">
      <span part="shift-time">${formatDateRange(view.locale, shift.start, shift.end, opportunity.timezone)}</span>
      <span part="spots" class="spots ${left === 0 ? 'spots--full' : ''}">${left > 0 ? messages.spotsLeft({ count: left }) : messages.fullWaitlist({ waitlisted: shift.waitlisted })}</span>
    </span>
  </label>`;
}

/**
 * "Your details": the identity fields the spec asks for. A signed-in volunteer is told why a birth
 * date is asked, and is not offered the honor-board opt-in (their profile holds that choice).
 */
export function renderIdentityFields(view: FieldView, spec: FormSpec, signedIn: boolean): TemplateResult | typeof nothing {
  if (spec.identityFields.length === 0) return nothing;
  return html`<fieldset part="fieldset">
    <legend part="legend">${view.messages.detailsLegend}</legend>
    ${signedIn ? html`<p part="age-note" class="hint">${view.messages.birthDateForAgeLimit}</p>` : nothing}
    ${spec.identityFields.map((field) => renderIdentityField(view, field))}
    ${signedIn ? nothing : renderShowName(view)}
  </fieldset>`;
}

function renderIdentityField(view: FieldView, field: IdentityField): TemplateResult {
  const key = `volunteer.${field}` as const;
  const input = IDENTITY_INPUTS[field];
  const id = fieldId(key);
  return html`<div part="field" class="field">
    <label part="label" for=${id}>${view.messages[`label_${field}`]}${marker(view, true)}</label>
    ${input.hint ? html`<span part="hint" class="hint" id=${hintId(key)}>${view.messages[input.hint]}</span>` : nothing}
    ${fieldError(view, key)}
    <input part="input" class="input" id=${id} name=${field} data-field=${key} type=${input.type} autocomplete=${input.autocomplete}
      inputmode=${input.inputmode ?? nothing} autocapitalize=${input.autocapitalize ?? nothing}
      spellcheck=${input.spellcheck === false ? 'false' : nothing}
      required aria-invalid=${invalid(view, key)} aria-describedby=${describedBy(view, key, Boolean(input.hint))}
      .value=${view.values.volunteer[field] ?? ''} />
  </div>`;
}

/** The honor-board opt-in: names are masked in public (张*明) unless the person ticks this. */
function renderShowName(view: FieldView): TemplateResult {
  return html`<label part="show-name choice" class="choice consent" for="field-showName">
    <input id="field-showName" type="checkbox" data-field="showName" .checked=${view.values.showName} />
    <span>${view.messages.showNameLabel}${marker(view, false)}</span>
  </label>`;
}

/** "A few questions": the opportunity's own questions, if it has any. */
export function renderQuestions(view: FieldView, questions: readonly Question[]): TemplateResult | typeof nothing {
  if (questions.length === 0) return nothing;
  return html`<fieldset part="fieldset">
    <legend part="legend">${view.messages.questionsLegend}</legend>
    ${questions.map((question) => renderQuestion(view, question))}
  </fieldset>`;
}

function renderQuestion(view: FieldView, question: Question): TemplateResult {
  const key = `answers.${question.id}` as const;
  const id = fieldId(key);
  const value = view.values.answers[question.id];
  if (question.kind === 'text') {
    return html`<div part="field" class="field">
      <label part="label" for=${id}>${question.label}${marker(view, question.required)}</label>
      ${fieldError(view, key)}
      <textarea part="input" class="input" id=${id} data-field=${key} rows="3" ?required=${question.required}
        aria-invalid=${invalid(view, key)} aria-describedby=${describedBy(view, key, false)}
        .value=${typeof value === 'string' ? value : ''}></textarea>
    </div>`;
  }
  const multi = question.kind === 'multi';
  const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return html`<fieldset part="fieldset" aria-describedby=${describedBy(view, key, false)}>
    <legend part="legend">${question.label}${marker(view, question.required)}</legend>
    ${fieldError(view, key)}
    <div class="choices ${view.errors.has(key) ? 'choices--invalid' : ''}">
      ${(question.options ?? []).map((option, index) => html`<label part="choice" class="choice" for="${id}-${index}">
        <input id="${id}-${index}" type=${multi ? 'checkbox' : 'radio'} name=${question.id} data-field=${key} .value=${option}
          .checked=${chosen.includes(option)} ?required=${question.required && !multi} aria-invalid=${invalid(view, key)} />
        <span>${option}</span>
      </label>`)}
    </div>
  </fieldset>`;
}

export function renderConsent(view: FieldView, channel: Channel): TemplateResult {
  const { messages } = view;
  const key: FieldKey = 'consent';
  const id = fieldId(key);
  const policyUrl = safeHttpUrl(channel.privacyPolicyUrl);
  return html`<fieldset part="fieldset">
    <legend part="legend">${messages.consentLegend}${marker(view, true)}</legend>
    ${fieldError(view, key)}
    ${policyUrl
      ? html`<p><a part="privacy-link" href=${policyUrl} target="_blank" rel="noopener noreferrer">${messages.privacyLink} ${messages.opensInNewTab}</a></p>`
      : nothing}
    <label part="consent choice" class="choice consent" for=${id}>
      <input id=${id} type="checkbox" data-field=${key} .checked=${view.values.consent} required
        aria-invalid=${invalid(view, key)} aria-describedby=${describedBy(view, key, false)} />
      <span>${messages.consentLabel}</span>
    </label>
  </fieldset>`;
}

/**
 * The field a `focusout` leaves, when leaving it should check it: an identity field or a question,
 * and not a move to another option of the same group of radios or checkboxes.
 */
export function fieldLeft(event: FocusEvent): FieldKey | undefined {
  const key = (event.target as HTMLElement).dataset?.['field'] as FieldKey | undefined;
  if (!key || !(key.startsWith('volunteer.') || key.startsWith('answers.'))) return undefined;
  return (event.relatedTarget as HTMLElement | null)?.dataset?.['field'] === key ? undefined : key;
}

/** The form's groups in order: shift, who signs up (identity fields, or "Signing up as …"), questions, consent. */
export function renderFieldsets(view: FieldView, spec: FormSpec, opportunity: Opportunity, channel: Channel, profile: VolunteerProfile | null): TemplateResult {
  return html`${renderShifts(view, opportunity)}
    ${profile ? html`<p part="signed-in">${view.messages.signedInAs({ name: signedInName(profile) })}</p>` : nothing}
    ${renderIdentityFields(view, spec, profile !== null)}
    ${renderQuestions(view, opportunity.questions)}
    ${renderConsent(view, channel)}`;
}

/** What an input event changed: the field it belongs to (by `data-field`) and the values after it. */
export function withInput(values: FormValues, target: HTMLInputElement | HTMLTextAreaElement): { key: FieldKey | 'showName'; values: FormValues } | null {
  const key = target.dataset['field'] as FieldKey | 'showName' | undefined;
  if (!key) return null;
  const checked = target instanceof HTMLInputElement && target.checked;
  if (key === 'showName') return { key, values: { ...values, showName: checked } };
  const next: FormValues = { ...values, volunteer: { ...values.volunteer }, answers: { ...values.answers } };
  if (key === 'shiftId') next.shiftId = target.value;
  else if (key === 'consent') next.consent = checked;
  else if (key.startsWith('volunteer.')) next.volunteer[key.slice(10) as IdentityField] = target.value;
  else {
    const questionId = key.slice(8);
    if (target instanceof HTMLInputElement && target.type === 'checkbox') {
      const current = Array.isArray(next.answers[questionId]) ? (next.answers[questionId] as string[]) : [];
      const others = current.filter((v) => v !== target.value);
      next.answers[questionId] = target.checked ? [...others, target.value] : others;
    } else {
      next.answers[questionId] = target.value;
    }
  }
  return { key, values: next };
}
