/**
 * The CDN entry (`volunteerkit.js`): every tag, Lit bundled privately, and `window.VolunteerKit`.
 * `<vk-provider>` and `<vk-opportunity-list>` are defined at once; `<vk-honor-board>` and
 * `<vk-signup-form>` when first used (their code is in chunks beside this file; see
 * `shared/on-demand.ts` and docs/architecture.md, Widgets, "The CDN entry holds what a list needs").
 *
 * ```html
 * <script type="module" src="https://…/volunteerkit.js"></script>
 * <script type="module">VolunteerKit.configure({ baseUrl: '…', publishableKey: 'pk_live_…' })</script>
 * ```
 *
 * If the inline loader snippet ran first, `window.VolunteerKit` is its queueing stub: calls made
 * through it (`VolunteerKit('configure', {…})`) are replayed here, in order, and the stub is
 * replaced by the real API, which stays callable the same way.
 *
 * @module
 */
// First: evaluated before Lit, so that a second copy of this bundle reuses the page's lit-html policy.
import { releaseLitPolicy } from './shared/lit-policy.js';
import './define/vk-provider.js';
import './define/vk-opportunity-list.js';
import { defineOnDemand, loadElement } from './shared/on-demand.js';
import { configure, getGlobalConfig } from './shared/config.js';
import { VERSION } from './shared/version.js';

export { configure } from './shared/config.js';

// Lit has been evaluated (it is imported above): the page's own createPolicy goes back in place.
releaseLitPolicy();

type Command = 'configure' | 'load';

/** The tags whose code loads on first use. */
const ON_DEMAND = {
  'vk-honor-board': () => import('./define/vk-honor-board.js'),
  'vk-signup-form': () => import('./define/vk-signup-form.js'),
  'vk-checkin': () => import('./define/vk-checkin.js'),
  'vk-my-hours': () => import('./define/vk-my-hours.js'),
  'vk-checkin-code': () => import('./define/vk-checkin-code.js'),
  'vk-roster': () => import('./define/vk-roster.js'),
  'vk-rewards': () => import('./define/vk-rewards.js'),
  'vk-certificate': () => import('./define/vk-certificate.js'),
  'vk-verify': () => import('./define/vk-verify.js'),
  'vk-needs-board': () => import('./define/vk-needs-board.js'),
  'vk-need-form': () => import('./define/vk-need-form.js'),
  'vk-impact-stats': () => import('./define/vk-impact-stats.js'),
  'vk-my-claims': () => import('./define/vk-my-claims.js'),
  'vk-need-confirm': () => import('./define/vk-need-confirm.js'),
};

/**
 * Loads the code of on-demand tags now (all of them when none is named) and resolves when they
 * are defined. Needed only for elements the bundle cannot see being used: inside another
 * component's shadow root. Elements in the document load by themselves.
 */
function load(...tags: string[]): Promise<void> {
  return Promise.all((tags.length > 0 ? tags : Object.keys(ON_DEMAND)).map(loadElement)).then(() => {});
}

/** What `window.VolunteerKit` is after the bundle has loaded. */
export interface VolunteerKitGlobal {
  (command: Command, ...args: unknown[]): void;
  configure: typeof configure;
  load: typeof load;
  getConfig: typeof getGlobalConfig;
  version: string;
  /** Calls queued by the loader snippet before the bundle arrived (replayed, then emptied). */
  q?: Array<ArrayLike<unknown>>;
}

declare global {
  interface Window {
    VolunteerKit?: VolunteerKitGlobal | (((...args: unknown[]) => void) & { q?: Array<ArrayLike<unknown>>; l?: number });
  }
}

const commands: Record<Command, (...args: never[]) => void> = {
  configure: configure as (...args: never[]) => void,
  load: load as (...args: never[]) => void,
};

function run(command: string, args: ArrayLike<unknown>): void {
  const handler = commands[command as Command];
  if (!handler) {
    console.warn(`VolunteerKit: unknown command "${command}". Known: ${Object.keys(commands).join(', ')}.`);
    return;
  }
  try {
    (handler as (...a: unknown[]) => void)(...Array.from(args));
  } catch (error) {
    // A host page's bad call must not stop the rest of the queue (or the page).
    console.error(`VolunteerKit: "${command}" failed`, error);
  }
}

function install(): void {
  const existing = window.VolunteerKit as (VolunteerKitGlobal & { l?: number }) | undefined;
  // A second copy of the bundle: the first copy's API (and tags) stay; the guard has warned.
  if (existing && typeof existing.configure === 'function' && existing.version) return;

  const queued: Array<ArrayLike<unknown>> = existing?.q ?? [];
  const api = function VolunteerKit(command: Command, ...args: unknown[]): void {
    run(command, args);
  } as VolunteerKitGlobal;
  api.configure = configure;
  api.load = load;
  api.getConfig = getGlobalConfig;
  api.version = VERSION;
  window.VolunteerKit = api;
  for (const call of queued) {
    const [command, ...args] = Array.from(call);
    run(String(command), args);
  }
}

// Most pages only list: the board's and the form's code (two thirds of the widgets) loads when
// one of them is first used. Registered before the queue is replayed, which may ask to load them.
for (const [tag, importDefinition] of Object.entries(ON_DEMAND)) defineOnDemand(tag, importDefinition);

install();
