// Two DingOps processes on one schema, as a deployment with two instances behind a load balancer:
// one card per alert group, each scheduled job once per time it is due, one work notification per
// event. Uses the shared Postgres (TEST_DATABASE_URL) in a schema of its own; it never restarts it.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../shared/src/rules/alert-grouping';
import { demoGroupIds } from '../../server/src/sandbox';
import { previousDue } from '../../server/src/platform/scheduler/scheduler.rules';
import { alertmanagerPayload } from '../support/alertmanager-payload';
import { waitFor } from '../support/wait';
import { admin, createAlertSource, type DingOpsProcess, loginAs, post, startDingOps, startSharedSandbox } from './dingops-process';

const databaseUrl = process.env.TEST_DATABASE_URL;
const reporter = 'yq-zhangwei';
// Every few seconds instead of every minute, so a short run sees many times each job is due.
const fastJobs = { ALERTS_ESCALATE_CRON: '*/5 * * * * *', ALERTS_FLUSH_CRON: '*/5 * * * * *', ALERTS_REPEAT_CRON: '*/5 * * * * *' };

describe.skipIf(!databaseUrl)('two DingOps processes on one schema (P2: several instances)', () => {
  const schema = `fault_${randomBytes(5).toString('hex')}`;
  let sandbox: Awaited<ReturnType<typeof startSharedSandbox>>;
  let processes: DingOpsProcess[] = [];
  let db: pg.Client;

  beforeAll(async () => {
    sandbox = await startSharedSandbox();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    processes = await Promise.all([0, 1].map(() => startDingOps({ databaseUrl: databaseUrl!, schema, sandboxUrl: sandbox.url, env: fastJobs })));
  });

  afterAll(async () => {
    await Promise.all(processes.map((dingops) => dingops.stop()));
    await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db?.end();
    await sandbox?.close();
  });

  const sandboxGet = async <T>(path: string): Promise<T> => (await (await fetch(`${sandbox.url}/sandbox/api${path}`)).json()) as T;

  it('P2: alerts sent to both processes give one card per alert group; robot messages give one ticket and one work notification each; each job runs once each time it is due', async ({ onTestFailed }) => {
    onTestFailed(() => processes.forEach((dingops, index) => console.log(`DingOps ${index + 1} stderr:\n${dingops.stderr()}`)));
    const [a, b] = processes as [DingOpsProcess, DingOpsProcess];
    const runStartedAt = (await db.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
    const token = await createAlertSource(a, await loginAs(a, sandbox.url, admin));
    const run = randomBytes(3).toString('hex');

    // An HA Alertmanager pair: each sends every alert, one to each process, at the same moment, twice.
    const alerts = Array.from({ length: 8 }, (_, i) => ({ labels: { alertname: `FaultTwoProcesses${i}`, service: `svc-${run}`, instance: 'db1', severity: 'critical' }, annotations: { summary: `第 ${i} 组` } }));
    for (let round = 0; round < 2; round += 1) {
      const sends = alerts.flatMap((alert) => [a, b].map((dingops) => post(`${dingops.url}/api/v1/alerts/webhooks/alertmanager`, alertmanagerPayload([alert]), { authorization: `Bearer ${token}` })));
      expect((await Promise.all(sends)).map((response) => response.status)).toEqual(sends.map(() => 202));
    }

    // People write to the robot; the sandbox hands each message to one of the two Stream connections.
    const texts = Array.from({ length: 6 }, (_, i) => `${run} 第${i}号 打印机卡纸`);
    for (const text of texts) expect((await post(`${sandbox.url}/sandbox/api/bot-messages`, { userId: reporter, text })).status).toBe(202);

    const cardsPerGroup = async () => {
      const { items } = await sandboxGet<{ items: { kind: string; outTrackId?: string }[] }>(`/conversations/${demoGroupIds['it-oncall']}/messages`);
      const counts = new Map<string, number>();
      for (const item of items) if (item.kind === 'card' && item.outTrackId?.startsWith('alert-group-')) counts.set(item.outTrackId, (counts.get(item.outTrackId) ?? 0) + 1);
      return counts;
    };
    const notificationsPerText = async () => {
      const { notifications } = await sandboxGet<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${reporter}`);
      return texts.map((text) => notifications.filter((note) => JSON.stringify(note.msg).includes(text)).length);
    };
    await waitFor(async () => (await cardsPerGroup()).size >= alerts.length, 'a card for every alert group', 30_000);
    await waitFor(async () => (await notificationsPerText()).every((count) => count >= 1), 'a notification for every robot message', 30_000);
    // Anything sent twice would show within a few worker rounds.
    await sleep(3_000);

    const groups = await db.query(`SELECT id FROM "${schema}".alert_groups`);
    expect(groups.rowCount).toBe(alerts.length);
    expect([...(await cardsPerGroup()).values()]).toEqual(alerts.map(() => 1));
    const stored = await db.query<{ fingerprint: string }>(`SELECT fingerprint FROM "${schema}".alerts`);
    expect(stored.rows.map((row) => row.fingerprint).sort()).toEqual(alerts.map((alert) => fingerprintOf(alert.labels)).sort());
    const tickets = await db.query<{ title: string }>(`SELECT title FROM "${schema}".tickets`);
    expect(tickets.rows.map((row) => row.title).sort()).toEqual([...texts].sort());
    expect(await notificationsPerText()).toEqual(texts.map(() => 1));

    // Both processes fire every job on the same clock; the run of one time due is one row.
    const runsSinceStart = async () =>
      (
        await db.query<{ job: string; cron: string; started_at: Date; instance: string }>(
          `SELECT r.job, j.cron, r.started_at, r.instance FROM "${schema}".job_runs r JOIN "${schema}".scheduled_jobs j ON j.name = r.job WHERE r.trigger <> 'manual' AND r.started_at >= $1`,
          [runStartedAt],
        )
      ).rows;
    await waitFor(async () => (await runsSinceStart()).filter((row) => row.job === 'alerts.flush_cards').length >= 4, 'the 5-second jobs to come due four times', 30_000);
    const rows = await runsSinceStart();
    const runsPerDue = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.job} @ ${previousDue(row.cron, row.started_at).toISOString()}`;
      runsPerDue.set(key, (runsPerDue.get(key) ?? 0) + 1);
    }
    expect([...runsPerDue].filter(([, count]) => count > 1)).toEqual([]);
    expect(processes.map((dingops) => dingops.isRunning())).toEqual([true, true]);
  });
});
