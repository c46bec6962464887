/**
 * The events of the volunteer's `<vk-checkin>` and `<vk-rewards>`, and of every signed-in widget.
 * A module of their own (the list of every event: `../events.ts`), so that they travel in those
 * widgets' chunks, not in the CDN entry.
 *
 * @module
 */
import type { Attendance } from '@volunteerkit/sdk/schemas';
import { crossesShadowRoots } from './bubbling.js';

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
// Every signed-in widget

export interface VkSessionExpiredDetail {
  /** The tag of the widget whose session the server refused (401). */
  widget: string;
}

/**
 * The server refused the widget's volunteer session (it expired). Cancelable: a host page that
 * will set a new token (on the widget or `<vk-provider>`, as before) calls `preventDefault()`; the
 * widget then says it is renewing the sign-in and sends what the volunteer asked for again with
 * the new token (a widget that was loading keeps loading, and reads again with it). Not prevented,
 * the widget asks the volunteer to sign in again (its sign-in state). Sent by every widget for a
 * signed-in volunteer (`shared/signed-in-task.ts`).
 */
export class VkSessionExpiredEvent extends CustomEvent<VkSessionExpiredDetail> {
  constructor(detail: VkSessionExpiredDetail) {
    super('vk-session-expired', { ...crossesShadowRoots, cancelable: true, detail });
  }
}
