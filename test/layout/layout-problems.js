// What a reader would see as broken in a widget: content that does not fit its box. Shared by the
// layout check of the demo pages (test/e2e/layout.test.ts, which sends this file's text into the
// page) and the widget layout test in every engine (packages/widgets/src/layout.test.ts).
// Plain JavaScript with no imports, so that it runs in any page as it is.

/**
 * Walks each host's shadow tree (nested widgets too) and returns one line per element whose
 * content is wider or taller than its box. Exempt: boxes that scroll by design (overflow
 * auto/scroll), text for screen readers only (clipped), and marquees ([data-marquee]).
 */
export function layoutProblems(hosts) {
  const problems = [];
  const name = (host, element) => {
    const part = element.getAttribute('part');
    const classes = [...element.classList].join('.');
    const text = (element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return '<' + host.localName + '> ' + element.localName + (part ? '[part="' + part + '"]' : '') + (classes ? '.' + classes : '') + ' "' + text + '"';
  };
  const check = (host, element) => {
    const style = getComputedStyle(element);
    const overflow = style.overflowX + ' ' + style.overflowY;
    if (/auto|scroll/.test(overflow)) return; // scrolls by design
    if (element.clientWidth === 0 && element.clientHeight === 0) return; // inline or empty
    // A box that clips (overflow hidden, an ellipsis, a line clamp) may not overflow at all. A box
    // that does not clip spills: more than a quarter of a line means a line or a word sticks out;
    // less is a glyph taller than its line (CJK fallback fonts in Firefox), which hides nothing.
    const clips = /hidden|clip/.test(overflow) || style.textOverflow === 'ellipsis' || (style.webkitLineClamp || 'none') !== 'none';
    const slack = clips ? 1 : Math.max(1, parseFloat(style.fontSize) / 4);
    if (element.scrollWidth > element.clientWidth + slack) problems.push(name(host, element) + ': content ' + element.scrollWidth + ' px wide in a ' + element.clientWidth + ' px box');
    if (element.scrollHeight > element.clientHeight + slack) problems.push(name(host, element) + ': content ' + element.scrollHeight + ' px tall in a ' + element.clientHeight + ' px box');
  };
  const walk = (host, parent) => {
    for (const element of parent.children) {
      const style = getComputedStyle(element);
      if (style.display === 'none') continue;
      // Text for screen readers only (.visually-hidden) is clipped on purpose.
      if (style.clipPath !== 'none' || (style.clip !== 'auto' && style.clip !== '')) continue;
      // A marquee (the board's ticker) is one moving line seen through a window: clipped by design.
      if (element.hasAttribute('data-marquee')) continue;
      if (!/^(input|select|textarea|style|slot|option)$/.test(element.localName)) check(host, element);
      if (element.shadowRoot) walk(element, element.shadowRoot);
      walk(host, element);
    }
  };
  for (const host of hosts) {
    check(host, host);
    walk(host, host.shadowRoot);
  }
  return problems;
}
