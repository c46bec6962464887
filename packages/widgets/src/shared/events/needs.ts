/**
 * The events of the needs board: `<vk-needs-board>`, `<vk-need-form>`, `<vk-my-claims>` and
 * `<vk-need-confirm>` (the list of every event: `../events.ts`). A module of their own, so that
 * they travel in those widgets' chunks, not in the CDN entry.
 *
 * @module
 */
import type { Claim, Need } from '@volunteerkit/sdk/schemas';
import { crossesShadowRoots } from './bubbling.js';

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
