/**
 * The base class of every VolunteerKit widget: the configuration attributes, config resolution,
 * theme and large-text states, and a safety net so that a bug in a widget never throws into the
 * host page.
 *
 * @module
 */
import { LitElement, html, render, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ConfigController, type WidgetTheme } from './config.js';
import { VkErrorEvent } from './events.js';
import { VERSION } from './version.js';
import { sharedMessages } from './shared.messages.js';

/**
 * Base class for widgets. Subclasses call `this.config` for the resolved configuration
 * (`this.config.client`, `this.config.locale`), and define themselves with `defineElement()`
 * from a `src/define/` module, never from the class module.
 *
 * @cssproperty --vk-color-primary - Buttons, links, focus ring.
 * @cssproperty --vk-color-on-primary - Text on primary buttons.
 * @cssproperty --vk-color-surface - Background.
 * @cssproperty --vk-color-surface-alt - Background of cards and rows.
 * @cssproperty --vk-color-text - Text.
 * @cssproperty --vk-color-muted - Secondary text.
 * @cssproperty --vk-color-border - Borders of inputs and cards.
 * @cssproperty --vk-color-danger - Errors.
 * @cssproperty --vk-color-success - Success, open spots.
 * @cssproperty --vk-color-skeleton - Loading placeholders.
 * @cssproperty --vk-radius - Corner radius.
 * @cssproperty --vk-font-family - Font; inherits the page's by default.
 * @cssproperty --vk-font-size - Base size (16px); everything inside scales in em from it.
 * @cssproperty --vk-large-text-scale - Factor applied by `large-text` (1.25).
 * @cssproperty --vk-focus-ring - Focus outline (`0.1875em solid <primary>`).
 * @csspart crash - The message shown if the widget itself failed (or the server's answer did not
 *   fit what it renders); its `retry-button` loads the data again.
 * @event {VkErrorEvent} vk-error - Something failed; `event.detail.error` says what.
 */
export class VkElement extends LitElement {
  /** The VolunteerKit version this element class belongs to (named in duplicate warnings). */
  static readonly version: string = VERSION;

  /** The platform API; else the provider's, else `configure()`'s. */
  @property({ attribute: 'base-url', reflect: true }) baseUrl?: string;

  /** The channel's publishable key (`pk_…`); else the provider's, else `configure()`'s. */
  @property({ attribute: 'publishable-key', reflect: true }) publishableKey?: string;

  /** `zh-CN`, `zh-TW` or `en`; else the provider's, else the nearest `lang`, else the page's. */
  @property({ reflect: true }) locale?: string;

  /** `light`, `dark` or `auto` (follows the reader's system setting). */
  @property({ reflect: true }) theme?: WidgetTheme;

  /** Larger text and targets, for elderly readers. */
  @property({ attribute: 'large-text', type: Boolean, reflect: true }) largeText = false;

  /** Resolved configuration: own attributes → nearest `<vk-provider>` → `configure()`. */
  protected readonly config = new ConfigController(this);

  /**
   * The element's ElementInternals (custom states carry the resolved theme). Subclasses must use
   * this one: `attachInternals()` can be called only once per element.
   */
  protected readonly internals: ElementInternals = this.attachInternals();

  /** A failure inside the widget's own lifecycle; while set, the crash message is shown. */
  @state() private crash: unknown = undefined;

  override connectedCallback(): void {
    try {
      super.connectedCallback();
    } catch (error) {
      this.reportCrash(error);
    }
  }

  override disconnectedCallback(): void {
    try {
      super.disconnectedCallback();
    } catch (error) {
      console.error(error);
    }
  }

  /** Every update runs inside the safety net: render, willUpdate, updated and controllers. */
  protected override performUpdate(): void {
    try {
      super.performUpdate();
    } catch (error) {
      this.reportCrash(error);
    }
  }

  protected override update(changed: PropertyValues): void {
    // Here, not in willUpdate: controllers (the config among them) resolve between the two.
    this.applyStates();
    if (this.crash === undefined) {
      super.update(changed);
      return;
    }
    // Skip the subclass's render (it is what failed) but still let Lit finish the update.
    Object.getPrototypeOf(LitElement.prototype).update.call(this, changed);
    render(this.renderCrash(), this.renderRoot, this.renderOptions);
  }

  /** Dispatches `vk-error` from the widget. Use for data errors shown in the widget's own state. */
  protected dispatchError(error: unknown): void {
    this.dispatchEvent(new VkErrorEvent(error));
  }

  private reportCrash(error: unknown): void {
    console.error(`VolunteerKit: <${this.localName}> failed and shows an error instead.`, error);
    if (this.crash !== undefined) return; // the crash view itself failed: stop here, no loop
    this.crash = error;
    try {
      this.dispatchError(error);
    } catch (listenerError) {
      console.error(listenerError);
    }
  }

  private renderCrash() {
    const messages = sharedMessages(this.config.locale);
    return html`<div part="crash" class="state state--error" role="alert">
      <p class="state__title">${messages.errorUnexpected}</p>
      <button part="retry-button" class="button button--secondary" type="button" @click=${this.recoverFromCrash}>${messages.retry}</button>
    </div>`;
  }

  /**
   * The crash view's retry: load the data again. What crashed a render is usually the data (the
   * widgets do not check answers against the contract, to keep zod out of the bundle), so
   * rendering the same data again would crash again.
   */
  protected reloadAfterCrash(): void {}

  private recoverFromCrash = (): void => {
    this.crash = undefined;
    this.reloadAfterCrash();
  };

  private applyStates(): void {
    const states = this.internals.states as CustomStateSet | undefined;
    if (!states) return; // custom states unsupported: own attributes still theme the widget
    const theme = this.config.value.theme ?? 'auto';
    for (const name of ['light', 'dark', 'auto'] as const) {
      if (name === theme) states.add(name);
      else states.delete(name);
    }
    if (this.config.value.largeText) states.add('large-text');
    else states.delete('large-text');
  }
}
