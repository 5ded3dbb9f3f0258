import type pg from 'pg';
import { markFromDatabase } from './connection-errors';
import type { DatabaseLog } from './postgres-connections';

/**
 * The one connection that holds this process's job locks, outside the pool: a job holding its lock
 * on a pooled connection while its work needs more connections can starve the pool when several
 * jobs fire in the same second. If the connection drops (a Postgres restart), Postgres releases its
 * locks and the next call opens a new one; the calls in between fail with a marked database error.
 */
export function createLockSession({ newClient, log }: { newClient: () => pg.Client; log: DatabaseLog | undefined }) {
  let client: Promise<pg.Client> | null = null;
  /** Jobs firing together share the connection: their lock statements go one after another (pg 9 refuses overlapping queries on a client). */
  let tail: Promise<unknown> = Promise.resolve();

  function session(): Promise<pg.Client> {
    if (client) return client;
    const created = newClient();
    const opening = created.connect().then(() => created);
    const forget = () => {
      if (client === opening) client = null;
    };
    created.on('error', (error) => {
      log?.warn({ err: error }, 'Lost the job-lock connection; the next job opens a new one');
      forget();
    });
    created.on('end', forget);
    opening.catch(() => {
      forget();
      void created.end().catch(() => undefined);
    });
    client = opening;
    return opening;
  }

  return {
    query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
      const result = tail.then(async () => (await session()).query<R>(text, values)).catch((error: unknown) => {
        throw markFromDatabase(error);
      });
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
