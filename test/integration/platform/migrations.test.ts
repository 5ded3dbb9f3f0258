import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, readMigrationStatus } from '../../../server/src/db/migrate';
import { openTestDatabase } from '../../support/test-database';

const tableModules = import.meta.glob(['../../../server/src/platform/**/*.table.ts', '../../../server/src/modules/**/*.table.ts'], { eager: true });

describe('migrations', () => {
  it('every committed migration applies to an empty database and the journal matches the folder', async () => {
    const database = await openTestDatabase();
    try {
      const status = await readMigrationStatus(database);
      const sqlFiles = readdirSync(migrationsFolder).filter((file) => file.endsWith('.sql'));
      expect(status).toEqual({ expected: sqlFiles.length, applied: sqlFiles.length });
      const tables = await database.db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`);
      expect(tables.rows.map((row) => (row as { table_name: string }).table_name)).toEqual(expect.arrayContaining(['audit_log', 'role_grants', 'users']));
    } finally {
      await database.close();
    }
  });

  it('the drizzle schema and the committed migrations agree (generating again yields nothing)', async () => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number }[] };
    const last = journal.entries.at(-1);
    const snapshots = readdirSync(join(migrationsFolder, 'meta')).filter((file) => file.endsWith('_snapshot.json')).sort();
    const latest = JSON.parse(readFileSync(join(migrationsFolder, 'meta', snapshots.at(-1) ?? ''), 'utf8'));
    expect(last).toBeDefined();
    const current = generateDrizzleJson(Object.assign({}, ...Object.values(tableModules)) as Record<string, unknown>);
    const pending = await generateMigration(latest, current);
    expect(pending, 'run `pnpm db:generate` and commit the migration').toEqual([]);
  });
});
