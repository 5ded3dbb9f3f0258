import { writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../../server/src/db/client';
import { runMigrations } from '../../server/src/db/migrate';

/**
 * PGlite's initdb costs seconds and ~1 GB: do it once, migrate, and dump the data dir. Every test
 * database then starts from that snapshot in a fraction of a second.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  const database = await openDatabase({ url: null, schema: 'public', poolMax: 1, statementTimeoutMs: 15_000, dataDir: '', inMemory: true });
  await runMigrations(database);
  const snapshot = await dumpPglite(database);
  await database.close();
  const dir = join(tmpdir(), 'dingops-test');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-snapshot-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('pgliteSnapshotFile', file);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshotFile: string;
  }
}
