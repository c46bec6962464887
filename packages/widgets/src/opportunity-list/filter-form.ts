/**
 * The filter form of `<vk-opportunity-list>` (search, category, region, date), in a chunk of its
 * own: most lists on partner pages show no filters, so the CDN entry does not carry the form. The
 * list loads this module with its first render that names a filter and shows its loading
 * placeholder until the form is there, so nothing moves when it arrives.
 *
 * The form reads and sets the list's reflected filter properties; the list's task reloads on each
 * change.
 *
 * @module
 */
import { html, nothing } from 'lit';
import type { Category } from '@volunteerkit/sdk';
import type { opportunityListMessages } from './opportunity-list.messages.js';
import type { OpportunityListFilter } from './opportunity-list.js';

const CATEGORIES: readonly Category[] = ['community', 'elderly', 'children', 'education', 'environment', 'health', 'emergency', 'culture', 'sports_events', 'civic'];

/** Typing pauses this long before a search is sent. */
const SEARCH_DEBOUNCE_MS = 350;

export interface RegionOption {
  code: string;
  label: string;
}

/** `"330106=西湖区, 330105=拱墅区"` → options; a bare code is its own label. */
export function parseRegionOptions(value: string | undefined): RegionOption[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [code = '', ...label] = part.split('=');
      return { code: code.trim(), label: label.join('=').trim() || code.trim() };
    });
}

/** What the form needs of the list: its filter values (reflected attributes) and its shadow root. */
export interface FilteredList {
  query?: string | undefined;
  category?: string | undefined;
  region?: string | undefined;
  date?: string | undefined;
  regionOptions?: string | undefined;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

type Messages = ReturnType<typeof opportunityListMessages>;

export class FilterForm {
  private searchTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly list: FilteredList) {}

  /** Drops a search still waiting for the reader to stop typing (filters cleared, list removed). */
  cancelSearch(): void {
    clearTimeout(this.searchTimer);
  }

  render(shown: ReadonlySet<OpportunityListFilter>, messages: Messages, clearButton: unknown) {
    const list = this.list;
    const regionOptions = parseRegionOptions(list.regionOptions);
    return html`
      <form part="filters" class="filters" role="search" aria-label=${messages.filtersLabel} @submit=${this.onSubmit}>
        ${shown.has('search')
          ? html`<div part="filter" class="field field--search">
              <label for="vk-search">${messages.search}</label>
              <input part="search-input" id="vk-search" class="input" type="search" enterkeyhint="search" autocomplete="off"
                placeholder=${messages.searchPlaceholder} .value=${list.query ?? ''} @input=${this.onSearchInput} />
            </div>`
          : nothing}
        ${shown.has('category')
          ? html`<div part="filter" class="field">
              <label for="vk-category">${messages.category}</label>
              <select part="category-select" id="vk-category" class="input" @change=${this.onCategoryChange}>
                <option value="" ?selected=${!list.category}>${messages.anyCategory}</option>
                ${CATEGORIES.map((category) => html`<option value=${category} ?selected=${list.category === category}>${messages.categories[category]}</option>`)}
              </select>
            </div>`
          : nothing}
        ${shown.has('region')
          ? html`<div part="filter" class="field">
              <label for="vk-region">${messages.region}</label>
              ${regionOptions.length
                ? html`<select part="region-select" id="vk-region" class="input" @change=${this.onRegionChange}>
                    <option value="" ?selected=${!list.region}>${messages.anyRegion}</option>
                    ${regionOptions.map((option) => html`<option value=${option.code} ?selected=${list.region === option.code}>${option.label}</option>`)}
                  </select>`
                : html`<input part="region-select" id="vk-region" class="input" inputmode="numeric" pattern="\\d{2}(\\d{2}(\\d{2})?)?" maxlength="6"
                    placeholder=${messages.regionCodePlaceholder} .value=${list.region ?? ''} @change=${this.onRegionChange} />`}
            </div>`
          : nothing}
        ${shown.has('date')
          ? html`<div part="filter" class="field">
              <label for="vk-date">${messages.date}</label>
              <input part="date-input" id="vk-date" class="input" type="date" .value=${list.date ?? ''} @change=${this.onDateChange} />
            </div>`
          : nothing}
        ${clearButton}
      </form>
    `;
  }

  private onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => (this.list.query = value || undefined), SEARCH_DEBOUNCE_MS);
  };

  private onSubmit = (event: SubmitEvent): void => {
    // Enter in the search box searches at once instead of waiting for the debounce.
    event.preventDefault();
    clearTimeout(this.searchTimer);
    const input = this.list.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
    if (input) this.list.query = input.value || undefined;
  };

  private onCategoryChange = (event: Event): void => {
    this.list.category = (event.target as HTMLSelectElement).value || undefined;
  };

  private onRegionChange = (event: Event): void => {
    this.list.region = (event.target as HTMLInputElement | HTMLSelectElement).value.trim() || undefined;
  };

  private onDateChange = (event: Event): void => {
    this.list.date = (event.target as HTMLInputElement).value || undefined;
  };
}
