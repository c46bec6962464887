import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import { configContext, type WidgetConfig, type WidgetTheme } from '../shared/config.js';
import { VERSION } from '../shared/version.js';

/**
 * Widgets inside take any setting they do not carry themselves from the nearest provider.
 * Providers nest: an inner provider inherits what it does not set from the outer one. A
 * provider renders nothing of its own (`display: contents`).
 *
 * @summary Shares one configuration with every VolunteerKit widget inside it.
 * @tag vk-provider
 *
 * @slot - The widgets (and any other content) the configuration applies to.
 */
export class VkProvider extends LitElement {
  static readonly version: string = VERSION;

  /** The provider adds no box of its own (`display: contents`). */
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The platform API for the widgets inside, e.g. `https://api.volunteerkit.example`. */
  @property({ attribute: 'base-url', reflect: true }) baseUrl?: string;

  /** The channel's publishable key (`pk_test_…` / `pk_live_…`). */
  @property({ attribute: 'publishable-key', reflect: true }) publishableKey?: string;

  /** `zh-CN`, `zh-TW` or `en` for the widgets inside. */
  @property({ reflect: true }) locale?: string;

  /** `light`, `dark` or `auto`. */
  @property({ reflect: true }) theme?: WidgetTheme;

  /** Large text for every widget inside. */
  @property({ attribute: 'large-text', type: Boolean, reflect: true }) largeText = false;

  /**
   * A volunteer session token (`vst_…`) for every widget inside: the form signs this volunteer up
   * and shows their sign-up, the list marks what they signed up to. A property only, never an
   * attribute, so it does not end up in HTML, logs or referrers.
   */
  @property({ attribute: false }) session?: string;

  private inherited: WidgetConfig = {};

  private readonly provider = new ContextProvider(this, { context: configContext, initialValue: {} });

  private readonly parent = new ContextConsumer(this, {
    context: configContext,
    subscribe: true,
    callback: (value) => {
      this.inherited = value;
      this.provide();
    },
  });

  /** The configuration the widgets inside receive (before their own attributes apply). */
  get value(): WidgetConfig {
    return this.provider.value;
  }

  protected override willUpdate(): void {
    this.provide();
  }

  private provide(): void {
    const own: WidgetConfig = {
      baseUrl: this.baseUrl,
      publishableKey: this.publishableKey,
      locale: this.locale,
      theme: this.theme,
      largeText: this.largeText || undefined,
      session: this.session,
    };
    const merged: WidgetConfig = { ...this.inherited };
    for (const [key, value] of Object.entries(own)) {
      if (value !== undefined && value !== '') (merged as Record<string, unknown>)[key] = value;
    }
    const current = this.provider.value;
    const keys = new Set([...Object.keys(merged), ...Object.keys(current)]) as Set<keyof WidgetConfig>;
    // A new object only when something changed: consumers are notified on every new value.
    if ([...keys].some((key) => merged[key] !== current[key])) this.provider.setValue(merged);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
