/** `vk.channel`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { Channel } from '../schemas/channel.js';

/** The channel (partner) the publishable key belongs to. */
export class Channels extends APIResource {
  /**
   * The channel's public configuration: the identity fields a sign-up form must ask for, the
   * privacy policy to consent to, default locale and theme.
   *
   * @example
   * ```ts
   * const channel = await vk.channel.get();
   * const askStudentId = channel.identityFields.includes('studentId');
   * ```
   */
  get(options?: RequestOptions): Promise<Channel> {
    return this.client.request({ method: 'GET', path: '/v1/channel', auth: 'public', schema: 'Channel', options, name: 'channel.get' });
  }
}
