/** Registers `<vk-certificate>`. Importing this module is the side effect. @module */
import { VkCertificate } from '../certificate/certificate.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-certificate', VkCertificate);

declare global {
  interface HTMLElementTagNameMap {
    'vk-certificate': VkCertificate;
  }
}
