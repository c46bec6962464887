/**
 * Points, rewards and redemptions. Not attached to the client, so a page that never shows them
 * does not carry them: construct each on the client it needs.
 *
 * ```ts
 * import { createClient, MyPoints, MyRedemptions, Rewards } from '@volunteerkit/sdk';
 * const vk = createClient({ baseUrl, publishableKey });
 * const catalog = await new Rewards(vk).list();
 * const me = vk.withSession(token);
 * const { available } = await new MyPoints(me).get();
 * const { code } = await new MyRedemptions(me).create({ rewardId: catalog.data[0].id });
 * ```
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { randomUUID } from '../internal/uuid.js';
import type {
  CaptureRedemptionBody,
  CreateRedemptionBody,
  ListPointsQuery,
  ListRedemptionsQuery,
  ListRewardsQuery,
  PartnerCaptureRedemptionBody,
  PointsReconciliation,
  PointsStatement,
  Redemption,
  Reward,
} from '../schemas/recognition.js';

/** The channel's reward catalog (礼遇; publishable key). */
export class Rewards extends APIResource {
  /**
   * Lists the rewards on offer, cheapest first.
   *
   * @example
   * ```ts
   * for await (const reward of new Rewards(vk).list()) console.log(reward.title, reward.cost, reward.stockLeft);
   * ```
   */
  list(query: ListRewardsQuery = {}, options?: RequestOptions): PagePromise<Reward> {
    return this.client.list({ method: 'GET', path: '/v1/rewards', query, auth: 'public', schema: 'RewardPage', options, name: 'rewards.list' });
  }
}

/** The signed-in volunteer's points (volunteer session). */
export class MyPoints extends APIResource {
  /**
   * The available and held points and one page of transactions, newest first (`cursor` for the next).
   *
   * @example
   * ```ts
   * const { available, held, data } = await new MyPoints(vk.withSession(token)).get({ limit: 10 });
   * ```
   */
  get(query: ListPointsQuery = {}, options?: RequestOptions): Promise<PointsStatement> {
    return this.client.request({ method: 'GET', path: '/v1/me/points', query, auth: 'session', schema: 'PointsStatement', options, name: 'me.points.get' });
  }
}

/** The signed-in volunteer's redemptions (volunteer session). */
export class MyRedemptions extends APIResource {
  /**
   * Redeems a reward: its cost is held and a 6-digit code issued. Always sent with an
   * `Idempotency-Key` (one is generated unless you pass yours), so a retry cannot redeem twice.
   * A reward with none left, too few points or one no longer offered is a 422 on `rewardId`
   * (`out_of_stock`, `insufficient_points`, `reward_unavailable`).
   *
   * @example
   * ```ts
   * const { code, undoUntil } = await new MyRedemptions(vk.withSession(token)).create({ rewardId: 'rwd_demoMuseumPass' });
   * ```
   */
  create(body: CreateRedemptionBody, options?: RequestOptions): Promise<Redemption> {
    const idempotencyKey = options?.idempotencyKey ?? randomUUID();
    return this.client.request({ method: 'POST', path: '/v1/me/redemptions', body, auth: 'session', schema: 'Redemption', options: { ...options, idempotencyKey }, name: 'me.redemptions.create' });
  }

  /**
   * Lists the volunteer's redemptions, newest first, with their codes.
   *
   * @example
   * ```ts
   * const waiting = await new MyRedemptions(vk.withSession(token)).list({ status: 'held' });
   * ```
   */
  list(query: ListRedemptionsQuery = {}, options?: RequestOptions): PagePromise<Redemption> {
    return this.client.list({ method: 'GET', path: '/v1/me/redemptions', query, auth: 'session', schema: 'RedemptionPage', options, name: 'me.redemptions.list' });
  }

  /**
   * Undoes a redemption within 10 minutes (until `undoUntil`), before the desk hands the reward
   * over: the points and the stock return. Later, or once captured, it is a 409.
   *
   * @example
   * ```ts
   * await new MyRedemptions(vk.withSession(token)).undo('rdm_5Tg8Yh2Uj6Ik9Ol3');
   * ```
   */
  undo(id: string, options?: RequestOptions): Promise<Redemption> {
    return this.client.request({ method: 'POST', path: `/v1/me/redemptions/${encodeURIComponent(id)}/undo`, auth: 'session', schema: 'Redemption', options, name: 'me.redemptions.undo' });
  }
}

/** A partner's back end hands rewards over and checks its points books (secret key). */
export class RewardDesk extends APIResource {
  /**
   * Hands a reward over by the volunteer's 6 digits: the held points are spent. Audited under `capturedBy`.
   *
   * @example
   * ```ts
   * await new RewardDesk(vk).capture({ code: '482913', capturedBy: '服务台 李老师' });
   * ```
   */
  capture(body: PartnerCaptureRedemptionBody, options?: RequestOptions): Promise<Redemption> {
    return this.client.request({ method: 'POST', path: '/v1/redemptions/capture', body, auth: 'secret', schema: 'Redemption', options, name: 'rewardDesk.capture' });
  }

  /**
   * The channel's points books recomputed from every transfer; `balanced` when every check holds.
   *
   * @example
   * ```ts
   * const books = await new RewardDesk(vk).reconcile();
   * if (!books.balanced) alert(books);
   * ```
   */
  reconcile(options?: RequestOptions): Promise<PointsReconciliation> {
    return this.client.request({ method: 'GET', path: '/v1/points/reconciliation', auth: 'secret', schema: 'PointsReconciliation', options, name: 'rewardDesk.reconcile' });
  }
}

/** The organizer's desk: hands rewards over (organizer session). */
export class OrganizerRedemptions extends APIResource {
  /**
   * Hands a reward over by the volunteer's 6 digits: the organization's own rewards and the channel's general ones.
   *
   * @example
   * ```ts
   * const handedOver = await organizer.redemptions.capture({ code: '482913' });
   * ```
   */
  capture(body: CaptureRedemptionBody, options?: RequestOptions): Promise<Redemption> {
    return this.client.request({ method: 'POST', path: '/v1/organizer/redemptions/capture', body, auth: 'organizer', schema: 'Redemption', options, name: 'organizer.redemptions.capture' });
  }
}
