import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alertGroups } from '../../../server/src/modules/alerts/alerts.table';
import { outbox } from '../../../server/src/platform/outbox/outbox.table';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { cardOf, createSource, erpDown, groupsOf, post } from './alerts-fixture';

interface Conversation {
  id: string;
  title: string;
  ownerUserId: string;
  members: { userId: string }[];
}

const serviceOwner = demo.salesManager;

async function press(t: TestApp, groupId: string, userId: string, action: string) {
  await t.sandboxApi(`/cards/alert-group-${groupId}/click`, { method: 'POST', body: { userId, action } });
  await waitFor(async () => (await t.app.inbox.runOnce()) > 0, 'the card press');
  await t.drainOutbox();
}

const warRooms = async (t: TestApp) => (await t.sandboxApi<{ conversations: Conversation[] }>('/conversations')).conversations.filter((chat) => chat.title.startsWith('作战群'));
const dingsOf = async (t: TestApp, userId: string) => (await t.sandboxApi<{ dings: { content: string; remindType: number }[] }>(`/dings?userId=${userId}`)).dings;

async function auditOf(t: TestApp, headers: Record<string, string>) {
  const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?limit=100', headers })).json();
  return audit.items as { action: string; result: string; actorName: string }[];
}

async function level1Group(t: TestApp) {
  await t.app.ready();
  await t.app.inbox.whenConnected();
  const source = await createSource(t);
  await t.loginAs(demo.onCall);
  await post(t, source.token, [erpDown('db1', { owner: serviceOwner })]);
  await t.drainOutbox();
  const [group] = await groupsOf(t, source.admin.headers);
  return { source, group: group! };
}

describe('level-1 war rooms (作战群) and DING reminders', { timeout: 90_000 }, () => {
  it('F4: 作战群 on a level-1 card makes one DingTalk group with the on-call people, the service owner and the presser, posts the context and links it from the card; a second press makes no second room', async () => {
    const t = await buildTestApp();
    const { source, group } = await level1Group(t);
    const buttons = JSON.parse((await cardOf(t, group.id))!.cardParamMap.buttons!) as { id: string; disabled: boolean }[];
    expect(buttons.find((button) => button.id === 'open_war_room')).toMatchObject({ disabled: false });

    await press(t, group.id, demo.itLead, 'open_war_room');

    const [room, ...others] = await warRooms(t);
    expect(others).toHaveLength(0);
    expect(room).toMatchObject({ title: '作战群·ErpDatabaseDown', ownerUserId: demo.itLead });
    // On call now: 陈刚 (primary) and 李娜 (secondary); 刘洋 owns the service; 王磊 pressed the button.
    expect(room!.members.map((member) => member.userId).sort()).toEqual([demo.onCall, demo.itStaff, serviceOwner, demo.itLead].sort());

    const { items } = await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(room!.id)}/messages`);
    const context = JSON.stringify(items);
    expect(context).toContain('作战群：ErpDatabaseDown');
    expect(context).toContain('级别原因');
    expect(context).toContain(`/alerts/groups/${group.id}`);

    const card = (await cardOf(t, group.id))!;
    expect(card.cardParamMap.markdown).toContain('作战群：作战群·ErpDatabaseDown');
    expect((JSON.parse(card.cardParamMap.buttons!) as { id: string; disabled: boolean }[]).find((button) => button.id === 'open_war_room')).toMatchObject({ disabled: true });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group.id}`, headers: source.admin.headers })).json();
    expect(detail.warRoom).toMatchObject({ conversationId: room!.id, title: '作战群·ErpDatabaseDown' });
    expect(detail.timeline.map((event: { kind: string }) => event.kind)).toEqual(expect.arrayContaining(['open_war_room', 'war_room_created']));

    // The card's button is now disabled, so DingTalk takes no second press; the micro-app's action is refused.
    await expect(t.sandboxApi(`/cards/alert-group-${group.id}/click`, { method: 'POST', body: { userId: demo.onCall, action: 'open_war_room' } })).rejects.toThrow(/409/);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${group.id}/actions`, headers: source.admin.headers, payload: { action: 'open_war_room' } });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('alerts.action_not_applicable');
    await t.drainOutbox();
    expect(await warRooms(t)).toHaveLength(1);
    expect(await auditOf(t, source.admin.headers)).toContainEqual(expect.objectContaining({ action: 'alerts.group_open_war_room', actorName: '王磊' }));
  });

  it('a crash after DingTalk made the room but before DingOps stored it: the retried create finds the same room (uuid), and the room is stored once', async () => {
    const t = await buildTestApp();
    const { source, group } = await level1Group(t);
    await press(t, group.id, demo.itLead, 'open_war_room');
    const [room] = await warRooms(t);
    // As if the delivery's transaction never committed: the effect is due again and the group has no room yet.
    await t.database.db.update(outbox).set({ status: 'pending', nextAttemptAt: t.clock.now(), lockedUntil: null }).where(eq(outbox.kind, 'dingtalk.scene_group_create'));
    await t.database.db.update(alertGroups).set({ warRoomConversationId: null }).where(eq(alertGroups.id, BigInt(group.id)));
    await t.drainOutbox();

    expect(await warRooms(t)).toHaveLength(1);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/alerts/groups/${group.id}`, headers: source.admin.headers })).json();
    expect(detail.warRoom).toMatchObject({ conversationId: room!.id });
    const { items } = await t.sandboxApi<{ items: unknown[] }>(`/conversations/${encodeURIComponent(room!.id)}/messages`);
    expect(items).toHaveLength(1);
  });

  it('S4: a level-2 group has no 作战群 and refuses one; an employee pressing it on a level-1 card is refused and audited', async () => {
    const t = await buildTestApp();
    const { source, group } = await level1Group(t);
    await post(t, source.token, [{ labels: { alertname: 'ErpSlowQueries', service: 'erp-report', severity: 'warning' } }]);
    const level2 = (await groupsOf(t, source.admin.headers)).find((candidate) => candidate.level === 2)!;
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/alerts/groups/${level2.id}/actions`, headers: source.admin.headers, payload: { action: 'open_war_room' } });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).detail).toContain('二级');
    t.clock.advance(60_000);
    await t.app.scheduler.runNow('alerts.flush_cards');
    await t.drainOutbox();
    expect((await cardOf(t, level2.id))!.cardParamMap.buttons).not.toContain('open_war_room');

    // 孙悦 sits in the IT group, but her IT role was taken away: she is an employee now.
    const sunyue = await t.loginAs(demo.security);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/users/${sunyue.userId}/roles`, headers: source.admin.headers, payload: { roles: [] } })).statusCode).toBe(200);
    await press(t, group.id, demo.security, 'open_war_room');
    expect(await warRooms(t)).toHaveLength(0);
    expect((await groupsOf(t, source.admin.headers)).find((candidate) => candidate.id === group.id)).toMatchObject({ level: 1 });
    expect(await auditOf(t, source.admin.headers)).toContainEqual(expect.objectContaining({ action: 'alerts.card_press', result: 'denied' }));
  });

  it('F4: a level-1 page DINGs the primary on-call once, in the app; running the escalation again does not ring twice', async () => {
    const t = await buildTestApp();
    await level1Group(t);
    const dings = await dingsOf(t, demo.onCall);
    expect(dings).toHaveLength(1);
    expect(dings[0]).toMatchObject({ remindType: 1 });
    expect(dings[0]!.content).toContain('ErpDatabaseDown');
    await t.app.scheduler.runNow('alerts.escalate');
    t.clock.advance(60_000);
    await t.app.scheduler.runNow('alerts.escalate');
    await t.drainOutbox();
    expect(await dingsOf(t, demo.onCall)).toHaveLength(1);
    // The secondary is reached by work notification after 5 minutes, not rung.
    expect(await dingsOf(t, demo.itStaff)).toHaveLength(0);
  });

  it('size: a level-3 digest of 300 groups fits DingTalk’s 20,000 bytes, lists what fits and counts the rest; nothing is dead-lettered', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const source = await createSource(t);
    const alerts = Array.from({ length: 300 }, (_, index) => ({
      labels: { alertname: `磁盘使用率偏高-${String(index).padStart(3, '0')}-${'x'.repeat(40)}`, service: `svc-${index}`, severity: 'info' },
      annotations: { summary: `主机 host-${index} 的磁盘使用率超过 80%` },
    }));
    await post(t, source.token, alerts);
    await t.app.scheduler.runNow('alerts.digest');
    await t.drainOutbox();

    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/outbox?status=dead', headers: source.admin.headers })).json();
    expect(outbox.items).toEqual([]);
    const { items } = await t.sandboxApi<{ items: { kind: string; outTrackId?: string; cardParamMap?: Record<string, string> }[] }>(`/conversations/${encodeURIComponent(t.app.deps.directory.itOpsGroupId!)}/messages`);
    const digests = items.filter((item) => item.kind === 'card' && item.outTrackId?.startsWith('alert-digest-'));
    expect(digests.length).toBeGreaterThanOrEqual(1);
    for (const digest of digests) {
      expect(Buffer.byteLength(JSON.stringify(digest.cardParamMap))).toBeLessThanOrEqual(20_000);
    }
    expect(digests[0]!.cardParamMap!.markdown).toMatch(/另有 \d+ 项，详见应用/);
    expect(digests[0]!.cardParamMap!.status).toMatch(/^\d+ 组$/);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).body).not.toMatch(/dingops_outbox_\w+\{[^}]*status="dead"[^}]*\} [1-9]/);
  });
});
