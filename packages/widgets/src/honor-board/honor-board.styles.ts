import { css } from 'lit';

/**
 * Rows, podium steps and honor cards have minimum heights, and the skeleton reuses the same
 * classes, so a loading board holds the usual height of a loaded one. Names, values and citations
 * wrap rather than being cut: a masked name is short, and "魏*" with its last character cut off
 * names nobody. Only the ticker clips, by design: it is one scrolling line.
 */
export const styles = css`
  :host {
    --_row: 2.75em;
    --_line: 1.5em;
    --_gold: var(--vk-color-gold, #8a6100);
  }
  :host(:state(dark)) {
    --_gold: var(--vk-color-gold, #e3b341);
  }
  @media (prefers-color-scheme: dark) {
    :host(:state(auto)) {
      --_gold: var(--vk-color-gold, #e3b341);
    }
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em 1.5em;
    margin-block-end: var(--_space);
  }
  .segmented {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .segmented legend {
    padding: 0;
    margin-block-end: 0.25em;
  }
  .segments {
    display: flex;
    flex-wrap: wrap;
    border: 0.0625em solid var(--_primary);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .segment {
    position: relative;
    display: flex;
  }
  .segment input {
    position: absolute;
    inset: 0;
    opacity: 0;
    margin: 0;
    cursor: pointer;
  }
  .segment span {
    display: flex;
    align-items: center;
    min-height: var(--_target);
    padding: 0 0.875em;
    color: var(--_primary);
    font-weight: 600;
  }
  .segment input:checked + span {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .segment input:focus-visible + span {
    outline: var(--_focus-ring);
    outline-offset: -0.25em;
  }

  .skeleton.bar {
    display: inline-block;
    height: 1em;
    vertical-align: middle;
  }
  .w-30 { width: 30%; }
  .w-40 { width: 40%; }
  .w-50 { width: 50%; }
  .w-60 { width: 60%; }
  .w-80 { width: 80%; }

  .name {
    font-weight: 600;
    min-width: 0;
  }
  .value {
    font-variant-numeric: tabular-nums;
  }
  .stars {
    color: var(--_gold);
    letter-spacing: 0.05em;
  }
  .stars-empty {
    color: var(--_muted);
  }

  /* table */
  /* Automatic column widths: fixed ones (rank + stars + hours = 19.5em) left no room for the name
     at 320 px in large text. */
  .table {
    width: 100%;
    table-layout: auto;
    border-collapse: separate;
    border-spacing: 0;
  }
  .table th,
  .table td,
  .table--skeleton .row,
  .table--skeleton .thead-row {
    height: var(--_row);
    padding: 0 0.5em;
    text-align: start;
    vertical-align: middle;
    /* An inset shadow draws the rule without adding to the row height. */
    box-shadow: inset 0 -0.0625em var(--_border);
  }
  .table--skeleton .row,
  .table--skeleton .thead-row {
    display: flex;
    align-items: center;
  }
  .table thead th {
    font-size: 0.875em;
    height: calc(var(--_row) / 0.875);
    color: var(--_muted);
  }
  .table--skeleton .thead-row {
    height: var(--_row);
  }
  .col-rank {
    width: 3em;
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .col-value {
    text-align: end !important;
  }
  .row.rank-1 .col-rank {
    color: var(--_gold);
  }

  /* podium */
  .podium {
    display: flex;
    align-items: flex-end;
    justify-content: center;
    gap: 0.25em;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .step {
    flex: 1 1 0;
    min-width: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: flex-start;
    gap: 0.125em;
    padding: 0.5em 0.25em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_surface-alt);
    text-align: center;
  }
  .step .name {
    max-width: 100%;
  }
  /* Minimum heights keep the podium's shape; a step whose content needs more grows (and stays
     bottom-aligned with the others), instead of cutting the name or the value. */
  .step-1 {
    order: 2;
    min-height: 10em;
    border-color: var(--_gold);
  }
  .step-2 {
    order: 1;
    min-height: 8.5em;
  }
  .step-3 {
    order: 3;
    min-height: 7.5em;
  }
  /* Five stars are wider than a step on a phone: they break between stars, never mid-glyph. */
  .step .stars {
    letter-spacing: 0;
  }
  .podium-rank {
    font-size: 1.5em;
    line-height: 1.4;
    font-weight: 800;
    color: var(--_gold);
  }
  .rest {
    list-style: none;
    margin: 0.5em 0 0;
    padding: 0;
  }
  .rest .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 0.75em;
    min-height: var(--_row);
    padding: 0.25em 0.5em;
    box-shadow: inset 0 -0.0625em var(--_border);
  }
  .rest .name {
    flex: 1 1 auto;
  }
  .rest-rank {
    min-width: 2em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  /* ticker */
  .ticker-board {
    display: flex;
    align-items: center;
    gap: 0.75em;
    height: var(--_target);
  }
  .ticker-toggle,
  .ticker-toggle-bar {
    flex: 0 0 auto;
    width: 7em;
    height: var(--_target);
  }
  /* The pause button draws in the text colour, not the primary: a partner who sets only a dark
     surface and light text for a band (as a news masthead does) keeps a readable button. */
  .ticker-toggle {
    padding: 0 0.5em;
    font-size: 0.875em;
    width: auto;
    min-width: calc(7em / 0.875);
    height: calc(var(--_target) / 0.875);
    white-space: nowrap;
    color: var(--_text);
    border-color: currentColor;
  }
  /* A marquee: one line that moves through a window, so it clips by design (data-marquee tells
     the layout check, test/e2e/layout.test.ts). Hover or focus pauses it; with reduced motion it
     stands still and scrolls by hand. */
  .ticker-viewport {
    flex: 1 1 auto;
    min-width: 0;
    height: var(--_target);
    overflow: hidden;
    display: flex;
    align-items: center;
  }
  .ticker {
    display: flex;
    width: max-content;
    gap: 2em;
    margin: 0;
    padding: 0;
    list-style: none;
    animation: vk-ticker var(--vk-ticker-duration, 40s) linear infinite;
  }
  .ticker.paused,
  .ticker-viewport:hover .ticker,
  .ticker-viewport:focus-within .ticker {
    animation-play-state: paused;
  }
  .ticker-item {
    display: flex;
    align-items: center;
    gap: 0.5em;
    white-space: nowrap;
  }
  @keyframes vk-ticker {
    to {
      transform: translateX(calc(-50% - 1em));
    }
  }
  /* Reduced motion: no scrolling; the line can be scrolled by hand instead. */
  @media (prefers-reduced-motion: reduce) {
    .ticker {
      animation: none;
    }
    .ticker-item[aria-hidden='true'] {
      display: none;
    }
    .ticker-viewport {
      overflow-x: auto;
    }
    .ticker-toggle {
      display: none;
    }
  }

  /* featured honors */
  .featured {
    margin-block-start: calc(var(--_space) * 1.25);
  }
  .featured-title {
    margin: 0 0 0.5em;
    font-weight: 700;
    font-size: 1.125em;
    min-height: var(--_line);
    line-height: var(--_line);
  }
  .honors {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
    gap: 0.75em;
  }
  .honor {
    padding: 0.75em 1em;
    border: 0.0625em solid var(--_border);
    border-inline-start: 0.25em solid var(--_gold);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .honor p,
  .honor .honor-title {
    margin: 0;
    min-height: var(--_line);
    line-height: var(--_line);
  }
  .honor-kind,
  .honor-date {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .honor .honor-kind,
  .honor .honor-date {
    min-height: calc(var(--_line) / 0.875);
    line-height: calc(var(--_line) / 0.875);
  }
  .honor-title {
    font-size: 1em;
    font-weight: 700;
  }
  .honor .citation {
    min-height: calc(var(--_line) * 3);
  }
`;
