import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseOptions } from './db/client';
import { migrationsFolder, runMigrations } from './db/migrate';

// A fresh embedded PGlite costs an initdb (~10 s of CPU, most of a first start) and then every
// migration. `npm start` prepares one migrated, empty data dir per PGlite version and migration set
// (in node_modules/.cache, beside the other build outputs; it runs while the micro-app builds), and
// a first start on a new DATA_DIR copies it instead. Without the template (a deployment, a changed
// migration not yet prepared) the server does the initdb itself, as before.

const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/dingops-build/', import.meta.url));

/** The template only suits the default schema: a DATA_DIR with its own DATABASE_SCHEMA starts from initdb. */
const templateSchema = 'public';

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('@electric-sql/pglite'));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@electric-sql/pglite') return manifest.version ?? 'unknown';
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/** Where the template for this PGlite and these migrations lives (it need not exist). */
export function pgliteTemplateDir(): string {
  const key = createHash('sha256').update(pgliteVersion()).update(readFileSync(join(migrationsFolder, 'meta', '_journal.json'))).digest('hex').slice(0, 16);
  return join(cacheDir, `pglite-template-${key}`);
}

/** Creates the template unless it exists; returns whether it had to. */
export async function preparePgliteTemplate(): Promise<boolean> {
  const target = pgliteTemplateDir();
  if (existsSync(target)) return false;
  const work = `${target}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const database = await openDatabase({ url: null, schema: templateSchema, poolMax: 1, statementTimeoutMs: 60_000, dataDir: work });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
  // Renamed only once complete: a half-written template is never used.
  renameSync(work, target);
  return true;
}

/**
 * Before opening embedded PGlite for the first time in a DATA_DIR, copies the prepared template
 * into it. Returns whether it did (the caller still opens the database and runs the migrations,
 * which then find nothing to do).
 */
export function startFromPgliteTemplate(options: DatabaseOptions): boolean {
  if (options.url || options.inMemory || options.pgliteSnapshot || options.schema !== templateSchema) return false;
  const target = join(options.dataDir, 'pglite');
  if (existsSync(target)) return false;
  let template: string;
  try {
    template = join(pgliteTemplateDir(), 'pglite');
  } catch {
    return false;
  }
  if (!existsSync(join(template, 'PG_VERSION'))) return false;
  const work = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(options.dataDir, { recursive: true });
    rmSync(work, { recursive: true, force: true });
    cpSync(template, work, { recursive: true });
    // Renamed only once complete: a copy cut short is never opened as a database.
    renameSync(work, target);
    return true;
  } catch {
    // A full disk, a read-only template…: the server makes its own database, as without a template.
    rmSync(work, { recursive: true, force: true });
    return false;
  }
}
