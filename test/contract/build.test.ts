// The CDN build's CSS squeeze (rollup.config.mjs): whitespace and comments go, and nothing that
// changes what a rule selects or sets.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { squeezeCss } from '../../rollup.config.mjs';

it('squeezes css templates without merging rules or touching selectors and values', () => {
  const source = `
    /* theme */
    :host(:state(dark)) { --_text: #fff; }
    :host([theme=dark]) { --_text: #fff; }
    .card  .title ,  .card > .meta {
      margin: 0 auto;
      font: 1em / 1.5 var(--vk-font-family, system-ui);
    }
    @media (prefers-reduced-motion: reduce) { .ticker { animation: none; } }
    :host ::slotted(p) { width: calc(100% - 2em); }
  `;
  assert.equal(squeezeCss(source), [
    ':host(:state(dark)){--_text:#fff}',
    ':host([theme=dark]){--_text:#fff}',
    '.card .title,.card>.meta{margin:0 auto;font:1em / 1.5 var(--vk-font-family,system-ui)}',
    '@media (prefers-reduced-motion:reduce){.ticker{animation:none}}',
    ':host ::slotted(p){width:calc(100% - 2em)}',
  ].join(''));
});
