import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoDepartmentIds } from '../../../server/src/sandbox';
import { accessReviewItems, accessReviews } from '../../../server/src/modules/access/access.table';
import { inboxEvents } from '../../../server/src/platform/inbox/inbox.table';
import { demo } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';
import { auditOf, dayMs, grantOf, notificationsOf } from './access-fixture';

// Movers (issue 12 item 6; rule S2 "updated at once"): DingTalk's user_modify_org, pushed by the
// sandbox and handled by the users module, opens a review of what the person holds for their new
// manager, in the same transaction as the move.

const zhengfang = 'yq-zhengfang';
const start = () => buildTestApp({ SCHEDULER_ENABLED: 'false' });

/** Fires a contact change in the sandbox, waits for it in the inbox and dispatches it. */
async function orgEvent(t: TestApp, body: Record<string, unknown>) {
  const answer = await t.sandboxApi<{ eventId: string }>('/org-events', { method: 'POST', body });
  await waitFor(async () => (await t.database.db.select().from(inboxEvents).where(eq(inboxEvents.eventKey, `event:${answer.eventId}`))).length === 1, `${String(body.type)} in the inbox`);
  await t.app.inbox.runOnce();
}

const reviews = (t: TestApp) => t.database.db.select().from(accessReviews);

describe('movers', { timeout: 90_000 }, () => {
  it('S2: moved to another department, a person’s grants go to their new manager for review at once — notified, audited, decided', async () => {
    const t = await start();
    await t.loginAs(demo.salesRep); // 黄丽, 销售部 under 刘洋, holds CRM 销售专员

    await orgEvent(t, { type: 'user_modify_org', userId: demo.salesRep, departmentId: demoDepartmentIds.finance, title: '会计' });

    const [review] = await reviews(t);
    expect(review).toMatchObject({ name: '调岗权限复核：黄丽', kind: 'mover', scope: { userId: demo.salesRep }, status: 'open', dueAt: new Date(t.clock.now().getTime() + 14 * dayMs) });
    const items = await t.database.db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, review!.id));
    expect(items).toEqual([expect.objectContaining({ grantId: (await grantOf(t, demo.salesRep, 'CRM', '销售专员')).id, reviewerDingtalkId: zhengfang })]);
    await t.drainOutbox();
    const notes = (await notificationsOf(t, zhengfang)).filter((note) => note.includes('黄丽 的岗位已变更'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`/access/reviews/${review!.id}`);
    expect((await notificationsOf(t, demo.salesManager)).filter((note) => note.includes('岗位已变更'))).toEqual([]);
    expect((await auditOf(t, `action=access.review_started&targetId=${review!.id}`))[0]).toMatchObject({
      actorId: 'dingtalk',
      summary: { kind: 'mover', userId: demo.salesRep, items: 1, move: { before: { departmentIds: [demoDepartmentIds.sales], managerId: demo.salesManager }, after: { departmentIds: [demoDepartmentIds.finance], managerId: zhengfang } } },
    });

    const zheng = await t.loginAs(zhengfang);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/access/reviews', headers: zheng.headers })).json();
    expect(list.items).toEqual([expect.objectContaining({ id: review!.id, kind: 'mover', total: 1, decided: 0 })]);
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/access/reviews/${review!.id}/decisions`, headers: zheng.headers, payload: { items: [{ itemId: items[0]!.id, decision: 'revoke', comment: '财务岗位不需要 CRM' }] } });
    expect(decided.json()).toEqual({ decided: 1, remaining: 0 });
    expect((await grantOf(t, demo.salesRep, 'CRM', '销售专员')).status).toBe('revoked');
    expect((await reviews(t))[0]?.status).toBe('closed');
  });

  it('S2: a new manager alone is a move too: they review what the person holds', async () => {
    const t = await start();
    await t.loginAs(demo.employee); // 张伟 holds CRM 销售专员

    await orgEvent(t, { type: 'user_modify_org', userId: demo.employee, managerUserId: demo.ceo });

    const [review] = await reviews(t);
    expect(review).toMatchObject({ kind: 'mover', scope: { userId: demo.employee } });
    expect((await t.database.db.select().from(accessReviewItems)).map((item) => item.reviewerDingtalkId)).toEqual([demo.ceo]);
  });

  it('S2: no review when nothing that matters changed, when the person holds nothing, or when DingOps never knew where they were', async () => {
    const t = await start();
    await t.loginAs(demo.salesRep);
    await t.loginAs('yq-hanxue'); // holds no grants

    await orgEvent(t, { type: 'user_modify_org', userId: demo.salesRep, title: '高级销售代表' });
    await orgEvent(t, { type: 'user_modify_org', userId: 'yq-hanxue', departmentId: demoDepartmentIds.finance });
    // 吴强 holds grants but never logged in: his first profile in DingOps has no "before" to compare.
    await orgEvent(t, { type: 'user_modify_org', userId: 'yq-wuqiang', departmentId: demoDepartmentIds.finance });

    expect(await reviews(t)).toEqual([]);
    expect((await t.database.db.select().from(inboxEvents)).filter((event) => event.topic === 'user_modify_org').map((event) => event.status)).toEqual(['processed', 'processed', 'processed']);
  });
});
