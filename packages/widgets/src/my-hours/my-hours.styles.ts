import { css } from 'lit';

/** Totals first, large; then one card per record. Text wraps at 320 px; nothing is clipped. */
export const styles = css`
  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0 0 var(--_space);
  }
  .total {
    flex: 1 1 9em;
    margin: 0;
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .total dt {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .total dd {
    margin: 0;
    font-size: 1.5em;
    font-weight: 700;
  }
  .stars {
    margin: 0 0 var(--_space);
  }
  .stars progress {
    display: block;
    width: 100%;
    height: 0.75em;
    margin-block-start: 0.375em;
  }
  .records {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.75em;
  }
  .record {
    padding: 0.75em 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .record-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25em 1em;
    margin: 0;
    font-weight: 600;
  }
  .record p,
  .record ul {
    margin: 0.375em 0 0;
  }
  .explanation {
    padding-inline-start: 1.25em;
  }
  .muted {
    color: var(--_muted);
  }
  .dispute-form {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    margin-block-start: 0.75em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: var(--_target);
  }
  .message {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .message:empty {
    display: none;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .skeleton.bar {
    height: 4em;
    margin-block-end: 0.75em;
  }
`;
