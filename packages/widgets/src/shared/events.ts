/**
 * Events shared by several widgets. Every VolunteerKit event bubbles and is composed, so a host
 * page can listen on the widget, on a container or on `document`; every name starts with `vk-`.
 *
 * @module
 */
import type { Opportunity } from '@volunteerkit/sdk/schemas';

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
  opportunity: Opportunity;
}

/**
 * A reader chose an opportunity (its sign-up button or link). Cancelable: `preventDefault()`
 * stops the widget's own action (opening the dialog or following the link) so the host can
 * route instead.
 */
export class VkOpportunitySelectEvent extends CustomEvent<VkOpportunitySelectDetail> {
  constructor(opportunity: Opportunity) {
    super('vk-opportunity-select', { ...crossesShadowRoots, cancelable: true, detail: { opportunity } });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'vk-load': VkLoadEvent;
    'vk-error': VkErrorEvent;
    'vk-opportunity-select': VkOpportunitySelectEvent;
  }
}
