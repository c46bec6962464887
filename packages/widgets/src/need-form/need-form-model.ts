/**
 * The need form's data as plain functions: the body `POST /v1/needs` takes, the checks made before
 * sending, and which field a server problem (by its path) belongs to.
 *
 * @module
 */
import { ValidationError, type CreateNeedBody } from '@volunteerkit/sdk';
import type { NeedFormField } from './need-form.messages.js';

export interface NeedFormValues {
  serviceCode: string;
  details: string;
  preferredTimes: string;
  name: string;
  mobile: string;
  address: string;
  accepted: boolean;
  method: '' | 'in_person' | 'phone' | 'written';
  evidenceRef: string;
}

export const emptyValues = (): NeedFormValues => ({ serviceCode: '', details: '', preferredTimes: '', name: '', mobile: '', address: '', accepted: false, method: '', evidenceRef: '' });

/** Field → problem code (a key of the messages' `fieldErrors`). */
export type FieldProblems = Partial<Record<NeedFormField, string>>;

const MOBILE = /^1\d{10}$/;

/** What must be right before sending (the server checks again, and more). */
export function checkValues(values: NeedFormValues, helper: boolean): FieldProblems {
  const problems: FieldProblems = {};
  if (!values.serviceCode) problems.serviceCode = 'required';
  if (!values.name.trim()) problems.name = 'required';
  if (!values.mobile.trim()) problems.mobile = 'required';
  else if (!MOBILE.test(values.mobile.replace(/[\s-]/g, ''))) problems.mobile = 'invalid_mobile';
  if (!values.address.trim()) problems.address = 'required';
  if (helper) {
    if (!values.method) problems.method = 'required';
    if (!values.evidenceRef.trim()) problems.evidenceRef = 'required';
  } else if (!values.accepted) problems.accepted = 'required';
  return problems;
}

/** The body to send. `title` is the service's name: one fewer field to fill. */
export function needBody(values: NeedFormValues, context: { title: string; regionCode: string; organizationId?: string; policyVersion?: string; helper: boolean; now: Date }): CreateNeedBody {
  return {
    serviceCode: values.serviceCode,
    title: context.title,
    regionCode: context.regionCode,
    ...(values.details.trim() ? { details: values.details.trim() } : {}),
    ...(values.preferredTimes.trim() ? { preferredTimes: values.preferredTimes.trim() } : {}),
    ...(context.organizationId ? { organizationId: context.organizationId } : {}),
    resident: { name: values.name.trim(), mobile: values.mobile.replace(/[\s-]/g, ''), address: values.address.trim() },
    consent: context.helper
      ? { method: values.method as 'in_person' | 'phone' | 'written', evidenceRef: values.evidenceRef.trim(), obtainedAt: context.now.toISOString() }
      : { accepted: true, ...(context.policyVersion ? { policyVersion: context.policyVersion } : {}) },
  };
}

const FIELD_OF_PATH: Record<string, NeedFormField> = {
  serviceCode: 'serviceCode', title: 'serviceCode', details: 'details', preferredTimes: 'preferredTimes',
  'resident.name': 'name', 'resident.mobile': 'mobile', 'resident.address': 'address',
  'consent.accepted': 'accepted', 'consent.policyVersion': 'accepted', 'consent.method': 'method',
  'consent.evidenceRef': 'evidenceRef', 'consent.obtainedAt': 'evidenceRef',
};
const KNOWN_CODES = new Set(['required', 'invalid_mobile', 'weekly_cap_reached', 'outdated_policy', 'unknown_service']);

/**
 * The server's field problems on the form's fields (`other` for codes without words of their
 * own); `unplaced` is whether some problem has no field here (the page's set-up: region, organization).
 */
export function serverProblems(error: unknown): { fields: FieldProblems; unplaced: boolean } {
  const fields: FieldProblems = {};
  let unplaced = false;
  if (!ValidationError.is(error)) return { fields, unplaced: true };
  for (const { path, code } of error.errors) {
    const field = FIELD_OF_PATH[path];
    if (!field) unplaced = true;
    else fields[field] ??= KNOWN_CODES.has(code) ? code : 'other';
  }
  if (error.errors.length === 0) unplaced = true;
  return { fields, unplaced };
}
