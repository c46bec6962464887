/** Registers `<vk-signup-form>`. Importing this module is the side effect. @module */
import { VkSignupForm } from '../signup-form/vk-signup-form.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-signup-form', VkSignupForm);

declare global {
  interface HTMLElementTagNameMap {
    'vk-signup-form': VkSignupForm;
  }
}
