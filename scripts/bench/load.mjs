// Load generators for `npm run bench`: open loop at a fixed offered rate (latency counted from each
// request's intended send time, so a slow server cannot slow the generator down and hide its own
// queueing) and closed loop at a fixed concurrency (capacity). Both are bounded by count and time
// and only ever talk to the URL they are given (the bench gives 127.0.0.1).
import http from 'node:http';

/** Compressed answers as a browser would ask for them; the body is counted, not decoded. */
const ACCEPT = { 'Accept-Encoding': 'gzip, br' };

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * One request. `spec` is `{ method?, path, headers?, body? }` relative to `base`.
 * Resolves to `{ status, bytes }`, or `{ status: 'error' }`.
 */
function send(base, spec, agent) {
  return new Promise((resolve) => {
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const headers = { ...ACCEPT, ...spec.headers, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}) };
    const request = http.request(new URL(spec.path, base), { method: spec.method ?? 'GET', agent, headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => { bytes += chunk.length; });
      response.on('end', () => resolve({ status: response.statusCode, bytes }));
      response.on('error', () => resolve({ status: 'error', bytes }));
    });
    request.on('error', () => resolve({ status: 'error', bytes: 0 }));
    request.end(body);
  });
}

function summarize(latencies, statuses, bytes, elapsedSeconds, unfinished) {
  latencies.sort((a, b) => a - b);
  const answered = latencies.length;
  return {
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN,
    achieved: answered / elapsedSeconds, statuses, unfinished, meanBytes: answered ? bytes / answered : NaN,
  };
}

/**
 * Sends `rate` requests per second for `seconds` seconds; `next(i)` makes request i. Requests still
 * unanswered `grace` seconds after the last send are counted as unfinished and, since they waited at
 * least that long, enter the percentiles with the time they had waited (a lower bound).
 */
export async function openLoop(base, next, { rate, seconds, grace = 5 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies = [];
  const statuses = {};
  let bytes = 0;
  const pending = new Set();
  const started = performance.now();
  await new Promise((resolve) => {
    let sent = 0;
    let answered = 0;
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      for (; sent < due; sent++) {
        const intended = started + (sent / rate) * 1000;
        const entry = { intended };
        pending.add(entry);
        send(base, next(sent), agent).then((result) => {
          if (!pending.delete(entry)) return; // already given up on
          latencies.push(performance.now() - intended);
          statuses[result.status] = (statuses[result.status] ?? 0) + 1;
          bytes += result.bytes;
          if (++answered === total) resolve();
        });
      }
      if (sent >= total) {
        clearInterval(tick);
        setTimeout(resolve, grace * 1000).unref();
      }
    }, 2);
  });
  const now = performance.now();
  for (const entry of pending) latencies.push(now - entry.intended);
  const unfinished = pending.size;
  pending.clear();
  agent.destroy();
  return summarize(latencies, statuses, bytes, (now - started) / 1000, unfinished);
}

/** Keeps `concurrency` requests in flight until `count` are answered or `seconds` have passed. */
export async function closedLoop(base, next, { concurrency = 16, count, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  const statuses = {};
  let bytes = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (issued < count && performance.now() < deadline) {
      const i = issued++;
      const sentAt = performance.now();
      const result = await send(base, next(i), agent);
      latencies.push(performance.now() - sentAt);
      statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      bytes += result.bytes;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return summarize(latencies, statuses, bytes, (performance.now() - started) / 1000, 0);
}

/**
 * Waits until the server has worked off what an overloaded run left queued (requests the generator
 * gave up on are still being served): until `probe` has answered within `quickMs` every time for
 * `calmSeconds` (longer than /health's 1 s database check, so the database queue is probed too),
 * for at most `seconds`. Returns whether it got there.
 */
export async function drain(base, { probe = '/health', quickMs = 50, calmSeconds = 1.5, seconds = 30 } = {}) {
  const started = performance.now();
  let calmSince = null;
  while (performance.now() - started < seconds * 1000) {
    const sentAt = performance.now();
    await send(base, { path: probe });
    const now = performance.now();
    if (now - sentAt > quickMs) calmSince = null;
    else if (calmSince === null) calmSince = sentAt;
    else if (now - calmSince >= calmSeconds * 1000) return true;
    await new Promise((resolve) => setTimeout(resolve, 50)); // probe, don't load
  }
  return false;
}
