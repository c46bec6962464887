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

/** The position in `cursor`, or `null` if it is not one of ours (or was made for another sort). */
export function decodeCursor(cursor: string, expectedSort: string): CursorPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [sort, key, id] = value as unknown[];
    if (sort !== expectedSort || typeof key !== 'number' || !Number.isFinite(key) || typeof id !== 'string' || id.length > 60) return null;
    return { sort, key, id };
  } catch {
    return null;
  }
}
