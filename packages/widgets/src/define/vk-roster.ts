/** Registers `<vk-roster>`. Importing this module is the side effect. @module */
import { VkRoster } from '../roster/roster.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-roster', VkRoster);

declare global {
  interface HTMLElementTagNameMap {
    'vk-roster': VkRoster;
  }
}
