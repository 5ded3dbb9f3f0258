import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';
import { cardOf, createSource, erpDown, notificationsOf, post } from './alerts-fixture';

type Group = { id: string; escalationStepsDone: number[]; escalationStepsPassed: number[] };

async function onlyGroup(t: TestApp, headers: Record<string, string>): Promise<Group> {
  const { items } = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers })).json() as { items: Group[] };
  expect(items).toHaveLength(1);
  return items[0]!;
}

async function escalationNotes(t: TestApp, headers: Record<string, string>, id: string): Promise<string[]> {
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${id}`, headers })).json() as { timeline: { kind: string; note: string | null }[] };
  return detail.timeline.filter((event) => event.kind.startsWith('escalation')).map((event) => event.note ?? '');
}

async function dingsOf(t: TestApp, userId: string): Promise<string[]> {
  const answer = await t.sandboxApi<{ dings: { content: string }[] }>(`/dings?userId=${userId}`);
  return answer.dings.map((ding) => ding.content);
}

async function chatTexts(t: TestApp, conversationId: string): Promise<string> {
  const { items } = await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(conversationId)}/messages`);
  return JSON.stringify(items);
}

describe('a level-1 escalation step that finds nobody (DingTalk throttled, empty rota)', { timeout: 120_000 }, () => {
  it('F4: with DingTalk throttled the demo rota cannot be filled: the empty steps pass on at once, and 75 s after DingTalk recovers the on-call is paged', async () => {
    const t = await buildTestApp();
    const source = await createSource(t);
    // The storm: DingTalk answers every call with its throttling error, so the first use of on-call cannot read the demo people.
    await t.sandboxApi('/faults', { method: 'PUT', body: { throttle: true } });
    await post(t, source.token, [erpDown()]);

    const group = await onlyGroup(t, source.admin.headers);
    expect(group).toMatchObject({ escalationStepsPassed: [0, 1], escalationStepsDone: [2] });
    expect(await escalationNotes(t, source.admin.headers, group.id)).toEqual(['第 1 步（值班主岗）：无人可通知，已转下一步', '第 2 步（值班副岗）：无人可通知，已转下一步', '第 3 步（IT 负责人、管理层群）：通知 王磊、管理层群']);

    // Still throttled: a run tries again and finds nobody; nothing more is written.
    t.clock.advance(30_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect(await escalationNotes(t, source.admin.headers, group.id)).toHaveLength(3);

    await t.sandboxApi('/faults', { method: 'PUT', body: {} });
    t.clock.advance(75_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect(await escalationNotes(t, source.admin.headers, group.id)).toEqual(expect.arrayContaining(['第 1 步（值班主岗）：重试，通知 陈刚', '第 2 步（值班副岗）：重试，通知 李娜']));
    expect(await onlyGroup(t, source.admin.headers)).toMatchObject({ escalationStepsPassed: [], escalationStepsDone: [0, 1, 2] });

    // A second run repeats nothing.
    t.clock.advance(60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect(await escalationNotes(t, source.admin.headers, group.id)).toHaveLength(5);

    t.clock.advance(10 * 60_000);
    await t.drainOutbox();
    expect((await notificationsOf(t, demo.onCall)).join()).toContain('ErpDatabaseDown');
    expect((await dingsOf(t, demo.onCall)).join()).toContain('ErpDatabaseDown');
    expect(await chatTexts(t, demoGroupIds.leadership)).toContain('告警升级：ErpDatabaseDown');
    expect((await cardOf(t, group.id))?.cardParamMap.fields).toContain('已执行 3 步');
  });

  it('F4: when no step of the policy reaches anyone, the alert chat is told with an @ of IT, and so is the leadership group; once someone is on call the next run pages them', async () => {
    const t = await buildTestApp({ SANDBOX_SEED_DEMO: 'false', ADMIN_USER_IDS: demo.itLead });
    const source = await createSource(t);
    const admin = source.admin.headers;
    // A policy that only ever pages the rota, and no rota at all.
    const policy = await t.app.inject({ method: 'POST', url: '/api/v1/oncall/policies', headers: admin, payload: { name: '只找值班', isDefault: true, steps: [{ afterMinutes: 0, notify: ['oncall_primary'] }, { afterMinutes: 5, notify: ['oncall_secondary'] }] } });
    expect(policy.statusCode).toBe(201);
    await post(t, source.token, [erpDown()]);

    const group = await onlyGroup(t, admin);
    expect(group).toMatchObject({ escalationStepsPassed: [0, 1], escalationStepsDone: [] });
    expect(await escalationNotes(t, admin, group.id)).toEqual(['第 1 步（值班主岗）：无人可通知，已转下一步', '第 2 步（值班副岗）：无人可通知', '各步均无人可通知：已通知告警群（@王磊）、管理层群；有人可通知时立即补发']);
    await t.drainOutbox();
    const itChat = await chatTexts(t, demoGroupIds['it-oncall']);
    expect(itChat).toContain('告警无人可通知：ErpDatabaseDown');
    // By the app robot here (no custom robot in this chat's pool), which names whom it means.
    expect(itChat).toContain('请信息部立即处理：@王磊');
    expect(await chatTexts(t, demoGroupIds.leadership)).toContain('告警无人可通知：ErpDatabaseDown');
    expect((await cardOf(t, group.id))?.cardParamMap.fields).toContain('各步均无人可通知');

    // Runs while nobody is on call write nothing and tell nobody again.
    t.clock.advance(60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect(await escalationNotes(t, admin, group.id)).toHaveLength(3);

    const schedule = await t.app.inject({ method: 'POST', url: '/api/v1/oncall/schedules', headers: admin, payload: { name: 'IT 值班', isDefault: true, members: [source.admin.userId], handoffWeekday: 1, handoffTime: '09:00', startDate: '2026-11-23' } });
    expect(schedule.statusCode).toBe(201);
    t.clock.advance(60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    expect(await escalationNotes(t, admin, group.id)).toContain('第 1 步（值班主岗）：重试，通知 王磊');
    await t.drainOutbox();
    expect((await dingsOf(t, demo.itLead)).join()).toContain('ErpDatabaseDown');
  });
});
