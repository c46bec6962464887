/** Styles of `<vk-signup-form>` on top of the shared base styles. @module */
import { css } from 'lit';

export const signupFormStyles = css`
  :host {
    padding: var(--_space);
  }
  :host([mode='dialog']) {
    /* The dialog around the form draws the frame. */
    padding: 0;
    background: transparent;
  }
  form,
  .success,
  .existing,
  .cancelled {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 1.25);
  }
  .existing-list {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .existing-item {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    padding: var(--_space);
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .cancel-pending p:focus {
    outline: var(--_focus-ring);
    outline-offset: 0.25em;
  }
  /* Headings are role="heading" with a level the host chooses (heading-level), so they are
     sized here rather than by h2/h3 defaults. */
  .heading,
  .subheading {
    margin: 0;
    line-height: 1.25;
    font-weight: 700;
  }
  .heading {
    font-size: 1.375em;
  }
  .subheading {
    font-size: 1.125em;
  }
  .heading:focus,
  .error-summary:focus {
    outline: var(--_focus-ring);
    outline-offset: 0.25em;
  }
  p {
    margin: 0;
  }
  slot {
    display: block;
  }
  fieldset {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.5em;
    font-weight: 600;
    font-size: 1.0625em;
  }
  .marker {
    font-weight: 400;
    color: var(--_muted);
  }
  .hint {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .field-error {
    font-size: 0.9375em;
    font-weight: 600;
    color: var(--_danger);
  }
  .input[aria-invalid='true'],
  .choices--invalid {
    border-color: var(--_danger);
    box-shadow: inset 0.25em 0 0 var(--_danger);
  }
  textarea.input {
    min-height: 5em;
    resize: vertical;
  }
  .choices {
    display: flex;
    flex-direction: column;
    gap: 0.5em;
  }
  .choices--invalid {
    border-inline-start: 0.25em solid var(--_danger);
    padding-inline-start: 0.75em;
    box-shadow: none;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.75em;
    min-height: var(--_target);
    padding: 0.375em 0.75em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 0.0625em var(--_primary);
  }
  .choice input {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_primary);
  }
  .choice__text {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.75em;
  }
  .spots {
    color: var(--_muted);
  }
  .spots--full {
    color: var(--_text);
    font-weight: 600;
  }
  .consent {
    align-items: flex-start;
    border: 0;
    padding: 0;
    background: transparent;
  }
  .consent input {
    margin-top: 0.25em;
  }
  .error-summary {
    padding: var(--_space);
    border: 0.1875em solid var(--_danger);
    border-radius: var(--_radius);
  }
  .error-summary ul {
    margin: 0.5em 0 0;
    padding-inline-start: 1.25em;
  }
  .error-summary li + li {
    margin-top: 0.25em;
  }
  .error-summary a {
    color: var(--_danger);
    font-weight: 600;
  }
  .notice {
    padding: 0.75em var(--_space);
    border-inline-start: 0.25em solid var(--_primary);
    background: var(--_surface-alt);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
  }
  .notice--problem {
    border-inline-start-color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .skeleton-form {
    display: flex;
    flex-direction: column;
    gap: 1em;
    /* Roughly the height of a form with two shifts, two fields, a question and consent, so the
       page does not jump when it arrives. */
    min-height: 34em;
  }
  .skeleton--title {
    height: 1.75em;
    width: 70%;
  }
  .skeleton--line {
    height: 1em;
    width: 40%;
  }
  .skeleton--block {
    height: var(--_target);
  }
  .details {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
    margin: 0;
  }
  .details dt {
    color: var(--_muted);
  }
  .details dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  /* Narrow (a 320 px phone with a large font): each label above its value, the reference whole. */
  .success,
  .existing-item {
    container-type: inline-size;
  }
  @container (max-width: 16em) {
    .details {
      grid-template-columns: minmax(0, 1fr);
      row-gap: 0;
    }
    .details dd + dt {
      margin-top: 0.5em;
    }
  }
  .reference {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  .status--waitlisted {
    color: var(--_text);
  }
`;
