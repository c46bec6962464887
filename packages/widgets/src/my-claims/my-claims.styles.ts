import { css } from 'lit';

/**
 * One card per claim, in em so that large text scales it all; the buttons 3em high and wrapping
 * to full width at 320 px; the code in digits large enough to read out across a table.
 */
export const styles = css`
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    padding: 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .card p,
  .title,
  dl,
  dd {
    margin: 0;
  }
  .service,
  .status {
    font-weight: 700;
  }
  .service {
    color: var(--_primary);
  }
  .title {
    font-size: 1.25em;
    line-height: 1.3;
  }
  .muted,
  .hint {
    color: var(--_muted);
  }
  .private {
    padding: 0.75em;
    border-radius: var(--_radius);
    border: 0.0625em dashed var(--_border);
  }
  dt {
    font-weight: 700;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .buttons .button {
    min-height: 3em;
    flex: 1 1 10em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .input {
    width: 100%;
    max-width: 12em;
    min-height: var(--_target);
    font: inherit;
  }
  .code-panel {
    padding: 0.75em;
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 0.125em solid var(--_primary);
  }
  .code-panel h4 {
    margin: 0;
    font-size: 1em;
  }
  .code {
    display: block;
    font-size: 2.5em;
    font-weight: 700;
    letter-spacing: 0.15em;
    font-variant-numeric: tabular-nums;
  }
  .is-error {
    color: var(--_danger);
  }
  .message:empty,
  .is-error:empty {
    display: none;
  }
  .bar {
    display: block;
    height: 2.5em;
    margin-block-end: 0.5em;
  }
`;
