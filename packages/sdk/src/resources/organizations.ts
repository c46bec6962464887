/** `vk.organizations`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { PagePromise } from '../core/pagination.js';
import type { ListOrganizationsQuery, Organization } from '../schemas/organization.js';

/** Organizations (志愿服务组织) that publish opportunities. */
export class Organizations extends APIResource {
  /**
   * Lists organizations. Await it for one page, or `for await` over every organization.
   *
   * @example
   * ```ts
   * const page = await vk.organizations.list({ kind: 'school', regionCode: '330106' });
   * ```
   */
  list(query: ListOrganizationsQuery = {}, options?: RequestOptions): PagePromise<Organization> {
    return this.client.list({ method: 'GET', path: '/v1/organizations', query, auth: 'public', schema: 'OrganizationPage', options, name: 'organizations.list' });
  }

  /**
   * Fetches one organization.
   *
   * @example
   * ```ts
   * const org = await vk.organizations.get('org_4Fh8Lm2q');
   * ```
   */
  get(id: string, options?: RequestOptions): Promise<Organization> {
    return this.client.request({ method: 'GET', path: `/v1/organizations/${encodeURIComponent(id)}`, auth: 'public', schema: 'Organization', options, name: 'organizations.get' });
  }
}
