// The intranet's own bundle: it installs @volunteerkit/widgets from npm and bundles it with its
// build tool (here rollup, see rollup.config.mjs), so everything is served from 'self' and runs
// under the page's strict CSP and Trusted Types.
import '@volunteerkit/widgets';

const toggle = document.getElementById('theme-toggle');
const provider = document.getElementById('provider');
toggle.addEventListener('click', () => {
  const dark = toggle.getAttribute('aria-pressed') !== 'true';
  toggle.setAttribute('aria-pressed', String(dark));
  document.documentElement.classList.toggle('dark', dark);
  provider.setAttribute('theme', dark ? 'dark' : 'auto');
});
