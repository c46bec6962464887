/**
 * The needs board (微心愿/点单). Not attached to the client, so a page without a board does not
 * carry it: construct each resource on the client whose credential it needs.
 *
 * ```ts
 * import { createClient, Needs, MyClaims, OrganizerNeeds } from '@volunteerkit/sdk';
 * const vk = createClient({ baseUrl, publishableKey });
 * const board = await new Needs(vk).list({ regionCode: '330106' });          // anyone
 * const claim = await new Needs(vk.withSession(volunteerToken)).claim(board.data[0].id); // a volunteer
 * await new OrganizerNeeds(vk.withSession(organizerToken)).moderate(needId, { decision: 'open' }); // a moderator
 * ```
 *
 * @module
 */
import type { RequestOptions, SharedState } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { randomUUID } from '../internal/uuid.js';
import { markStale } from '../internal/freshness.js';
import type {
  CancelNeedBody, Claim, ConfirmNeedBody, CreateNeedBody, FulfilNeedBody, ListClaimsQuery, ListNeedsQuery, ModerateNeedBody, Need,
  OrganizerNeedsQuery, RateNeedBody, ServiceMenu,
} from '../schemas/need.js';

const needPath = (id: string) => `/v1/needs/${encodeURIComponent(id)}`;

/**
 * After a need changed: the board, the need, the claims and (a fulfilment or confirmation changes
 * a service record) the volunteer's hours revalidate, so a page showing them next to the widget
 * that made the change does not show the browser's 30-second-old copy.
 */
function staleAfterNeedChange(answer: Need | Claim, shared: SharedState): void {
  const id = encodeURIComponent('need' in answer ? answer.need.id : answer.id);
  markStale(shared, ['/v1/needs', `/v1/needs/${id}`, '/v1/me/claims', `/v1/me/claims/${id}`, '/v1/organizer/needs', '/v1/me/service-records', '/v1/me']);
}

/** The board, filing, and a need's steps after it (each with the credential the step needs). */
export class Needs extends APIResource {
  /**
   * The channel's service menu: codes, names in three locales, typical duration, weekly cap.
   *
   * @example
   * ```ts
   * const { data } = await new Needs(vk).menu();
   * ```
   */
  menu(options?: RequestOptions): Promise<ServiceMenu> {
    return this.client.request({ method: 'GET', path: '/v1/service-menu', auth: 'public', schema: 'ServiceMenu', options, name: 'needs.menu' });
  }

  /**
   * The public board: open needs, longest waiting first. Requesters masked; no address, no contact.
   *
   * @example
   * ```ts
   * for await (const need of new Needs(vk).list({ serviceCode: 'haircut', regionCode: '330106' })) console.log(need.title, need.waitingSince);
   * ```
   */
  list(query: ListNeedsQuery = {}, options?: RequestOptions): PagePromise<Need> {
    return this.client.list({ method: 'GET', path: '/v1/needs', query, auth: 'public', schema: 'NeedPage', options, name: 'needs.list' });
  }

  /**
   * One need, in any status (a requester sees why it was rejected).
   *
   * @example
   * ```ts
   * const need = await new Needs(vk).get('ned_8Hj3Kl5Zx7Cv2Bn4');
   * ```
   */
  get(id: string, options?: RequestOptions): Promise<Need> {
    return this.client.request({ method: 'GET', path: needPath(id), auth: 'public', schema: 'Need', options, name: 'needs.get' });
  }

  /**
   * Files a need: with the publishable key for the resident (it waits for moderation), or on an
   * organizer session for a helper acting for the resident (record the consent; it opens at once).
   * Always sent with an `Idempotency-Key` (yours, or a generated one), so a retry files it once.
   *
   * @example
   * ```ts
   * await new Needs(vk.withSession(organizerToken)).create({
   *   serviceCode: 'haircut', title: '上门理发', regionCode: '330106',
   *   resident: { name: '王秀英', mobile: '13800001234', address: '文一西路 88 号 3 幢 301' },
   *   consent: { method: 'in_person', evidenceRef: '同意书 2026-118', obtainedAt: new Date().toISOString() },
   * });
   * ```
   */
  create(body: CreateNeedBody, options?: RequestOptions): Promise<Need> {
    const idempotencyKey = options?.idempotencyKey ?? randomUUID();
    return this.client.request({ method: 'POST', path: '/v1/needs', body, auth: 'publicWrite', schema: 'Need', options: { ...options, idempotencyKey }, name: 'needs.create', stales: staleAfterNeedChange });
  }

  /**
   * Claims an open need (volunteer session). Of two claims at once, one wins; the other is a 409.
   * Read the address and contact with {@link MyClaims.get} (each reading is audited).
   *
   * @example
   * ```ts
   * await new Needs(vk.withSession(token)).claim('ned_8Hj3Kl5Zx7Cv2Bn4');
   * const { address, contact } = await new MyClaims(vk.withSession(token)).get('ned_8Hj3Kl5Zx7Cv2Bn4');
   * ```
   */
  claim(id: string, options?: RequestOptions): Promise<Claim> {
    return this.client.request({ method: 'POST', path: `${needPath(id)}/claim`, auth: 'session', schema: 'Claim', options, name: 'needs.claim', stales: staleAfterNeedChange });
  }

  /**
   * Gives a claimed need back (volunteer session): it waits on the board again.
   *
   * @example
   * ```ts
   * await new Needs(vk.withSession(token)).release('ned_8Hj3Kl5Zx7Cv2Bn4');
   * ```
   */
  release(id: string, options?: RequestOptions): Promise<Need> {
    return this.client.request({ method: 'POST', path: `${needPath(id)}/release`, auth: 'session', schema: 'Need', options, name: 'needs.release', stales: staleAfterNeedChange });
  }

  /**
   * Marks a claimed need fulfilled (volunteer session): a pending service record, and the code to show the resident.
   *
   * @example
   * ```ts
   * const { confirmationCode } = await new Needs(vk.withSession(token)).fulfil('ned_8Hj3Kl5Zx7Cv2Bn4', { minutes: 40 });
   * ```
   */
  fulfil(id: string, body: FulfilNeedBody, options?: RequestOptions): Promise<Claim> {
    return this.client.request({ method: 'POST', path: `${needPath(id)}/fulfil`, body, auth: 'session', schema: 'Claim', options, name: 'needs.fulfil', stales: staleAfterNeedChange });
  }

  /**
   * Confirms a fulfilled need: the resident with the volunteer's code (publishable key), or a
   * helper with `method: 'helper'` (organizer session). Approves the service record.
   *
   * @example
   * ```ts
   * await new Needs(vk).confirm('ned_8Hj3Kl5Zx7Cv2Bn4', { method: 'code', code: '482913', rating: 5 });
   * ```
   */
  confirm(id: string, body: ConfirmNeedBody, options?: RequestOptions): Promise<Need> {
    return this.client.request({ method: 'POST', path: `${needPath(id)}/confirm`, body, auth: 'publicWrite', schema: 'Need', options, name: 'needs.confirm', stales: staleAfterNeedChange });
  }

  /**
   * Records the resident's rating of a confirmed need (organizer session: the helper), once.
   *
   * @example
   * ```ts
   * await new Needs(vk.withSession(organizerToken)).rate('ned_8Hj3Kl5Zx7Cv2Bn4', { rating: 5, comment: '很耐心' });
   * ```
   */
  rate(id: string, body: RateNeedBody, options?: RequestOptions): Promise<Need> {
    return this.client.request({ method: 'POST', path: `${needPath(id)}/rate`, body, auth: 'organizer', schema: 'Need', options, name: 'needs.rate', stales: staleAfterNeedChange });
  }
}

/** The volunteer's own claims (volunteer session). */
export class MyClaims extends APIResource {
  /**
   * The needs the volunteer holds or fulfilled, newest first, without address or contact.
   *
   * @example
   * ```ts
   * for await (const claim of new MyClaims(vk.withSession(token)).list()) console.log(claim.need.title, claim.confirmationCode);
   * ```
   */
  list(query: ListClaimsQuery = {}, options?: RequestOptions): PagePromise<Claim> {
    return this.client.list({ method: 'GET', path: '/v1/me/claims', query, auth: 'session', schema: 'ClaimPage', options, name: 'me.claims.list' });
  }

  /**
   * One claim: while it lasts, with the address and contact (each reading audited).
   *
   * @example
   * ```ts
   * const { address, contact } = await new MyClaims(vk.withSession(token)).get('ned_8Hj3Kl5Zx7Cv2Bn4');
   * ```
   */
  get(id: string, options?: RequestOptions): Promise<Claim> {
    return this.client.request({ method: 'GET', path: `/v1/me/claims/${encodeURIComponent(id)}`, auth: 'session', schema: 'Claim', options, name: 'me.claims.get' });
  }
}

/** Moderation of the organization's needs (organizer session). */
export class OrganizerNeeds extends APIResource {
  /**
   * The organization's needs, oldest first; `status: 'submitted'` is the moderation queue.
   *
   * @example
   * ```ts
   * for await (const need of new OrganizerNeeds(vk.withSession(organizerToken)).list({ status: 'submitted' })) console.log(need.title);
   * ```
   */
  list(query: OrganizerNeedsQuery = {}, options?: RequestOptions): PagePromise<Need> {
    return this.client.list({ method: 'GET', path: '/v1/organizer/needs', query, auth: 'organizer', schema: 'NeedPage', options, name: 'organizer.needs.list' });
  }

  /**
   * Opens a submitted need to volunteers, or rejects it with a reason the requester reads.
   *
   * @example
   * ```ts
   * await new OrganizerNeeds(vk.withSession(organizerToken)).moderate('ned_8Hj3Kl5Zx7Cv2Bn4', { decision: 'open' });
   * ```
   */
  moderate(id: string, body: ModerateNeedBody, options?: RequestOptions): Promise<Need> {
    return this.client.request({ method: 'POST', path: `/v1/organizer/needs/${encodeURIComponent(id)}/moderate`, body, auth: 'organizer', schema: 'Need', options, name: 'organizer.needs.moderate', stales: staleAfterNeedChange });
  }

  /**
   * Withdraws a need that is not yet fulfilled, with a reason.
   *
   * @example
   * ```ts
   * await new OrganizerNeeds(vk.withSession(organizerToken)).cancel('ned_8Hj3Kl5Zx7Cv2Bn4', { reason: '家属已安排' });
   * ```
   */
  cancel(id: string, body: CancelNeedBody, options?: RequestOptions): Promise<Need> {
    return this.client.request({ method: 'POST', path: `/v1/organizer/needs/${encodeURIComponent(id)}/cancel`, body, auth: 'organizer', schema: 'Need', options, name: 'organizer.needs.cancel', stales: staleAfterNeedChange });
  }
}
