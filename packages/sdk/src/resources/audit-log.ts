/**
 * The channel's audit log, for a partner's back end: `new AuditLog(createClient({ baseUrl, secretKey }))`.
 * Not attached to the client (no browser bundle needs it).
 *
 * @module
 */
import type { RequestOptions } from '../client.js';
import type { PagePromise } from '../core/pagination.js';
import { APIResource } from '../core/resource.js';
import type { AuditEntry, AuditLogQuery } from '../schemas/attendance.js';

/** The channel's own audit log: every privileged action taken with its keys and organizer sessions (secret key). */
export class AuditLog extends APIResource {
  /**
   * Lists audit entries, newest first.
   *
   * @example
   * ```ts
   * for await (const entry of new AuditLog(vk).list({ limit: 100 })) console.log(entry.at, entry.actor.name, entry.action, entry.subject.id);
   * ```
   */
  list(query: AuditLogQuery = {}, options?: RequestOptions): PagePromise<AuditEntry> {
    return this.client.list({ method: 'GET', path: '/v1/audit-log', query, auth: 'secret', schema: 'AuditEntryPage', options, name: 'auditLog.list' });
  }
}
