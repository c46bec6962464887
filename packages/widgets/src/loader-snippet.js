// The inline loader snippet (< 1 KB minified; `rollup -c` writes cdn/loader.js). Paste it once per
// page, on the <script> tag that carries the bundle's URL, as early as you like:
//
//   <script data-src="https://cdn.example/volunteerkit.js">/* cdn/loader.js */</script>
//   <script>VolunteerKit('configure', { baseUrl: '…', publishableKey: 'pk_live_…' })</script>
//
// It defines a stub `VolunteerKit(...)` that queues calls, and loads the bundle as a module; the
// bundle replays the queue. The URL lives in `data-src`, not in the code, so the snippet's text —
// and its CSP hash ('sha256-…' in script-src) — is the same on every page. The injected script
// inherits the snippet's nonce, and its URL goes through a Trusted Types policy named
// `volunteerkit-loader` when the page enforces Trusted Types (allow that name, or load the bundle
// with a plain <script type="module" src> tag instead).
(function (w, d) {
  var me = d.currentScript;
  var src = me && me.getAttribute('data-src');
  var vk = (w.VolunteerKit =
    w.VolunteerKit ||
    function () {
      (vk.q = vk.q || []).push(arguments);
    });
  // Pasted twice, or the bundle is already there: load it once.
  if (!src || vk.l || vk.version) return;
  vk.l = 1;
  var script = d.createElement('script');
  var url = src;
  try {
    if (w.trustedTypes) {
      url = w.trustedTypes
        .createPolicy('volunteerkit-loader', {
          createScriptURL: function (value) {
            if (value !== src) throw new TypeError('VolunteerKit loader: unexpected URL');
            return value;
          },
        })
        .createScriptURL(src);
    }
  } catch (e) {
    // No such policy allowed here: assigning the string may still be allowed (no enforcement).
  }
  script.type = 'module';
  script.src = url;
  if (me.nonce) script.nonce = me.nonce;
  (d.head || d.documentElement).appendChild(script);
})(window, document);
