import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../../server/src/db/client';
import { runMigrations } from '../../../server/src/db/migrate';
import { openTestDatabase, testDatabaseKind } from '../../support/test-database';

/** A test database the test can take away (as a stopped or restarting server) and give back. */
export interface BreakableDatabase {
  database: Database;
  /** From now on every connection is dropped and every new one refused (Postgres), or every call fails (PGlite). */
  cut(): void;
  restore(): Promise<void>;
  /** Postgres only: the address of the server itself, bypassing the cut (to look at pg_stat_activity). */
  directUrl: string | null;
  schema: string;
}

/**
 * Postgres: the database is reached through a TCP relay on loopback, and `cut()` closes the relay:
 * every open connection (the pool's, LISTEN's, the job-lock one) drops and new ones are refused,
 * which is what DingOps sees of a Postgres restart — without restarting the server other tests use.
 * PGlite runs in-process and cannot go away; there `cut()` makes each call fail with the error a
 * Postgres restart gives (57P01), so what is tested is how DingOps answers such errors.
 */
export async function openBreakableDatabase(): Promise<BreakableDatabase> {
  return testDatabaseKind === 'postgres' ? openRelayedPostgres(process.env.TEST_DATABASE_URL!) : breakablePglite();
}

async function openRelayedPostgres(url: string): Promise<BreakableDatabase> {
  const target = new URL(url);
  const relay = await startRelay({ host: target.hostname, port: Number(target.port || 5432) });
  const relayed = new URL(url);
  relayed.hostname = '127.0.0.1';
  relayed.port = String(relay.port);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url: relayed.toString(), schema, poolMax: 4, statementTimeoutMs: 15_000, dataDir: '', connectTimeoutMs: 2_000 });
  await runMigrations(database);
  return {
    schema,
    directUrl: url,
    cut: relay.cut,
    restore: relay.restore,
    database: {
      ...database,
      async close() {
        await relay.restore();
        await database.close();
        await relay.close();
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      },
    },
  };
}

/** Forwards loopback connections to the database; `cut()` drops them all and stops listening. */
async function startRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  let listening = true;
  return {
    port,
    cut() {
      listening = false;
      server.close();
      for (const socket of sockets) socket.destroy();
    },
    async restore() {
      if (listening) return;
      listening = true;
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => new Promise<void>((resolve) => (listening ? server.close(() => resolve()) : resolve())),
  };
}

/** What a Postgres restart answers a query on a connection it is ending. */
export function restartError(): Error {
  return Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
}

async function breakablePglite(): Promise<BreakableDatabase> {
  const database = await openTestDatabase();
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const methods = ['query', 'exec', 'transaction'] as const;
  const restore = () => {
    for (const method of methods) delete (client as unknown as Record<string, unknown>)[method];
  };
  return {
    schema: database.schemaName,
    directUrl: null,
    cut() {
      // Own properties shadow the prototype's methods until restore() deletes them again.
      for (const method of methods) Object.assign(client, { [method]: () => Promise.reject(restartError()) });
    },
    restore: async () => restore(),
    database: {
      ...database,
      async close() {
        restore();
        await database.close();
      },
    },
  };
}

/** Collects what would end a plain Node process: uncaught exceptions and unhandled rejections. */
export function recordProcessFailures() {
  const failures: unknown[] = [];
  const record = (error: unknown) => failures.push(error);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  return {
    failures,
    stop() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    },
  };
}
