import { css } from 'lit';

/**
 * Large cards for readers who enlarge text: everything in em, one column that becomes a grid of
 * 18em cards where there is room; the 认领 button spans the card at 3em high; long titles wrap,
 * nothing is clipped at 320 px.
 */
export const styles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
    margin-block-end: var(--_space);
  }
  .filter {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
    flex: 1 1 10em;
    min-width: 0;
  }
  .filter__label {
    font-weight: 700;
  }
  .select {
    min-height: var(--_target);
    width: 100%;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 18em), 1fr));
    gap: var(--_space);
  }
  .card {
    display: flex;
    flex-direction: column;
    gap: 0.375em;
    padding: 1em;
    border: 0.0625em solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .card p,
  .title {
    margin: 0;
  }
  .service {
    font-weight: 700;
    color: var(--_primary);
  }
  .title {
    font-size: 1.25em;
    line-height: 1.3;
  }
  .facts {
    display: flex;
    flex-direction: column;
    gap: 0.125em;
  }
  .muted {
    color: var(--_muted);
  }
  .status {
    font-weight: 700;
  }
  .claim {
    min-height: 3em;
    width: 100%;
    margin-block-start: 0.5em;
    font-size: 1.125em;
  }
  .claim-message:empty {
    display: none;
  }
  .is-error {
    color: var(--_danger);
  }
  .sign-in {
    margin: 0 0 0.75em;
  }
  .load-more {
    margin-block-start: var(--_space);
    width: 100%;
  }
  .bar {
    display: block;
    height: 1.25em;
  }
`;
