/** Registers `<vk-opportunity-list>`. Importing this module is the side effect. @module */
import { VkOpportunityList } from '../opportunity-list/opportunity-list.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-opportunity-list', VkOpportunityList);

declare global {
  interface HTMLElementTagNameMap {
    'vk-opportunity-list': VkOpportunityList;
  }
}
