import { css } from 'lit';

/** The verdict first and large, in words and a mark (never colour alone); the paste form under it. */
export const styles = css`
  .panel {
    display: grid;
    gap: 1em;
    padding: 1em;
    color: var(--_text);
  }
  .title {
    font-size: 1.5em;
    font-weight: 700;
  }
  .result:empty {
    display: none;
  }
  .result {
    display: grid;
    gap: 0.5em;
  }
  .verdict {
    margin: 0;
    font-size: 1.35em;
    font-weight: 700;
  }
  .verdict--good {
    color: var(--_success);
  }
  .verdict--bad {
    color: var(--_danger);
  }
  .reason,
  .note,
  .hint {
    margin: 0;
  }
  .note,
  .hint {
    color: var(--_muted);
  }
  .claims {
    display: grid;
    gap: 0.5em;
    margin: 0;
  }
  .claims > div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
    justify-content: space-between;
    border-bottom: 0.0625em dashed var(--_border);
    padding-bottom: 0.25em;
  }
  .claims dt {
    color: var(--_muted);
  }
  .claims dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .form {
    display: grid;
    gap: 0.5em;
  }
  textarea.input {
    width: 100%;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .button {
    justify-self: start;
  }
`;
