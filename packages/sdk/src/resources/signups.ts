/** `vk.signups`. @module */
import type { RequestOptions, SharedState } from '../client.js';
import { ConflictError } from '../core/errors.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import { randomUUID } from '../internal/uuid.js';
import { markStale } from '../internal/freshness.js';
import type { CreateSignupBody, ListSignupsQuery, Signup, SignupExport, UpdateSignupBody } from '../schemas/signup.js';

/**
 * What a change to a sign-up makes stale: its opportunity's spots left (the opportunity and every
 * list page) and the volunteer's own sign-ups: marked after the write (internal/freshness.ts).
 *
 * @internal
 */
export function staleAfterSignupChange(signup: Pick<Signup, 'opportunityId'>, shared: SharedState): void {
  markStale(shared, [`/v1/opportunities/${encodeURIComponent(signup.opportunityId)}`, '/v1/opportunities', '/v1/me/signups']);
}

/** Sign-ups (报名). */
export class Signups extends APIResource {
  /**
   * Signs a volunteer up for one shift: a guest with the publishable key (pass `volunteer`), or
   * the session's volunteer on a `withSession` client.
   *
   * Always sends an `Idempotency-Key` (yours, or a generated one) and reuses it on every retry, so
   * a lost answer never creates a second sign-up. Reuse your key across user retries of the same
   * attempt (e.g. a form's second click) for the same guarantee.
   *
   * Cached reads it made stale (the opportunity's spots left, list pages) are dropped on success.
   *
   * A second sign-up of the same volunteer for the same shift rejects with a
   * {@link ConflictError} (`code: 'duplicate_signup'`) whose `existing` is the first sign-up.
   *
   * @example
   * ```ts
   * try {
   *   const signup = await vk.signups.create({
   *     opportunityId: 'opp_7Hq2xK9p', shiftId: 'shf_x2Lp9Q0a',
   *     volunteer: { name: '张三', mobile: '13800138000' },
   *     consent: { policyVersion: channel.privacyPolicyVersion, accepted: true },
   *   }, { idempotencyKey: attemptId });
   *   showReference(signup.reference);
   * } catch (err) {
   *   if (ConflictError.is(err) && err.existing) showReference((err.existing as Signup).reference);
   *   else if (ValidationError.is(err)) showFieldErrors(err.fieldErrors);
   *   else throw err;
   * }
   * ```
   */
  async create(body: CreateSignupBody, options?: RequestOptions): Promise<Signup> {
    // Generated here, not on the client, so a bundle without sign-ups carries no UUID code.
    const idempotencyKey = options?.idempotencyKey ?? randomUUID();
    try {
      return await this.client.request({
        method: 'POST',
        path: '/v1/signups',
        body,
        auth: 'publicWrite',
        schema: 'Signup',
        options: { ...options, idempotencyKey },
        name: 'signups.create',
        stales: staleAfterSignupChange,
      });
    } catch (error) {
      // The first sign-up comes back inside the 409: hold it to the contract like any answer.
      if (error instanceof ConflictError && error.existing !== undefined) {
        (error as { existing: unknown }).existing = this.client.check(error.existing, 'Signup', 'signups.create (409 existing)');
      }
      throw error;
    }
  }

  /**
   * Exports the channel's sign-ups with contact data (secret key). ID numbers stay masked
   * unless `reveal: 'idNumber'` (logged).
   *
   * @example
   * ```ts
   * for await (const s of vk.signups.list({ opportunityId: 'opp_7Hq2xK9p', status: 'pending_review' })) {
   *   rows.push([s.reference, s.contact.name, s.contact.mobile]);
   * }
   * ```
   */
  list(query: ListSignupsQuery = {}, options?: RequestOptions): PagePromise<SignupExport> {
    return this.client.list({ method: 'GET', path: '/v1/signups', query, auth: 'secret', schema: 'SignupExportPage', options, name: 'signups.list' });
  }

  /**
   * Approves, rejects or records attendance of a sign-up (secret key).
   *
   * @example
   * ```ts
   * await vk.signups.update('sgn_9Kd3mQ1z', { status: 'approved' });
   * ```
   */
  update(id: string, body: UpdateSignupBody, options?: RequestOptions): Promise<Signup> {
    return this.client.request({ method: 'PATCH', path: `/v1/signups/${encodeURIComponent(id)}`, body, auth: 'secret', schema: 'Signup', options, name: 'signups.update', stales: staleAfterSignupChange });
  }
}
