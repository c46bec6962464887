/**
 * The list's side of my-signups.ts, in the CDN entry: the signed-in volunteer's marks and the
 * fresh spots after a write are a chunk of their own, loaded only when the page has a volunteer
 * session or a sign-up or cancel happens on it. A guest's list (most pages) never downloads it.
 * Until it has arrived the list shows no mark, as it does while the marks are being read; a
 * sign-up or cancel dispatched meanwhile is handed to it once it is there.
 *
 * @module
 */
import { css, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { lazyModule } from '../shared/lazy-module.js';
import type { VkLocale } from '../shared/locale.js';
import { SIGNUP_CHANGE_EVENTS, type VkSignupCancelEvent, type VkSignupSuccessEvent } from '../shared/events.js';
import type { MySignupsController, MySignupsOptions } from './my-signups.js';

/** Shared by every list on the page. */
const mySignups = lazyModule(() => import('./my-signups.js'));

/** The badge's colour; in the list's styles, since a chunk cannot add to them later. */
export const mySignupStyles = css`
  .my-signup {
    color: var(--_primary);
  }
`;

/** Stands in for {@link MySignupsController} until its chunk is needed, then hands over to it. */
export class MySignupsLoader implements ReactiveController {
  #controller: MySignupsController | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #options: MySignupsOptions;

  constructor(host: ReactiveControllerHost, options: MySignupsOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#controller) for (const type of SIGNUP_CHANGE_EVENTS) document.addEventListener(type, this.#onWrite);
  }

  hostDisconnected(): void {
    for (const type of SIGNUP_CHANGE_EVENTS) document.removeEventListener(type, this.#onWrite);
  }

  hostUpdate(): void {
    if (!this.#controller && this.#options.client() && this.#options.session()) void this.#start();
  }

  /** See {@link MySignupsController.statusOf}; nothing until the chunk has arrived. */
  statusOf(opportunityId: string): ReturnType<MySignupsController['statusOf']> {
    return this.#controller?.statusOf(opportunityId);
  }

  /** See {@link MySignupsController.badge}. */
  badge(opportunityId: string, locale: VkLocale): TemplateResult | typeof nothing {
    return this.#controller ? this.#controller.badge(opportunityId, locale) : nothing;
  }

  readonly #onWrite = (event: VkSignupSuccessEvent | VkSignupCancelEvent): void => {
    void this.#start().then((controller) => controller?.handle(event));
  };

  /** Loads the chunk once and puts its controller in place; it listens for the writes from then on. */
  async #start(): Promise<MySignupsController | undefined> {
    let module: typeof import('./my-signups.js');
    try {
      module = await mySignups.load();
    } catch {
      return undefined; // offline: the marks are a convenience; the next update or write tries again
    }
    if (!this.#controller) {
      this.hostDisconnected();
      this.#controller = new module.MySignupsController(this.#host, this.#options);
      this.#host.requestUpdate(); // its hostUpdate reads the session's marks
    }
    return this.#controller;
  }
}
