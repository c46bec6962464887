/** Registers `<vk-my-claims>`. Importing this module is the side effect. @module */
import { VkMyClaims } from '../my-claims/vk-my-claims.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-my-claims', VkMyClaims);

declare global {
  interface HTMLElementTagNameMap {
    'vk-my-claims': VkMyClaims;
  }
}
