/**
 * The sign-up form as data: its fields, client-side validation with the shared contract schemas,
 * server field errors mapped onto the same fields, and the request body. No DOM, no strings shown
 * to people (those live in `signup-form.messages.ts`, chosen by `code`).
 *
 * Client and server errors take one path: the client validates with `CreateSignupBody` and
 * `GuestVolunteer` from `@volunteerkit/sdk/schemas`, turns zod issues into the same
 * `{ path, message, code }` field errors the server sends (`toFieldErrors`), and both go through
 * {@link fieldKeyForPath}. A field therefore shows the same message whoever found the problem.
 *
 * The schemas (and zod with them) are the largest part of the form, so they are imported on
 * first need ({@link loadValidation}, started when a form appears), not with the bundle: a page
 * that only lists opportunities never loads them. Until they are there, only the required-field
 * checks run; the server checks everything again in any case.
 *
 * @module
 */
import type { CreateSignupBody, FieldError, IdentityField, Question } from '@volunteerkit/sdk/schemas';
import { lazyModule } from '../shared/lazy-module.js';
import { parseBirthDate } from './birth-date.js';

const validation = lazyModule(() => import('./form-validation.js'));

/**
 * Loads the contract schemas the form validates with, once per page. A failed load (offline, a
 * deploy removed the chunk) is forgotten, so the next call tries again.
 */
export function loadValidation(): Promise<void> {
  return validation.load().then(() => {});
}

/** Whether {@link validateForm} checks against the schemas yet (else only required fields). */
export function validationLoaded(): boolean {
  return validation.current !== undefined;
}

/** Identity fields in the order the form shows them. */
export const IDENTITY_FIELD_ORDER: readonly IdentityField[] = [
  'name', 'mobile', 'email', 'birthDate', 'studentId', 'employeeId', 'idNumber',
];

/** A form field, named by its request path: `shiftId`, `volunteer.mobile`, `answers.q_1`, `consent`. */
export type FieldKey = 'shiftId' | 'consent' | `volunteer.${IdentityField}` | `answers.${string}`;

export type AnswerValue = string | string[];

/** Everything the person has entered. Empty strings mean "nothing entered". */
export interface FormValues {
  shiftId: string;
  volunteer: Partial<Record<IdentityField, string>>;
  answers: Record<string, AnswerValue>;
  consent: boolean;
  /** Opt-in to show the full name on public honor boards (guests only; off unless ticked). */
  showName: boolean;
}

/** What the form asks, from the channel and the opportunity. */
export interface FormSpec {
  /** The identity fields to show; empty with a volunteer session (the session says who). */
  identityFields: readonly IdentityField[];
  questions: readonly Question[];
  shiftIds: readonly string[];
}

/** One problem with one field: a stable `code` picks the localized message; `message` is the fallback. */
export interface FieldProblem {
  code: string;
  message: string;
}

export function emptyValues(): FormValues {
  return { shiftId: '', volunteer: {}, answers: {}, consent: false, showName: false };
}

/**
 * The values a form opens with: a saved draft (if any) over empty values, then the shift asked
 * for (`preselect`, the `shift` attribute) or else the only shift, when it is one of `shiftIds`.
 */
export function initialValues(
  shiftIds: readonly string[],
  draft: { shiftId?: string; volunteer: Record<string, string>; answers: Record<string, AnswerValue> } | null | undefined,
  preselect: string | undefined,
): FormValues {
  const values = emptyValues();
  if (draft) {
    values.volunteer = { ...draft.volunteer };
    values.answers = { ...draft.answers };
    if (draft.shiftId && shiftIds.includes(draft.shiftId)) values.shiftId = draft.shiftId;
  }
  if (preselect && shiftIds.includes(preselect)) values.shiftId = preselect;
  else if (!values.shiftId && shiftIds.length === 1) values.shiftId = shiftIds[0]!;
  return values;
}

/** Every field of the form in display order (the order of the error summary). */
export function fieldKeys(spec: FormSpec): FieldKey[] {
  return [
    'shiftId',
    ...IDENTITY_FIELD_ORDER.filter((f) => spec.identityFields.includes(f)).map((f) => `volunteer.${f}` as const),
    ...spec.questions.map((q) => `answers.${q.id}` as const),
    'consent',
  ];
}

/**
 * The form field a request path belongs to, or `null` when the form has no such field (the
 * problem is then shown in the summary only). `answers.q_1.0` (one choice of a multi) belongs to
 * `answers.q_1`; `consent.accepted` to `consent`.
 */
export function fieldKeyForPath(path: string, spec: FormSpec): FieldKey | null {
  const [head, second] = path.split('.');
  if (head === 'shiftId') return 'shiftId';
  if (head === 'consent') return second === undefined || second === 'accepted' ? 'consent' : null;
  if (head === 'volunteer' && second && (spec.identityFields as readonly string[]).includes(second)) {
    return `volunteer.${second as IdentityField}`;
  }
  if (head === 'answers' && second && spec.questions.some((q) => q.id === second)) return `answers.${second}`;
  return null;
}

/** Field errors (from the server or from {@link validateForm}) sorted onto the form's fields. */
export interface MappedErrors {
  /** The first problem of each field, in display order. */
  fields: Map<FieldKey, FieldProblem>;
  /** Problems the form has no field for. */
  unplaced: FieldProblem[];
}

export function mapFieldErrors(errors: readonly FieldError[], spec: FormSpec): MappedErrors {
  const byKey = new Map<FieldKey, FieldProblem>();
  const unplaced: FieldProblem[] = [];
  for (const error of errors) {
    const key = fieldKeyForPath(error.path, spec);
    const problem = { code: normalizeCode(error, key), message: error.message };
    if (key === null) unplaced.push(problem);
    else if (!byKey.has(key)) byKey.set(key, problem);
  }
  const fields = new Map<FieldKey, FieldProblem>();
  for (const key of fieldKeys(spec)) {
    const problem = byKey.get(key);
    if (problem) fields.set(key, problem);
  }
  return { fields, unplaced };
}

/** zod's generic codes made specific where the field says what they mean. */
function normalizeCode(error: FieldError, key: FieldKey | null): string {
  if (key === 'consent') return 'consent_required';
  if (key === 'shiftId' && error.code !== 'required') return error.code === 'invalid_format' ? 'shift_required' : error.code;
  if (key === 'volunteer.name' && error.code === 'too_small') return 'required';
  if (key === 'volunteer.studentId' && error.code === 'invalid_format') return 'invalid_student_id';
  if (key === 'volunteer.employeeId' && error.code === 'invalid_format') return 'invalid_employee_id';
  return error.code;
}

const isBlank = (value: AnswerValue | undefined) =>
  value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');

/**
 * The problems of the whole form: required fields (the spec says which) and, once
 * {@link loadValidation} has finished, the contract schemas.
 */
export function validateForm(values: FormValues, spec: FormSpec, context: BodyContext): MappedErrors {
  const errors: FieldError[] = [];
  if (values.shiftId === '') errors.push({ path: 'shiftId', message: 'is required', code: 'shift_required' });
  for (const field of spec.identityFields) {
    if (isBlank(values.volunteer[field])) errors.push({ path: `volunteer.${field}`, message: 'is required', code: 'required' });
  }
  // Before the contract's check: it sees the ISO date `buildBody` reads from the text, so only
  // this one can say which of "not a form we read", "no such day" and "not yet" went wrong.
  const birthDate = values.volunteer.birthDate;
  if (spec.identityFields.includes('birthDate') && !isBlank(birthDate)) {
    const reading = parseBirthDate(birthDate!, context.today?.());
    if ('problem' in reading) errors.push({ path: 'volunteer.birthDate', message: 'is not a past date', code: reading.problem });
  }
  for (const question of spec.questions) {
    if (question.required && isBlank(values.answers[question.id])) {
      errors.push({ path: `answers.${question.id}`, message: 'is required', code: 'required' });
    }
  }
  if (validation.current) {
    errors.push(...validation.current.contractProblems(buildBody(values, spec, context)));
  } else if (!values.consent) {
    errors.push({ path: 'consent', message: 'must be accepted', code: 'consent_required' });
  }
  return mapFieldErrors(errors, spec);
}

/** The problem of one field on its own (on blur), or `null`. */
export function validateField(key: FieldKey, values: FormValues, spec: FormSpec, context: BodyContext): FieldProblem | null {
  return validateForm(values, spec, context).fields.get(key) ?? null;
}

/**
 * A field's problems after the person typed in it: a field that showed a problem is checked as
 * they type, so the message goes as soon as it is fixed; a new problem is not raised mid-typing
 * (that waits for {@link problemsAfterBlur} or submit). Returns `errors` itself when nothing changed.
 */
export function problemsAfterInput(errors: ReadonlyMap<FieldKey, FieldProblem>, key: FieldKey, values: FormValues, spec: FormSpec, context: BodyContext): Map<FieldKey, FieldProblem> {
  if (!errors.has(key) || validateField(key, values, spec, context)) return errors as Map<FieldKey, FieldProblem>;
  const next = new Map(errors);
  next.delete(key);
  return next;
}

/** A field's problems after the person left it; leaving a field still empty is not a mistake (tabbing through). */
export function problemsAfterBlur(errors: ReadonlyMap<FieldKey, FieldProblem>, key: FieldKey, values: FormValues, spec: FormSpec, context: BodyContext): Map<FieldKey, FieldProblem> {
  const value = key.startsWith('volunteer.') ? values.volunteer[key.slice(10) as IdentityField] : key.startsWith('answers.') ? values.answers[key.slice(8)] : undefined;
  if (isBlank(value) && !errors.has(key)) return errors as Map<FieldKey, FieldProblem>;
  const problem = validateField(key, values, spec, context);
  const next = new Map(errors);
  if (problem) next.set(key, problem);
  else next.delete(key);
  return next;
}

export interface BodyContext {
  opportunityId: string;
  policyVersion: string;
  /**
   * With a session the server knows who signs up: no `volunteer` is sent, except a birth date
   * the profile lacks (then with the profile's name, which the contract's `GuestVolunteer` needs).
   */
  hasSession: boolean;
  /** The signed-in volunteer's name, from their profile. */
  sessionName?: string;
  /** The reader's clock, for "a birth date in the future" (tests inject one); default: now. */
  today?: () => Date;
}

/** The birth date to send: ISO when the text reads as one, else the text as typed (the server then says why). */
function birthDateToSend(text: string | undefined, context: BodyContext): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const reading = parseBirthDate(trimmed, context.today?.());
  return 'iso' in reading ? reading.iso : trimmed;
}

/**
 * The `POST /v1/signups` body for the form's values. Empty identity fields and answers are left
 * out (an empty mobile is "not given", not "an invalid mobile"); text is trimmed; a birth date
 * typed as 1956年3月8日 (or another form `birth-date.ts` reads) is sent as 1956-03-08.
 */
export function buildBody(values: FormValues, spec: FormSpec, context: BodyContext): CreateSignupBody {
  const answers: Record<string, AnswerValue> = {};
  for (const question of spec.questions) {
    const value = values.answers[question.id];
    if (isBlank(value)) continue;
    answers[question.id] = Array.isArray(value) ? [...value] : (value as string).trim();
  }
  const body: CreateSignupBody = {
    opportunityId: context.opportunityId as CreateSignupBody['opportunityId'],
    shiftId: values.shiftId as CreateSignupBody['shiftId'],
    answers,
    consent: { policyVersion: context.policyVersion, accepted: values.consent as true },
    source: { widget: 'vk-signup-form' },
  };
  const birthDate = birthDateToSend(values.volunteer.birthDate, context);
  if (context.hasSession && spec.identityFields.includes('birthDate') && birthDate) {
    body.volunteer = { name: context.sessionName ?? '', birthDate } as CreateSignupBody['volunteer'];
  } else if (!context.hasSession) {
    const volunteer: Record<string, string> = {};
    for (const field of spec.identityFields) {
      const value = field === 'birthDate' ? birthDateToSend(values.volunteer[field], context) : values.volunteer[field]?.trim();
      if (value) volunteer[field] = field === 'idNumber' ? value.toUpperCase() : value;
    }
    const guest: Record<string, string | boolean> = { ...volunteer };
    if (values.showName) guest['showName'] = true;
    body.volunteer = guest as unknown as CreateSignupBody['volunteer'];
  }
  return body;
}

/** Why an opportunity takes no sign-ups now, or `null` when it does. The server's rule, checked early. */
export type SignupWindow =
  | { open: true }
  | { open: false; reason: 'not_recruiting' }
  | { open: false; reason: 'not_open_yet'; opensAt: string }
  | { open: false; reason: 'closed'; closedAt: string };

/**
 * Whether sign-up is open: the opportunity is recruiting (or full: a waitlist place is still a
 * sign-up) and `now` is inside its sign-up window. The server decides; this spares a person typing
 * a whole form only to be told at the end.
 */
export function signupWindow(
  opportunity: { status: string; signupOpensAt: string | null; signupClosesAt: string | null },
  now: Date = new Date(),
): SignupWindow {
  if (opportunity.status !== 'recruiting' && opportunity.status !== 'full') return { open: false, reason: 'not_recruiting' };
  if (opportunity.signupOpensAt && now < new Date(opportunity.signupOpensAt)) return { open: false, reason: 'not_open_yet', opensAt: opportunity.signupOpensAt };
  if (opportunity.signupClosesAt && now > new Date(opportunity.signupClosesAt)) return { open: false, reason: 'closed', closedAt: opportunity.signupClosesAt };
  return { open: true };
}
