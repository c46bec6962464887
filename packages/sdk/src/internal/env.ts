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

/**
 * A random v4 UUID for idempotency keys. `crypto.randomUUID` only exists in secure contexts, so a
 * page served over plain http on a LAN address falls back to `getRandomValues`, which exists
 * everywhere the Web Crypto API does (Node ≥ 20 and every evergreen browser).
 */
export function randomUUID(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Replaces credentials in a URL (`?key=pk_…`) so it can appear in an error message or a log. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:key|token|secret)=)[^&#]*/gi, '$1[redacted]');
}

/** Replaces anything that looks like one of our credentials in free text. */
export function redactCredentials(text: string): string {
  return redactUrl(text).replace(/\b(pk|sk|vst)_(test_|live_)?[A-Za-z0-9_]+/g, '$1_[redacted]');
}
