/** Registers `<vk-provider>`. Importing this module is the side effect. @module */
import { VkProvider } from '../provider/provider.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-provider', VkProvider);

declare global {
  interface HTMLElementTagNameMap {
    'vk-provider': VkProvider;
  }
}
