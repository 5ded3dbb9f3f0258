import pg from 'pg';
import { markFromDatabase } from './connection-errors';

/** What the database layer logs with; a pino or Fastify logger fits. */
export interface DatabaseLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface ConnectionSettings {
  url: string;
  /** Shown in pg_stat_activity, so an operator sees which deployment a connection belongs to. */
  applicationName: string;
  /** How long opening a connection, or waiting for a free pooled one, may take before it fails. */
  connectTimeoutMs: number;
  /**
   * How long the client waits for any answer. Postgres' statement_timeout ends a slow statement, but
   * only a server that still answers can send that: a hung server or a silently lost network is
   * noticed here instead.
   */
  queryTimeoutMs: number;
}

/** Settings every DingOps connection shares: bounded connects and answers, TCP keepalive. */
export function clientConfig({ url, applicationName, connectTimeoutMs, queryTimeoutMs }: ConnectionSettings): pg.ClientConfig {
  return { connectionString: url, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs, query_timeout: queryTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000 };
}

/**
 * The shared pool. A pooled connection Postgres ends (a restart sends 57P01 to each) emits 'error':
 * on the pool while idle, on the client while checked out. Without a listener either one is an
 * unhandled 'error' event that ends the process, so both are heard here; the pool drops the dead
 * connection and opens a new one on demand. Checkout errors are marked as the database's so the
 * error handler can tell them from other sockets' errors.
 */
export function createPool({ settings, poolMax, statementTimeoutMs, schema, log }: { settings: ConnectionSettings; poolMax: number; statementTimeoutMs: number; schema: string; log: DatabaseLog | undefined }): pg.Pool {
  const pool = new MarkingPool({ ...clientConfig(settings), max: poolMax, statement_timeout: statementTimeoutMs, options: `-c search_path=${schema}` });
  pool.on('error', (error) => log?.warn({ err: error }, 'Lost an idle database connection; a new one is opened when needed'));
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

class MarkingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    // pg-pool's own query() checks out with a callback; only the promise form reaches callers.
    if (callback) return super.connect(callback);
    return super.connect().catch((error: unknown) => {
      throw markFromDatabase(error);
    });
  }
}
