/**
 * Verifying webhook deliveries on a Node back end, with the Standard Webhooks reference library.
 * Kept out of the main entry: no browser bundle carries it (and no browser should hold a secret).
 *
 * ```ts
 * import { verifyWebhook } from '@volunteerkit/sdk/webhooks';
 * app.post('/webhooks', express.raw({ type: 'application/json' }), (req, res) => {
 *   const event = verifyWebhook(req.body, req.headers, process.env.VK_WEBHOOK_SECRET!);
 *   if (seenBefore(event.id)) return res.sendStatus(204); // retries and replays repeat the id
 *   queue(event); // answer fast; fetch the object with your secret key later
 *   res.sendStatus(204);
 * });
 * ```
 *
 * @module
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { WebhookPayload } from './schemas/webhooks.js';

export { WebhookVerificationError };

/** A verified delivery: its body, and its `webhook-id` as `id` (the event's id: dedupe on it). */
export type VerifiedWebhook = WebhookPayload & { id: string };

type HeaderBag = Headers | Record<string, string | readonly string[] | undefined>;

function header(headers: HeaderBag, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : headers[name] ?? headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) as string ?? '';
}

/**
 * Checks a delivery's signature and timestamp and returns its event, or throws a
 * `WebhookVerificationError`: a body changed on the way, a signature made with another secret, a
 * `webhook-timestamp` more than five minutes from now (a replayed capture), or missing headers.
 *
 * Pass the body exactly as received (the raw text or bytes, before any JSON parsing) and the
 * request's headers (Node's `req.headers` or a fetch `Headers`). `secret` is the endpoint's
 * `whsec_…`; during a rotation pass both the new and the old secret.
 */
export function verifyWebhook(payload: string | Uint8Array, headers: HeaderBag, secret: string | readonly string[]): VerifiedWebhook {
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  const signed = {
    'webhook-id': header(headers, 'webhook-id'),
    'webhook-timestamp': header(headers, 'webhook-timestamp'),
    'webhook-signature': header(headers, 'webhook-signature'),
  };
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new WebhookVerificationError('No secret given');
  let failure: unknown;
  for (const candidate of secrets) {
    try {
      const event = new Webhook(candidate).verify(body, signed) as WebhookPayload;
      return { ...event, id: signed['webhook-id'] };
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}
