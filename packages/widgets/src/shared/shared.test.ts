import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { VkElement } from './vk-element.js';
import { configure, resetGlobalConfig } from './config.js';
import { defineElement } from './define.js';
import { formatDateRange, formatNumber, plural } from './i18n.js';
import { toSupportedLocale } from './locale.js';
import { VERSION } from './version.js';
import { lazyModule } from './lazy-module.js';
import '../define/vk-provider.js';
import { baseStyles } from './base.styles.js';
import type { VkErrorEvent } from './events.js';

/** A minimal widget that shows what its ConfigController resolved. */
class ConfigProbe extends VkElement {
  protected override render() {
    const { value, locale, client } = this.config;
    return html`<span id="out">${value.baseUrl ?? '-'}|${value.publishableKey ?? '-'}|${locale}|${value.theme}|${client ? 'client' : 'none'}</span>`;
  }
  get resolved(): string {
    return this.renderRoot.querySelector('#out')?.textContent ?? '';
  }
  get sharedClient() {
    return this.config.client;
  }
}
defineElement('vk-test-config-probe', ConfigProbe);

/** A widget with a bug in render, to prove the safety net. */
class BrokenWidget extends VkElement {
  shouldFail = true;
  protected override render() {
    if (this.shouldFail) throw new Error('render bug');
    return html`<p id="ok">fine</p>`;
  }
}
defineElement('vk-test-broken', BrokenWidget);

/** A widget with the shared styles and one button, to check what the host page can and cannot reach. */
class StyledProbe extends VkElement {
  static override styles = baseStyles;
  protected override render() {
    return html`<p id="text">文字 text</p><button class="button" type="button">OK</button>`;
  }
}
defineElement('vk-test-styled-probe', StyledProbe);

async function settle(el: VkElement): Promise<void> {
  await el.updateComplete;
  await nextFrame();
  await el.updateComplete;
}

describe('config resolution: attribute → provider → configure()', () => {
  afterEach(() => resetGlobalConfig());

  it('uses configure() when there is neither attribute nor provider, and follows later calls', async () => {
    configure({ baseUrl: 'https://global.example', publishableKey: 'pk_test_global1' });
    const el = await fixture<ConfigProbe>(html`<vk-test-config-probe locale="en"></vk-test-config-probe>`);
    expect(el.resolved).to.equal('https://global.example|pk_test_global1|en|auto|client');
    configure({ publishableKey: 'pk_test_global2', theme: 'dark' });
    await settle(el);
    expect(el.resolved).to.equal('https://global.example|pk_test_global2|en|dark|client');
  });

  it('prefers the nearest provider over configure(), and its own attribute over both', async () => {
    configure({ baseUrl: 'https://global.example', publishableKey: 'pk_test_global1' });
    const root = await fixture(html`<vk-provider base-url="https://outer.example" publishable-key="pk_test_outer1">
      <vk-provider publishable-key="pk_test_inner1">
        <vk-test-config-probe id="inner" locale="en"></vk-test-config-probe>
        <vk-test-config-probe id="own" locale="en" publishable-key="pk_test_own1"></vk-test-config-probe>
      </vk-provider>
    </vk-provider>`);
    const inner = root.querySelector<ConfigProbe>('#inner')!;
    const own = root.querySelector<ConfigProbe>('#own')!;
    await settle(inner);
    // The inner provider inherits the outer base URL and overrides the key.
    expect(inner.resolved).to.equal('https://outer.example|pk_test_inner1|en|auto|client');
    expect(own.resolved).to.equal('https://outer.example|pk_test_own1|en|auto|client');
  });

  it('passes provider changes down to widgets already on the page', async () => {
    const provider = await fixture(html`<vk-provider base-url="https://p.example" publishable-key="pk_test_one1" locale="zh-CN">
      <vk-test-config-probe></vk-test-config-probe>
    </vk-provider>`);
    const probe = provider.querySelector<ConfigProbe>('vk-test-config-probe')!;
    await settle(probe);
    expect(probe.resolved).to.equal('https://p.example|pk_test_one1|zh-CN|auto|client');
    provider.setAttribute('locale', 'zh-TW');
    provider.setAttribute('theme', 'dark');
    await settle(probe);
    expect(probe.resolved).to.equal('https://p.example|pk_test_one1|zh-TW|dark|client');
  });

  it('finds a provider that is upgraded after the widget inside it', async () => {
    const tag = 'vk-test-late-provider';
    const container = await fixture(html`<div></div>`);
    container.innerHTML = `<${tag} publishable-key="pk_test_late1" base-url="https://late.example"><vk-test-config-probe locale="en"></vk-test-config-probe></${tag}>`;
    const probe = container.querySelector<ConfigProbe>('vk-test-config-probe')!;
    await settle(probe);
    expect(probe.resolved).to.equal('-|-|en|auto|none');
    const { VkProvider } = await import('../provider/provider.js');
    defineElement(tag, class extends VkProvider {});
    await settle(probe);
    expect(probe.resolved).to.equal('https://late.example|pk_test_late1|en|auto|client');
  });

  it('shares one client between widgets with the same configuration', async () => {
    const root = await fixture(html`<div>
      <vk-test-config-probe base-url="https://s.example" publishable-key="pk_test_same1" locale="en"></vk-test-config-probe>
      <vk-test-config-probe base-url="https://s.example" publishable-key="pk_test_same1" locale="en"></vk-test-config-probe>
      <vk-test-config-probe base-url="https://s.example" publishable-key="pk_test_other" locale="en"></vk-test-config-probe>
    </div>`);
    const [a, b, c] = [...root.querySelectorAll<ConfigProbe>('vk-test-config-probe')];
    await settle(c!);
    expect(a!.sharedClient).to.not.equal(null);
    expect(a!.sharedClient).to.equal(b!.sharedClient);
    expect(a!.sharedClient).to.not.equal(c!.sharedClient);
  });

  it('has no client (and does not throw) when given a secret key', async () => {
    const el = await fixture<ConfigProbe>(html`<vk-test-config-probe base-url="https://s.example" publishable-key="sk_live_oops" locale="en"></vk-test-config-probe>`);
    expect(el.resolved).to.equal('https://s.example|sk_live_oops|en|auto|none');
  });
});

describe('locale resolution', () => {
  afterEach(() => resetGlobalConfig());

  it('follows the nearest lang, also across a later change (a page language switch)', async () => {
    const section = await fixture(html`<section lang="zh-Hant-TW"><div><vk-test-config-probe></vk-test-config-probe></div></section>`);
    const probe = section.querySelector<ConfigProbe>('vk-test-config-probe')!;
    expect(probe.resolved.split('|')[2]).to.equal('zh-TW');
    section.setAttribute('lang', 'en-GB');
    await settle(probe);
    expect(probe.resolved.split('|')[2]).to.equal('en');
  });

  it('lets the attribute and the provider win over lang, and configure() over the document language', async () => {
    const root = await fixture(html`<div lang="en">
      <vk-test-config-probe id="attr" locale="zh-CN"></vk-test-config-probe>
      <vk-provider locale="zh-TW"><vk-test-config-probe id="provided"></vk-test-config-probe></vk-provider>
    </div>`);
    await settle(root.querySelector<ConfigProbe>('#provided')!);
    expect(root.querySelector<ConfigProbe>('#attr')!.resolved.split('|')[2]).to.equal('zh-CN');
    expect(root.querySelector<ConfigProbe>('#provided')!.resolved.split('|')[2]).to.equal('zh-TW');

    const previous = document.documentElement.lang;
    document.documentElement.lang = 'en';
    try {
      configure({ locale: 'zh-CN' });
      const plain = await fixture<ConfigProbe>(html`<vk-test-config-probe></vk-test-config-probe>`);
      expect(plain.resolved.split('|')[2]).to.equal('zh-CN');
    } finally {
      document.documentElement.lang = previous;
    }
  });

  it('maps any tag onto the three locales', () => {
    expect(toSupportedLocale('zh')).to.equal('zh-CN');
    expect(toSupportedLocale('zh-Hans-CN')).to.equal('zh-CN');
    expect(toSupportedLocale('zh-HK')).to.equal('zh-TW');
    expect(toSupportedLocale('zh_TW')).to.equal('zh-TW');
    expect(toSupportedLocale('fr-FR')).to.equal('en');
    expect(toSupportedLocale('')).to.equal(undefined);
  });
});

describe('i18n helpers', () => {
  it('formats a shift in the activity time zone, naming the zone when it is not the reader’s', () => {
    const text = formatDateRange('en', '2026-11-28T09:00:00+08:00', '2026-11-28T11:30:00+08:00', 'Asia/Shanghai');
    expect(text).to.match(/9:00/);
    expect(text).to.match(/11:30/);
    const newYork = formatDateRange('en', '2026-11-28T09:00:00+08:00', '2026-11-28T11:30:00+08:00', 'America/New_York');
    expect(newYork).to.match(/8:00/); // 09:00 in Shanghai is 20:00 the evening before in New York
    expect(formatDateRange('zh-CN', '2026-11-28T09:00:00+08:00', '2026-11-28T11:30:00+08:00', 'Asia/Shanghai')).to.match(/11月28日/);
  });

  it('chooses plural forms and formats numbers per locale', () => {
    expect(plural('en', 1, { one: '# spot', other: '# spots' })).to.equal('1 spot');
    expect(plural('en', 1200, { one: '# spot', other: '# spots' })).to.equal('1,200 spots');
    expect(plural('zh-CN', 1, { other: '# 个' })).to.equal('1 个');
    expect(formatNumber('en', 2.5)).to.equal('2.5');
  });
});

describe('lazyModule', () => {
  it('imports once however often it is asked, and forgets a failed import so the next ask retries', async () => {
    let calls = 0;
    const module = lazyModule(async () => {
      calls += 1;
      if (calls === 1) throw new Error('offline');
      return { answer: 42 };
    });
    expect(module.current).to.equal(undefined);
    const failed = await module.load().then(() => 'loaded', (error: Error) => error.message);
    expect(failed).to.equal('offline');
    const [first, second] = await Promise.all([module.load(), module.load()]);
    expect(first).to.equal(second);
    expect(module.current).to.deep.equal({ answer: 42 });
    await module.load();
    expect(calls).to.equal(2);
  });
});

describe('registration guard', () => {
  it('warns once, naming both versions, and does not throw when tags are defined twice', async () => {
    class First extends HTMLElement {
      static version = '1.0.0';
    }
    class Second extends HTMLElement {
      static version = '2.0.0';
    }
    class SecondOther extends HTMLElement {
      static version = '2.0.0';
    }
    class FirstOther extends HTMLElement {
      static version = '1.0.0';
    }
    const warnings: unknown[][] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineElement('vk-test-dup-a', First);
      defineElement('vk-test-dup-b', FirstOther);
      expect(() => defineElement('vk-test-dup-a', Second)).to.not.throw();
      expect(() => defineElement('vk-test-dup-b', SecondOther)).to.not.throw();
      defineElement('vk-test-dup-a', First); // the same class again: silently a no-op
      await Promise.resolve();
      await Promise.resolve();
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    const text = String(warnings[0]![0]);
    expect(text).to.contain('<vk-test-dup-a>');
    expect(text).to.contain('<vk-test-dup-b>');
    expect(text).to.contain('1.0.0');
    expect(text).to.contain('2.0.0');
    expect(customElements.get('vk-test-dup-a')).to.equal(First);
  });

  it('keeps VERSION equal to package.json', async () => {
    const pkg = await (await fetch('/packages/widgets/package.json')).json();
    expect(VERSION).to.equal(pkg.version);
    expect(ConfigProbe.version).to.equal(pkg.version);
  });
});

describe('safety net', () => {
  it('shows an error and dispatches vk-error instead of throwing when render fails, and recovers', async () => {
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = () => {};
    try {
      const holder = await fixture(html`<div @vk-error=${(e: VkErrorEvent) => errors.push(e.detail.error)}></div>`);
      const el = document.createElement('vk-test-broken') as BrokenWidget;
      el.locale = 'en';
      holder.append(el);
      await settle(el);
      expect(errors).to.have.length(1);
      expect((errors[0] as Error).message).to.equal('render bug');
      const crash = el.shadowRoot!.querySelector('[part="crash"]')!;
      expect(crash.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();
      el.shouldFail = false;
      crash.querySelector('button')!.click();
      await settle(el);
      expect(el.shadowRoot!.querySelector('#ok')?.textContent).to.equal('fine');
    } finally {
      console.error = originalError;
    }
  });
});

describe('host styles', () => {
  it('keeps the page’s root font size, line height and text transform out, and scales in em', async () => {
    const html_ = document.documentElement;
    const previous = html_.getAttribute('style');
    html_.setAttribute('style', 'font-size: 62.5%');
    try {
      const root = await fixture(html`<div style="line-height: 4; letter-spacing: 6px; text-transform: uppercase; color: rgb(255, 0, 0)">
        <vk-test-styled-probe locale="en"></vk-test-styled-probe>
        <vk-test-styled-probe locale="en" large-text></vk-test-styled-probe>
      </div>`);
      const [plain, large] = [...root.querySelectorAll<StyledProbe>('vk-test-styled-probe')];
      await settle(large!);
      const text = getComputedStyle(plain!.shadowRoot!.querySelector('#text')!);
      expect(text.fontSize).to.equal('16px');
      expect(text.lineHeight).to.equal('24px');
      expect(text.letterSpacing).to.be.oneOf(['normal', '0px']);
      expect(text.textTransform).to.equal('none');
      expect(text.color).to.equal('rgb(31, 35, 40)');
      expect(getComputedStyle(plain!.shadowRoot!.querySelector('button')!).minHeight).to.equal('44px');
      expect(getComputedStyle(large!.shadowRoot!.querySelector('#text')!).fontSize).to.equal('20px');
      expect(getComputedStyle(large!.shadowRoot!.querySelector('button')!).minHeight).to.equal('55px');
    } finally {
      if (previous === null) html_.removeAttribute('style');
      else html_.setAttribute('style', previous);
    }
  });

  it('takes the theme and large text from a provider without writing attributes on the widget', async () => {
    const provider = await fixture(html`<vk-provider theme="dark" large-text><vk-test-styled-probe locale="en"></vk-test-styled-probe></vk-provider>`);
    const probe = provider.querySelector<StyledProbe>('vk-test-styled-probe')!;
    await settle(probe);
    expect(probe.hasAttribute('theme')).to.equal(false);
    expect(getComputedStyle(probe.shadowRoot!.querySelector('#text')!).color).to.equal('rgb(230, 237, 243)');
    expect(getComputedStyle(probe).backgroundColor).to.equal('rgb(22, 27, 34)');
    expect(getComputedStyle(probe.shadowRoot!.querySelector('#text')!).fontSize).to.equal('20px');
    await expect(probe).to.be.accessible();
    provider.setAttribute('theme', 'light');
    await settle(probe);
    expect(getComputedStyle(probe.shadowRoot!.querySelector('#text')!).color).to.equal('rgb(31, 35, 40)');
  });
});
