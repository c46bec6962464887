/** The base of every resource class (`vk.opportunities`, `vk.signups`, …). @module */
import type { VolunteerKitClient } from '../client.js';

export abstract class APIResource {
  /** @internal */
  protected readonly client: VolunteerKitClient;

  /** @internal */
  constructor(client: VolunteerKitClient) {
    this.client = client;
  }
}
