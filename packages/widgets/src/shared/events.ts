/**
 * Every event a VolunteerKit widget sends, one class each (as Web Awesome keeps its events in
 * `src/events/`). Every event bubbles and is composed, so a host page can listen on the widget, on
 * a container or on `document`; every name starts with `vk-`. Widgets dispatch them one way:
 * `this.dispatchEvent(new VkXEvent(detail))` (`vk-error` through `VkElement.dispatchError`, which
 * does exactly that), and document each in the class header with `@event`.
 *
 * The list's and every widget's shared events are here; the others are in `events/`, one module per
 * family of widgets, so that a widget's events travel in its chunk, not in the CDN entry (rollup
 * places a module whole, and the entry holds this one).
 *
 * @module
 */
import type { OpportunitySummary } from '@volunteerkit/sdk/schemas';
import { crossesShadowRoots } from './events/bubbling.js';

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

/**
 * The events after which what the volunteer signed up to has changed: widgets showing sign-ups
 * (the list's marks, `<vk-checkin>`'s shifts) listen for them on `document`.
 */
export const SIGNUP_CHANGE_EVENTS = ['vk-signup-success', 'vk-signup-cancel'] as const;

export * from './events/signup-form.js';
export * from './events/volunteer.js';
export * from './events/organizer.js';
export * from './events/needs.js';
export * from './events/certificates.js';
export * from './events/recommendations.js';

import type { VkSignupSubmitEvent, VkSignupSuccessEvent, VkSignupErrorEvent, VkSignupCancelEvent } from './events/signup-form.js';
import type { VkCheckinEvent, VkRedeemEvent, VkSessionExpiredEvent } from './events/volunteer.js';
import type { VkCheckinCodeEvent } from './events/organizer.js';
import type { VkNeedClaimEvent, VkNeedCreateEvent, VkNeedStepEvent } from './events/needs.js';
import type { VkCertificateEvent, VkVerifyEvent } from './events/certificates.js';
import type { VkRecommendationDismissEvent } from './events/recommendations.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'vk-recommendation-dismiss': VkRecommendationDismissEvent;
    'vk-need-step': VkNeedStepEvent;
    'vk-session-expired': VkSessionExpiredEvent;
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
