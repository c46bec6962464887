import { css } from 'lit';

/**
 * Text wraps, it is never cut: time, place, category and hours are what a reader decides on, and
 * an ellipsis in "08:0…" hides exactly that (large text and a 24 px reader font make it common).
 * Each line keeps a minimum height and the skeleton uses the same classes, so the placeholder
 * holds the usual height of a loaded item and little moves when data arrives.
 */
export const styles = css`
  :host {
    --_line: 1.5em;
    --_title-size: 1.125em;
    --_title-line: 1.4;
    --_gap: 0.75em;
  }

  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_gap);
    margin-block-end: var(--_space);
  }
  .filters .field {
    flex: 1 1 10em;
  }
  .filters .field--search {
    flex: 2 1 14em;
  }
  .filters .clear {
    flex: 0 0 auto;
  }

  .items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  .layout-cards .items:not(.items--virtual) {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 17em), 1fr));
  }
  /* The virtualizer positions items itself (one column, by flow); spacing becomes margins it measures. */
  .items--virtual {
    display: block;
  }
  .items--virtual > .item {
    width: 100%;
    margin-block-end: var(--_gap);
  }

  .item {
    display: flex;
    flex-direction: column;
    min-width: 0;
    padding: 0.875em 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }

  .line {
    min-height: var(--_line);
    line-height: var(--_line);
  }
  .title-line {
    margin: 0.25em 0;
    font-size: var(--_title-size);
    font-weight: 700;
    line-height: var(--_title-line);
    min-height: calc(2em * var(--_title-line));
  }
  .item--skeleton .title-line {
    display: flex;
    flex-direction: column;
    justify-content: space-around;
  }
  .meta-line {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 0.5em;
    align-items: center;
  }
  .badge {
    display: inline-block;
    padding: 0 0.5em;
    border: 0.0625em solid currentColor;
    border-radius: 1em;
    font-size: 0.8125em;
    line-height: 1.5;
    font-weight: 600;
    color: var(--_success);
  }
  .status-full,
  .status-closed,
  .status-cancelled {
    color: var(--_danger);
  }
  .status-completed,
  .status-in_progress,
  .status-draft {
    color: var(--_muted);
  }
  .category,
  .organizer,
  .more-shifts {
    color: var(--_muted);
  }
  /* A row's labels ("时间: ", "地点: ", "组织方: ") are for screen readers only: the alternative text of
     an empty generated box, which Chromium, Firefox and WebKit read before the line's text. A visually
     hidden element would give every row three positioned, clipped boxes to lay out and paint while
     it scrolls. Browsers without alternative text (before 2024) read the line without its label,
     as sighted readers see it. */
  [data-label]::before {
    content: '' / attr(data-label);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1em;
  }
  /* In a card the time often takes two lines (date, time range, "1 more shift"): reserve them,
     as for the title, so a loaded card is as tall as its placeholder. */
  .layout-cards .time {
    min-height: calc(2 * var(--_line));
  }
  .spots {
    font-weight: 600;
    color: var(--_success);
  }
  .spots--none {
    color: var(--_danger);
  }
  .actions {
    margin-block-start: auto;
    padding-block-start: 0.75em;
    min-height: calc(var(--_target) + 0.75em);
    display: flex;
    justify-content: flex-end;
  }

  .skeleton.bar {
    height: 1em;
    display: inline-block;
    vertical-align: middle;
  }
  .w-30 { width: 30%; }
  .w-40 { width: 40%; }
  .w-50 { width: 50%; }
  .w-60 { width: 60%; }
  .w-70 { width: 70%; }
  .w-80 { width: 80%; }
  .skeleton.action-bar {
    display: block;
    width: 7em;
    height: var(--_target);
    border-radius: var(--_radius);
  }

  /* list: text on the left, the action on the right — when there is room for both. Where there
     is not (a phone, large text), the action goes below the text, as in cards. The container
     query measures the widget, not the screen: a list in a narrow sidebar behaves as on a phone. */
  .layout-list,
  .layout-compact {
    container-type: inline-size;
  }
  @container (min-width: 30em) {
    .layout-list .item {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      column-gap: 1em;
    }
    .layout-list .item > :not(.actions) {
      grid-column: 1;
    }
    .layout-list .actions {
      grid-column: 2;
      grid-row: 1 / span 6;
      align-self: center;
      margin: 0;
      padding: 0;
    }
  }

  /* compact: one row per item, only what is needed to decide; the action beside the text when
     the widget is at least 20em wide (a sidebar at the default size), else below it. */
  .layout-compact .item {
    padding: 0.375em 0.75em;
  }
  @container (min-width: 20em) {
    .layout-compact .item {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: center;
      column-gap: 1em;
    }
  }
  .layout-compact .meta-line,
  .layout-compact .organizer,
  .layout-compact .place,
  .layout-compact .hours {
    display: none;
  }
  .layout-compact .title-line {
    font-size: 1em;
    min-height: var(--_line);
    line-height: var(--_line);
    margin: 0;
    grid-column: 1;
  }
  .layout-compact .time,
  .layout-compact .facts {
    grid-column: 1;
    font-size: 0.875em;
  }
  .layout-compact .actions {
    grid-column: 2;
    grid-row: 1 / span 3;
    margin: 0;
    padding: 0.375em 0 0;
    min-height: var(--_target);
    align-items: center;
  }
  @container (min-width: 20em) {
    .layout-compact .actions {
      padding: 0;
    }
  }

  .more-row {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5em;
    margin-block-start: var(--_space);
    min-height: var(--_target);
  }
  .more-error {
    margin: 0;
    color: var(--_danger);
  }

  .dialog {
    width: min(40em, calc(100vw - 2em));
    max-height: calc(100dvh - 2em);
    padding: 0;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .dialog-header {
    position: sticky;
    top: 0;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    padding: 0.75em 1em;
    background: var(--_surface);
    border-block-end: 0.0625em solid var(--_border);
  }
  .dialog-title {
    margin: 0;
    min-width: 0;
    font-size: 1.125em;
  }
  /* A long title wraps; the close button keeps its word on one line. */
  .dialog-close {
    flex: 0 0 auto;
    white-space: nowrap;
  }
  .dialog vk-signup-form {
    display: block;
    padding: 1em;
  }
  /* From the CDN the form's code may still be on its way: hold the dialog at a form's height. */
  .dialog vk-signup-form:not(:defined) {
    min-height: 24em;
  }
`;
