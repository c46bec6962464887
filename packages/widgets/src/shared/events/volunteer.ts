/**
 * The events of the volunteer's `<vk-checkin>` and `<vk-rewards>` (the list of every event: `../events.ts`). A module of
 * their own, so that they travel in those widgets' chunks, not in the CDN entry.
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
