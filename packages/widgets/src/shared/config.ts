/**
 * Where a widget gets its configuration: its own attributes, else the nearest `<vk-provider>`,
 * else the page-wide `configure()` (`VolunteerKit.configure` on the CDN). See ConfigController.
 *
 * @module
 */
import { ContextConsumer, ContextRoot, createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createBaseClient, type BaseClient } from '@volunteerkit/sdk';
import { nearestLangBelowDocument, toSupportedLocale, type VkLocale } from './locale.js';

export type { VkLocale } from './locale.js';

export type WidgetTheme = 'light' | 'dark' | 'auto';

/** Everything a widget can be configured with, from any of the three sources. */
export interface WidgetConfig {
  /** The platform API, e.g. `https://api.volunteerkit.example` (no `/v1`). */
  baseUrl?: string;
  /** The channel's publishable key, `pk_test_…` or `pk_live_…`. Never a secret key. */
  publishableKey?: string;
  /** `zh-CN`, `zh-TW` or `en` (any BCP 47 tag is mapped onto these). */
  locale?: string;
  theme?: WidgetTheme;
  /** Larger type and targets for elderly readers. */
  largeText?: boolean;
  /**
   * A volunteer session token (`vst_…`) from the partner's back end: the form signs this
   * volunteer up and shows their sign-up, the list marks what they signed up to. Set it as a
   * property (of a widget, a provider or `configure()`), never as an attribute or in a URL.
   */
  session?: string;
}

/**
 * The context `<vk-provider>` provides. `Symbol.for` (not `Symbol()`) so that two copies of the
 * widgets on one page, e.g. an npm build and the CDN bundle, still find each other's providers.
 */
export const configContext = createContext<WidgetConfig>(Symbol.for('vk-config'));

// ---------------------------------------------------------------------------------------------
// The page-wide configuration. Kept on globalThis under a registered symbol, again so that two
// copies of this module (npm + CDN) share one configuration instead of silently disagreeing.

interface GlobalConfigStore {
  config: WidgetConfig;
  listeners: Set<() => void>;
}

const GLOBAL_STORE = Symbol.for('volunteerkit.global-config');

function globalStore(): GlobalConfigStore {
  const holder = globalThis as unknown as Record<symbol, GlobalConfigStore | undefined>;
  return (holder[GLOBAL_STORE] ??= { config: {}, listeners: new Set() });
}

function withoutUndefined(config: WidgetConfig): WidgetConfig {
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as WidgetConfig;
}

/**
 * Sets page-wide defaults for every widget that has neither its own attribute nor a provider for
 * a setting. Merges with earlier calls; widgets already on the page update.
 */
export function configure(config: WidgetConfig): void {
  const store = globalStore();
  store.config = { ...store.config, ...withoutUndefined(config) };
  for (const listener of [...store.listeners]) listener();
}

/** The page-wide configuration as `configure()` calls left it. */
export function getGlobalConfig(): Readonly<WidgetConfig> {
  return globalStore().config;
}

/** Forgets every `configure()` call. For tests and for hosts that tear a page section down. */
export function resetGlobalConfig(): void {
  const store = globalStore();
  store.config = {};
  for (const listener of [...store.listeners]) listener();
}

// ---------------------------------------------------------------------------------------------
// One SDK client per (baseUrl, key, locale) on the page: ten widgets asking the same thing share
// the client's de-duplication of identical GETs and its cache, so they send one request.

const clients = new Map<string, { client: BaseClient } | { error: unknown }>();

/**
 * The shared client for a configuration; throws what `createClient` throws (e.g. for a secret
 * key in a browser). Failures are remembered too, so a refused key is not retried on every render.
 */
export function sharedClient(baseUrl: string, publishableKey: string, locale: VkLocale): BaseClient {
  const key = JSON.stringify([baseUrl, publishableKey, locale]);
  let entry = clients.get(key);
  if (!entry) {
    try {
      // No response validation (`validate` not passed): it would put zod and the whole contract
      // on every page that shows a widget. A response outside the contract still cannot break the
      // host page: the widget's safety net shows its error state (docs/architecture.md, Widgets).
      // A base client: each widget constructs the one resource it calls (`new Opportunities(client)`),
      // so the board's and the form's resources stay in their own chunks.
      entry = { client: createBaseClient({ baseUrl, publishableKey, locale }) };
    } catch (error) {
      entry = { error };
    }
    clients.set(key, entry);
  }
  if ('error' in entry) throw entry.error;
  return entry.client;
}

// ---------------------------------------------------------------------------------------------
// Watching the page for language changes (a campus page's 中文/English switch sets `lang`).

const langListeners = new Set<() => void>();
let langObserver: MutationObserver | undefined;
const notifyLangListeners = () => {
  for (const listener of [...langListeners]) listener();
};

function watchLanguage(listener: () => void): void {
  langListeners.add(listener);
  if (!langObserver) {
    langObserver = new MutationObserver(notifyLangListeners);
    langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    window.addEventListener('languagechange', notifyLangListeners);
  }
}

function unwatchLanguage(listener: () => void): void {
  langListeners.delete(listener);
  if (langListeners.size === 0 && langObserver) {
    langObserver.disconnect();
    langObserver = undefined;
    window.removeEventListener('languagechange', notifyLangListeners);
  }
}

/**
 * A provider may be upgraded after the widgets inside it (npm users import define modules in any
 * order). A ContextRoot on the document keeps unanswered subscriptions and replays them when a
 * provider appears. One per page, shared by every copy of the widgets.
 */
const CONTEXT_ROOT = Symbol.for('volunteerkit.context-root');
function ensureContextRoot(): void {
  const holder = document as unknown as Record<symbol, ContextRoot | undefined>;
  if (holder[CONTEXT_ROOT]) return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  holder[CONTEXT_ROOT] = root;
}

// ---------------------------------------------------------------------------------------------

/** How long after the page has loaded a widget still waits for its configuration to arrive. */
export const CONFIGURATION_GRACE_MS = 500;

/**
 * Resolves when a widget that still has no configuration may say so. Widgets are upgraded as soon
 * as the bundle runs, usually before the page's own `VolunteerKit.configure()` call or before a
 * `<vk-provider>` is defined: reporting "not set up" at once would flash an error (and fire
 * `vk-error`) on a correctly configured page. So wait until the page has loaded, plus a moment;
 * configuration arriving meanwhile aborts the wait through `signal` (the data task restarts).
 */
export function configurationGrace(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      window.removeEventListener('load', afterLoad);
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const afterLoad = () => {
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, CONFIGURATION_GRACE_MS);
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (document.readyState === 'complete') afterLoad();
    else window.addEventListener('load', afterLoad, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------

/** The host a ConfigController serves: a widget with the config attributes as properties. */
export interface ConfigHost extends ReactiveControllerHost, HTMLElement {
  baseUrl?: string | undefined;
  publishableKey?: string | undefined;
  locale?: string | undefined;
  theme?: WidgetTheme | undefined;
  largeText?: boolean;
  /** Only widgets that act for a volunteer have it (a property, never an attribute). */
  session?: string | undefined;
}

/**
 * Resolves a widget's configuration, in this order for each setting:
 *
 * 1. the widget's own attribute (`base-url`, `publishable-key`, `locale`, `theme`, `large-text`;
 *    the `session` property);
 * 2. the nearest `<vk-provider>` above it (subscribed: provider changes flow down);
 * 3. `configure()`.
 *
 * The locale has two more sources, between the provider and `configure()` the nearest `lang`
 * attribute above the widget (crossing shadow roots), and after `configure()` the document's
 * `lang`, then `navigator.language`; anything is mapped onto zh-CN, zh-TW or en.
 *
 * Requests a host update whenever `value`, `client` or `locale` changes.
 */
export class ConfigController implements ReactiveController {
  /** The merged configuration. */
  value: WidgetConfig = {};
  /** The shared SDK client; `null` until both a base URL and a publishable key are configured, or when refused. */
  client: BaseClient | null = null;
  /** Why `client` is `null` although a key is configured (what `createClient` threw). */
  clientError: unknown = undefined;
  /** The locale the widget speaks. */
  locale: VkLocale = 'en';

  private provided: WidgetConfig | undefined;
  private readonly host: ConfigHost;

  private readonly onOutsideChange = (): void => {
    if (this.resolve()) this.host.requestUpdate();
  };

  constructor(host: ConfigHost) {
    this.host = host;
    host.addController(this);
    new ContextConsumer(host, {
      context: configContext,
      subscribe: true,
      callback: (provided) => {
        this.provided = provided;
        this.onOutsideChange();
      },
    });
  }

  hostConnected(): void {
    ensureContextRoot();
    globalStore().listeners.add(this.onOutsideChange);
    watchLanguage(this.onOutsideChange);
    this.resolve();
  }

  hostDisconnected(): void {
    globalStore().listeners.delete(this.onOutsideChange);
    unwatchLanguage(this.onOutsideChange);
    // The provider subscription ends with the consumer; a re-attached widget asks again.
    this.provided = undefined;
  }

  /** Attribute changes arrive as an update: resolve before render, no extra update needed. */
  hostUpdate(): void {
    this.resolve();
  }

  /** Recomputes everything; returns whether anything a render depends on changed. */
  private resolve(): boolean {
    const host = this.host;
    const provided = this.provided ?? {};
    const global = globalStore().config;
    const value: WidgetConfig = {
      baseUrl: host.baseUrl || provided.baseUrl || global.baseUrl,
      publishableKey: host.publishableKey || provided.publishableKey || global.publishableKey,
      locale: host.locale || provided.locale || global.locale,
      theme: host.theme || provided.theme || global.theme || 'auto',
      largeText: Boolean(host.largeText || provided.largeText || global.largeText),
      session: host.session || provided.session || global.session,
    };
    const locale: VkLocale =
      toSupportedLocale(host.locale) ??
      toSupportedLocale(provided.locale) ??
      toSupportedLocale(host.isConnected ? nearestLangBelowDocument(host) : undefined) ??
      toSupportedLocale(global.locale) ??
      toSupportedLocale(document.documentElement.lang) ??
      toSupportedLocale(navigator.language) ??
      'en';

    let client: BaseClient | null = null;
    let clientError: unknown = undefined;
    if (value.publishableKey && value.baseUrl) {
      try {
        client = sharedClient(value.baseUrl, value.publishableKey, locale);
      } catch (error) {
        clientError = error;
      }
    }

    const changed =
      locale !== this.locale ||
      client !== this.client ||
      clientError !== this.clientError ||
      (Object.keys(value) as (keyof WidgetConfig)[]).some((key) => value[key] !== this.value[key]);
    this.value = value;
    this.locale = locale;
    this.client = client;
    this.clientError = clientError;
    return changed;
  }
}
