import { css } from 'lit';

/**
 * A kiosk screen: the digits scale with the viewport between 4rem and 12rem (about 2.5 cm tall on
 * a laptop, readable from two metres), in the text colour on the surface (at least 12:1 in both
 * themes), with tabular figures so the code does not jump as it changes. The QR code is drawn at
 * one pixel per module and scaled up without smoothing. The digits and the code wrap under each
 * other on narrow screens; nothing is clipped at 320 px.
 */
export const styles = css`
  :host {
    --_code-size: var(--vk-checkin-code-size, clamp(3.5rem, 17cqi, 12rem));
    --_qr-size: var(--vk-checkin-qr-size, min(22rem, 80cqi));
  }
  .panel {
    /* Sizes follow the widget's width (cqi), not the window's: a kiosk may show it in a column. */
    container-type: inline-size;
    display: grid;
    justify-items: center;
    gap: 1em;
    text-align: center;
    padding: 1em;
  }
  .title {
    font-size: 2em;
    font-weight: 700;
    margin: 0;
  }
  .instructions,
  .valid-until {
    margin: 0;
    font-size: 1.25em;
    color: var(--_text);
  }
  .code-and-qr {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 1em 2em;
    max-width: 100%;
  }
  .code-block {
    margin: 0;
    line-height: 1.25;
  }
  .code {
    display: inline-block;
    font-size: var(--_code-size);
    font-weight: 800;
    line-height: 1.25;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    color: var(--_text);
    white-space: nowrap;
  }
  .gap {
    display: inline-block;
    width: 0.3em;
  }
  .qr {
    width: var(--_qr-size);
    height: var(--_qr-size);
    image-rendering: pixelated;
    image-rendering: crisp-edges;
    background: #fff;
    border-radius: var(--_radius, 0.25em);
  }
  .count {
    margin: 0;
    font-size: 1.75em;
    font-weight: 700;
  }
  .notice {
    width: 100%;
  }
  .skeleton-block {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 1em 2em;
  }
  .code-bar {
    display: block;
    width: calc(var(--_code-size) * 4);
    max-width: 80cqi;
    height: var(--_code-size);
  }
  .qr-bar {
    display: block;
    width: var(--_qr-size);
    height: var(--_qr-size);
  }
`;
