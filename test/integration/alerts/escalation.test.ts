import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { startDingOps } from '../../../server/src/runtime';
import { demo } from '../../support/demo-people';
import { buildTestApp } from '../../support/test-app';
import { createSource, erpDown, groupsOf, notificationsOf, post } from './alerts-fixture';

async function timelineOf(t: Awaited<ReturnType<typeof buildTestApp>>, headers: Record<string, string>, id: string) {
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${id}`, headers })).json();
  return detail.timeline as { kind: string; note: string | null }[];
}

describe('escalation of unacknowledged level-1 groups (scheduler job alerts.escalate)', { timeout: 90_000 }, () => {
  it('F4: on-call at once, the next step after 5 min, IT leads and the leadership group after 15; a second run (as after a restart) repeats nothing', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [erpDown()]);
    await t.drainOutbox();
    const [group] = await groupsOf(t, source.admin.headers);
    expect(group!.escalationStepsDone).toEqual([0]);

    t.clock.advance(4 * 60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect((await groupsOf(t, source.admin.headers))[0]!.escalationStepsDone).toEqual([0]);

    t.clock.advance(12 * 60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    await t.app.scheduler.runNow('alerts.escalate');
    await t.drainOutbox();
    const [after] = await groupsOf(t, source.admin.headers);
    expect(after!.escalationStepsDone).toEqual([0, 1, 2]);
    const steps = (await timelineOf(t, source.admin.headers, group!.id)).filter((event) => event.kind === 'escalation_step');
    expect(steps).toHaveLength(3);

    const { items } = await t.sandboxApi<{ items: { kind: string; text?: string; content?: unknown }[] }>(`/conversations/${encodeURIComponent(demoGroupIds.leadership)}/messages`);
    expect(JSON.stringify(items)).toContain('告警升级：ErpDatabaseDown');
    expect((await notificationsOf(t, demo.itLead)).join()).toContain('ErpDatabaseDown');
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/dingops_alert_escalations_total\{target="leadership_group"\} 1/);
  });

  it('F4: a restart in the middle of an escalation resumes it in the new process, without repeating a step', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    await post(t, source.token, [erpDown()]);
    t.clock.advance(6 * 60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect((await groupsOf(t, source.admin.headers))[0]!.escalationStepsDone).toEqual([0, 1]);

    // A new process on the same database and DingTalk: nothing of the first one's memory survives.
    const restarted = await startDingOps({ config: { ...t.config, sandbox: { ...t.config.sandbox, externalUrl: t.sandboxUrl } }, logger: false, database: t.database, clock: () => t.clock.now() });
    try {
      await restarted.app.scheduler.runNow('alerts.escalate');
      t.clock.advance(10 * 60_000);
      await restarted.app.scheduler.runNow('alerts.escalate');
      await restarted.app.scheduler.runNow('alerts.escalate');
    } finally {
      await restarted.app.close();
    }
    const [group] = await groupsOf(t, source.admin.headers);
    expect(group!.escalationStepsDone).toEqual([0, 1, 2]);
    const steps = (await timelineOf(t, source.admin.headers, group!.id)).filter((event) => event.kind === 'escalation_step');
    expect(steps.map((event) => event.note?.slice(0, 5))).toEqual(['第 1 步', '第 2 步', '第 3 步']);
  });

  it('acknowledging stops the walk; a level-2 group never walks', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    const lina = await t.loginAs(demo.itStaff);
    await post(t, source.token, [erpDown(), { labels: { alertname: 'ErpSlow', service: 'erp', instance: 'app1', severity: 'warning' } }]);
    const groups = await groupsOf(t, source.admin.headers);
    const critical = groups.find((group) => group.level === 1)!;
    await t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${critical.id}/actions`, headers: lina.headers, payload: { action: 'acknowledge' } });
    t.clock.advance(30 * 60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    const after = await groupsOf(t, source.admin.headers);
    expect(after.map((group) => [group.level, group.escalationStepsDone])).toEqual(
      expect.arrayContaining([
        [1, [0]],
        [2, []],
      ]),
    );
  });
});
