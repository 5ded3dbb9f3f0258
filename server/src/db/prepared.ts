import type { SQL } from 'drizzle-orm';
import type { Db } from './client';
import { markFromDatabase } from './connection-errors';

interface PgPoolLike {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

interface DbInternals {
  $client: unknown;
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

const isPgPool = (client: unknown): client is PgPoolLike => typeof client === 'object' && client !== null && 'totalCount' in client && 'query' in client;

/**
 * Runs a hot, fixed-text statement as a named prepared statement on Postgres, so each pooled
 * connection plans it once (a large CTE statement can take longer to plan than to run). The SQL
 * text must not vary between calls (values are bound). On PGlite it is an ordinary execute.
 * Outside transactions only: it runs on whichever pooled connection is free.
 */
export async function executePrepared<T>(db: Db, name: string, statement: SQL): Promise<{ rows: T[] }> {
  const internals = db as unknown as DbInternals;
  if (!isPgPool(internals.$client)) return (await db.execute(statement)) as unknown as { rows: T[] };
  const query = internals.dialect.sqlToQuery(statement);
  const result = await internals.$client.query({ name, text: query.sql, values: query.params }).catch((error: unknown) => {
    throw markFromDatabase(error);
  });
  return result as unknown as { rows: T[] };
}
