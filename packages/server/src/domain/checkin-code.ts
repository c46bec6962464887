/**
 * The rotating check-in code of a shift: every 30-second window has a 6-digit code (for people
 * without a camera) and a QR payload, both HMAC-SHA256 of a per-shift secret and the window
 * number, in the manner of TOTP (RFC 6238) with dynamic truncation (RFC 4226). The code of a window
 * is accepted during that window and the next (the screen and the phone need not agree on the
 * clock to the second). A code cannot be computed without the shift's secret, which is derived
 * from a server secret and never leaves the server.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CODE_WINDOW_MS = 30_000;
/** Windows accepted besides the current one: the one before. */
export const ACCEPTED_PAST_WINDOWS = 1;
/** How far back an old code is still recognised as "expired" rather than "wrong" (5 minutes). */
export const RECOGNISED_PAST_WINDOWS = 10;

const QR_PREFIX = 'vkci1';

/** The window number of an instant: whole 30-second periods since the epoch. */
export function codeWindow(at: Date): number {
  return Math.floor(at.getTime() / CODE_WINDOW_MS);
}

/** When the code shown for `window` stops being the current one. */
export function windowEndsAt(window: number): Date {
  return new Date((window + 1) * CODE_WINDOW_MS);
}

/** The shift's own secret: an HMAC of the server's check-in secret and the shift id. */
export function shiftSecret(serverSecret: string, shiftId: string): Buffer {
  return createHmac('sha256', serverSecret).update(`checkin-shift:${shiftId}`).digest();
}

function mac(secret: Buffer, purpose: 'code' | 'qr', window: number): Buffer {
  return createHmac('sha256', secret).update(`${purpose}:${window}`).digest();
}

/** The 6 digits of `window` (RFC 4226 dynamic truncation). */
export function checkinCode(secret: Buffer, window: number): string {
  const digest = mac(secret, 'code', window);
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

/**
 * The QR code's text: `vkci1.<shiftId>.<window>.<tag>`, the tag 96 bits of HMAC. It names the
 * shift, so a scanner needs nothing else, and it is far harder to guess than 6 digits.
 */
export function qrPayload(secret: Buffer, shiftId: string, window: number): string {
  return `${QR_PREFIX}.${shiftId}.${window}.${mac(secret, 'qr', window).subarray(0, 12).toString('base64url')}`;
}

/** What the code a volunteer gave turned out to be. */
export type CodeCheck =
  | { ok: true; method: 'code' | 'qr'; window: number }
  | { ok: false; reason: 'wrong_code' | 'expired_code' | 'other_shift' | 'malformed' };

/** A well-formed QR payload's parts, or `null`. */
export function parseQrPayload(text: string): { shiftId: string; window: number; tag: string } | null {
  const match = /^vkci1\.(shf_[A-Za-z0-9]{4,40})\.(\d{1,12})\.([A-Za-z0-9_-]{16})$/.exec(text);
  return match ? { shiftId: match[1]!, window: Number(match[2]), tag: match[3]! } : null;
}

/** Whether `given` is the code, or QR payload, of `secret`'s shift in an accepted window at `now`. */
export function checkCode(
  given: string,
  shift: { id: string; secret: Buffer },
  now: Date,
  otherShifts: ReadonlyArray<{ id: string; secret: Buffer }> = [],
): CodeCheck {
  const current = codeWindow(now);
  const qr = parseQrPayload(given);
  if (qr) {
    const owner = qr.shiftId === shift.id ? shift : otherShifts.find((s) => s.id === qr.shiftId);
    // A payload naming a shift that is not open for check-in here is another shift's, forged or not.
    if (!owner) return { ok: false, reason: 'other_shift' };
    const expected = Buffer.from(mac(owner.secret, 'qr', qr.window).subarray(0, 12).toString('base64url'));
    if (!timingSafeEqual(expected, Buffer.from(qr.tag))) return { ok: false, reason: 'wrong_code' };
    if (owner !== shift) return { ok: false, reason: 'other_shift' };
    if (qr.window > current) return { ok: false, reason: 'wrong_code' };
    if (qr.window < current - ACCEPTED_PAST_WINDOWS) return { ok: false, reason: 'expired_code' };
    return { ok: true, method: 'qr', window: qr.window };
  }
  if (!/^\d{6}$/.test(given)) return { ok: false, reason: 'malformed' };
  const matches = (secret: Buffer, window: number) =>
    timingSafeEqual(Buffer.from(checkinCode(secret, window)), Buffer.from(given));
  for (let back = 0; back <= ACCEPTED_PAST_WINDOWS; back++) {
    if (matches(shift.secret, current - back)) return { ok: true, method: 'code', window: current - back };
  }
  for (let back = ACCEPTED_PAST_WINDOWS + 1; back <= RECOGNISED_PAST_WINDOWS; back++) {
    if (matches(shift.secret, current - back)) return { ok: false, reason: 'expired_code' };
  }
  for (const other of otherShifts) {
    for (let back = 0; back <= ACCEPTED_PAST_WINDOWS; back++) {
      if (matches(other.secret, current - back)) return { ok: false, reason: 'other_shift' };
    }
  }
  return { ok: false, reason: 'wrong_code' };
}
