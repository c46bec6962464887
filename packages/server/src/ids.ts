/** Random ids and sign-up references. @module */
import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** No 0/O, 1/I/L: a reference is read out over the phone. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function randomString(alphabet: string, length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const byte = bytes[i % bytes.length]!;
    if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
    if (i >= bytes.length - 1 && out.length < length) return out + randomString(alphabet, length - out.length);
  }
  return out;
}

/** `opp_` followed by 20 base62 characters (119 bits). */
export function newId(prefix: string): string {
  return `${prefix}_${randomString(BASE62, 20)}`;
}

/** `VK-7F3K2Q9A`: short enough to quote, long enough not to collide in practice. */
export function newReference(): string {
  return `VK-${randomString(REFERENCE_ALPHABET, 8)}`;
}
