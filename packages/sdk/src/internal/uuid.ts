/**
 * Idempotency keys. A module of its own: only writes need one, so a bundle that only reads (the
 * CDN entry's list) leaves it out. No Node built-ins: this file is on the browser path.
 *
 * @internal
 * @module
 */

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
