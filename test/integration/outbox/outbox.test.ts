import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sandboxCardTemplateIds } from '../../../server/src/sandbox';
import { outbox } from '../../../server/src/platform/outbox/outbox.table';
import { demoGroupIds } from '../../../server/src/sandbox';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';

/** The IT on-call group (IT运维值班群) the sandbox seeds. */
const itGroup = { id: demoGroupIds['it-oncall'] };

const notification = (text: string) => ({ msgtype: 'text' as const, text: { content: text } });

async function notificationsOf(t: TestApp, userId: string) {
  return (await t.sandboxApi<{ notifications: { msg: { text?: { content: string } } }[] }>(`/work-notifications?userId=${userId}`)).notifications;
}

describe('outbox (DESIGN house rule 2)', () => {
  it('an effect enqueued in a committed transaction is delivered once, even when enqueued twice', async () => {
    const t = await buildTestApp();
    for (let i = 0; i < 2; i += 1) {
      await t.database.db.transaction(async (tx) => {
        await t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [demo.employee], msg: notification('工单 #1 已受理') }, idempotencyKey: 'ticket-1-accepted' });
      });
    }
    expect(await t.drainOutbox()).toBe(1);
    const received = await notificationsOf(t, demo.employee);
    expect(received.map((item) => item.msg.text?.content)).toEqual(['工单 #1 已受理']);
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.idempotencyKey, 'ticket-1-accepted'));
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, result: { taskId: expect.anything() } });
  });

  it('a running worker is woken by the commit (NOTIFY), not by its poll timer', async () => {
    const t = await buildTestApp({ OUTBOX_WORKER: 'true', OUTBOX_POLL_MS: '600000' });
    await t.app.ready();
    await t.database.db.transaction((tx) => t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [demo.employee], msg: notification('立即送达') }, idempotencyKey: 'prompt' }));
    const started = Date.now();
    while ((await notificationsOf(t, demo.employee)).length === 0) {
      if (Date.now() - started > 5000) throw new Error('the worker was not woken by the commit');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('an effect whose transaction rolled back never goes out', async () => {
    const t = await buildTestApp();
    await t.database.db
      .transaction(async (tx) => {
        await t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [demo.employee], msg: notification('never') }, idempotencyKey: 'rolled-back' });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await t.drainOutbox()).toBe(0);
    expect(await notificationsOf(t, demo.employee)).toEqual([]);
  });

  it('a malformed effect is refused when it is enqueued, not later in the worker', async () => {
    const t = await buildTestApp();
    await expect(
      t.database.db.transaction((tx) => t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [], msg: notification('x') }, idempotencyKey: 'bad' })),
    ).rejects.toThrow();
  });

  it('a card and its updates go out in order, and the group sees the latest data', async () => {
    const t = await buildTestApp();
    const group = itGroup;
    const outTrackId = 'alert-group-42';
    await t.database.db.transaction(async (tx) => {
      await t.app.outbox.enqueue(tx, {
        kind: 'dingtalk.card_create',
        payload: { outTrackId, cardTemplateId: sandboxCardTemplateIds.alert, cardParamMap: { title: 'ERP 数据库连接数过高', status: '未认领' }, openSpaceId: `dtv1.card//IM_GROUP.${group.id}`, robotCode: t.config.dingtalk.clientId, callbackType: 'STREAM' },
        idempotencyKey: `${outTrackId}:create`,
        orderingKey: outTrackId,
        priority: 1,
      });
      await t.app.outbox.enqueue(tx, { kind: 'dingtalk.card_update', payload: { outTrackId, cardParamMap: { status: '陈刚 已认领' } }, idempotencyKey: `${outTrackId}:update:1`, orderingKey: outTrackId, priority: 1 });
    });
    // The first round may only send the card: its update waits until the card exists.
    expect(await t.app.outboxWorker.runOnce()).toBe(1);
    expect(await t.drainOutbox()).toBe(1);
    const card = await t.sandboxApi<{ cardParamMap?: Record<string, string>; data?: Record<string, string> }>(`/cards/${outTrackId}`);
    expect(JSON.stringify(card)).toContain('陈刚 已认领');
  });

  it('a permanent DingTalk error makes a dead letter; an admin retries or discards it, and both are audited', async () => {
    const t = await buildTestApp();
    const group = itGroup;
    await t.database.db.transaction(async (tx) => {
      await t.app.outbox.enqueue(tx, { kind: 'dingtalk.group_message', payload: { robotCode: t.config.dingtalk.clientId, openConversationId: 'cid-does-not-exist==', msgKey: 'sampleText', msgParam: { content: 'x' } }, idempotencyKey: 'to-nowhere' });
      await t.app.outbox.enqueue(tx, { kind: 'dingtalk.group_message', payload: { robotCode: t.config.dingtalk.clientId, openConversationId: group.id, msgKey: 'sampleText', msgParam: { content: 'y' } }, idempotencyKey: 'fine' });
    });
    await t.drainOutbox();
    const admin = await t.loginAs(demo.itLead);
    const dead = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/outbox?status=dead', headers: admin.headers })).json();
    expect(dead.items).toEqual([expect.objectContaining({ kind: 'dingtalk.group_message', status: 'dead', lastError: expect.stringContaining('permanent') })]);
    const id = dead.items[0].id;

    const retried = await t.app.inject({ method: 'POST', url: `/api/v1/ops/outbox/${id}/retry`, headers: admin.headers });
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await t.drainOutbox();
    const discarded = await t.app.inject({ method: 'POST', url: `/api/v1/ops/outbox/${id}/discard`, headers: admin.headers });
    expect(discarded.json()).toMatchObject({ status: 'discarded' });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/ops/outbox/${id}/discard`, headers: admin.headers });
    expect(problemOf(again).code).toBe('outbox.dead_letter_not_found');

    const trail = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?targetType=outbox&targetId=${id}`, headers: admin.headers })).json();
    expect(trail.items.map((item: { action: string }) => item.action)).toEqual(['outbox.dead_letter_discarded', 'outbox.dead_letter_retried']);
  });

  it('while DingTalk fails the effect waits with backoff, then goes out once DingTalk recovers', async () => {
    const t = await buildTestApp({ OUTBOX_RETRY_BASE_MS: '1000' });
    await t.sandboxApi('/faults', { method: 'PUT', body: { errorRate: 1 } });
    await t.database.db.transaction((tx) => t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [demo.employee], msg: notification('稍后送达') }, idempotencyKey: 'flaky' }));
    await t.drainOutbox();
    const [afterFailure] = await t.database.db.select().from(outbox).where(eq(outbox.idempotencyKey, 'flaky'));
    expect(afterFailure).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.any(String) });
    expect(afterFailure!.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime());

    await t.sandboxApi('/faults', { method: 'PUT', body: { errorRate: 0 } });
    expect(await t.drainOutbox()).toBe(0);
    t.clock.advance(60_000);
    expect(await t.drainOutbox()).toBe(1);
    expect((await notificationsOf(t, demo.employee)).map((item) => item.msg.text?.content)).toEqual(['稍后送达']);
  });

  it('level-1 effects are claimed before everything queued earlier', async () => {
    const t = await buildTestApp();
    await t.database.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i += 1) {
        await t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [demo.employee], msg: notification(`digest ${i}`) }, idempotencyKey: `low-${i}`, priority: 9 });
      }
      await t.app.outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: [demo.onCall], msg: notification('一级告警') }, idempotencyKey: 'urgent', priority: 1 });
    });
    const claimed = await t.database.db.execute(sql`SELECT idempotency_key FROM outbox ORDER BY priority, next_attempt_at, id LIMIT 1`);
    expect(claimed.rows[0]).toEqual({ idempotency_key: 'urgent' });
    await t.drainOutbox();
    const rows = await t.database.db.select({ key: outbox.idempotencyKey, at: outbox.deliveredAt }).from(outbox);
    const urgent = rows.find((row) => row.key === 'urgent')!;
    expect(rows.every((row) => row.key === 'urgent' || row.at!.getTime() >= urgent.at!.getTime())).toBe(true);
  });

  it('a robot never gets more than its budget per window; the rest waits for the next window', async () => {
    const t = await buildTestApp({ ROBOT_RATE_LIMIT: '5', ROBOT_RATE_WINDOW_MS: '60000', ROBOT_RATE_MARGIN_MS: '0' });
    const group = itGroup;
    await t.database.db.transaction(async (tx) => {
      for (let i = 0; i < 12; i += 1) {
        await t.app.outbox.enqueue(tx, {
          kind: 'dingtalk.group_message',
          payload: { robotCode: t.config.dingtalk.clientId, openConversationId: group.id, msgKey: 'sampleText', msgParam: { content: `消息 ${i}` } },
          idempotencyKey: `burst-${i}`,
          rateKey: `robot:${group.id}`,
        });
      }
    });
    await t.drainOutbox();
    const delivered = async () => (await t.database.db.select().from(outbox).where(eq(outbox.status, 'delivered'))).length;
    expect(await delivered()).toBe(5);
    t.clock.advance(60_001);
    await t.drainOutbox();
    expect(await delivered()).toBe(10);
    t.clock.advance(60_001);
    await t.drainOutbox();
    expect(await delivered()).toBe(12);
    const stats = (await t.app.inject({ method: 'GET', url: '/api/v1/ops/outbox/stats', headers: (await t.loginAs(demo.itLead)).headers })).json();
    expect(stats.worker.deferredByRateLimit).toBeGreaterThanOrEqual(7);
  });
});
