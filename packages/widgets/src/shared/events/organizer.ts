/**
 * The events of the organizer's `<vk-checkin-code>` and `<vk-roster>`.
 * A module of their own (the list of every event: `../events.ts`), so that they travel in those
 * widgets' chunks, not in the CDN entry.
 *
 * @module
 */
import { crossesShadowRoots } from './bubbling.js';

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
