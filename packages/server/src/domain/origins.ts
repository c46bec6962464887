/**
 * Whether a browser `Origin` is on a channel's allow-list. Entries are exact origins
 * (`https://news.example.cn`) or any-port patterns for local development (`http://localhost:*`).
 */
export function originAllowed(origin: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // paths, credentials or a trailing slash: not an origin
  return allowList.some((entry) => {
    if (entry === origin) return true;
    if (!entry.endsWith(':*')) return false;
    return `${url.protocol}//${url.hostname}` === entry.slice(0, -2);
  });
}
