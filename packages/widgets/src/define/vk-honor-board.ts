/** Registers `<vk-honor-board>`. Importing this module is the side effect. @module */
import { VkHonorBoard } from '../honor-board/honor-board.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-honor-board', VkHonorBoard);

declare global {
  interface HTMLElementTagNameMap {
    'vk-honor-board': VkHonorBoard;
  }
}
