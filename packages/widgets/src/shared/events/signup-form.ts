/**
 * The events of `<vk-signup-form>`.
 * A module of their own (the list of every event: `../events.ts`), so that they travel in those
 * widgets' chunks, not in the CDN entry.
 *
 * @module
 */
import type { Signup } from '@volunteerkit/sdk/schemas';
import { crossesShadowRoots } from './bubbling.js';

// <vk-signup-form>

/**
 * What the host learns before a sign-up is sent. No personal data: hosts often forward events to
 * analytics, and a phone number must not travel there by accident.
 */
export interface VkSignupSubmitDetail {
  opportunityId: string;
  shiftId: string;
}

/** The person submitted a valid form; sent before the request. Cancelable: `preventDefault()` stops it. */
export class VkSignupSubmitEvent extends CustomEvent<VkSignupSubmitDetail> {
  constructor(detail: VkSignupSubmitDetail) {
    super('vk-signup-submit', { ...crossesShadowRoots, cancelable: true, detail });
  }
}

export interface VkSignupSuccessDetail {
  /** The sign-up (with `status`, `reference`, `waitlistPosition`). */
  signup: Signup;
  /** `true` when the person was already signed up (the server answered 409 with the first sign-up). */
  alreadySignedUp: boolean;
}

/** The sign-up exists: created now, or found to exist already. */
export class VkSignupSuccessEvent extends CustomEvent<VkSignupSuccessDetail> {
  constructor(detail: VkSignupSuccessDetail) {
    super('vk-signup-success', { ...crossesShadowRoots, detail });
  }
}

export interface VkSignupErrorDetail {
  /** The SDK error: `ValidationError` (422), `RateLimitError`, `InternalServerError`, … */
  error: unknown;
  /** Whether the same submission can be sent again (the form shows a retry button). */
  retryable: boolean;
}

/** A submission failed. The form shows why; nothing the person typed is lost. */
export class VkSignupErrorEvent extends CustomEvent<VkSignupErrorDetail> {
  constructor(detail: VkSignupErrorDetail) {
    super('vk-signup-error', { ...crossesShadowRoots, detail });
  }
}

export interface VkSignupCancelDetail {
  /** The sign-up as the server left it (`status: 'cancelled'`). */
  signup: Signup;
}

/**
 * The volunteer cancelled a sign-up and the server confirmed it (after the undo window passed).
 * Lists on the page listen for it on `document` to show the freed spot.
 */
export class VkSignupCancelEvent extends CustomEvent<VkSignupCancelDetail> {
  constructor(detail: VkSignupCancelDetail) {
    super('vk-signup-cancel', { ...crossesShadowRoots, detail });
  }
}
