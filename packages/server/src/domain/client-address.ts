/**
 * Which address a request comes from, for rate limits: the socket's peer, or, behind proxies the
 * operator has declared, the client that the outermost of them saw. @module
 */
import { isIP } from 'node:net';

/**
 * The client's address.
 *
 * `trustedHops` is the number of reverse proxies in front of this server (0: none, or none to
 * trust). Each proxy appends the address of its own peer to `X-Forwarded-For`, so with `n` hops
 * the rightmost `n - 1` entries are the proxies' own addresses and the `n`-th from the right is
 * the client the outermost proxy saw. Everything further left was sent by the client and is
 * ignored, because anyone can write it.
 *
 * Falls back to `socketAddress` when trust is off, when the header is missing, when it has fewer
 * entries than the declared hops (the request did not come through that chain), or when any of
 * the rightmost `n` entries is not an IP address (it was not written by a proxy we know).
 * Addresses are normalized (`[::1]:443` → `::1`, `1.2.3.4:80` → `1.2.3.4`, IPv6 in its canonical
 * form, `::ffff:1.2.3.4` → `1.2.3.4`) so one client is one bucket however a proxy writes it.
 */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string, trustedHops: number): string {
  if (trustedHops < 1 || !forwardedFor) return socketAddress;
  const entries = forwardedFor.split(',');
  if (entries.length < trustedHops) return socketAddress;
  const trusted = entries.slice(entries.length - trustedHops).map(normalizeAddress);
  if (trusted.some((address) => address === null)) return socketAddress;
  return trusted[0]!;
}

/** An IP address as a proxy may write it (optionally with a port, IPv6 in brackets), or `null`. */
export function normalizeAddress(text: string): string | null {
  let address = text.trim();
  const withPort = /^\[([^\]]+)\]:(\d{1,5})$|^([\d.]+):(\d{1,5})$/.exec(address);
  if (withPort) {
    if (Number(withPort[2] ?? withPort[4]) > 65535) return null;
    address = (withPort[1] ?? withPort[3])!;
  } else if (address.startsWith('[') && address.endsWith(']')) {
    address = address.slice(1, -1);
  }
  const version = isIP(address);
  if (version === 0) return null;
  if (version === 4) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  // The URL parser writes IPv6 in its canonical form (lowercase, longest zero run compressed).
  // A zone id (`fe80::1%eth0`) is not allowed in a URL; such an address is kept as written.
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}
