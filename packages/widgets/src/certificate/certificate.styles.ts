import { css } from 'lit';

/**
 * A certificate that reads on a phone (one column, wrapping at 320 px) and prints on A4: in
 * print, black on white, the claims in a larger serif-free type, the QR code 5.5 cm wide (about
 * 0.6 mm per module, well above what phone cameras need), and the form and buttons hidden.
 */
export const styles = css`
  :host {
    --_qr-size: var(--vk-certificate-qr-size, 12rem);
  }
  .certificate,
  .form {
    display: grid;
    gap: 1em;
    padding: 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius, 0.5em);
    background: var(--_surface);
    color: var(--_text);
  }
  .title {
    font-size: 1.5em;
    font-weight: 700;
    text-align: center;
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
  .number,
  .hours {
    font-variant-numeric: tabular-nums;
  }
  .verify {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1em;
  }
  .verify p {
    flex: 1 1 12em;
    margin: 0;
  }
  .qr {
    width: min(var(--_qr-size), 100%);
    aspect-ratio: 1;
    image-rendering: pixelated;
    image-rendering: crisp-edges;
    background: #fff;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
  }
  /* Flex items keep their content's width by default, and a date input's is wide in Firefox at a
     large reader font: let each field shrink to the column (the input fills it). */
  .field {
    display: grid;
    gap: 0.25em;
    flex: 1 1 10em;
    min-width: 0;
  }
  .field .input {
    min-width: 0;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
  }
  .message {
    margin: 0;
    color: var(--_danger);
  }
  .message:empty {
    display: none;
  }
  .button {
    justify-self: start;
  }
  @media print {
    .no-print {
      display: none !important;
    }
    .certificate {
      border: 0.125em solid #000;
      color: #000;
      background: #fff;
      padding: 2em;
      font-size: 1.15em;
      break-inside: avoid;
    }
    .claims dt {
      color: #333;
    }
    .qr {
      width: 5.5cm;
    }
    a {
      color: #000;
    }
  }
`;
