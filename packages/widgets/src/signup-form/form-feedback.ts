/**
 * Problem → message: every sentence the form shows about something that went wrong or right,
 * chosen by a stable `code` or by the SDK's error class (its `X.is()` guards, never a `name`
 * string). No DOM: the component renders what these return, and these never read its state.
 *
 * - A field problem (`FieldProblem`, from the client's checks or the server's 422) gets our own
 *   sentence for codes we know, else the server's words after the field's label.
 * - A problem with no field (a closed sign-up, a refused origin) gets a sentence by its code.
 * - A failed load, a retryable submission and a success each get theirs.
 *
 * @module
 */
import { ConflictError, NotFoundError, RateLimitError, ValidationError } from '@volunteerkit/sdk';
import type { IdentityField, Question, Signup } from '@volunteerkit/sdk/schemas';
import type { VkLocale } from '../shared/locale.js';
import { describeError, WidgetConfigurationError } from '../shared/errors.js';
import type { SignupFormMessages } from './signup-form.messages.js';
import { mapFieldErrors, type FieldKey, type FieldProblem, type FormSpec } from './form-model.js';

/** The first sign-up a 409 (`duplicate_signup`) carries, shown as the result of this attempt. */
export function existingSignupIn(error: unknown): Signup | undefined {
  const existing = ConflictError.is(error) ? (error.existing as Partial<Signup> | null | undefined) : undefined;
  return existing?.reference ? (existing as Signup) : undefined;
}

/** The question a field key belongs to, if it is an answer. */
function questionFor(key: FieldKey, questions: readonly Question[]): Question | undefined {
  return key.startsWith('answers.') ? questions.find((q) => `answers.${q.id}` === key) : undefined;
}

/** The field's label as the person sees it (the summary and `error_other` quote it). */
export function labelFor(key: FieldKey, messages: SignupFormMessages, questions: readonly Question[]): string {
  if (key === 'shiftId') return messages.shiftLegend;
  if (key === 'consent') return messages.consentLegend;
  if (key.startsWith('volunteer.')) return messages[`label_${key.slice(10) as IdentityField}`];
  return questionFor(key, questions)?.label ?? key;
}

/** The sentence shown for a field's problem: ours for codes we know, else the server's words with the label. */
export function problemText(key: FieldKey, problem: FieldProblem, messages: SignupFormMessages, questions: readonly Question[]): string {
  const label = labelFor(key, messages, questions);
  switch (problem.code) {
    case 'required':
      return questionFor(key, questions) ? messages.error_choose({ label }) : messages.error_required({ label });
    case 'shift_required':
      return messages.error_shift_required;
    case 'consent_required':
      return messages.error_consent_required;
    case 'invalid_mobile':
      return messages.error_invalid_mobile;
    case 'invalid_email':
      return messages.error_invalid_email;
    case 'invalid_birth_date':
      return messages.error_invalid_birth_date;
    case 'birth_date_unreadable':
      return messages.error_birth_date_unreadable;
    case 'birth_date_not_real':
      return messages.error_birth_date_not_real;
    case 'birth_date_future':
      return messages.error_birth_date_future;
    case 'invalid_resident_id':
      return messages.error_invalid_resident_id;
    case 'invalid_student_id':
      return messages.error_invalid_student_id;
    case 'invalid_employee_id':
      return messages.error_invalid_employee_id;
    case 'too_big':
      return messages.error_too_big;
    default:
      return messages.error_other({ label, message: problem.message });
  }
}

/** The sentence for a problem that belongs to no field, by its code; else the server's words. */
export function generalText(code: string | undefined, message: string | undefined, messages: SignupFormMessages): string {
  if (code === 'signup_closed') return messages.signupClosed;
  if (code === 'requirements_not_met') return messages.requirementsNotMet;
  if (code === 'origin_not_allowed' || code === 'forbidden' || code === 'unauthorized') return messages.notAllowed;
  return message ? message : messages.failedGeneric;
}

/** What a refused submission shows: problems on their fields, and the rest as sentences for the summary. */
export interface ShownProblems {
  fields: Map<FieldKey, FieldProblem>;
  general: string[];
}

/** A definitive failure of a submission (422, closed sign-up, refused origin…) as problems to show. */
export function submissionProblems(error: unknown, spec: FormSpec, messages: SignupFormMessages): ShownProblems {
  if (ValidationError.is(error)) {
    const mapped = mapFieldErrors(error.errors, spec);
    const general = mapped.unplaced.map((p) => generalText(p.code, p.message, messages));
    if (mapped.fields.size === 0 && general.length === 0) general.push(messages.failedGeneric);
    return { fields: mapped.fields, general };
  }
  const problem = error as { code?: string; problem?: { detail?: string } } | null | undefined;
  return { fields: new Map(), general: [generalText(problem?.code, problem?.problem?.detail, messages)] };
}

/** The notice for a submission worth sending again: how long to wait after a 429, else a server problem. */
export function retryableText(error: unknown, messages: SignupFormMessages): string {
  return RateLimitError.is(error) ? messages.retryableRateLimited({ seconds: error.retryAfter ?? null }) : messages.retryableServer;
}

/** Why the form could not load, and whether trying again can help (not for a missing activity or a set-up error). */
export function loadErrorText(error: unknown, opportunity: string | undefined, locale: VkLocale, messages: SignupFormMessages): { text: string; canRetry: boolean } {
  const text = NotFoundError.is(error) ? messages.notFound : !opportunity ? messages.missingOpportunity : describeError(locale, error);
  return { text, canRetry: !WidgetConfigurationError.is(error) && !NotFoundError.is(error) };
}

/** The success view's heading for the sign-up's status. */
export function successHeading(signup: Signup, messages: SignupFormMessages): string {
  switch (signup.status) {
    case 'approved':
      return messages.successHeading_approved;
    case 'pending_review':
      return messages.successHeading_pending_review;
    case 'waitlisted':
      return messages.successHeading_waitlisted;
    default:
      return messages.successHeading_other;
  }
}

/** The sign-up's status in plain words (with the waitlist position when there is one). */
export function statusText(signup: Signup, messages: SignupFormMessages): string {
  return signup.status === 'waitlisted'
    ? messages.status_waitlisted({ position: signup.waitlistPosition })
    : (messages[`status_${signup.status}` as keyof SignupFormMessages] as string);
}
