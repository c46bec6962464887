/**
 * Rules of webhook delivery as plain functions: the retry schedule, which URLs and addresses an
 * endpoint may have, which event types a filter takes, and which secrets sign a delivery.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * After the first attempt (at once), the waits before each retry (Standard Webhooks' schedule):
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h. Seven attempts over about 17.6 hours, then the delivery fails.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000] as const;

/** How long the previous secret keeps signing beside the new one after a rotation. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** When attempt number `attemptsMade + 1` is due after attempt `attemptsMade` failed at `at`, or `null`: give up. */
export function nextAttemptAt(attemptsMade: number, at: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attemptsMade - 1];
  return delay === undefined ? null : new Date(at.getTime() + delay);
}

/** A new endpoint secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks defines it. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The secrets that sign a delivery at `now`: the current one, and the previous one during its overlap. */
export function signingSecrets(endpoint: { secret: string; previous_secret: string | null; previous_secret_expires_at: Date | string | null }, now: Date): string[] {
  const previousValid = endpoint.previous_secret !== null && endpoint.previous_secret_expires_at !== null
    && new Date(endpoint.previous_secret_expires_at).getTime() > now.getTime();
  return previousValid ? [endpoint.secret, endpoint.previous_secret!] : [endpoint.secret];
}

/** Why an address may not receive webhooks, or `null` when it may. */
export type AddressRefusal = 'loopback' | 'private' | 'link_local' | 'reserved';

/**
 * Only public unicast addresses receive webhooks; loopback too in sandbox mode (a test key), so a
 * partner can try a receiver on their own machine. Everything else — private networks, link-local
 * (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT, multicast, unspecified,
 * documentation and other reserved ranges — is refused, so an endpoint cannot reach into the
 * platform's own network.
 */
export function addressRefusal(address: string, sandbox: boolean): AddressRefusal | null {
  if (!ipaddr.isValid(address)) return 'reserved';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (range === 'loopback') return sandbox ? null : 'loopback';
  if (range === 'private' || range === 'uniqueLocal' || range === 'carrierGradeNat') return 'private';
  if (range === 'linkLocal') return 'link_local';
  return 'reserved';
}

export interface UrlProblem {
  code: 'invalid_url' | 'https_required' | 'credentials_in_url' | AddressRefusal;
  message: string;
}

const REFUSAL_MESSAGES: Record<AddressRefusal, string> = {
  loopback: 'points at this machine (loopback); only a test key (sk_test_…) may register a loopback receiver',
  private: 'points at a private network address; webhooks go only to public addresses',
  link_local: 'points at a link-local address (such as cloud metadata); webhooks go only to public addresses',
  reserved: 'points at a reserved or non-unicast address; webhooks go only to public addresses',
};

export function refusalMessage(refusal: AddressRefusal): string {
  return REFUSAL_MESSAGES[refusal];
}

/** The URL's hostname without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * What is wrong with an endpoint URL before any name is resolved: not a URL, not https (http only
 * to a loopback address or `localhost`, in sandbox mode), user and password in it, or an address
 * literal that is refused. Names are checked again after resolution, at registration and at each
 * delivery (services/webhook-dispatch.ts).
 */
export function endpointUrlProblem(text: string, sandbox: boolean): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: 'invalid_url', message: 'must be an absolute URL such as https://example.com/webhooks' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { code: 'https_required', message: 'must start with https://' };
  if (url.username || url.password) return { code: 'credentials_in_url', message: 'must not carry a user name or password; the signature authenticates deliveries' };
  const host = hostOf(url);
  const literal = isIP(host) ? host : null;
  const loopbackHost = host === 'localhost' || (literal !== null && addressRefusal(literal, false) === 'loopback');
  if (url.protocol === 'http:' && !(sandbox && loopbackHost))
    return { code: 'https_required', message: sandbox ? 'must start with https:// (http:// only to localhost or 127.0.0.1 with a test key)' : 'must start with https://' };
  if (host === 'localhost' && !sandbox) return { code: 'loopback', message: REFUSAL_MESSAGES.loopback };
  if (literal) {
    const refusal = addressRefusal(literal, sandbox);
    if (refusal) return { code: refusal, message: REFUSAL_MESSAGES[refusal] };
  }
  return null;
}
