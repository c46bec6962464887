/**
 * Every event a VolunteerKit widget sends, one class each (as Web Awesome keeps its events in
 * `src/events/`). Every event bubbles and is composed, so a host page can listen on the widget, on
 * a container or on `document`; every name starts with `vk-`. Widgets dispatch them one way:
 * `this.dispatchEvent(new VkXEvent(detail))` (`vk-error` through `VkElement.dispatchError`, which
 * does exactly that), and document each in the class header with `@event`.
 *
 * @module
 */
import type { Attendance, Claim, Need, OpportunitySummary, Signup } from '@volunteerkit/sdk/schemas';

const crossesShadowRoots = { bubbles: true, composed: true } as const;

export interface VkLoadDetail {
  /** Items shown after this load (all pages so far). */
  count: number;
  /** Items that arrived with this load. */
  added: number;
  /** 1 for the first page, 2 after the first "load more", … */
  page: number;
  /** Whether there is more to load. */
  hasMore: boolean;
}

/** Data arrived and is shown: the first page, a "load more" page, or an auto-refresh. */
export class VkLoadEvent extends CustomEvent<VkLoadDetail> {
  constructor(detail: VkLoadDetail) {
    super('vk-load', { ...crossesShadowRoots, detail });
  }
}

export interface VkErrorDetail {
  /** What failed: an SDK error (`isVolunteerKitError`), a configuration error or a bug. */
  error: unknown;
}

/** Something failed; the widget shows an error state (with a retry where retrying can help). */
export class VkErrorEvent extends CustomEvent<VkErrorDetail> {
  constructor(error: unknown) {
    super('vk-error', { ...crossesShadowRoots, detail: { error } });
  }
}

export interface VkOpportunitySelectDetail {
  /** The list item the reader chose (`GET /v1/opportunities/{id}` has the full record). */
  opportunity: OpportunitySummary;
}

/**
 * A reader chose an opportunity (its sign-up button or link). Cancelable: `preventDefault()`
 * stops the widget's own action (opening the dialog or following the link) so the host can
 * route instead.
 */
export class VkOpportunitySelectEvent extends CustomEvent<VkOpportunitySelectDetail> {
  constructor(opportunity: OpportunitySummary) {
    super('vk-opportunity-select', { ...crossesShadowRoots, cancelable: true, detail: { opportunity } });
  }
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// <vk-checkin>

export interface VkCheckinDetail {
  action: 'check_in' | 'check_out';
  /** The attendance as the server recorded it (`checkInAt`, `checkOutAt`, `serviceRecordId` after check-out). */
  attendance: Attendance;
}

/** The volunteer checked in or out and the server confirmed it. */
export class VkCheckinEvent extends CustomEvent<VkCheckinDetail> {
  constructor(detail: VkCheckinDetail) {
    super('vk-checkin', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// Organizer widgets: <vk-checkin-code>, <vk-roster>

export interface VkCheckinCodeDetail {
  shiftId: string;
  /** When the shown code is replaced. The code itself is not in the event: it is for the screen only. */
  validUntil: string;
  /** How many volunteers have checked in so far. */
  checkedIn: number;
}

/** `<vk-checkin-code>` shows a new code (the first, or the next after a rotation). */
export class VkCheckinCodeEvent extends CustomEvent<VkCheckinCodeDetail> {
  constructor(detail: VkCheckinCodeDetail) {
    super('vk-checkin-code', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// <vk-rewards>

export interface VkRedeemDetail {
  redemptionId: string;
  rewardId: string;
  /** `held` when a reward was just redeemed, `undone` when the volunteer took it back. The code is not sent. */
  status: 'held' | 'undone';
}

/** A reward was redeemed (its code is on screen), or the redemption was undone. */
export class VkRedeemEvent extends CustomEvent<VkRedeemDetail> {
  constructor(detail: VkRedeemDetail) {
    super('vk-redeem', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// <vk-needs-board>

export interface VkNeedClaimDetail {
  needId: string;
  /**
   * The claim as the server answered it: the need (now `claimed`), without address or contact —
   * the volunteer reads those with `MyClaims.get`, each reading audited.
   */
  claim: Claim;
}

/** A volunteer took a need from the board and the server confirmed it. */
export class VkNeedClaimEvent extends CustomEvent<VkNeedClaimDetail> {
  constructor(detail: VkNeedClaimDetail) {
    super('vk-need-claim', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// Certificates: <vk-certificate>, <vk-verify>

export interface VkCertificateDetail {
  /** The issued certificate's id (`cer_…`). */
  id: string;
  /** Its number (`VK-2026-000123`). */
  number: string;
}

/** `<vk-certificate>` issued a certificate and the server confirmed it. */
export class VkCertificateEvent extends CustomEvent<VkCertificateDetail> {
  constructor(detail: VkCertificateDetail) {
    super('vk-certificate', { ...crossesShadowRoots, detail });
  }
}

export interface VkVerifyDetail {
  valid: boolean;
  /** Why not, when not valid: `malformed`, `bad_signature`, `unknown_key`, `key_not_valid`, `altered`, `revoked`. */
  reason?: string;
  /** The certificate's number, when its signature held. */
  number?: string;
}

/** `<vk-verify>` finished checking a certificate. */
export class VkVerifyEvent extends CustomEvent<VkVerifyDetail> {
  constructor(detail: VkVerifyDetail) {
    super('vk-verify', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// <vk-need-form>

export interface VkNeedCreateDetail {
  /** The need as filed: `submitted` (awaiting moderation) or `open` (a helper's); masked, no address or contact. */
  need: Need;
}

/** A wish was filed and the server confirmed it. */
export class VkNeedCreateEvent extends CustomEvent<VkNeedCreateDetail> {
  constructor(detail: VkNeedCreateDetail) {
    super('vk-need-create', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// <vk-opportunity-list source="recommended">

export interface VkRecommendationDismissDetail {
  /** The activity the volunteer is no longer recommended (`opp_…`). */
  opportunityId: string;
  /** When the server recorded the dismissal (the first one, if dismissed before). */
  dismissedAt: string;
}

/** The volunteer dismissed a recommendation, the server confirmed it and its card left the list. */
export class VkRecommendationDismissEvent extends CustomEvent<VkRecommendationDismissDetail> {
  constructor(detail: VkRecommendationDismissDetail) {
    super('vk-recommendation-dismiss', { ...crossesShadowRoots, detail });
  }
}

// ---------------------------------------------------------------------------------------------
// <vk-my-claims>, <vk-need-confirm>

export interface VkNeedStepDetail {
  needId: string;
  /** What the step did: `release` (back on the board), `fulfil` (a pending record; the code to show), `confirm` (the record approved). */
  step: 'release' | 'fulfil' | 'confirm';
  /** The need after the step (masked, no address or contact). */
  need: Need;
}

/**
 * A claimed need moved on and the server confirmed it: the volunteer released or fulfilled it
 * (`<vk-my-claims>`), or the resident or a helper confirmed it (`<vk-need-confirm>`). Never
 * carries the address, the contact or the confirmation code.
 */
export class VkNeedStepEvent extends CustomEvent<VkNeedStepDetail> {
  constructor(detail: VkNeedStepDetail) {
    super('vk-need-step', { ...crossesShadowRoots, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vk-recommendation-dismiss': VkRecommendationDismissEvent;
    'vk-need-step': VkNeedStepEvent;
    'vk-redeem': VkRedeemEvent;
    'vk-certificate': VkCertificateEvent;
    'vk-verify': VkVerifyEvent;
    'vk-need-create': VkNeedCreateEvent;
    'vk-need-claim': VkNeedClaimEvent;
    'vk-checkin': VkCheckinEvent;
    'vk-checkin-code': VkCheckinCodeEvent;
    'vk-load': VkLoadEvent;
    'vk-error': VkErrorEvent;
    'vk-opportunity-select': VkOpportunitySelectEvent;
    'vk-signup-submit': VkSignupSubmitEvent;
    'vk-signup-success': VkSignupSuccessEvent;
    'vk-signup-error': VkSignupErrorEvent;
    'vk-signup-cancel': VkSignupCancelEvent;
  }
}
