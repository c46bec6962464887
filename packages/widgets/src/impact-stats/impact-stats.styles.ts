import { css } from 'lit';

/**
 * Counters wrap into as many columns as fit (one at 320 px); the chart scales to its box and
 * never sets the width. Bars grow in only for readers who have not asked for less motion.
 */
export const styles = css`
  .counters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9em), 1fr));
    gap: var(--_space);
    margin: 0 0 var(--_space);
    padding: 0;
    list-style: none;
  }
  .counter {
    display: flex;
    flex-direction: column-reverse;
    justify-content: flex-end;
    gap: 0.25em;
    min-height: 4.5em;
    padding: 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .counter-value {
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.2;
    overflow-wrap: anywhere;
    color: var(--vk-impact-value-color, var(--_text));
  }
  .counter-label {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .trend {
    margin: 0;
  }
  .trend-caption {
    font-weight: 600;
    margin-block-end: 0.5em;
  }
  .chart {
    display: block;
    width: 100%;
    height: var(--vk-impact-chart-height, 6em);
  }
  .bar {
    fill: var(--vk-impact-bar-color, var(--_primary));
  }
  @media (prefers-reduced-motion: no-preference) {
    .bar {
      transform-box: fill-box;
      transform-origin: bottom;
      animation: vk-grow 0.6s ease-out;
    }
  }
  @keyframes vk-grow {
    from {
      transform: scaleY(0);
    }
  }
  .axis {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .note {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.5em 0;
  }
  .table-wrap {
    overflow-x: auto;
    margin-block-start: 0.5em;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    padding: 0.25em 0.5em;
    border-block-end: 1px solid var(--_border);
    text-align: start;
  }
  td {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .skeleton-counter {
    min-height: 4.5em;
  }
`;
