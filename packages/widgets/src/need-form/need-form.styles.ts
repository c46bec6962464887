import { css } from 'lit';

/**
 * Big targets for unsteady hands and enlarged text: service tiles and the send button 3em high,
 * inputs the full width, everything in em; tiles wrap two or one to a row at 320 px.
 */
export const styles = css`
  .form {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .legend {
    padding: 0;
    margin-block-end: 0.5em;
    font-weight: 700;
    font-size: 1.125em;
  }
  .tiles {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 9em), 1fr));
    gap: 0.5em;
  }
  .tile,
  .check {
    display: flex;
    align-items: center;
    gap: 0.625em;
    min-height: 3em;
    padding: 0.5em 0.75em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .tile:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 0.125em var(--_primary);
  }
  .tile input,
  .check input {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    margin: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: 0;
  }
  .input {
    width: 100%;
    min-height: var(--_target);
    font: inherit;
  }
  .note {
    margin: 0;
    color: var(--_muted);
  }
  .field-error,
  .is-error {
    color: var(--_danger);
  }
  .field-error,
  .message {
    margin: 0;
  }
  .field-error:empty,
  .message:empty {
    display: none;
  }
  .submit {
    min-height: 3em;
    width: 100%;
    font-size: 1.125em;
  }
  .bar {
    display: block;
    height: 2.5em;
    margin-block-end: 0.5em;
  }
`;
