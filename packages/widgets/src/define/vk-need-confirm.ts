/** Registers `<vk-need-confirm>`. Importing this module is the side effect. @module */
import { VkNeedConfirm } from '../need-confirm/need-confirm.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-need-confirm', VkNeedConfirm);

declare global {
  interface HTMLElementTagNameMap {
    'vk-need-confirm': VkNeedConfirm;
  }
}
