import { DomainError } from '../errors/domain-error';

/** Keyset cursors are opaque to clients: base64url of the last sort key seen. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `size` parts; anything else is a 400 naming the field. */
export function decodeCursor(cursor: string, size: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === size && key.every((part) => typeof part === 'string')) return key as string[];
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/** A cursor this list never handed out (tampered, or from another list); names the query field. */
export const invalidCursor = () =>
  new DomainError('http.invalid_cursor', 'invalid', 'The cursor is not one this list handed out', [{ path: 'querystring.cursor', message: 'is not a valid cursor' }]);

/** The id a newest-first list continues below, from a cursor made by keysetPage; null for the first page. */
export function beforeIdOf(cursor: string | undefined): bigint | null {
  if (!cursor) return null;
  const [id] = decodeCursor(cursor, 1);
  if (!id || !/^\d{1,18}$/.test(id)) throw invalidCursor();
  return BigInt(id);
}

/**
 * Cuts one extra fetched row off a keyset page (callers ask for limit + 1) and makes the cursor that
 * continues after the last row kept.
 */
export function keysetPage<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
