/** Registers `<vk-checkin>`. Importing this module is the side effect. @module */
import { VkCheckin } from '../checkin/vk-checkin.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-checkin', VkCheckin);

declare global {
  interface HTMLElementTagNameMap {
    'vk-checkin': VkCheckin;
  }
}
