/**
 * The base of every resource class (`vk.opportunities`, `vk.signups`, …). A resource needs only a
 * {@link BaseClient}, so `new Opportunities(createBaseClient(options))` works on its own.
 *
 * @module
 */
import type { BaseClient } from '../client.js';

export abstract class APIResource {
  /** @internal */
  protected readonly client: BaseClient;

  constructor(client: BaseClient) {
    this.client = client;
  }
}
