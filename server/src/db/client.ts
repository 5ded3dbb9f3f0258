import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';

/**
 * The drizzle handle every repository takes; the same type for Postgres and PGlite. Typed with
 * node-postgres' result shape: PGlite's results have the same `rows`.
 */
export type Db = PgDatabase<NodePgQueryResultHKT>;
export type Tx = PgTransaction<NodePgQueryResultHKT>;
/** A repository write runs on the shared handle or inside a caller's transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  driver: 'postgres' | 'pglite';
  /** Schema holding DingOps tables and the migrations journal. */
  schema: string;
  /**
   * Runs `work` on one connection while holding the session advisory lock (namespace, name) for this
   * schema (migrations). Advisory locks are database-wide, so both kinds here put the schema in the
   * key: deployments in other schemas of the same database never wait on or skip for each other.
   */
  withExclusiveLock<T>(namespace: number, name: string, work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `work` only if no other session holds the lock (namespace, name) for this schema; otherwise
   * returns `{ ran: false }` at once. How scheduled jobs run once across N instances.
   */
  tryWithLock<T>(namespace: number, name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Calls `onNotify` for every NOTIFY on `channel` (delivered at commit); resolves to an unlisten function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string | null;
  schema: string;
  poolMax: number;
  statementTimeoutMs: number;
  dataDir: string;
  /** PGlite only: start from a dumped data dir instead of running initdb (tests). */
  pgliteSnapshot?: Blob;
  /** PGlite only: keep the database in memory. */
  inMemory?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax,
    statement_timeout: options.statementTimeoutMs,
    options: `-c search_path=${options.schema}`,
  });
  const db = drizzlePg(pool) as unknown as Db;
  const heldInProcess = new Set<string>();
  const locks = createLockSession(url);
  // Advisory locks are database-wide: the schema in the key keeps deployments apart.
  const lockName = (name: string) => `${options.schema}:${name}`;
  return {
    db,
    driver: 'postgres',
    schema: options.schema,
    async withExclusiveLock(namespace, name, work) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [namespace, lockName(name)]);
        try {
          return await work(drizzlePg(client) as unknown as Db);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, lockName(name)]);
        }
      } finally {
        client.release();
      }
    },
    async tryWithLock(namespace, name, work) {
      // Advisory locks are re-entrant within a session, and every lock here shares one session.
      const key = `${namespace}:${name}`;
      if (heldInProcess.has(key)) return { ran: false };
      heldInProcess.add(key);
      try {
        const { rows } = await locks.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [namespace, lockName(name)]);
        if (!rows[0]?.locked) return { ran: false };
        try {
          return { ran: true, value: await work() };
        } finally {
          await locks.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, lockName(name)]).catch(() => undefined);
        }
      } finally {
        heldInProcess.delete(key);
      }
    },
    async listen(channel, onNotify) {
      // LISTEN needs its own long-lived connection, outside the pool.
      const client = new pg.Client({ connectionString: url });
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      client.on('error', () => undefined);
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await locks.end();
      await pool.end();
    },
  };
}

/**
 * The one connection that holds this process's job locks, outside the pool: a job holding its lock
 * on a pooled connection while its work needs more connections can starve the pool when several
 * jobs fire in the same second. If the connection drops, Postgres releases its locks and the next
 * call opens a new one.
 */
function createLockSession(url: string) {
  let client: Promise<pg.Client> | null = null;
  /** Jobs firing together share the connection: their lock statements go one after another (pg 9 refuses overlapping queries on a client). */
  let tail: Promise<unknown> = Promise.resolve();
  function session(): Promise<pg.Client> {
    client ??= (async () => {
      const created = new pg.Client({ connectionString: url });
      created.on('error', () => {
        client = null;
      });
      await created.connect();
      return created;
    })().catch((error: unknown) => {
      client = null;
      throw error;
    });
    return client;
  }
  return {
    query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
      const result = tail.then(async () => (await session()).query<R>(text, values));
      tail = result.catch(() => undefined);
      return result;
    },
    async end() {
      const current = client;
      client = null;
      if (current) await (await current.catch(() => null))?.end().catch(() => undefined);
    },
  };
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  const dataDir = options.inMemory ? undefined : options.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ? `${dataDir}/pglite` : undefined, options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {});
  if (options.schema !== 'public') {
    await client.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"; SET search_path TO "${options.schema}"`);
  }
  const db = drizzlePglite(client) as unknown as Db;
  const heldInProcess = new Set<string>();
  return {
    db,
    driver: 'pglite',
    schema: options.schema,
    // PGlite has a single connection and a single process: there is nobody to lock against.
    withExclusiveLock: (_namespace, _name, work) => work(db),
    async tryWithLock(namespace, name, work) {
      const key = `${namespace}:${name}`;
      if (heldInProcess.has(key)) return { ran: false };
      heldInProcess.add(key);
      try {
        return { ran: true, value: await work() };
      } finally {
        heldInProcess.delete(key);
      }
    },
    async listen(channel, onNotify) {
      const unlisten = await client.listen(channel, () => onNotify());
      return async () => unlisten();
    },
    close: () => client.close(),
  };
}

/** Test helper: dump a migrated in-memory PGlite so each test can start from it in ~0.3 s. */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return (await client.dumpDataDir('none')) as Blob;
}
