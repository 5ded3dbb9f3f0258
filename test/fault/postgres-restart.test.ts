// A Postgres restart, then a 30-second stop, under load, on a Postgres cluster this test starts
// itself (the shared one is never restarted). DingOps runs in its own process, as in production.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { admin, createAlertSource, type DingOpsProcess, loginAs, startDingOps, startSharedSandbox } from './dingops-process';
import { startLoad, summarise } from './load';
import { type PrivatePostgres, startPrivatePostgres, whyNoPrivatePostgres } from './private-postgres';

const whyNot = whyNoPrivatePostgres();
if (whyNot) console.log(`Postgres restart fault test skipped: ${whyNot}.`);

const schema = 'dingops';
const stopSeconds = 30;
/** The person whose DingTalk contact card changes, to push events through the Stream connection. */
const changingPerson = 'yq-zhangwei';

describe.skipIf(whyNot)('a Postgres restart under load (P2: stability)', () => {
  let postgres: PrivatePostgres;
  let sandbox: Awaited<ReturnType<typeof startSharedSandbox>>;
  let dingops: DingOpsProcess;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    sandbox = await startSharedSandbox();
    // Jobs due every 5 s, so a run after the outage shows the scheduler and its lock connection are back.
    dingops = await startDingOps({ databaseUrl: postgres.url, schema, sandboxUrl: sandbox.url, env: { ALERTS_FLUSH_CRON: '*/5 * * * * *' } });
  });

  afterAll(async () => {
    await dingops?.stop();
    await sandbox?.close();
    await postgres?.destroy();
  });

  /** A short-lived connection of the test's own: the server goes away in between. */
  async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  it('P2: through a restart and a 30 s stop the process lives, requests get 503 with Retry-After (never 401, never a hang), /readyz goes 503 then 200, every connection comes back by itself and nothing acknowledged is lost', async ({ onTestFailed }) => {
    onTestFailed(() => console.log(`DingOps stderr:\n${dingops.stderr()}`));
    const headers = await loginAs(dingops, sandbox.url, admin);
    const webhookToken = await createAlertSource(dingops, headers);
    // DingTalk answers in 0.2 s, so deliveries are in flight when Postgres goes away.
    sandbox.state.faults.set({ errorRate: 0, latencyMs: 200, throttle: false, dropConnections: false });
    const load = startLoad({ dingops, headers, webhookToken, sandboxUrl: sandbox.url, userId: changingPerson });
    await sleep(2_000);

    const restartFrom = Date.now();
    await postgres.restart();
    const restartBack = Date.now();
    await sleep(4_000);

    const stopFrom = Date.now();
    await postgres.stop();
    await sleep(stopSeconds * 1000);
    await postgres.start();
    const stopBack = Date.now();
    await waitFor(async () => load.outcomes.some((outcome) => outcome.kind === 'readyz' && outcome.startedAt >= stopBack && outcome.status === 200), '/readyz 200 after the stop', 20_000);
    await sleep(3_000);
    await load.stop();

    const restart = summarise(load.outcomes.filter((outcome) => outcome.startedAt < stopFrom), { from: restartFrom, postgresBackAt: restartBack });
    const stop = summarise(load.outcomes, { from: stopFrom, postgresBackAt: stopBack });
    console.table({ restart, [`${stopSeconds} s stop`]: stop });

    expect(dingops.isRunning()).toBe(true);
    for (const outage of [restart, stop]) {
      expect(outage.unexpected).toEqual([]);
      expect(outage.unavailable).toBeGreaterThan(0);
      expect(outage.unavailableWithoutRetryAfter).toBe(0);
      expect(outage.readyzStatuses).toEqual(expect.arrayContaining([503, 200]));
      expect(outage.recoverySeconds).toBeLessThan(10);
    }

    // Every long-lived connection is back: LISTEN (a new backend), the scheduler and its job lock.
    const backSince = async (pattern: string) => {
      const [row] = await query<{ at: Date }>(`SELECT min(backend_start) AS at FROM pg_stat_activity WHERE application_name = $1 AND query LIKE $2`, [`dingops:${schema}`, pattern]);
      return row?.at ? `${((row.at.getTime() - stopBack) / 1000).toFixed(2)} s` : null;
    };
    const listenBack = await waitFor(() => backSince('LISTEN%'), 'the LISTEN connection to come back', 15_000);
    await waitFor(async () => (await query(`SELECT 1 FROM "${schema}".job_runs WHERE job = 'alerts.flush_cards' AND status = 'succeeded' AND started_at > to_timestamp($1 / 1000.0)`, [stopBack])).length > 0, 'a scheduled job to run after the outage', 15_000);
    const lockBack = await waitFor(() => backSince('SELECT pg_%advisory%'), 'the job-lock connection to come back', 15_000);
    console.log(`after the stop: LISTEN connection back after ${listenBack}, job-lock connection after ${lockBack}`);

    // Nothing acknowledged is lost: every alert answered 202, every ticket answered 201 (and its
    // notification), every contact event the Stream connection received.
    const { alertInstances, ticketIds, eventIds } = load.acknowledged;
    const storedInstances = new Set((await query<{ instance: string }>(`SELECT labels->>'instance' AS instance FROM "${schema}".alerts`)).map((row) => row.instance));
    expect(alertInstances.filter((instance) => !storedInstances.has(instance))).toEqual([]);
    const storedTickets = new Set((await query<{ id: string }>(`SELECT id::text AS id FROM "${schema}".tickets`)).map((row) => row.id));
    expect(ticketIds.filter((id) => !storedTickets.has(id))).toEqual([]);
    const undelivered = async () => query(`SELECT 1 FROM "${schema}".outbox WHERE idempotency_key LIKE 'ticket:%:created:reporter' AND status <> 'delivered'`);
    await waitFor(async () => (await undelivered()).length === 0, 'every new ticket’s notification to be delivered', 20_000);
    // A delivery DingTalk took while Postgres was away is recorded once it is back, not sent again.
    const { notifications } = (await (await fetch(`${sandbox.url}/sandbox/api/work-notifications?userId=${admin}`)).json()) as { notifications: { msg: unknown }[] };
    const titles = (await query<{ title: string }>(`SELECT title FROM "${schema}".tickets WHERE id::text = ANY($1)`, [ticketIds])).map((row) => row.title);
    expect(titles.map((title) => notifications.filter((note) => JSON.stringify(note.msg).includes(`：${title}"`)).length)).toEqual(titles.map(() => 1));
    const recordedEvent = async (eventId: string) => (await query(`SELECT 1 FROM "${schema}".inbox_events WHERE event_key = $1`, [`event:${eventId}`])).length > 0;
    await waitFor(async () => (await Promise.all(eventIds.map(recordedEvent))).every(Boolean), 'every contact event to be recorded', 20_000);
    console.log(`acknowledged during the run: ${alertInstances.length} alerts, ${ticketIds.length} tickets, ${eventIds.length} events; all stored`);
    expect(dingops.isRunning()).toBe(true);
  });
});
