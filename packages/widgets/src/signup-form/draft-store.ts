/**
 * The sign-up draft: what the person has typed, kept in `sessionStorage` so a reload (or the tab
 * being discarded on a phone) does not lose it.
 *
 * What is kept and what is not (see docs/architecture.md, "Sign-up draft"):
 * - kept: the chosen shift, identity fields other than the ID number, answers to questions;
 * - never kept: the resident ID number (sensitive personal information under PIPL; a draft is
 *   plain text readable by any script on the host page) and consent (consent is given by a
 *   click on the page the person sees, never restored from storage);
 * - `sessionStorage`, not `localStorage`: the draft dies with the tab, so a shared computer in a
 *   community centre does not show the next person someone else's phone number;
 * - cleared when the sign-up succeeds.
 *
 * Storage can be missing or throw (sandboxed iframes, privacy modes, quota): the store then does
 * nothing rather than break the form.
 *
 * @module
 */

/** The answers to custom questions: text, one choice, or several choices. */
export type DraftAnswers = Record<string, string | string[]>;

export interface SignupDraft {
  shiftId?: string;
  /** Identity fields by name (`name`, `mobile`, …), as typed; never `idNumber`. */
  volunteer: Record<string, string>;
  answers: DraftAnswers;
}

/** Fields that are never written to storage, whatever the caller passes. */
export const FIELDS_NEVER_STORED: readonly string[] = ['idNumber'];

const KEY_PREFIX = 'vk:signup-draft:v1:';

/** The storage key of one opportunity's draft. */
export function draftKey(opportunityId: string): string {
  return KEY_PREFIX + opportunityId;
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // reading the property itself throws in some sandboxed iframes
  }
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string');

const isAnswers = (value: unknown): value is DraftAnswers =>
  typeof value === 'object' && value !== null && !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')));

export class DraftStore {
  readonly #key: string;
  readonly #storage: Storage | null;

  constructor(opportunityId: string, storage: Storage | null = defaultStorage()) {
    this.#key = draftKey(opportunityId);
    this.#storage = storage;
  }

  /** The saved draft, or `null` when there is none or it is unreadable (then it is removed). */
  load(): SignupDraft | null {
    let raw: string | null;
    try {
      raw = this.#storage?.getItem(this.#key) ?? null;
    } catch {
      return null;
    }
    if (raw === null) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) throw new TypeError('not an object');
      const { shiftId, volunteer, answers } = parsed as Record<string, unknown>;
      if ((shiftId !== undefined && typeof shiftId !== 'string') || !isStringRecord(volunteer) || !isAnswers(answers)) {
        throw new TypeError('unexpected shape');
      }
      const draft: SignupDraft = { volunteer: stripNeverStored(volunteer), answers };
      if (shiftId !== undefined) draft.shiftId = shiftId;
      return draft;
    } catch {
      this.clear(); // written by another version or tampered with: start afresh
      return null;
    }
  }

  /** Saves the draft, leaving out the fields that are never stored and empty values. */
  save(draft: SignupDraft): void {
    const volunteer = Object.fromEntries(Object.entries(stripNeverStored(draft.volunteer)).filter(([, v]) => v !== ''));
    const answers = Object.fromEntries(
      Object.entries(draft.answers).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== '')),
    );
    const stored: SignupDraft = { volunteer, answers };
    if (draft.shiftId) stored.shiftId = draft.shiftId;
    try {
      if (Object.keys(volunteer).length === 0 && Object.keys(answers).length === 0 && !stored.shiftId) {
        this.#storage?.removeItem(this.#key);
      } else {
        this.#storage?.setItem(this.#key, JSON.stringify(stored));
      }
    } catch {
      // Quota exceeded or storage disabled: the form keeps working, only the reload safety is lost.
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // nothing to do
    }
  }
}

function stripNeverStored(volunteer: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(volunteer).filter(([field]) => !FIELDS_NEVER_STORED.includes(field)));
}
