import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { MyRedemptions, type Redemption, type Reward } from '@volunteerkit/sdk';
import { VkElement } from '../shared/vk-element.js';
import { baseStyles } from '../shared/base.styles.js';
import { announceRefusedSession, renderSignedInError, signedInTask } from '../shared/signed-in-task.js';
import { VkRedeemEvent } from '../shared/events.js';
import { formatDate } from '../shared/i18n.js';
import { clockTime } from '../checkin/checkin-model.js';
import { canUndo, loadRewards, redeemProblem, unaffordable, type RedeemProblem } from './rewards-model.js';
import { rewardsMessages } from './rewards.messages.js';
import { styles } from './rewards.styles.js';

/** The platform is in China: codes' deadlines are shown in China's time. */
const TIME_ZONE = 'Asia/Shanghai';

/**
 * The channel's rewards (礼遇) for the signed-in volunteer: their points to spend, the catalog
 * with what each costs and how many are left, redeeming with one button, the 6-digit code shown
 * in large digits to read out at the desk, undo within 10 minutes, and the codes still waiting to
 * be collected. The session comes as a property, from `<vk-provider>` or `configure()`.
 *
 * @summary Rewards redeemed with points (积分兑换礼遇), with the code to show at the desk.
 * @tag vk-rewards
 *
 * @csspart balance - The points to spend.
 * @csspart notice - What just happened (an undo), announced.
 * @csspart rewards - The list of rewards.
 * @csspart reward - One reward.
 * @csspart redeem-button - Redeems one reward.
 * @csspart message - A reward's inline message (why it could not be redeemed).
 * @csspart code-panel - The code just issued, with undo.
 * @csspart code - The 6 digits, large.
 * @csspart undo-button - Undoes the redemption just made.
 * @csspart held - Codes waiting at the desk.
 * @csspart skeleton - The loading placeholder.
 * @csspart empty - No rewards on offer.
 * @csspart sign-in - Shown without a volunteer session, or with one the server refused.
 * @csspart error - Loading failed.
 * @csspart retry-button - The error state's retry button.
 *
 * @event {VkRedeemEvent} vk-redeem - A reward was redeemed or a redemption undone; `detail.redemptionId`, `detail.rewardId`, `detail.status`.
 * @event {VkSessionExpiredEvent} vk-session-expired - The server refused the session (401). Cancelable: call
 *   `preventDefault()` and set a new token; the widget keeps loading and reads the catalog and the points again with it. Not
 *   prevented, it shows its sign-in state. Also sent when the server refuses a redemption or its undo: the widget says
 *   "sign in again" there and keeps what was typed.
 * @event {VkErrorEvent} vk-error - Loading failed; `detail.error`.
 */
export class VkRewards extends VkElement {
  /** The shared reset and tokens, then this component's own styles. */
  static override styles = [...baseStyles, styles];

  /** A volunteer session token (`vst_…`); else the provider's or `configure()`'s. A property only. */
  @property({ attribute: false }) session?: string;

  /** The redemption just made, shown with its code until "Done". */
  @state() private issued: Redemption | null = null;
  @state() private busy: string | null = null;
  @state() private problems = new Map<string, RedeemProblem>();
  @state() private notice = '';

  private readonly rewardsTask = signedInTask(this, this.config, loadRewards);

  private get messages() {
    return rewardsMessages(this.config.locale);
  }

  protected override reloadAfterCrash(): void {
    void this.rewardsTask.run();
  }

  /** Reads the catalog and the points again. */
  reload(): void {
    void this.rewardsTask.run();
  }

  private redemptions(): MyRedemptions | null {
    const client = this.config.client;
    const session = this.config.value.session;
    return client && session ? new MyRedemptions(client.withSession(session)) : null;
  }

  private async redeem(reward: Reward): Promise<void> {
    const redemptions = this.redemptions();
    if (this.busy || !redemptions) return;
    this.busy = reward.id;
    this.notice = '';
    const problems = new Map(this.problems);
    problems.delete(reward.id);
    try {
      this.issued = await redemptions.create({ rewardId: reward.id });
      this.problems = problems;
      this.dispatchEvent(new VkRedeemEvent({ redemptionId: this.issued.id, rewardId: reward.id, status: 'held' }));
      await this.rewardsTask.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="code-panel"] h2')?.focus();
    } catch (error) {
      announceRefusedSession(this, error);
      this.problems = problems.set(reward.id, redeemProblem(error));
    } finally {
      this.busy = null;
    }
  }

  private async undo(): Promise<void> {
    const redemptions = this.redemptions();
    const issued = this.issued;
    if (this.busy || !redemptions || !issued) return;
    this.busy = issued.id;
    try {
      await redemptions.undo(issued.id);
      this.issued = null;
      this.notice = this.messages.undone;
      this.dispatchEvent(new VkRedeemEvent({ redemptionId: issued.id, rewardId: issued.rewardId, status: 'undone' }));
      await this.rewardsTask.run();
    } catch (error) {
      this.notice = announceRefusedSession(this, error) ? this.messages.signedOut : this.messages.undoFailed;
    } finally {
      this.busy = null;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="notice"]')?.focus();
  }

  private async done(): Promise<void> {
    const rewardId = this.issued?.rewardId;
    this.issued = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-reward="${rewardId}"] [part~="redeem-button"]`)?.focus();
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): TemplateResult {
    return html`${this.rewardsTask.render({
      initial: () => this.renderSkeleton(),
      pending: () => (this.rewardsTask.value ? this.renderRewards() : this.renderSkeleton()),
      error: (error) => this.renderError(error),
      complete: () => this.renderRewards(),
    })}`;
  }

  private renderRewards() {
    const { catalog, available, held } = this.rewardsTask.value!;
    const m = this.messages;
    return html`
      <p part="balance" class="balance"><span class="muted">${m.available}</span> <strong>${m.points({ points: available })}</strong></p>
      <p part="notice" class="notice" role="status" tabindex="-1">${this.notice}</p>
      ${this.issued ? this.renderCode(this.issued) : nothing}
      ${catalog.length === 0
        ? html`<div part="empty" class="state"><p class="state__title">${m.empty}</p></div>`
        : html`<ul part="rewards" class="rewards" aria-label=${m.catalogLabel}>${catalog.map((r) => this.renderReward(r, available))}</ul>`}
      ${held.length
        ? html`<section part="held" class="held" aria-label=${m.heldLabel}>
            <h2 class="label">${m.heldLabel}</h2>
            <ul>${held.map((r) => html`<li><span>${r.rewardTitle}</span> ${this.renderDigits(r.code, 'code code--small')}</li>`)}</ul>
          </section>`
        : nothing}
    `;
  }

  private renderReward(reward: Reward, available: number) {
    const m = this.messages;
    const blocked = unaffordable(reward, available);
    const problem = this.problems.get(reward.id) ?? blocked;
    const messageId = `message-${reward.id}`;
    return html`<li part="reward" class="reward" data-reward=${reward.id}>
      <p class="reward-head"><span>${reward.title}</span><span>${m.points({ points: reward.cost })}</span></p>
      ${reward.description ? html`<p>${reward.description}</p>` : nothing}
      ${reward.terms ? html`<p class="muted">${reward.terms}</p>` : nothing}
      <p class="muted">${m.stockLeft({ count: reward.stockLeft })}${reward.organizationName ? html` · ${reward.organizationName}` : nothing}</p>
      <button part="redeem-button" class="button" type="button" aria-describedby=${messageId}
        aria-disabled=${blocked || this.busy ? 'true' : 'false'} @click=${() => (blocked ? undefined : this.redeem(reward))}>
        ${this.busy === reward.id ? m.redeeming : m.redeem({ points: reward.cost })}
      </button>
      <p part="message" id=${messageId} class="message">${problem ? m[problem] : ''}</p>
    </li>`;
  }

  private renderCode(redemption: Redemption) {
    const m = this.messages;
    const locale = this.config.locale;
    const undoable = canUndo(redemption, new Date());
    return html`<section part="code-panel" class="code-panel" aria-labelledby="code-title">
      <h2 id="code-title" tabindex="-1">${m.codeTitle({ title: redemption.rewardTitle })}</h2>
      <p part="code" class="code">${this.renderDigits(redemption.code, '')}</p>
      <p>${m.codeHint({ date: formatDate(locale, redemption.expiresAt, TIME_ZONE) })}</p>
      ${undoable ? html`<p class="muted">${m.undoUntil({ time: clockTime(locale, redemption.undoUntil, TIME_ZONE) })}</p>` : nothing}
      <div class="buttons">
        ${undoable
          ? html`<button part="undo-button" class="button button--secondary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${() => this.undo()}>${m.undo}</button>`
          : nothing}
        <button class="button" type="button" @click=${() => this.done()}>${m.done}</button>
      </div>
    </section>`;
  }

  /** The digits as seen, and for a screen reader one by one after their name ("code 0 4 8 …", not "forty-eight thousand"). */
  private renderDigits(code: string, classes: string) {
    return html`<span class=${classes} aria-hidden="true">${code}</span><span class="visually-hidden">${this.messages.codeLabel} ${code.split('').join(' ')}</span>`;
  }

  private renderSkeleton() {
    return html`<div part="skeleton" aria-hidden="true"><span class="skeleton bar"></span><span class="skeleton bar"></span></div>
      <span class="visually-hidden">${this.messages.loadingLabel}</span>`;
  }

  private renderError(error: unknown) {
    return renderSignedInError(this.config.locale, error, this.messages.needSession, () => void this.rewardsTask.run(), { alert: false });
  }
}
