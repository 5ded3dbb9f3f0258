import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Rows of `table` as drizzle's own `.returning()` would give them, from a raw statement's
 * `RETURNING *` (columns by their SQL names). For hot paths that build one jsonb_to_recordset
 * statement instead of a drizzle insert with thousands of bound values.
 */
export function rowsOfTable<T extends Table>(table: T, rows: Record<string, unknown>[]): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table));
  return rows.map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  });
}
