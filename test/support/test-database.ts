import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/client';
import { runMigrations } from '../../server/src/db/migrate';

/** Which database the integration suite runs on: PGlite by default, Postgres when TEST_DATABASE_URL is set. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

let workerPglite: Promise<Database> | null = null;

/**
 * One migrated PGlite per test worker (loading the snapshot costs ~1 s), emptied before each test:
 * every table is truncated with triggers off (the audit log refuses TRUNCATE otherwise) and its
 * sequences restarted, so each test still starts from an empty, freshly migrated database.
 */
async function openEmptiedPglite(): Promise<Database & { schemaName: string }> {
  workerPglite ??= openDatabase({
    url: null,
    schema: 'public',
    poolMax: 1,
    statementTimeoutMs: 15_000,
    dataDir: '',
    inMemory: true,
    pgliteSnapshot: new Blob([readFileSync(inject('pgliteSnapshotFile'))]),
  });
  const database = await workerPglite;
  await database.db.execute(sql.raw(`
    DO $$ DECLARE tables text;
    BEGIN
      SELECT string_agg(format('%I', tablename), ', ') INTO tables FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__drizzle_migrations';
      SET session_replication_role = replica;
      EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE';
      SET session_replication_role = origin;
    END $$;`));
  return { ...database, schemaName: 'public', close: async () => {} };
}

/** A fresh, migrated database for one test: the worker's emptied PGlite, or a new Postgres schema. */
export async function openTestDatabase(): Promise<Database & { schemaName: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openEmptiedPglite();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url, schema, poolMax: 4, statementTimeoutMs: 15_000, dataDir: '' });
  await runMigrations(database);
  return {
    ...database,
    schemaName: schema,
    async close() {
      await database.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}
