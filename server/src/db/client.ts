import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createLockSession } from './lock-session';
import { listenWithReconnect } from './notify-listener';
import { clientConfig, createPool, type DatabaseLog } from './postgres-connections';

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
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (delivered at commit); resolves to an unlisten
   * function. A dropped connection is re-opened by itself, after which `onNotify` is called once
   * (NOTIFYs sent meanwhile are lost): listeners must treat it as "look for work", not as one event.
   */
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
  /** Postgres only: how long opening a connection or waiting for a pooled one may take (default 5 s). */
  connectTimeoutMs?: number;
  /** Where lost and restored connections are logged. */
  log?: DatabaseLog;
}

/** Nothing waits longer than this for a database connection: a request fails with 503 instead of hanging. */
const defaultConnectTimeoutMs = 5_000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPglite(options);
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const settings = {
    url,
    applicationName: `dingops:${options.schema}`.slice(0, 63),
    connectTimeoutMs: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    // Past the statement timeout, so a server that answers always answers first.
    queryTimeoutMs: options.statementTimeoutMs + 2_000,
  };
  const pool = createPool({ settings, poolMax: options.poolMax, statementTimeoutMs: options.statementTimeoutMs, schema: options.schema, log: options.log });
  const db = drizzlePg(pool) as unknown as Db;
  const heldInProcess = new Set<string>();
  const newClient = () => new pg.Client(clientConfig(settings));
  const locks = createLockSession({ newClient, log: options.log });
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
    // LISTEN needs its own long-lived connection, outside the pool.
    listen: (channel, onNotify) => listenWithReconnect({ newClient, channel, onNotify, log: options.log }),
    async close() {
      await locks.end();
      await pool.end();
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
