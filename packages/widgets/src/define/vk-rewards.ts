/** Registers `<vk-rewards>`. Importing this module is the side effect. @module */
import { VkRewards } from '../rewards/vk-rewards.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-rewards', VkRewards);

declare global {
  interface HTMLElementTagNameMap {
    'vk-rewards': VkRewards;
  }
}
