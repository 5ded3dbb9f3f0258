import type { Catalog } from '../../shared/src/access';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessGrants, accessReviewItems } from '../../server/src/modules/access/access.table';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';
import { waitFor } from '../support/wait';

// Access governance on a phone (issue 12): 张伟 asks for VPN access and sees it 生效中 once 刘洋
// agrees in DingTalk's approval app; 刘洋 reviews his team's access with one bulk keep and one revoke.

const browser = useBrowser();
const dayMs = 86_400_000;

type Session = Awaited<ReturnType<BrowserApp['loginAs']>>;

/** The test app runs no background workers: deliver what is queued for DingTalk and take in its events until `done`. */
async function deliverUntil(t: BrowserApp, what: string, done: () => Promise<boolean>) {
  await waitFor(
    async () => {
      await t.app.inbox.runOnce();
      await t.drainOutbox();
      return done();
    },
    what,
    30_000,
  );
}

async function api<T>(t: BrowserApp, session: Session, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>): Promise<T> {
  const response = await t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} → ${response.statusCode}: ${response.body}`);
  return response.json() as T;
}

type SandboxTask = { processInstanceId: string; approverId: string };

describe('access governance on a phone', () => {
  it('S2: 张伟 asks for low-risk VPN access (risk and longest duration shown), 刘洋 agrees in the DingTalk approval inbox, and 张伟 sees it 生效中 with its end date on 我的权限', { timeout: 180_000 }, async () => {
    const t = await startBrowserApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    await t.app.inbox.whenConnected();
    const zhangSession = await t.loginAs(demo.employee);
    const catalog = await api<Catalog>(t, zhangSession, 'GET', '/access/catalog');
    const vpn = catalog.items.find((system) => system.name === 'VPN');
    const role = vpn?.roles.find((each) => each.risk === 'low');
    expect(role, 'the sandbox catalog has VPN with a low-risk role').toBeDefined();

    const { page, errors } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.employee}`);
    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    await page.getByTestId('tile-access').click();
    await page.waitForURL(/\/access$/);
    // He already holds the demo company's CRM 销售专员; VPN is what he lacks.
    await page.getByTestId('access-grants').getByText('CRM · 销售专员').waitFor();
    await page.getByTestId('access-new-request').click();
    await page.waitForURL(/\/access\/request$/);

    await page.getByTestId('access-form-system').getByText('VPN', { exact: true }).click();
    const roleRow = page.getByTestId(`access-form-role-${role!.id}`);
    await roleRow.getByText('低风险').waitFor();
    expect(await roleRow.textContent()).toContain(`最长 ${role!.maxDays} 天`);
    // Nothing else chosen: the form names what is missing under its field and sends nothing.
    await page.getByTestId('access-form-submit').click();
    await page.getByTestId('access-form-error-reason').waitFor();
    await roleRow.click();
    const days = Math.min(30, role!.maxDays);
    await page.getByTestId('access-form-days').locator('input').fill(String(days));
    await page.getByTestId('access-form-reason').locator('textarea:not([readonly])').fill('出差期间需要远程访问内网 CRM');
    await saveScreenshot(page, 'access-request-form-phone');
    await page.getByTestId('access-form-submit').click();

    await page.waitForURL(/\/access\/requests\/\d+$/);
    const detail = page.getByTestId('access-request-detail');
    await detail.waitFor();
    const requestId = Number(await detail.getAttribute('data-request-id'));
    await detail.getByText('审批中').waitFor();
    await page.getByTestId('access-request-approvers').getByText('刘洋').waitFor();

    // DingOps starts the approval through the outbox; the page shows the link once DingTalk has it.
    let task: SandboxTask | undefined;
    await deliverUntil(t, 'the approval in 刘洋’s inbox', async () => {
      task = (await t.sandboxApi<{ tasks: SandboxTask[] }>(`/approvals?approverId=${demo.salesManager}`)).tasks[0];
      return task !== undefined;
    });
    await page.getByTestId('access-approval-link').waitFor({ timeout: 20_000 });
    await saveScreenshot(page, 'access-request-pending-phone');

    // 刘洋 sees it under 待我审批; the decision itself is made in DingTalk's approval app.
    const liu = await browser.openPage(t, 'phone');
    await liu.page.goto(`/access?tab=approvals&loginAs=${demo.salesManager}`);
    const waiting = liu.page.getByTestId('access-approvals').getByTestId(`access-request-${requestId}`);
    await waiting.getByText('为 张伟').waitFor();
    expect(await waiting.getByTestId('access-approval-link').getAttribute('data-url')).toContain(task!.processInstanceId);
    await saveScreenshot(liu.page, 'access-approvals-manager-phone');

    await t.sandboxApi(`/approvals/${task!.processInstanceId}/decide`, { method: 'POST', body: { userId: demo.salesManager, result: 'agree', remark: '同意' } });
    await deliverUntil(t, 'the grant after 刘洋 agreed', async () => {
      const request = await api<{ status: string }>(t, zhangSession, 'GET', `/access/requests/${requestId}`);
      return request.status === 'approved';
    });

    await page.goto('/access');
    const grants = page.getByTestId('access-grants');
    await grants.waitFor({ timeout: 20_000 });
    const row = grants.locator('[data-grant-status="active"]').filter({ hasText: `VPN · ${role!.name}` });
    await row.getByText('生效中').waitFor();
    expect(await row.textContent()).toMatch(/到期/);
    await saveScreenshot(page, 'access-my-grants-phone');

    await page.getByTestId('access-tab-requests').click();
    await page.getByTestId(`access-request-${requestId}`).getByText('已通过').waitFor();
    expect(errors).toEqual([]);
    expect(liu.errors).toEqual([]);
  });

  it('S2: 刘洋 reviews 10 grants of his team on a phone — 全部保留 keeps the 9 low and medium ones, the high-risk one is revoked with a required reason — and the server stores exactly that', { timeout: 180_000 }, async () => {
    const t = await startBrowserApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const admin = await t.loginAs(demo.itLead);
    // DingOps knows a holder's manager once the holder has logged in (otherwise the system owner reviews).
    for (const member of [demo.employee, demo.salesRep, 'yq-wuqiang']) await t.loginAs(member);
    const systemId = (await api<{ id: number }>(t, admin, 'POST', '/access/systems', { name: '销售报表平台', ownerUserId: demo.itLead, reviewer: 'manager' })).id;
    const roleIds: number[] = [];
    for (const [name, risk] of [['查看报表', 'low'], ['导出报表', 'low'], ['编辑报表', 'medium'], ['管理员', 'high']] as const) {
      roleIds.push((await api<{ id: number }>(t, admin, 'POST', `/access/systems/${systemId}/roles`, { name, risk, maxDays: 365 })).id);
    }
    const [view, exportRole, edit, adminRole] = roleIds as [number, number, number, number];
    // 刘洋's team (销售部): 张伟 holds all four, 黄丽 and 吴强 the three low and medium ones — ten grants.
    const held: [string, number][] = [
      [demo.employee, view], [demo.employee, exportRole], [demo.employee, edit], [demo.employee, adminRole],
      [demo.salesRep, view], [demo.salesRep, exportRole], [demo.salesRep, edit],
      ['yq-wuqiang', view], ['yq-wuqiang', exportRole], ['yq-wuqiang', edit],
    ];
    const now = t.clock.now();
    const db = t.database.db;
    const inserted = await db
      .insert(accessGrants)
      .values(held.map(([userDingtalkId, roleId]) => ({ userDingtalkId, roleId, status: 'active' as const, startsAt: new Date(now.getTime() - 30 * dayMs), endsAt: new Date(now.getTime() + 60 * dayMs), activatedAt: now, createdAt: now })))
      .returning({ id: accessGrants.id, roleId: accessGrants.roleId });
    const highGrantId = inserted.find((grant) => grant.roleId === adminRole)!.id;

    const reviewId = (await api<{ id: number }>(t, admin, 'POST', '/access/reviews', { name: '销售部季度权限复核', scope: { systemId }, dueAt: new Date(now.getTime() + 14 * dayMs).toISOString() })).id;

    const { page, errors } = await browser.openPage(t, 'phone');
    await page.goto(`/access?tab=reviews&loginAs=${demo.salesManager}`);
    await page.getByTestId(`access-review-${reviewId}`).click();
    await page.waitForURL(new RegExp(`/access/reviews/${reviewId}$`));
    const progress = page.getByTestId('access-review-progress');
    await progress.getByText('已处理 0/10').waitFor();
    await saveScreenshot(page, 'access-review-start-phone');

    // One bulk keep: the nine low and medium grants; the server refuses high risk in bulk, so the page leaves it out.
    await page.getByTestId('access-review-keep-all').getByText('全部保留（9 项低/中风险）').click();
    await page.locator('.adm-dialog').getByText('全部保留', { exact: true }).click();
    await progress.getByText('已处理 9/10').waitFor();
    await expect(page.getByTestId('access-review-keep-all').count()).resolves.toBe(0);

    // The high-risk grant: revoke asks why, and refuses to go without a reason.
    const highItem = page.locator('[data-risk="high"][data-decision=""]');
    await highItem.getByTestId('access-review-revoke').click();
    const sheet = page.getByTestId('access-decision-sheet-revoke');
    await sheet.getByTestId('access-decision-submit').click();
    await sheet.getByTestId('access-decision-error-comment').waitFor();
    await sheet.getByTestId('access-decision-comment').locator('textarea:not([readonly])').fill('已调岗，不再负责报表维护');
    await saveScreenshot(page, 'access-review-revoke-phone');
    await sheet.getByTestId('access-decision-submit').click();
    await progress.getByText('已处理 10/10').waitFor();
    await page.locator('[data-risk="high"][data-decision="revoke"]').waitFor();
    await saveScreenshot(page, 'access-review-done-phone');

    const items = await db.select().from(accessReviewItems).where(eq(accessReviewItems.reviewId, reviewId));
    expect(items).toHaveLength(10);
    expect(items.every((item) => item.reviewerDingtalkId === demo.salesManager && item.decidedBy === demo.salesManager)).toBe(true);
    const kept = items.filter((item) => item.decision === 'keep');
    expect(kept.map((item) => item.grantId).sort()).toEqual(inserted.filter((grant) => grant.id !== highGrantId).map((grant) => grant.id).sort());
    const revoked = items.filter((item) => item.decision === 'revoke');
    expect(revoked).toEqual([expect.objectContaining({ grantId: highGrantId, comment: '已调岗，不再负责报表维护' })]);
    // The revoke is carried out (at once, or by the outbox): the grant is no longer held.
    await deliverUntil(t, 'the revoked grant', async () => {
      const [grant] = await db.select().from(accessGrants).where(eq(accessGrants.id, highGrantId));
      return grant?.status === 'revoked';
    });
    const ours = new Set(inserted.map((grant) => grant.id));
    const stillHeld = (await db.select().from(accessGrants).where(eq(accessGrants.status, 'active'))).filter((grant) => ours.has(grant.id));
    expect(stillHeld.map((grant) => grant.id).sort()).toEqual(kept.map((item) => item.grantId).sort());
    expect(errors).toEqual([]);
  });
  it('S2/S4/S5: on the desktop, 王磊 (IT admin) is refused a second system named VPN under the name field, adds a role to VPN, finds who held VPN in the last 90 days with a CSV of it, and opens a holder’s record', { timeout: 180_000 }, async () => {
    const t = await startBrowserApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const { page, errors } = await browser.openPage(t, 'desktop');
    await page.goto(`/access?loginAs=${demo.itLead}`);
    await page.getByTestId('access-admin-catalog').click();
    await page.waitForURL(/\/access\/catalog$/);

    await page.getByTestId('access-catalog-add-system').click();
    const systemSheet = page.getByTestId('access-system-sheet');
    await systemSheet.getByTestId('access-system-name').locator('input').fill('VPN');
    await systemSheet.getByTestId('access-system-owner').locator('input').fill(demo.itLead);
    await systemSheet.getByTestId('access-system-submit').click();
    await systemSheet.getByTestId('access-error-name').getByText('已有同名系统').waitFor();
    await page.locator('.adm-mask').first().click({ position: { x: 10, y: 10 } });
    await systemSheet.waitFor({ state: 'detached' });

    const vpn = page.locator('[data-testid^="access-catalog-system-"]').filter({ hasText: 'VPN' }).first();
    await vpn.getByTestId('access-catalog-add-role').click();
    const roleSheet = page.getByTestId('access-role-sheet');
    await roleSheet.getByTestId('access-role-name').locator('input').fill('外包访问');
    await roleSheet.getByTestId('access-role-risk').getByText('中风险').click();
    await roleSheet.getByTestId('access-role-max-days').locator('input').fill('60');
    await roleSheet.getByTestId('access-role-submit').click();
    await roleSheet.waitFor({ state: 'detached' });
    await vpn.getByText('外包访问').waitFor();
    await saveScreenshot(page, 'access-catalog-desktop');

    await page.goto('/access/history');
    await page.getByTestId('access-history-system').getByText('VPN', { exact: true }).click();
    await page.getByTestId('access-history-search').click();
    const found = page.getByTestId('access-history-grants');
    await found.getByText('吴强').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('access-history-csv').click();
    const csv = await download;
    expect(csv.suggestedFilename()).toMatch(/^access-history-\d+-.*\.csv$/);
    await saveScreenshot(page, 'access-history-desktop');
    // A holder's whole record: his grants (CRM and VPN) and the audit events behind them.
    await found.getByText('吴强').click();
    await page.waitForURL(/\/access\/people\/yq-wuqiang$/);
    const person = page.getByTestId('access-person-grants');
    await person.getByText('CRM · 销售专员').waitFor();
    await person.getByText('VPN · 远程访问').waitFor();
    // The refused name is the one error the browser logs (Chromium reports every 4xx response).
    expect(errors.filter((error) => !error.includes('status of 409'))).toEqual([]);
  });
});

