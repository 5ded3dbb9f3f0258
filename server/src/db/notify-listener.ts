import type pg from 'pg';
import { markFromDatabase } from './connection-errors';
import type { DatabaseLog } from './postgres-connections';

/** Waits between reconnect attempts: doubling from the first to the last, with jitter. */
const retryMs = { first: 200, last: 2_000 };

/**
 * Keeps a LISTEN connection for `channel` open for good. When it drops (a Postgres restart, a cut
 * network) it is opened again with backoff and LISTEN is issued again. A NOTIFY sent while nobody
 * listened is gone, so `onNotify` is called once after each reconnect: the caller looks for the work
 * it may have missed. The first connection must succeed (start-up fails otherwise); resolves to the
 * function that stops listening.
 */
export async function listenWithReconnect({ newClient, channel, onNotify, log }: { newClient: () => pg.Client; channel: string; onNotify: () => void; log: DatabaseLog | undefined }): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;

  async function open(): Promise<void> {
    const client = newClient();
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    const lost = () => onLost(client);
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw markFromDatabase(error);
    }
    if (stopped) await client.end().catch(() => undefined);
    else current = client;
  }

  function onLost(client: pg.Client) {
    if (client !== current) return;
    current = null;
    void client.end().catch(() => undefined);
    if (stopped) return;
    log?.warn({ channel }, 'Lost the LISTEN connection; reconnecting');
    retry();
  }

  function retry() {
    const delay = Math.min(retryMs.last, retryMs.first * 2 ** failures) * (0.75 + Math.random() * 0.5);
    timer = setTimeout(() => void reconnect(), delay);
  }

  async function reconnect() {
    timer = null;
    if (stopped) return;
    try {
      await open();
    } catch {
      failures += 1;
      if (!stopped) retry();
      return;
    }
    if (stopped) return;
    log?.info({ channel, failedAttempts: failures }, 'LISTEN connection restored');
    failures = 0;
    onNotify();
  }

  await open();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const client = current;
    current = null;
    await client?.end().catch(() => undefined);
  };
}
