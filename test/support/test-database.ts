import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/src/db/client';
import { runMigrations } from '../../server/src/db/migrate';

/** Which database the integration suite runs on: PGlite by default, Postgres when TEST_DATABASE_URL is set. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

let snapshot: Blob | null = null;

/** A fresh, migrated database for one test: a PGlite copy of the snapshot, or a new Postgres schema. */
export async function openTestDatabase(): Promise<Database & { schemaName: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    snapshot ??= new Blob([readFileSync(inject('pgliteSnapshotFile'))]);
    const database = await openDatabase({ url: null, schema: 'public', poolMax: 1, statementTimeoutMs: 15_000, dataDir: '', inMemory: true, pgliteSnapshot: snapshot });
    return { ...database, schemaName: 'public' };
  }
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
