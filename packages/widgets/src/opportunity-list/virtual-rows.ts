/**
 * The rows of a virtualized `<vk-opportunity-list>` (over 50 items): `@lit-labs/virtualizer`'s
 * `virtualize` directive on the window, with a flow layout that keeps fewer rows rendered beyond
 * the viewport. A chunk loaded with the virtualizer, on first need.
 *
 * The virtualizer renders every item within 1,000 px of the viewport by default: on a phone that
 * is about a dozen list rows for a screen that shows four, and a jump (a scroll bar drag, a
 * "back to top", a search's first result far down) builds all of them in one task.
 * {@link OVERHANG_PX} keeps about two rows ready on each side instead: more than a fast fling
 * moves in a frame (120 px at 7,000 px/s), so no blank appears, and a jump builds about half as
 * many rows.
 *
 * @module
 */
import type { TemplateResult } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { FlowLayout } from '@lit-labs/virtualizer/layouts/flow.js';
import type { OpportunitySummary } from '@volunteerkit/sdk';

/** Pixels of rows kept rendered above and below the viewport. */
export const OVERHANG_PX = 400;

/** The virtualizer's flow layout with a shorter overhang (a protected field, meant for layouts that extend it). */
class ShortOverhangFlow extends FlowLayout {
  constructor(...args: ConstructorParameters<typeof FlowLayout>) {
    super(...args);
    this._overhang = OVERHANG_PX;
  }
}

const layout = { type: ShortOverhangFlow };

/** The rows of `items`, each from `renderItem`, keyed by opportunity id. */
export function virtualRows(items: OpportunitySummary[], renderItem: (opportunity: OpportunitySummary, index: number) => TemplateResult): DirectiveResult {
  return virtualize({ items, renderItem, keyFunction: (opportunity) => opportunity.id, layout });
}
