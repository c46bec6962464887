import { css } from 'lit';

/** Few, big targets: the code input and buttons 3em high, the stars as large radio tiles that wrap at 320 px; all in em. */
export const styles = css`
  .form {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .heading {
    margin: 0;
    font-size: 1.25em;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .code {
    width: 100%;
    max-width: 9em;
    min-height: 3em;
    font: inherit;
    font-size: 1.5em;
    letter-spacing: 0.15em;
    font-variant-numeric: tabular-nums;
  }
  .fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  .legend {
    padding: 0;
    margin-block-end: 0.5em;
    font-weight: 700;
  }
  .stars {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .star {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 3em;
    padding: 0.5em 0.75em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .star:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 0.125em var(--_primary);
  }
  .star input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
  }
  .hint,
  .note {
    margin: 0;
    color: var(--_muted);
  }
  .is-error {
    margin: 0;
    color: var(--_danger);
  }
  .is-error:empty {
    display: none;
  }
  .submit {
    min-height: 3em;
    width: 100%;
    font-size: 1.125em;
  }
`;
