/**
 * Response compression: brotli or gzip as the client's Accept-Encoding prefers (brotli when it
 * accepts both equally), for JSON and problem+json bodies of at least `thresholdBytes`.
 *
 * node:zlib rather than Hono's `compress()`: that uses CompressionStream, which on Node 20 offers
 * gzip and deflate but not brotli, and it compresses after our ETag was set without weakening it.
 *
 * ETags: a compressed response carries the weak form (`W/"…"`) of the identity body's strong tag.
 * The bytes differ per encoding, so a strong tag would be wrong; weak comparison (which
 * If-None-Match uses) still matches, so a 304 works whichever encoding the cached copy had.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import type { AppEnv } from './context.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, headers and the codec's framing eat most of the gain. */
export const DEFAULT_COMPRESSION_THRESHOLD = 1024;

/**
 * Bodies up to this size are compressed on the request's own thread. Handing a few kilobytes to
 * libuv's thread pool costs more CPU than compressing them (a 5 KB list page: about 0.5 ms through
 * the pool, 0.1 ms in place); larger bodies (exports) go to the pool so they never hold up others.
 */
export const COMPRESS_IN_PLACE_BYTES = 64 * 1024;

const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

const COMPRESSIBLE = /^application\/(?:problem\+)?json\b/i;

export function compression(thresholdBytes = DEFAULT_COMPRESSION_THRESHOLD): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    // Caches must keep one copy per encoding, whether or not this response was compressed.
    appendVary(res.headers, 'Accept-Encoding');
    if (!res.body || res.headers.has('content-encoding') || c.req.method === 'HEAD') return;
    const encoding = accepts(c, {
      header: 'Accept-Encoding',
      supports: [...ENCODINGS],
      default: 'identity',
      // Highest q wins; on a tie our order (brotli first), not the header's.
      match: (offered) => {
        const usable = offered.filter((o) => o.q > 0);
        const best = Math.max(0, ...usable.map((o) => o.q));
        return ENCODINGS.find((e) => usable.some((o) => o.q === best && o.type.toLowerCase() === e)) ?? 'identity';
      },
    }) as Encoding | 'identity';
    if (encoding === 'identity') return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (body.length < thresholdBytes) {
      replaceResponse(c, new Response(body, { status: res.status, headers }));
      return;
    }
    // Quality 5: most of brotli's gain at a fraction of its CPU at 11 (these are dynamic responses).
    const brotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } };
    const inPlace = body.length <= COMPRESS_IN_PLACE_BYTES;
    const compressed = encoding === 'br'
      ? (inPlace ? brotliCompressSync(body, brotliOptions) : await brotli(body, brotliOptions))
      : (inPlace ? gzipSync(body) : await gzipAsync(body));
    headers.set('Content-Encoding', encoding);
    headers.delete('Content-Length');
    const etag = headers.get('etag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    replaceResponse(c, new Response(compressed, { status: res.status, headers }));
  };
}

/** Hono copies the old response's headers onto a new one (ETag, Content-Length): clear it first. */
function replaceResponse(c: { res: Response | undefined }, response: Response): void {
  c.res = undefined;
  c.res = response;
}

function appendVary(headers: Headers, field: string): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('Vary', field);
  else if (!vary.split(',').some((v) => v.trim().toLowerCase() === field.toLowerCase())) headers.set('Vary', `${vary}, ${field}`);
}
