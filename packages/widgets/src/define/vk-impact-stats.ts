/** Registers `<vk-impact-stats>`. Importing this module is the side effect. @module */
import { VkImpactStats } from '../impact-stats/impact-stats.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-impact-stats', VkImpactStats);

declare global {
  interface HTMLElementTagNameMap {
    'vk-impact-stats': VkImpactStats;
  }
}
