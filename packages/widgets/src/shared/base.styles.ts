/**
 * Styles every widget starts from: a reset against the host page, the design tokens, themes,
 * large text, motion, focus, and the shared controls (buttons, inputs, skeletons).
 *
 * Theme and large text are applied through custom states (`:host(:state(dark))`) that VkElement
 * sets from the resolved configuration, so a theme given by `<vk-provider>` or `configure()`
 * styles the widget without writing attributes the page did not set. The own-attribute
 * selectors (`:host([theme=dark])`) are repeated in separate rules for browsers without
 * `:state()` (an unknown pseudo-class would invalidate a shared selector list).
 *
 * @module
 */
import { css } from 'lit';

/** Light tokens: each public `--vk-…` property overrides the default, resolved into `--_…`. */
const lightTokens = css`
  --_primary: var(--vk-color-primary, #0b5cad);
  --_on-primary: var(--vk-color-on-primary, #ffffff);
  --_surface: var(--vk-color-surface, #ffffff);
  --_surface-alt: var(--vk-color-surface-alt, #f6f8fa);
  --_text: var(--vk-color-text, #1f2328);
  --_muted: var(--vk-color-muted, #57606a);
  --_border: var(--vk-color-border, #6e7781);
  --_danger: var(--vk-color-danger, #b42318);
  --_success: var(--vk-color-success, #1a7f37);
  --_skeleton: var(--vk-color-skeleton, #e6e9ed);
  color-scheme: light;
`;

/** Dark tokens: every pair passes WCAG AA (4.5:1 for text) on both surfaces. */
const darkTokens = css`
  --_primary: var(--vk-color-primary, #58a6ff);
  --_on-primary: var(--vk-color-on-primary, #0d1117);
  --_surface: var(--vk-color-surface, #161b22);
  --_surface-alt: var(--vk-color-surface-alt, #0d1117);
  --_text: var(--vk-color-text, #e6edf3);
  --_muted: var(--vk-color-muted, #9da7b3);
  --_border: var(--vk-color-border, #8b949e);
  --_danger: var(--vk-color-danger, #ff7b72);
  --_success: var(--vk-color-success, #3fb950);
  --_skeleton: var(--vk-color-skeleton, #2d333b);
  color-scheme: dark;
`;

/*
 * Large text scales the widget's top-level elements rather than the host: the host's size may be
 * the keyword medium (see below), which calc() cannot multiply. Everything inside is in em, so
 * one factor here scales text, spacing and targets alike.
 */
const largeText = css`
  font-size: calc(1em * var(--vk-large-text-scale, 1.25));
`;

export const hostStyles = css`
  :host {
    /* Inherited properties of the host page (line-height, letter-spacing, text-transform,
       white-space, color…) stop here; custom properties still pass, so tokens set on the page work. */
    all: initial;
    display: block;
    box-sizing: border-box;
    /* medium is the reader's own default font size (16 px unless they changed it; 24 px for
       many elderly readers). Not rem: a host page with html { font-size: 62.5% } must not shrink
       the widget, and not px: the reader's setting must scale it. */
    font-size: var(--vk-font-size, medium);
    font-family: var(--vk-font-family, inherit);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
    border-radius: var(--vk-radius, 0.5em);
    text-align: start;
    overflow-wrap: anywhere;
    --_radius: var(--vk-radius, 0.5em);
    --_space: var(--vk-space, 1em);
    --_focus-ring: var(--vk-focus-ring, 0.1875em solid var(--_primary));
    /* Minimum size of anything clickable: 2.75em = 44 px at the default size (WCAG 2.5.5). */
    --_target: 2.75em;
    ${lightTokens}
  }
  :host([hidden]) {
    display: none;
  }
  :host(:state(dark)) {
    ${darkTokens}
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:state(auto)) {
      ${darkTokens}
    }
    :host([theme='auto']) {
      ${darkTokens}
    }
  }
  :host(:state(large-text)) > * {
    ${largeText}
  }
  :host([large-text]) > * {
    ${largeText}
  }

  /* border-box itself, not inherit: in Chromium an explicitly inherited value keeps an element's
     style out of the cache it shares with its like siblings, and restyling every new row from
     scratch was most of a long list's scroll (docs/architecture.md). */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 0.125em;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }

  /* Text only screen readers get (e.g. "3 stars" next to ★★★, the live region). */
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

export const controlStyles = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: var(--_target);
    min-width: var(--_target);
    padding: 0.5em 1em;
    border: 0.0625em solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    filter: brightness(1.08);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }
  .button--secondary {
    background: transparent;
    color: var(--_primary);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    min-width: 0;
  }
  .field > label,
  .label {
    font-size: 0.875em;
    font-weight: 600;
    color: var(--_text);
  }
  .input {
    min-height: var(--_target);
    width: 100%;
    padding: 0.5em 0.75em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }
`;

export const skeletonStyles = css`
  .skeleton {
    display: block;
    border-radius: 0.25em;
    background: var(--_skeleton);
    animation: vk-pulse 1.5s ease-in-out infinite;
  }
  /* A widget's placeholder (its skeleton part) pulses as one block, not bar by bar: a list of
     10 has 70 bars, of 100 seven hundred, and each animated bar is a layer that every frame of the
     page restyles and commits. */
  [part~='skeleton'] {
    animation: vk-pulse 1.5s ease-in-out infinite;
  }
  [part~='skeleton'] .skeleton {
    animation: none;
  }
  @keyframes vk-pulse {
    50% {
      opacity: 0.55;
    }
  }
`;

/** State blocks (empty, error) shared by the widgets. */
export const stateStyles = css`
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75em;
    padding: calc(var(--_space) * 1.5) var(--_space);
    text-align: center;
    color: var(--_muted);
  }
  .state--error {
    color: var(--_text);
  }
  .state__title {
    margin: 0;
    font-weight: 600;
    color: var(--_text);
  }
  .state--error .state__title {
    color: var(--_danger);
  }
  .state p {
    margin: 0;
  }
`;

/** Everything a widget needs from the shared styles, in order. Spread into `static styles`. */
export const baseStyles = [hostStyles, controlStyles, skeletonStyles, stateStyles];
