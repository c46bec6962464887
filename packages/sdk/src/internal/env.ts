/**
 * Facts about the runtime the client runs in. No Node built-ins: this file is on the browser path.
 *
 * @internal
 * @module
 */

/** Whether we run in a web page (not a worker, not Node): where a secret key must never be. */
export function isBrowserPage(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined';
}

/** Replaces credentials in a URL (`?key=pk_…`) so it can appear in an error message or a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:key|token|secret)=)[^&#]*/gi, '$1[redacted]');
}

/** Replaces anything that looks like one of our credentials in free text. */
export function redactCredentials(text: string): string {
  return redactUrl(text).replace(/\b(pk|sk|vst)_(test_|live_)?[A-Za-z0-9_]+/g, '$1_[redacted]');
}
