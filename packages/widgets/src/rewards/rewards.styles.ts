import { css } from 'lit';

/** The balance, then one card per reward; the code in digits large enough to read across a counter. Nothing is clipped at 320 px. */
export const styles = css`
  .balance {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
  }
  .notice {
    margin: 0 0 var(--_space);
    font-weight: 600;
  }
  .notice:empty {
    display: none;
  }
  .rewards,
  .held ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  .reward {
    padding: 0.75em 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .reward-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25em 1em;
    margin: 0;
    font-weight: 600;
  }
  .reward p {
    margin: 0.375em 0 0;
  }
  .reward .button {
    margin-block-start: 0.75em;
  }
  .muted {
    color: var(--_muted);
  }
  .message {
    color: var(--_danger);
    font-weight: 600;
  }
  .message:empty {
    display: none;
  }
  .code-panel {
    margin: 0 0 var(--_space);
    padding: 1em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    overflow-wrap: anywhere;
  }
  .code-panel h2,
  .held h2 {
    margin: 0 0 0.5em;
    font-size: 1em;
  }
  .code {
    display: block;
    margin: 0.25em 0;
    font-size: 3em;
    font-weight: 700;
    letter-spacing: 0.15em;
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
  }
  .code--small {
    display: inline;
    font-size: 1.5em;
  }
  .held {
    margin-block-start: var(--_space);
  }
  .held li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25em 1em;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .skeleton.bar {
    height: 5em;
    margin-block-end: 0.75em;
  }
`;
