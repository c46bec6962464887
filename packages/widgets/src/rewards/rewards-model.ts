/**
 * What `<vk-rewards>` computes without a DOM: the catalog, the volunteer's points and their codes
 * still waiting at a desk, loaded together; which reward the points reach; what a refused
 * redemption means in words; whether a code may still be undone.
 *
 * @module
 */
import { AuthenticationError, MyPoints, MyRedemptions, Rewards, ValidationError, type BaseClient, type Redemption, type Reward } from '@volunteerkit/sdk';

export interface RewardsView {
  catalog: Reward[];
  available: number;
  /** Codes not yet collected, newest first. */
  held: Redemption[];
}

/** The catalog (publishable key), and with a session the points and the codes waiting at a desk. */
export async function loadRewards(client: BaseClient, session: string, signal?: AbortSignal): Promise<RewardsView> {
  const me = client.withSession(session);
  const catalog: Reward[] = [];
  const held: Redemption[] = [];
  const [points] = await Promise.all([
    new MyPoints(me).get({ limit: 1 }, { signal }),
    (async () => {
      for await (const reward of new Rewards(client).list({}, { signal })) catalog.push(reward);
    })(),
    (async () => {
      for await (const redemption of new MyRedemptions(me).list({ status: 'held' }, { signal })) held.push(redemption);
    })(),
  ]);
  return { catalog, available: points.available, held };
}

/** Why a reward cannot be redeemed now, before asking, or `null`. */
export function unaffordable(reward: Reward, available: number): 'out_of_stock' | 'insufficient_points' | null {
  if (reward.stockLeft <= 0) return 'out_of_stock';
  if (available < reward.cost) return 'insufficient_points';
  return null;
}

export type RedeemProblem = 'out_of_stock' | 'insufficient_points' | 'reward_unavailable' | 'signedOut' | 'redeemFailed';

/** The server's reason for a refused redemption (a 422 on `rewardId`), else a general failure. */
export function redeemProblem(error: unknown): RedeemProblem {
  if (AuthenticationError.is(error)) return 'signedOut';
  if (ValidationError.is(error)) {
    const code = error.errors.find((e) => e.path === 'rewardId')?.code;
    if (code === 'out_of_stock' || code === 'insufficient_points' || code === 'reward_unavailable') return code;
  }
  return 'redeemFailed';
}

/** Whether the volunteer may still undo the redemption at `now`. */
export function canUndo(redemption: Redemption, now: Date): boolean {
  return redemption.status === 'held' && now.getTime() < new Date(redemption.undoUntil).getTime();
}
