import { css } from 'lit';

/**
 * A table that reflows: below about 40em each row becomes a card (names and buttons wrap, nothing
 * scrolls sideways at 320 px); buttons keep a 2.75em target.
 */
export const styles = css`
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    margin-block-end: 0.5em;
  }
  .selected-count {
    margin-inline-end: 0.5em;
  }
  .bulk-message {
    margin: 0 0 0.5em;
    min-height: 1.5em;
  }
  .is-error,
  .row-error {
    color: var(--_danger);
  }
  .row-error {
    margin: 0.25em 0 0;
  }
  .row-error:empty {
    display: none;
  }
  .table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: 0.5em;
    border-block-end: 0.0625em solid var(--_border);
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .name {
    font-weight: 700;
  }
  .times {
    display: block;
    color: var(--_muted);
  }
  .action-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  input[type='checkbox'] {
    width: 1.5em;
    height: 1.5em;
    margin: 0;
  }
  .times-form {
    margin-block-start: 0.5em;
  }
  .times-form fieldset {
    border: 0;
    margin: 0 0 0.5em;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
  }
  .times-form legend {
    font-weight: 700;
    padding: 0;
    margin-block-end: 0.25em;
  }
  .times-field {
    display: grid;
    gap: 0.25em;
    min-width: 0;
    max-width: 100%;
  }
  .times-field .input {
    max-width: 100%;
  }
  .skeleton-row {
    height: 3em;
    padding: 0.5em 0;
  }
  .skeleton-row .bar {
    display: block;
    height: 2em;
  }
  @container (max-width: 40em) {
    thead {
      display: none;
    }
    .table,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    tr {
      border-block-end: 0.0625em solid var(--_border);
      padding-block: 0.5em;
    }
    th,
    td {
      border: 0;
      padding: 0.25em 0;
    }
  }
  .body {
    container-type: inline-size;
  }
`;
