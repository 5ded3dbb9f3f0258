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
  /** Postgres only: connections stay open but nothing passes (a hung server) until restore(). */
  freeze(): void;
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
  // Short timeouts keep the hung-server test short; they are the same kind of bound production has.
  const database = await openDatabase({ url: relayed.toString(), schema, poolMax: 4, statementTimeoutMs: 5_000, dataDir: '', connectTimeoutMs: 2_000 });
  await runMigrations(database);
  return {
    schema,
    directUrl: url,
    cut: relay.cut,
    freeze: relay.freeze,
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

/**
 * Forwards loopback connections to the database. `cut()` drops them all and stops listening (a
 * stopped server); `freeze()` holds every byte either way while connections stay open (a hung
 * server, a network losing packets) until `restore()` lets them through again.
 */
async function startRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let held: (() => void)[] | null = null;
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const [socket, other] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        other.destroy();
      });
      socket.on('data', (chunk) => {
        if (held) held.push(() => other.write(chunk));
        else other.write(chunk);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  let listening = true;
  return {
    port,
    cut() {
      listening = false;
      held = null;
      server.close();
      for (const socket of sockets) socket.destroy();
    },
    freeze() {
      held ??= [];
    },
    async restore() {
      const release = held ?? [];
      held = null;
      for (const write of release) write();
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
    freeze() {
      throw new Error('PGlite runs in-process: it cannot hang like a remote server');
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
