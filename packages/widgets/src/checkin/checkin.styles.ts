import { css } from 'lit';

/**
 * A phone screen held in one hand at the door: the code input and the button are large (3.5em
 * and the whole width), the digits spaced like on the organizer's screen. Everything wraps at
 * 320 px; nothing is clipped.
 */
export const styles = css`
  .form {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.375em;
  }
  .choices {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .choices--inline {
    flex-direction: row;
    flex-wrap: wrap;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.625em;
    min-height: var(--_target);
    padding: 0.5em 0.75em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .choices--inline .choice {
    flex: 1 1 8em;
  }
  .choice input {
    width: 1.25em;
    height: 1.25em;
    flex: none;
    margin: 0;
  }
  .code-input {
    min-height: 3.5em;
    font-size: 1.5em;
    letter-spacing: 0.2em;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .code-input[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 0.125em;
  }
  .hint {
    margin: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .message {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .message:empty {
    display: none;
  }
  .submit {
    min-height: 3.5em;
    width: 100%;
    font-size: 1.125em;
  }
  .note {
    margin: 0;
    color: var(--_muted);
  }
  .done {
    margin: 0;
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    border-inline-start: 0.25em solid var(--_success);
  }
  .done strong {
    display: block;
    font-size: 1.25em;
  }
  .done:empty {
    display: none;
  }
  .scan {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .camera {
    width: 100%;
    max-height: 60vh;
    border-radius: var(--_radius);
    background: #000;
    object-fit: cover;
  }
  .finished {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    padding: 0.75em 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .finished p,
  .explanation {
    margin: 0;
  }
  .explanation {
    padding-inline-start: 1.25em;
    color: var(--_muted);
  }
  .skeleton.bar {
    height: 3.5em;
  }
`;
