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
  throw new DomainError('http.invalid_cursor', 'invalid', 'The cursor is not one this list handed out', [{ path: 'querystring.cursor', message: 'is not a valid cursor' }]);
}
