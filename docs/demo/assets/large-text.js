// The demo pages' 大字 / large-text switch: one button ([data-large-text-toggle], in the page's
// HTML so nothing moves when this runs) that enlarges the page's own text (html.large-text, sized
// by each page's stylesheet) and sets `large-text` on every VolunteerKit element, so the widgets
// grow with the article. The reader's choice is remembered on this device.
const KEY = 'vk-demo-large-text';
const WIDGETS = 'vk-provider, vk-opportunity-list, vk-honor-board, vk-signup-form, vk-checkin, vk-my-hours, vk-checkin-code, vk-roster, vk-rewards, vk-certificate, vk-verify, vk-needs-board, vk-need-form, vk-impact-stats';

function remembered() {
  try { return localStorage.getItem(KEY) === '1'; } catch { return false; }
}

function apply(on) {
  document.documentElement.classList.toggle('large-text', on);
  // A provider passes the setting to the widgets inside it; widgets outside any provider get it directly.
  for (const element of document.querySelectorAll(WIDGETS)) {
    if (element.localName !== 'vk-provider' && element.closest('vk-provider')) continue;
    element.toggleAttribute('large-text', on);
  }
  for (const button of document.querySelectorAll('[data-large-text-toggle]')) button.setAttribute('aria-pressed', String(on));
}

for (const button of document.querySelectorAll('[data-large-text-toggle]')) {
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    try { localStorage.setItem(KEY, on ? '1' : '0'); } catch { /* private mode: this visit only */ }
    apply(on);
  });
}
apply(remembered());
