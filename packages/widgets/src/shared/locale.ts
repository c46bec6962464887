/** The locales every widget speaks, and how a widget decides which one to use. @module */

/** The locales every widget ships strings for. */
export type VkLocale = 'zh-CN' | 'zh-TW' | 'en';

export const SUPPORTED_LOCALES: readonly VkLocale[] = ['zh-CN', 'zh-TW', 'en'];

/**
 * Maps any BCP 47 tag to one of the three supported locales: Traditional-script Chinese
 * (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant…`) to `zh-TW`, any other Chinese to `zh-CN`, everything
 * else to `en`. Returns `undefined` for an empty tag, so callers can fall through to the next
 * source.
 */
export function toSupportedLocale(tag: string | null | undefined): VkLocale | undefined {
  const normalized = tag?.trim().toLowerCase().replace(/_/g, '-');
  if (!normalized) return undefined;
  if (normalized === 'zh' || normalized.startsWith('zh-')) {
    return /^zh-(tw|hk|mo|hant)(-|$)/.test(normalized) || normalized.includes('-hant') ? 'zh-TW' : 'zh-CN';
  }
  return 'en';
}

/**
 * The nearest `lang` attribute above `element`, crossing shadow roots (a widget rendered inside
 * another widget's shadow DOM still follows the page's `lang`). `<html lang>` is not included:
 * the caller treats the document language as a weaker source than `VolunteerKit.configure()`.
 */
export function nearestLangBelowDocument(element: Element): string | undefined {
  let node: Element | null = element;
  while (node) {
    const withLang: Element | null = node.closest('[lang]');
    if (withLang && withLang !== document.documentElement) {
      const lang = withLang.getAttribute('lang');
      if (lang) return lang;
      node = withLang.parentElement ?? shadowHostOf(withLang); // lang="" means "unknown": look further up
      continue;
    }
    node = withLang ? null : shadowHostOf(node);
  }
  return undefined;
}

function shadowHostOf(element: Element): Element | null {
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}
