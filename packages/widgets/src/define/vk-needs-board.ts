/** Registers `<vk-needs-board>`. Importing this module is the side effect. @module */
import { VkNeedsBoard } from '../needs-board/needs-board.js';
import { defineElement } from '../shared/define.js';

defineElement('vk-needs-board', VkNeedsBoard);

declare global {
  interface HTMLElementTagNameMap {
    'vk-needs-board': VkNeedsBoard;
  }
}
