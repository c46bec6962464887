/** Registers `<vk-need-form>`. Importing this module is the side effect. @module */
import { VkNeedForm } from '../need-form/need-form.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-need-form', VkNeedForm);

declare global {
  interface HTMLElementTagNameMap {
    'vk-need-form': VkNeedForm;
  }
}
