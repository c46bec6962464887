/** Registers `<vk-checkin-code>`. Importing this module is the side effect. @module */
import { VkCheckinCode } from '../checkin-code/checkin-code.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-checkin-code', VkCheckinCode);

declare global {
  interface HTMLElementTagNameMap {
    'vk-checkin-code': VkCheckinCode;
  }
}
