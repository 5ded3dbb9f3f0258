import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/src/db/client';
import { runMigrations } from '../../../server/src/db/migrate';
import { createAuditRepository } from '../../../server/src/platform/audit/audit.repository';
import { createAuditService, systemContext } from '../../../server/src/platform/audit/audit.service';

const run = promisify(execFile);

/**
 * A database only this test uses, which the CLI (another process) opens from its environment: a fresh
 * Postgres schema, or a PGlite data dir started from the migrated snapshot.
 */
async function ownDatabase(): Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const schema = `t_cli_${randomBytes(6).toString('hex')}`;
    const open = () => openDatabase({ url, schema, poolMax: 2, statementTimeoutMs: 15_000, dataDir: '' });
    const database = await open();
    await runMigrations(database);
    await database.close();
    return {
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
      open,
      async drop() {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  const options = { url: null, schema: 'public', poolMax: 1, statementTimeoutMs: 15_000, dataDir };
  const seeded = await openDatabase({ ...options, pgliteSnapshot: new Blob([readFileSync(inject('pgliteSnapshotFile'))]) });
  await seeded.close();
  return { env: { DATA_DIR: dataDir }, open: () => openDatabase(options), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function withDatabase<T>(open: () => Promise<Database>, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await open();
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** `pnpm audit:verify` in its own process, configured by environment only. */
async function auditVerify(env: Record<string, string>) {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent' };
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'audit:verify'], { env: { ...base, ...env }, timeout: 120_000 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('audit:verify CLI', () => {
  it('S5: exits 0 on an intact chain, and after tampering exits 1 naming the broken row', { timeout: 180_000 }, async () => {
    const owned = await ownDatabase();
    try {
      const tamperedId = await withDatabase(owned.open, async (database) => {
        const audit = createAuditService({ repo: createAuditRepository({ db: database.db }), clock: () => new Date() });
        for (const action of ['users.role_granted', 'tickets.created', 'tickets.resolved']) await audit.record(systemContext, { action, summary: { step: action } });
        const rows = await database.db.execute(sql`SELECT id FROM audit_log ORDER BY id`);
        return String((rows.rows[1] as { id: string | number }).id);
      });

      const intact = await auditVerify(owned.env);
      expect(intact.output).toContain('Audit chain intact: 3 rows checked.');
      expect(intact.code).toBe(0);

      await withDatabase(owned.open, (database) =>
        database.db.transaction(async (tx) => {
          // Only a superuser can switch the append-only triggers off: the attack the chain reveals.
          await tx.execute(sql`SET LOCAL session_replication_role = replica`);
          await tx.execute(sql`UPDATE audit_log SET summary = '{"step":"rewritten"}'::jsonb WHERE id = ${tamperedId}`);
        }),
      );
      const broken = await auditVerify(owned.env);
      expect(broken.output).toContain(`Audit chain BROKEN at row ${tamperedId}`);
      expect(broken.code).toBe(1);
    } finally {
      await owned.drop();
    }
  });
});
