/**
 * Tags whose code loads when the page first uses them (the CDN bundle does this for
 * `<vk-signup-form>`: a page that only lists opportunities never downloads the form).
 *
 * A tag is "used" when an element with its name is in the document at start-up or is added later
 * (a MutationObserver watches the document while anything is left to load), or when a widget asks
 * for it with {@link loadElement} — which is how elements inside shadow roots are found, since no
 * observer of the document sees into those. The npm build registers nothing here: there every
 * `define/*.js` module the host imports defines its tag at once, and {@link loadElement} is a
 * no-op.
 *
 * @module
 */
import { reportDuplicate } from './define.js';
import { VERSION } from './version.js';

/**
 * Tag → version of the copy of VolunteerKit that will define it on demand, shared by every copy
 * on the page (a global, not module state: a second CDN bundle is a second module graph).
 */
type Claims = Map<string, string>;
const CLAIMS = Symbol.for('volunteerkit.on-demand');
const claims: Claims = ((globalThis as { [CLAIMS]?: Claims })[CLAIMS] ??= new Map());

const loaders = new Map<string, () => Promise<unknown>>();
const loading = new Map<string, Promise<void>>();
let observer: MutationObserver | undefined;

/**
 * Defines `tag` by calling `load` (a dynamic import of its `define/*.js` module) once an element
 * of that name is used. If another copy of VolunteerKit already defines or claims `tag`, that copy
 * keeps it and the usual one-line duplicate warning names both versions.
 */
export function defineOnDemand(tag: string, load: () => Promise<unknown>): void {
  const existing = customElements.get(tag) as { version?: string } | undefined;
  const claimedBy = existing ? (existing.version ?? 'unknown') : claims.get(tag);
  if (claimedBy !== undefined) {
    reportDuplicate(tag, claimedBy, VERSION);
    return;
  }
  claims.set(tag, VERSION);
  loaders.set(tag, load);
  if (document.getElementsByTagName(tag).length > 0) void loadElement(tag);
  else watchDocument();
}

/**
 * Loads the code of an on-demand `tag` now and resolves when the tag is defined. Resolves at once
 * when the tag is already defined or nothing here loads it. A failed load (offline) is forgotten,
 * so the next use tries again; until then the element stays undefined, showing the space its
 * `:not(:defined)` style reserves.
 */
export function loadElement(tag: string): Promise<void> {
  const load = loaders.get(tag);
  if (!load || customElements.get(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().then(
      () => {
        loaders.delete(tag);
        loading.delete(tag);
        if (loaders.size === 0) stopWatching();
      },
      (error: unknown) => {
        loading.delete(tag);
        console.error(`VolunteerKit: could not load <${tag}>; it will be tried again when used or back online.`, error);
        addEventListener('online', () => {
          if (document.getElementsByTagName(tag).length > 0) void loadElement(tag);
        }, { once: true });
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

function watchDocument(): void {
  if (observer) return;
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        for (const tag of loaders.keys()) {
          const element = node as Element;
          if (element.localName === tag || element.getElementsByTagName(tag).length > 0) void loadElement(tag);
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

function stopWatching(): void {
  observer?.disconnect();
  observer = undefined;
}
