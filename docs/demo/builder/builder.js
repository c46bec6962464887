// The snippet builder: every control maps to an attribute; the preview and the code are built
// from the same list of attributes, with DOM APIs and textContent only (no HTML from strings).
const form = document.getElementById('options');
const stage = document.getElementById('stage');
const code = document.getElementById('code');
const apiUrl = document.body.dataset.apiUrl;
let firstOpportunityId = '';

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
  if (data.get('theme') !== 'auto') add('theme', data.get('theme'));
  if (data.get('largeText')) add('large-text', '');
  return attrs;
}

function snippet(widget, attrs, key, primary) {
  const attrText = attrs.map(([n, v]) => (v === '' ? ` ${n}` : ` ${n}="${v}"`)).join('');
  return [
    '<!-- 1. Once per page, in <head> -->',
    `<script type="module" src="${location.origin}/cdn/volunteerkit.js"></script>`,
    '',
    '<!-- 2. Where the widget goes -->',
    `<vk-provider base-url="${apiUrl}" publishable-key="${key}">`,
    `  <${widget}${attrText}></${widget}>`,
    '</vk-provider>',
    ...(primary ? ['', '<!-- 3. Optional: your brand colour, in your stylesheet -->', `<!-- vk-provider { --vk-color-primary: ${primary}; } -->`] : []),
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
  provider.style.setProperty('--vk-color-primary', data.get('primary'));
  const element = document.createElement(widget);
  for (const [name, value] of attrs) element.setAttribute(name, value);
  provider.append(element);
  stage.replaceChildren(provider);
  code.textContent = snippet(widget, attrs, data.get('key'), data.get('primary'));
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

await loadFirstOpportunity();
update();
