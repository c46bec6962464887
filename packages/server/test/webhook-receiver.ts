/**
 * A partner's webhook receiver for tests and the bench: a real HTTP server (node:http) that
 * verifies every delivery with the Standard Webhooks reference library, answers 401 to one that
 * fails verification, and can be told to fail its first requests with a 500.
 */
import { once } from 'node:events';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  /** `webhook-id`. */
  id: string;
  body: string;
  headers: { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string };
  /** performance.timeOrigin + performance.now() when it arrived, ms. */
  receivedAt: number;
  /** The status the receiver answered. */
  answered: number;
}

export interface Receiver {
  url: string;
  /** Every request, in arrival order. */
  readonly requests: ReceivedDelivery[];
  /** The requests answered 2xx (verified, not failed on purpose). */
  accepted(): ReceivedDelivery[];
  /** Resolves once `count` requests were accepted; rejects after `timeoutMs` with what arrived. */
  waitForAccepted(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  /** The secret(s) the receiver verifies with; change it to simulate a receiver that has the wrong one. */
  secrets: string[];
  /** How many of the next requests to fail with a 500. */
  failNext: number;
  close(): Promise<void>;
}

export async function startReceiver(secrets: string[] = []): Promise<Receiver> {
  const arrived = new EventEmitter();
  const requests: ReceivedDelivery[] = [];
  const receiver: Receiver = {
    url: '',
    requests,
    secrets,
    failNext: 0,
    accepted: () => requests.filter((r) => r.answered < 300),
    waitForAccepted: (count, timeoutMs = 10_000) => new Promise((resolve, reject) => {
      const check = () => {
        if (receiver.accepted().length < count) return;
        clearTimeout(timer);
        arrived.off('request', check);
        resolve(receiver.accepted());
      };
      const timer = setTimeout(() => {
        arrived.off('request', check);
        reject(new Error(`expected ${count} accepted deliveries, got ${receiver.accepted().length} of ${requests.length} requests`));
      }, timeoutMs);
      arrived.on('request', check);
      check();
    }),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const headers = {
        'webhook-id': String(request.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
      };
      const verified = receiver.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      let answered = verified ? 204 : 401;
      if (verified && receiver.failNext > 0) {
        receiver.failNext -= 1;
        answered = 500;
      }
      requests.push({ id: headers['webhook-id'], body, headers, receivedAt: performance.timeOrigin + performance.now(), answered });
      response.writeHead(answered).end();
      arrived.emit('request');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return receiver;
}
