/** Registers `<vk-verify>`. Importing this module is the side effect. @module */
import { VkVerify } from '../verify/verify.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-verify', VkVerify);

declare global {
  interface HTMLElementTagNameMap {
    'vk-verify': VkVerify;
  }
}
