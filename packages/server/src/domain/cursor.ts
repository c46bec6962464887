/**
 * Opaque pagination cursors: base64url of `[sort, sortKey, id]`, the position of the last row of
 * a page in keyset order. Clients pass it back unchanged; its content is not part of the contract.
 */
export interface CursorPosition {
  sort: string;
  key: number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.key, position.id])).toString('base64url');
}

/** The shape of every id we hand out (`opp_…`): a cursor holding anything else was not made by us. */
const ID = /^[a-z]{3}_[A-Za-z0-9]{1,56}$/;
/** Sorts whose key is a row's sequence number or unused (0): a whole number the database's bigint holds. */
const WHOLE_NUMBER_SORTS = new Set(['seq', 'id']);

/**
 * The position in `cursor`, or `null` if it is not one of ours: made for another sort, or
 * decoding to values no page of ours ends at (which the database would refuse as malformed).
 */
export function decodeCursor(cursor: string, expectedSort: string): CursorPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [sort, key, id] = value as unknown[];
    if (sort !== expectedSort || typeof key !== 'number' || !Number.isFinite(key) || typeof id !== 'string' || !ID.test(id)) return null;
    if (WHOLE_NUMBER_SORTS.has(sort) && !(Number.isSafeInteger(key) && key >= 0)) return null;
    return { sort, key, id };
  } catch {
    return null;
  }
}
