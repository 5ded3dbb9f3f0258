import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database, Db } from './client';

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** Any constant will do as long as nothing else uses it. */
const migrationLockNamespace = 7240;

/**
 * Applies every pending migration; safe when several instances start at once. The lock is per schema
 * (client.ts): instances of one deployment take turns, while deployments (or test runs) in other
 * schemas of the same server migrate side by side.
 */
export async function runMigrations(database: Database): Promise<void> {
  await database.withExclusiveLock(migrationLockNamespace, 'migrations', async (db) => {
    const config = { migrationsFolder, migrationsSchema: database.schema };
    if (database.driver === 'pglite') await migratePglite(db as never, config);
    else await migratePg(db as never, config);
  });
}

/** For /readyz: how many migrations the code ships versus how many the database has applied. */
export async function readMigrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  const applied = await countApplied(database.db, database.schema);
  return { expected: journal.entries.length, applied };
}

async function countApplied(db: Db, schema: string): Promise<number> {
  const result = (await db.execute(sql.raw(`SELECT count(*)::int AS n FROM "${schema}"."__drizzle_migrations"`))) as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}
