/**
 * Every list is a keyset page, built one way: fetch one row more than the page holds, keep
 * `limit`, and when the extra row exists the last kept row's position is the next cursor.
 */
import { decodeCursor, encodeCursor, type CursorPosition } from '../domain/cursor.js';
import { invalid } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;

export interface PageQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<Item> {
  data: Item[];
  nextCursor: string | null;
}

/**
 * One page of a list in `sort` order. `fetch` gets the position after which to continue (`null`
 * on the first page) and how many rows to read; `positionOf` gives a row's sort key and id;
 * `present` turns the kept rows into the contract's items.
 */
export async function keysetPage<Row, Item>(
  query: PageQuery,
  sort: string,
  fetch: (after: CursorPosition | null, rowsToRead: number) => Promise<Row[]>,
  positionOf: (row: Row) => { key: number; id: string },
  present: (rows: Row[]) => Item[] | Promise<Item[]>,
): Promise<Page<Item>> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = query.cursor ? decodeCursor(query.cursor, sort) : null;
  if (query.cursor && !after)
    throw invalid([{ path: 'cursor', message: 'is not a cursor from this list (or was made for another sort)', code: 'invalid_cursor' }]);
  const rows = await fetch(after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: await present(page),
    nextCursor: rows.length > limit && last ? encodeCursor({ sort, ...positionOf(last) }) : null,
  };
}
