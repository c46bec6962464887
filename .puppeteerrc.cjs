// Puppeteer must never download a browser: the machines have no internet and we test
// Debian's Chromium and Firefox ESR (see docs/architecture.md, "Browsers").
module.exports = { skipDownload: true };
