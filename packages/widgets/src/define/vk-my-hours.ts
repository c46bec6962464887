/** Registers `<vk-my-hours>`. Importing this module is the side effect. @module */
import { VkMyHours } from '../my-hours/vk-my-hours.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-my-hours', VkMyHours);

declare global {
  interface HTMLElementTagNameMap {
    'vk-my-hours': VkMyHours;
  }
}
