/** `vk.honorBoard`. @module */
import type { RequestOptions } from '../client.js';
import { APIResource } from '../core/resource.js';
import type { HonorBoard, HonorBoardQuery } from '../schemas/honor.js';

/** Honor boards (光荣榜): ranked volunteers or teams, and featured honors. */
export class HonorBoards extends APIResource {
  /**
   * Fetches a ranked honor board. Only approved hours count; ties share a rank.
   *
   * @example
   * ```ts
   * const board = await vk.honorBoard.get({ scope: 'platform', period: 'month', metric: 'hours', limit: 10 });
   * ```
   */
  get(query: HonorBoardQuery = {}, options?: RequestOptions): Promise<HonorBoard> {
    return this.client.request({ method: 'GET', path: '/v1/honor-board', query, auth: 'public', schema: 'HonorBoard', options, name: 'honorBoard.get' });
  }
}
