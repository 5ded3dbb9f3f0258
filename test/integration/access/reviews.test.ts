import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoDepartmentIds } from '../../../server/src/sandbox';
import { accessReviewItems, accessReviews, accessTasks } from '../../../server/src/modules/access/access.table';
import { demo } from '../../support/demo-people';
import { buildTestApp, problemOf, type TestApp } from '../../support/test-app';
import { aGrant, auditOf, dayMs, grantOf, inDays, notificationsOf, outboxRowsFrom, systemId } from './access-fixture';

// Access review campaigns (issue 12 item 5; rule S2 "reviewed periodically"), against the demo
// catalog the sandbox seeds: CRM (owner 刘洋), VPN (owner 王磊), ERP 财务系统 (owner 郑芳, manual,
// reviewed by its owner), 钉钉管理后台 (owner 王磊, manual, reviewed by its owner).

const zhengfang = 'yq-zhengfang';
const ceo = demo.ceo;
const start = () => buildTestApp({ SCHEDULER_ENABLED: 'false' });

async function openReview(t: TestApp, body: Record<string, unknown>) {
  const admin = await t.loginAs(demo.itLead);
  return t.app.inject({ method: 'POST', url: '/api/v1/access/reviews', headers: admin.headers, payload: { name: '测试复核', dueAt: inDays(t, 10), ...body } });
}

async function opened(t: TestApp, scope: Record<string, unknown>, name = '测试复核'): Promise<number> {
  const response = await openReview(t, { name, scope });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}

type Detail = { status: string; total: number; decided: number; items: { id: number; userId: string; systemName: string; roleName: string; risk: string; reviewerId: string; decision: string | null }[]; nextCursor: string | null };

async function detail(t: TestApp, id: number, userId: string, query = ''): Promise<Detail> {
  const session = await t.loginAs(userId);
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/access/reviews/${id}${query}`, headers: session.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function decide(t: TestApp, id: number, userId: string, items: Record<string, unknown>[]) {
  const session = await t.loginAs(userId);
  return t.app.inject({ method: 'POST', url: `/api/v1/access/reviews/${id}/decisions`, headers: session.headers, payload: { items } });
}

const itemOf = (view: Detail, userId: string, roleName: string) => view.items.find((item) => item.userId === userId && item.roleName === roleName)!;

describe('access review campaigns', { timeout: 90_000 }, () => {
  it('S2: a campaign by risk gives each grant to the holder’s manager, or the owner when no manager is known or the owner reviews — one work notification per reviewer', async () => {
    const t = await start();
    await t.loginAs(demo.salesRep); // 黄丽 is known to DingOps, with 刘洋 as manager; 吴强 and 张伟 never logged in.
    const id = await opened(t, { risk: 'low' }, '低风险权限复核');

    const items = await t.database.db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, id));
    const liu = await detail(t, id, demo.salesManager);
    expect(liu.items.map((item) => `${item.userId} ${item.systemName}`).sort()).toEqual(['yq-huangli CRM', 'yq-wuqiang CRM', 'yq-zhangwei CRM']);
    expect((await detail(t, id, demo.itLead)).total).toBe(5); // IT sees every item
    expect(items.map((item) => item.reviewerDingtalkId).sort()).toEqual([demo.salesManager, demo.salesManager, demo.salesManager, demo.itLead, zhengfang].sort());

    expect(await outboxRowsFrom(t, `access-reviews:${id}`)).toHaveLength(1);
    await t.drainOutbox();
    for (const reviewer of [demo.salesManager, demo.itLead, zhengfang]) {
      const notes = (await notificationsOf(t, reviewer)).filter((note) => note.includes('低风险权限复核'));
      expect(notes, reviewer).toHaveLength(1);
      expect(notes[0]).toContain(`/access/reviews/${id}`);
    }
    expect((await notificationsOf(t, demo.employee)).filter((note) => note.includes('低风险权限复核'))).toEqual([]);
    const [started] = await auditOf(t, `action=access.review_started&targetId=${id}`);
    expect(started?.summary).toMatchObject({ name: '低风险权限复核', items: 5, reviewers: 3, scope: { risk: 'low' } });
  });

  it('S2: a campaign by system covers only that system; a reviewer sees only their items, anyone else gets 404; the lists count what each may decide', async () => {
    const t = await start();
    const id = await opened(t, { systemId: await systemId(t, 'ERP 财务系统') }, 'ERP 复核');

    const zheng = await detail(t, id, zhengfang);
    expect(zheng.items.map((item) => `${item.userId} ${item.roleName} ${item.reviewerId}`).sort()).toEqual(['yq-linjing 财务查询 yq-zhengfang', 'yq-machao 会计 yq-zhengfang']);
    const employee = await t.loginAs(demo.employee);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/reviews/${id}`, headers: employee.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/access/reviews', headers: employee.headers })).json()).toEqual({ items: [] });
    const zhengList = (await t.app.inject({ method: 'GET', url: '/api/v1/access/reviews', headers: (await t.loginAs(zhengfang)).headers })).json();
    expect(zhengList.items).toEqual([expect.objectContaining({ id, name: 'ERP 复核', kind: 'campaign', status: 'open', total: 2, decided: 0 })]);
    const auditorList = (await t.app.inject({ method: 'GET', url: '/api/v1/access/reviews', headers: (await t.loginAs(demo.auditor)).headers })).json();
    expect(auditorList.items.map((item: { id: number }) => item.id)).toEqual([id]);

    const paged = await detail(t, id, demo.auditor, '?limit=1');
    expect(paged.items).toHaveLength(1);
    expect(paged.nextCursor).not.toBeNull();
    expect((await detail(t, id, demo.auditor, `?limit=1&cursor=${paged.nextCursor}`)).items).toHaveLength(1);
  });

  it('S2: a department campaign covers the people DingOps knows in it (a holder who never logged in has no stored department); nobody reviews their own grant', async () => {
    const t = await start();
    await t.loginAs(demo.employee);
    await t.loginAs(demo.salesRep);
    const sales = await opened(t, { departmentId: demoDepartmentIds.sales }, '销售部复核');
    const salesItems = await t.database.db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, sales));
    expect(salesItems.map((item) => item.reviewerDingtalkId)).toEqual([demo.salesManager, demo.salesManager]);
    expect((await detail(t, sales, demo.salesManager)).items.map((item) => item.userId).sort()).toEqual([demo.salesRep, demo.employee].sort());

    // 王磊 owns 钉钉管理后台, which its owner reviews: his own grant goes to his manager instead.
    await aGrant(t, { userId: demo.itLead, system: '钉钉管理后台', role: '子管理员', days: 10 });
    const admin = await opened(t, { systemId: await systemId(t, '钉钉管理后台') }, '后台复核');
    const adminItems = await detail(t, admin, demo.auditor);
    expect(adminItems.items.map((item) => `${item.userId} → ${item.reviewerId}`).sort()).toEqual([`${demo.itLead} → ${demo.ceo}`, `${demo.itStaff} → ${demo.itLead}`].sort());
  });

  it('S2: a scope with no held grants, a due date in the past and a non-admin are refused', async () => {
    const t = await start();
    const empty = await openReview(t, { scope: { systemId: await systemId(t, '文件共享 NAS') } });
    expect(empty.statusCode).toBe(400);
    expect(problemOf(empty).errors).toEqual([{ path: 'body.scope', message: 'matches no grants to review' }]);
    const past = await openReview(t, { scope: {}, dueAt: new Date(t.clock.now().getTime() - 1000).toISOString() });
    expect(problemOf(past).errors).toEqual([{ path: 'body.dueAt', message: 'must be in the future' }]);
    // One person's review is a mover's, opened by DingTalk's org event; a stray key must not widen the scope to everyone.
    const onePerson = await openReview(t, { scope: { userId: 'yq-wuqiang' } });
    expect(onePerson.statusCode).toBe(400);
    expect(problemOf(onePerson).errors?.[0]?.path).toMatch(/^body\.scope/);
    const manager = await t.loginAs(demo.salesManager);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/access/reviews', headers: manager.headers, payload: { name: 'x', scope: {}, dueAt: inDays(t, 3) } })).statusCode).toBe(403);
    expect(await t.database.db.select().from(accessReviews)).toEqual([]);
  });

  it('S2: keep, revoke and shorten — comments required to revoke, no bulk keep of a high-risk grant, others refused, the last decision closes the campaign', async () => {
    const t = await start();
    await t.loginAs(demo.salesRep);
    const admin = await t.loginAs(demo.itLead);
    const crm = await systemId(t, 'CRM');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/systems/${crm}/roles`, headers: admin.headers, payload: { name: 'CRM 超级管理员', risk: 'high', maxDays: 30 } })).statusCode).toBe(201);
    await aGrant(t, { userId: demo.salesRep, system: 'CRM', role: 'CRM 超级管理员', days: 20 });
    const id = await opened(t, { systemId: crm });
    const other = await opened(t, { systemId: await systemId(t, 'VPN') }, 'VPN 复核');
    const view = await detail(t, id, demo.salesManager);
    const [wu, zhang, huang, huangHigh] = [itemOf(view, 'yq-wuqiang', '销售专员'), itemOf(view, demo.employee, '销售专员'), itemOf(view, demo.salesRep, '销售专员'), itemOf(view, demo.salesRep, 'CRM 超级管理员')];
    const vpnItem = (await detail(t, other, demo.itLead)).items[0]!;

    const notMine = await decide(t, id, demo.itLead, [{ itemId: wu.id, decision: 'keep' }]);
    expect(notMine.statusCode).toBe(403);
    const bulkHigh = await decide(t, id, demo.salesManager, [{ itemId: wu.id, decision: 'keep' }, { itemId: huangHigh.id, decision: 'keep' }]);
    expect(problemOf(bulkHigh)).toMatchObject({ status: 400, code: 'access.bulk_keep_refused', errors: [{ path: 'body.items.1.decision' }] });
    const noComment = await decide(t, id, demo.salesManager, [{ itemId: huangHigh.id, decision: 'revoke', comment: '  ' }]);
    expect(problemOf(noComment).errors).toEqual([{ path: 'body.items.0.comment', message: 'is required to revoke' }]);
    const later = await decide(t, id, demo.salesManager, [{ itemId: huang.id, decision: 'shorten', endsAt: inDays(t, 400) }]);
    expect(problemOf(later).errors).toEqual([{ path: 'body.items.0.endsAt', message: 'must be earlier than the current end' }]);
    const pastEnd = await decide(t, id, demo.salesManager, [{ itemId: huang.id, decision: 'shorten', endsAt: inDays(t, -1) }]);
    expect(problemOf(pastEnd).errors?.[0]?.path).toBe('body.items.0.endsAt');
    const foreign = await decide(t, id, demo.salesManager, [{ itemId: wu.id, decision: 'keep' }, { itemId: vpnItem.id, decision: 'keep' }]);
    expect(problemOf(foreign).errors).toEqual([{ path: 'body.items.1.itemId', message: 'is not an item of this review' }]);
    expect((await t.database.db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, id))).every((item) => item.decision === null)).toBe(true);

    expect((await decide(t, id, demo.salesManager, [{ itemId: wu.id, decision: 'keep' }, { itemId: zhang.id, decision: 'keep' }])).json()).toEqual({ decided: 2, remaining: 2 });
    expect(problemOf(await decide(t, id, demo.salesManager, [{ itemId: wu.id, decision: 'keep' }]))).toMatchObject({ status: 409, code: 'access.item_decided' });
    const newEnd = inDays(t, 30);
    expect((await decide(t, id, demo.salesManager, [{ itemId: huang.id, decision: 'shorten', endsAt: newEnd }])).json()).toEqual({ decided: 1, remaining: 1 });
    expect((await grantOf(t, demo.salesRep, 'CRM', '销售专员')).endsAt.toISOString()).toBe(newEnd);
    expect((await detail(t, id, demo.salesManager)).status).toBe('open');
    expect((await decide(t, id, demo.salesManager, [{ itemId: huangHigh.id, decision: 'revoke', comment: '已不负责 CRM 管理' }])).json()).toEqual({ decided: 1, remaining: 0 });

    expect(await grantOf(t, demo.salesRep, 'CRM', 'CRM 超级管理员')).toMatchObject({ status: 'revoked', endReason: '复核收回：已不负责 CRM 管理' });
    expect((await grantOf(t, 'yq-wuqiang', 'CRM', '销售专员')).status).toBe('active');
    const closed = await detail(t, id, demo.salesManager);
    expect(closed).toMatchObject({ status: 'closed', total: 4, decided: 4 });
    expect(problemOf(await decide(t, id, demo.salesManager, [{ itemId: wu.id, decision: 'revoke', comment: 'x' }]))).toMatchObject({ status: 409, code: 'access.review_closed' });
    expect((await auditOf(t, `action=access.review_closed&targetId=${id}`))[0]?.summary).toMatchObject({ total: 4, keep: 2, revoke: 1, shorten: 1 });
    const person = (await t.app.inject({ method: 'GET', url: `/api/v1/access/people/${demo.salesRep}`, headers: admin.headers })).json();
    expect(person.events.filter((event: { action: string }) => event.action === 'access.review_decided').map((event: { summary: { decision: string } }) => event.summary.decision).sort()).toEqual(['revoke', 'shorten']);
  });

  it('S2: a revocation in a manual system makes IT’s de-provisioning task; the report counts it done only when the task is; the CSV has reviewers and items', async () => {
    const t = await start();
    const id = await opened(t, { systemId: await systemId(t, 'ERP 财务系统') }, 'ERP 复核');
    const view = await detail(t, id, zhengfang);
    const ma = itemOf(view, 'yq-machao', '会计');
    expect((await decide(t, id, zhengfang, [{ itemId: ma.id, decision: 'revoke', comment: '已调岗，不再做账' }])).statusCode).toBe(200);

    const grant = await grantOf(t, 'yq-machao', 'ERP 财务系统', '会计');
    const [task] = await t.database.db.select().from(accessTasks).where(eq(accessTasks.grantId, grant.id));
    expect(task).toMatchObject({ kind: 'deprovision', status: 'open' });
    const auditor = await t.loginAs(demo.auditor);
    const report = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/access/reviews/${id}/report`, headers: auditor.headers })).json();
    expect(await report()).toMatchObject({ id, name: 'ERP 复核', total: 2, decided: 1, decisions: { keep: 0, revoke: 1, shorten: 0 }, revokesDone: 0, reviewers: [{ reviewerId: zhengfang, name: '郑芳', total: 2, decided: 1, rubberStamp: false }] });
    const staff = await t.loginAs(demo.itStaff);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/access/tasks/${task!.id}/done`, headers: staff.headers })).statusCode).toBe(200);
    expect((await report()).revokesDone).toBe(1);

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/access/reviews/${id}/report.csv`, headers: auditor.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="access-review-${id}.csv"`);
    expect(csv.body.startsWith('\uFEFF类型,复核人')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 1 + 2);
    expect(lines[1]).toMatch(/^复核人,郑芳,yq-zhengfang,2,1,否,/);
    expect(lines.some((line) => line.startsWith('复核项,,yq-zhengfang') && line.includes('马超') && line.includes('收回') && line.includes('已调岗，不再做账'))).toBe(true);
    expect(lines.some((line) => line.includes('林静') && line.includes('未决定'))).toBe(true);
    const manager = await t.loginAs(demo.salesManager);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/access/reviews/${id}/report`, headers: manager.headers })).statusCode).toBe(403);
  });

  it('S2: a reviewer who keeps everything a second apart is flagged as rubber-stamping; one who takes 30 s an item is not', async () => {
    const t = await start();
    for (const holder of ['yq-luojun', 'yq-gaojie', 'yq-xutao']) await aGrant(t, { userId: holder, system: 'CRM', role: '销售专员' });
    for (const holder of ['yq-luojun', 'yq-gaojie', 'yq-xutao']) await aGrant(t, { userId: holder, system: 'ERP 财务系统', role: '财务查询' });
    const id = await opened(t, {}, '全员复核');

    async function keepEach(reviewer: string, seconds: number) {
      const items = (await detail(t, id, reviewer)).items; // opening the list starts the clock
      for (const item of items) {
        t.clock.advance(seconds * 1000);
        expect((await decide(t, id, reviewer, [{ itemId: item.id, decision: 'keep' }])).statusCode).toBe(200);
      }
      return items.length;
    }
    expect(await keepEach(demo.salesManager, 1)).toBe(6);
    expect(await keepEach(zhengfang, 30)).toBe(5);

    const auditor = await t.loginAs(demo.auditor);
    const report = (await t.app.inject({ method: 'GET', url: `/api/v1/access/reviews/${id}/report`, headers: auditor.headers })).json();
    const of = (reviewerId: string) => report.reviewers.find((reviewer: { reviewerId: string }) => reviewer.reviewerId === reviewerId);
    expect(of(demo.salesManager)).toMatchObject({ name: '刘洋', total: 6, decided: 6, rubberStamp: true, medianSecondsPerItem: 1 });
    expect(of(zhengfang)).toMatchObject({ total: 5, decided: 5, rubberStamp: false, medianSecondsPerItem: 30 });
    expect(report.decisions).toMatchObject({ keep: 11 });
  });

  it('S2: reviewers are reminded once halfway to due; past due their items escalate to their own manager, who may then decide; both are told and it is audited', async () => {
    const t = await start();
    await t.loginAs(demo.salesManager); // 刘洋 reports to 周建国
    const id = await opened(t, { systemId: await systemId(t, 'CRM') }, 'CRM 复核');
    const nudge = () => t.app.scheduler.runNow('access.review_nudges');

    t.clock.advance(1 * dayMs);
    expect(await nudge()).toEqual({ ran: true, status: 'succeeded' });
    expect((await t.database.db.select().from(accessReviewItems)).every((item) => item.remindedAt === null)).toBe(true);
    t.clock.advance(4 * dayMs + 60_000);
    await nudge();
    await nudge();
    await t.drainOutbox();
    expect((await notificationsOf(t, demo.salesManager)).filter((note) => note.includes('权限复核提醒'))).toHaveLength(1);
    expect(await auditOf(t, `action=access.review_reminded&targetId=${id}`)).toHaveLength(1);

    const view = await detail(t, id, demo.salesManager);
    expect((await decide(t, id, demo.salesManager, [{ itemId: view.items[0]!.id, decision: 'keep' }])).statusCode).toBe(200);
    expect((await decide(t, id, ceo, [{ itemId: view.items[1]!.id, decision: 'keep' }])).statusCode).toBe(403);
    t.clock.advance(5 * dayMs);
    await nudge();
    await nudge();
    await t.drainOutbox();

    const items = await t.database.db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, id));
    expect(items.filter((item) => item.escalatedTo === ceo)).toHaveLength(2);
    expect(items.find((item) => item.id === view.items[0]!.id)?.escalatedAt).toBeNull();
    expect((await notificationsOf(t, demo.salesManager)).filter((note) => note.includes('权限复核已逾期'))).toHaveLength(1);
    expect((await notificationsOf(t, ceo)).filter((note) => note.includes('刘洋 的权限复核已逾期'))).toHaveLength(1);
    expect((await auditOf(t, `action=access.review_escalated&targetId=${id}`))[0]?.summary).toMatchObject({ reviewerId: demo.salesManager, escalatedTo: ceo, items: 2 });

    const ceoView = await detail(t, id, ceo);
    expect(ceoView.items.map((item) => item.id).sort()).toEqual([view.items[1]!.id, view.items[2]!.id].sort());
    expect((await decide(t, id, ceo, [{ itemId: view.items[1]!.id, decision: 'keep' }, { itemId: view.items[2]!.id, decision: 'keep' }])).json()).toEqual({ decided: 2, remaining: 0 });
    expect((await detail(t, id, demo.salesManager)).status).toBe('closed');
  });

  it('S2: the quarterly job opens one campaign over every held grant, named by the quarter; running it again in the quarter opens nothing', async () => {
    const t = await start();
    expect(await t.app.scheduler.runNow('access.quarterly_review')).toEqual({ ran: true, status: 'succeeded' });
    expect(await t.app.scheduler.runNow('access.quarterly_review')).toEqual({ ran: true, status: 'succeeded' });
    const reviews = await t.database.db.select().from(accessReviews);
    expect(reviews).toEqual([expect.objectContaining({ name: '2026-Q4 季度权限复核', kind: 'campaign', createdBy: 'system', dueAt: new Date(t.clock.now().getTime() + 14 * dayMs) })]);
    expect(await t.database.db.select().from(accessReviewItems)).toHaveLength(7);

    t.clock.advance(40 * dayMs); // 2027-01-07: a new quarter
    await t.app.scheduler.runNow('access.quarterly_review');
    expect((await t.database.db.select().from(accessReviews)).map((review) => review.name).sort()).toEqual(['2026-Q4 季度权限复核', '2027-Q1 季度权限复核']);
  });
});
