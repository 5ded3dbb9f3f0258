import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isLocalUrl, saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

async function loginOn(page: Page, person: string, name: string): Promise<void> {
  await page.goto(`/?loginAs=${person}`);
  await page.getByTestId('home-user-name').getByText(name, { exact: true }).waitFor();
}

async function statusIs(page: Page | Locator, label: string): Promise<void> {
  await page.getByTestId('ticket-status').getByText(label, { exact: true }).waitFor();
}

/** A VPN fault reported through the API (张伟 by default): the UI for reporting has its own test. */
async function reportVpnFault(t: BrowserApp, title: string, reporter: string = demo.employee): Promise<string> {
  const zhang = await t.loginAs(reporter);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: zhang.headers,
    payload: { category: 'vpn', title, description: '在家连公司 VPN，输入密码后一直转圈，最后提示“连接超时”。', impact: 'team', urgency: 'high' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as string;
}

describe('more on tickets: me too, transfer, fault record, knowledge', () => {
  // Four people on three devices, one after another: longer than the default minute on a busy machine.
  it('F3/F4/F6/F7: 同样问题 from a colleague, transfer to 陈刚, fault record, CSV export, resolve with 发布到知识库; the next report of the symptom gets the article', { timeout: 180_000 }, async () => {
    const t = await startBrowserApp();
    const title = 'VPN 连接超时';
    const ticketId = await reportVpnFault(t, title);
    // People are known to DingOps from their first login: 陈刚 has used it before.
    await t.loginAs(demo.onCall);

    // 黄丽 has the same problem: one tap on 张伟's ticket says so (rule F3, scope of impact).
    const huang = await browser.openPage(t, 'phone');
    await loginOn(huang.page, demo.salesRep, '黄丽');
    await huang.page.goto(`/tickets/${ticketId}`);
    const affected = huang.page.getByTestId('ticket-affected-count');
    await affected.getByText('1 人遇到').waitFor();
    const meToo = huang.page.getByTestId('ticket-me-too-button');
    expect(await meToo.textContent()).toContain('同样问题');
    await meToo.click();
    await huang.page.locator('[data-testid="ticket-affected-count"][data-count="2"]').getByText('2 人遇到').waitFor();
    await expect.poll(() => meToo.getAttribute('aria-pressed')).toBe('true');
    await huang.page.locator('[data-testid="ticket-timeline"] [data-kind="me_too"]').waitFor();
    // She is no IT person: no IT tools for her.
    expect(await huang.page.getByTestId('ticket-it-tools').count()).toBe(0);

    // 李娜 takes it, then hands it to 陈刚 (rule F4: IT assigns technicians).
    const lina = await browser.openPage(t, 'phone');
    await loginOn(lina.page, demo.itStaff, '李娜');
    await lina.page.goto(`/tickets/${ticketId}`);
    await lina.page.getByTestId('ticket-affected-count').getByText('2 人遇到').waitFor();
    await lina.page.getByTestId('ticket-action-accept').click();
    await statusIs(lina.page, '已受理');
    await lina.page.getByTestId('ticket-assign').click();
    const assignSheet = lina.page.getByTestId('assign-sheet');
    await assignSheet.locator('[data-testid="assign-sheet-person"]').first().waitFor();
    await assignSheet.getByTestId('assign-sheet-search').locator('input').fill('陈刚');
    const chen = assignSheet.locator('[data-testid="assign-sheet-person"][data-name="陈刚"]');
    await chen.waitFor();
    await expect.poll(() => assignSheet.locator('[data-testid="assign-sheet-person"]').count()).toBe(1);
    await saveScreenshot(lina.page, 'ticket-transfer-sheet-phone');
    await chen.click();
    await lina.page.getByTestId('ticket-assignee').getByText('陈刚').waitFor();
    await lina.page.locator('[data-testid="ticket-timeline"] [data-kind="assigned"]').first().waitFor();

    // 陈刚, at his desk: the ticket is in 我负责的; he writes the fault record in the detail pane (rule F6).
    const chenDesk = await browser.openPage(t, 'desktop');
    const desk = chenDesk.page;
    await loginOn(desk, demo.onCall, '陈刚');
    await desk.goto('/tickets/queue?view=assigned');
    await desk.getByTestId(`ticket-row-${ticketId}`).click();
    const pane = desk.getByTestId('queue-detail-pane');
    await pane.getByTestId('ticket-detail').waitFor();
    await pane.getByTestId('ticket-record').click();
    const recordSheet = desk.getByTestId('fault-record-sheet');
    await recordSheet.getByTestId('record-cause-category-configuration').click();
    await recordSheet.getByTestId('record-action-configuration').click();
    await recordSheet.getByTestId('record-action-restart').click();
    await recordSheet.getByTestId('record-minutes').fill('abc');
    await recordSheet.getByTestId('record-submit').click();
    await recordSheet.getByText('请填写 0 到 100000 之间的整数').waitFor();
    await recordSheet.getByTestId('record-minutes').fill('25');
    await recordSheet.getByTestId('record-cause').fill('VPN 网关证书过期');
    await recordSheet.getByTestId('record-submit').click();
    await recordSheet.waitFor({ state: 'detached' });
    const record = pane.getByTestId('ticket-fault-record');
    await record.getByTestId('ticket-cause-category').getByText('配置问题').waitFor();
    await record.getByTestId('ticket-actions-taken').getByText('调整配置、重启').waitFor();
    await record.getByTestId('ticket-time-spent').getByText('25 分钟').waitFor();
    await record.getByTestId('ticket-cause').getByText('VPN 网关证书过期').waitFor();
    await pane.locator('[data-testid="ticket-timeline"] [data-kind="record_updated"]').waitFor();

    // The queue, filtered to his tickets, goes out as CSV for the monthly review (rule F7).
    await desk.getByTestId('queue-filter-assignee').click();
    const assigneeSheet = desk.getByTestId('queue-assignee-sheet');
    await assigneeSheet.locator('[data-testid="queue-assignee-sheet-person"][data-name="陈刚"]').click();
    await desk.getByTestId('queue-filter-assignee').getByText('处理人：陈刚').waitFor();
    expect(new URL(desk.url()).searchParams.get('assignee')).toMatch(/^[0-9a-f-]{36}$/);
    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByTestId('queue-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^tickets-assigned-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(title);

    // The printable fault report is fetched with his token and printed from a frame.
    await pane.getByTestId('ticket-print').click();
    const frame = desk.locator('[data-testid="ticket-report-frame"]');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('srcdoc')).toContain(title);

    // He resolves it; the sheet starts from his record, and he publishes the fix to the knowledge base.
    await pane.getByTestId('ticket-action-resolve').click();
    const resolveSheet = desk.getByTestId('resolve-sheet');
    expect(await resolveSheet.getByTestId('resolve-cause-category-configuration').getAttribute('aria-checked')).toBe('true');
    expect(await resolveSheet.getByTestId('resolve-minutes').inputValue()).toBe('25');
    await resolveSheet.getByTestId('resolve-resolution').fill('更新 VPN 网关证书；仍连不上的，在客户端里删除旧配置后重新导入');
    await resolveSheet.getByTestId('resolve-publish').click();
    await expect.poll(() => resolveSheet.getByTestId('resolve-publish').getAttribute('aria-checked')).toBe('true');
    await saveScreenshot(desk, 'ticket-resolve-publish-desktop');
    await resolveSheet.getByTestId('resolve-submit').click();
    await statusIs(pane, '已解决');

    await saveScreenshot(desk, 'ticket-resolved-with-record-desktop');

    // Later 黄丽 hits the same fault: while she types, the published fix is offered.
    await huang.page.goto('/tickets/new');
    await huang.page.getByTestId('report-title').fill('VPN 连接超时');
    const suggestions = huang.page.getByTestId('report-suggestions');
    await suggestions.getByText(title).waitFor();
    await saveScreenshot(huang.page, 'report-knowledge-suggestion-phone');
    await suggestions.locator('[data-testid^="report-suggestion-"]').first().click();
    const article = huang.page.getByTestId('article-sheet');
    await article.getByTestId('article-resolution').getByText('更新 VPN 网关证书', { exact: false }).waitFor();
    await article.getByTestId('article-helpful').click();
    await article.getByTestId('article-helpful').getByText('已反馈有用').waitFor();
    await article.getByTestId('article-solved').click();
    await huang.page.waitForURL((url) => url.pathname === '/');
    // The draft is gone: the form opens empty.
    await huang.page.goto('/tickets/new');
    expect(await huang.page.getByTestId('report-title').inputValue()).toBe('');

    // Categories come from the tree IT edits: a root with children is a heading, its children the choices.
    const admin = await t.loginAs(demo.itLead);
    const child = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/ticket-categories/vpn_client',
      headers: admin.headers,
      payload: { parentCode: 'vpn', name: { zh: 'VPN 客户端', en: 'VPN client' }, sortOrder: 10, active: true },
    });
    expect(child.statusCode).toBe(200);
    await huang.page.reload();
    await huang.page.getByTestId('report-category').click();
    const categories = huang.page.getByTestId('report-category-sheet');
    await categories.getByRole('heading', { name: 'VPN', exact: true }).waitFor();
    expect(await categories.getByTestId('report-category-vpn').count()).toBe(0);
    await categories.getByTestId('report-category-vpn_client').click();
    await categories.waitFor({ state: 'hidden' });
    expect(await huang.page.getByTestId('report-category').textContent()).toContain('VPN 客户端');
    // Nothing is filed under the new category yet: the words alone still find the fix.
    await huang.page.getByTestId('report-title').fill('VPN 连接超时');
    await huang.page.getByTestId('report-suggestions').getByText(title).waitFor();

    // The record behind the screens.
    const api = await t.loginAs(demo.itStaff);
    const ticket = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}`, headers: api.headers })).json();
    expect(ticket).toMatchObject({ status: 'resolved', assignee: { name: '陈刚' }, affectedCount: 2, causeCategory: 'configuration', actionsTaken: ['configuration', 'restart'], timeSpentMinutes: 25 });
    const kinds = ticket.timeline.map((event: { kind: string }) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(['me_too', 'assigned', 'record_updated']));

    for (const { requests, errors } of [huang, lina, chenDesk]) {
      expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
      expect(errors).toEqual([]);
    }
  });

  it('F6: 李娜 merges a duplicate into the original by its number; the duplicate says where it went and links there', async () => {
    const t = await startBrowserApp();
    const originalId = await reportVpnFault(t, 'VPN 连不上');
    const duplicateId = await reportVpnFault(t, 'VPN 又连不上了', demo.salesRep);

    const lina = await browser.openPage(t, 'phone');
    const page = lina.page;
    await loginOn(page, demo.itStaff, '李娜');
    await page.goto(`/tickets/${duplicateId}`);
    await page.getByTestId('ticket-merge').click();
    const sheet = page.getByTestId('merge-sheet');
    await sheet.getByTestId(`merge-candidate-${originalId}`).waitFor();
    await sheet.getByTestId('merge-target').fill(duplicateId);
    await sheet.getByTestId('merge-submit').click();
    await sheet.getByText('请输入另一张工单的编号').waitFor();
    const number = `GZ-${originalId.padStart(6, '0')}`;
    await sheet.getByTestId('merge-target').fill(number.toLowerCase());
    await sheet.getByTestId('merge-submit').click();
    const dialog = page.locator('.adm-dialog');
    await dialog.getByText(`合并到 ${number}？`).waitFor();
    expect(await dialog.textContent()).toContain('将作为重复工单撤销');
    await dialog.getByText('合并', { exact: true }).click();
    await statusIs(page, '已撤销');
    const merged = page.getByTestId('ticket-merged-into');
    await merged.getByText(number).waitFor();
    await page.locator('[data-testid="ticket-timeline"] [data-kind="merged"]').waitFor();
    await merged.getByTestId('ticket-merged-link').click();
    await page.waitForURL(new RegExp(`/tickets/${originalId}$`));
    await page.getByTestId('ticket-affected-count').getByText('2 人遇到').waitFor();
    expect(lina.errors).toEqual([]);
  });
});
