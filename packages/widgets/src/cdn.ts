/**
 * The CDN entry (`volunteerkit.js`): every tag, Lit bundled privately, and `window.VolunteerKit`.
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
import './index.js';
import { configure, getGlobalConfig } from './shared/config.js';
import { VERSION } from './shared/version.js';

export { configure } from './shared/config.js';

type Command = 'configure';

/** What `window.VolunteerKit` is after the bundle has loaded. */
export interface VolunteerKitGlobal {
  (command: Command, ...args: unknown[]): void;
  configure: typeof configure;
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
  api.getConfig = getGlobalConfig;
  api.version = VERSION;
  window.VolunteerKit = api;
  for (const call of queued) {
    const [command, ...args] = Array.from(call);
    run(String(command), args);
  }
}

install();
