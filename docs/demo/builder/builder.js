// The snippet builder: every control maps to an attribute; the preview and the code are built
// from the same list of attributes, with DOM APIs and textContent only (no HTML from strings).
const form = document.getElementById('options');
const stage = document.getElementById('stage');
const code = document.getElementById('code');
const apiUrl = document.body.dataset.apiUrl;
let firstOpportunityId = '';
const systemDark = matchMedia('(prefers-color-scheme: dark)');

function attributesFor(data) {
  const widget = data.get('widget');
  const attrs = [];
  const add = (name, value) => { if (value !== null && value !== '') attrs.push([name, value]); };
  if (widget === 'vk-opportunity-list') {
    add('layout', data.get('layout')); add('category', data.get('category')); add('limit', data.get('limit'));
    add('filters', data.get('filters')); add('signup', data.get('signup'));
  } else if (widget === 'vk-honor-board') {
    add('layout', data.get('boardLayout')); add('period', data.get('period')); add('metric', data.get('metric'));
    if (data.get('subject') === 'organization') add('subject', 'organization');
  } else {
    add('opportunity', data.get('opportunity') || firstOpportunityId);
  }
  if (data.get('locale') !== 'zh-CN') add('locale', data.get('locale'));
  // Always written, also for 跟随系统 (auto, the default): the snippet says what it does.
  add('theme', data.get('theme'));
  if (data.get('largeText')) add('large-text', '');
  return attrs;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The text colour for buttons in the chosen brand colour: white or near-black, whichever
 * contrasts more. Set with the brand colour, it keeps buttons readable in the dark theme too
 * (whose own on-primary is dark, made for its light blue primary).
 */
function onPrimaryFor(primary) {
  const l = luminance(primary);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / (0.0125 + 0.05)) ? '#ffffff' : '#111111';
}

/**
 * A brand colour is chosen for light backgrounds: on the dark theme it would be dark text on a
 * dark surface. So it applies to the light theme only (for auto: under prefers-color-scheme:
 * light), and the dark theme keeps its own primary.
 */
function brandColourLines(primary, theme) {
  if (!primary || theme === 'dark') return [];
  const rule = `vk-provider { --vk-color-primary: ${primary}; --vk-color-on-primary: ${onPrimaryFor(primary)}; }`;
  return ['', '<!-- 3. Optional: your brand colour (light theme) and the text on it, in your stylesheet -->',
    theme === 'auto' ? `<!-- @media (prefers-color-scheme: light) { ${rule} } -->` : `<!-- ${rule} -->`];
}

function snippet(widget, attrs, key, primary, theme) {
  const attrText = attrs.map(([n, v]) => (v === '' ? ` ${n}` : ` ${n}="${v}"`)).join('');
  return [
    '<!-- 1. Once per page, in <head> -->',
    `<script type="module" src="${location.origin}/cdn/volunteerkit.js"></script>`,
    '',
    '<!-- 2. Where the widget goes -->',
    `<vk-provider base-url="${apiUrl}" publishable-key="${key}">`,
    `  <${widget}${attrText}></${widget}>`,
    '</vk-provider>',
    ...brandColourLines(primary, theme),
  ].join('\n');
}

function update() {
  const data = new FormData(form);
  const widget = data.get('widget');
  for (const fieldset of form.querySelectorAll('fieldset[data-for]')) fieldset.hidden = fieldset.dataset.for !== widget;
  const attrs = attributesFor(data);
  const provider = document.createElement('vk-provider');
  provider.setAttribute('base-url', apiUrl);
  provider.setAttribute('publishable-key', data.get('key'));
  const theme = data.get('theme');
  if (theme === 'light' || (theme === 'auto' && !systemDark.matches)) {
    provider.style.setProperty('--vk-color-primary', data.get('primary'));
    provider.style.setProperty('--vk-color-on-primary', onPrimaryFor(data.get('primary')));
  }
  const element = document.createElement(widget);
  for (const [name, value] of attrs) element.setAttribute(name, value);
  provider.append(element);
  stage.replaceChildren(provider);
  code.textContent = snippet(widget, attrs, data.get('key'), data.get('primary'), theme);
}

async function loadFirstOpportunity() {
  try {
    const key = new FormData(form).get('key');
    const response = await fetch(`${apiUrl}/v1/opportunities?key=${encodeURIComponent(key)}&limit=1&hasOpenSlots=true`);
    const page = await response.json();
    firstOpportunityId = page.data?.[0]?.id ?? '';
  } catch { firstOpportunityId = ''; }
}

form.addEventListener('change', async (event) => {
  if (event.target.name === 'key') await loadFirstOpportunity();
  update();
});
form.addEventListener('input', (event) => { if (event.target.type !== 'select-one') update(); });
form.addEventListener('submit', (event) => event.preventDefault());

document.getElementById('copy').addEventListener('click', async () => {
  const status = document.getElementById('copy-status');
  try {
    await navigator.clipboard.writeText(code.textContent);
    status.textContent = '已复制到剪贴板。';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    status.textContent = '无法直接复制，代码已选中，请按 Ctrl+C（⌘C）。';
  }
});

systemDark.addEventListener('change', () => update());
await loadFirstOpportunity();
update();
