import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client';
import { readMigrationStatus, runMigrations } from '../../server/src/db/migrate';
import { pgliteTemplateDir, preparePgliteTemplate, startFromPgliteTemplate } from '../../server/src/pglite-template';

// What `npm start` prepares (an initdb, once per PGlite version and migration set) so a first start
// on a new DATA_DIR copies a migrated database instead of running initdb and every migration.

const work = mkdtempSync(join(tmpdir(), 'dingops-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const options = (dataDir: string, overrides: { url?: string | null; schema?: string } = {}) => ({ url: null, schema: 'public', poolMax: 1, statementTimeoutMs: 30_000, dataDir, ...overrides });

describe('the embedded PGlite template', () => {
  it('P2: a first start on a DATA_DIR that does not exist yet opens a copy of the migrated template: every migration applied, none to run', async () => {
    await preparePgliteTemplate();
    expect(existsSync(join(pgliteTemplateDir(), 'pglite', 'PG_VERSION'))).toBe(true);

    // Nested and missing: with JWT_SECRET and ENCRYPTION_KEYS set nothing else creates DATA_DIR first.
    const dataDir = join(work, 'nested', 'data');
    expect(startFromPgliteTemplate(options(dataDir))).toBe(true);
    const database = await openDatabase(options(dataDir));
    try {
      const status = await readMigrationStatus(database);
      expect(status.applied).toBe(status.expected);
      await runMigrations(database);
      expect(await readMigrationStatus(database)).toEqual(status);
    } finally {
      await database.close();
    }
    // A restart keeps its own data: the template is only for a DATA_DIR without a database.
    expect(startFromPgliteTemplate(options(dataDir))).toBe(false);
  });

  it('P2: Postgres, an in-memory database or a schema of its own never use the template', () => {
    expect(startFromPgliteTemplate(options(join(work, 'pg'), { url: 'postgres://postgres@127.0.0.1:5432/test' }))).toBe(false);
    expect(startFromPgliteTemplate({ ...options(join(work, 'memory')), inMemory: true })).toBe(false);
    expect(startFromPgliteTemplate(options(join(work, 'schema'), { schema: 'tenant_a' }))).toBe(false);
    for (const name of ['pg', 'memory', 'schema']) expect(existsSync(join(work, name, 'pglite'))).toBe(false);
  });
});
