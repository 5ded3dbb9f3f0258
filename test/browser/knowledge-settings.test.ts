import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** Logs the person in through the sandbox's ?loginAs= and waits for home under their name. */
async function openHomeAs(t: BrowserApp, person: string, name: string): Promise<Page> {
  const { page } = await browser.openPage(t, 'phone');
  await page.goto(`/?loginAs=${person}`);
  await page.getByTestId('home-user-name').getByText(name, { exact: true }).waitFor();
  return page;
}

describe('knowledge base and service settings in a phone browser', () => {
  it('F2: the IT admin adds 卡纸 under 打印机 from 服务设置; a code that breaks the contract is refused on the field first', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const page = await openHomeAs(t, demo.itLead, '王磊');

    await page.getByTestId('tile-settings').click();
    await page.getByTestId('settings-categories').click();
    await page.waitForURL(/\/settings\/categories$/);
    await page.getByTestId('category-row-printer').waitFor();
    await page.getByTestId('category-add-child-printer').click();

    const sheet = page.getByTestId('category-sheet');
    await sheet.getByText('在“打印机”下添加子分类').waitFor();
    await sheet.getByTestId('category-code').locator('input').fill('Paper-Jam');
    await sheet.getByTestId('category-name-zh').locator('input').fill('卡纸');
    await sheet.getByTestId('category-name-en').locator('input').fill('Paper jam');
    await sheet.getByTestId('category-save').click();
    await sheet.getByTestId('category-error-code').waitFor();

    await sheet.getByTestId('category-code').locator('input').fill('paper_jam');
    await sheet.getByTestId('category-save').click();
    await sheet.waitFor({ state: 'detached' });
    const row = page.getByTestId('category-row-paper_jam');
    await row.getByText('卡纸', { exact: true }).waitFor();
    await saveScreenshot(page, 'settings-categories-phone');

    const categories = await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories?all=true', headers: admin.headers });
    expect(categories.statusCode).toBe(200);
    expect(categories.json().items).toContainEqual(expect.objectContaining({ code: 'paper_jam', parentCode: 'printer', name: { zh: '卡纸', en: 'Paper jam' }, active: true }));
  });

  it('F4: the IT admin adds 国庆节 and the suggested 2027 statutory holidays (after a confirm that says to check them) and saves the business calendar', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const page = await openHomeAs(t, demo.itLead, '王磊');

    await page.getByTestId('tile-settings').click();
    await page.getByTestId('settings-sla').click();
    await page.waitForURL(/\/settings\/sla$/);
    const holidays = page.getByTestId('sla-holidays');
    await holidays.getByTestId('sla-holidays-date').locator('input').fill('2027-10-01');
    await holidays.getByTestId('sla-holidays-name').locator('input').fill('国庆节');
    await holidays.getByTestId('sla-holidays-add').click();
    await holidays.getByTestId('sla-holidays-row-2027-10-01').getByText('国庆节').waitFor();
    await holidays.getByTestId('sla-holidays-suggest').click();
    await page.locator('.adm-dialog').getByText(/国务院办公厅/).waitFor();
    await page.locator('.adm-dialog').getByRole('button', { name: '添加' }).click();
    await holidays.getByTestId('sla-holidays-row-2027-02-07').waitFor();
    await page.getByTestId('sla-save').click();
    await page.getByText('已保存').waitFor();

    const settings = await t.app.inject({ method: 'GET', url: '/api/v1/ticket-sla-settings', headers: admin.headers });
    expect(settings.statusCode).toBe(200);
    const saved: { date: string; name: string }[] = settings.json().calendar.holidays;
    expect(saved).toContainEqual({ date: '2027-10-01', name: '国庆节' });
    expect(saved).toContainEqual({ date: '2027-02-07', name: '春节' });
    expect(saved.filter((day) => day.date === '2027-10-01')).toHaveLength(1);
    // Reloaded from the server, the holiday is still listed.
    await page.reload();
    await page.getByTestId('sla-holidays-row-2027-10-01').waitFor();
    await saveScreenshot(page, 'settings-sla-phone');
  });

  it('F4: a response time of 0 minutes is refused under the level-1 field and nothing is saved', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/ticket-sla-settings', headers: admin.headers })).json();
    const page = await openHomeAs(t, demo.itLead, '王磊');

    await page.goto('/settings/sla');
    await page.getByTestId('sla-1-responseMinutes').locator('input').fill('0');
    await page.getByTestId('sla-save').click();
    await page.getByTestId('sla-error-1-responseMinutes').waitFor();

    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/ticket-sla-settings', headers: admin.headers })).json();
    expect(after).toEqual(before);
  });

  it('F6/T6: IT staff writes a knowledge article; an employee finds it by searching 卡纸 and opens it with its steps on separate lines', async () => {
    const t = await startBrowserApp();
    const writer = await openHomeAs(t, demo.itStaff, '李娜');

    await writer.getByTestId('tile-knowledge').click();
    await writer.waitForURL(/\/knowledge$/);
    await writer.getByTestId('knowledge-new').click();
    await writer.waitForURL(/\/knowledge\/new$/);
    const form = writer.getByTestId('knowledge-form');
    await form.getByTestId('knowledge-form-title').locator('input').fill('打印机提示卡纸但看不到纸');
    await form.getByTestId('knowledge-form-category').click();
    await writer.getByTestId('knowledge-category-sheet').getByTestId('knowledge-category-printer').click();
    await form.getByTestId('knowledge-form-symptom').getByRole('textbox').fill('打印机面板提示卡纸，打开前盖看不到纸张。');
    await form.getByTestId('knowledge-form-cause').getByRole('textbox').fill('碎纸卡在后部出纸口。');
    await form.getByTestId('knowledge-form-resolution').getByRole('textbox').fill('1. 关闭打印机电源\n2. 打开后盖，取出碎纸\n3. 重新开机并打印测试页');
    await form.getByTestId('knowledge-form-tags').locator('input').fill('打印机 卡纸');
    await form.getByTestId('knowledge-form-submit').click();

    await writer.waitForURL(/\/knowledge\/\d+$/);
    await writer.getByTestId('knowledge-article').getByText('打印机提示卡纸但看不到纸').waitFor();
    const articleId = new URL(writer.url()).pathname.split('/').pop();

    const reader = await openHomeAs(t, demo.employee, '张伟');
    expect(await reader.getByTestId('tile-settings').count()).toBe(0);
    await reader.getByTestId('tile-knowledge').click();
    await reader.waitForURL(/\/knowledge$/);
    expect(await reader.getByTestId('knowledge-new').count()).toBe(0);
    await reader.getByTestId('knowledge-search').locator('input').fill('卡纸');
    const row = reader.getByTestId(`knowledge-row-${articleId}`);
    await row.getByText('打印机提示卡纸但看不到纸').waitFor();
    await saveScreenshot(reader, 'knowledge-search-phone');
    await row.click();

    await reader.waitForURL(new RegExp(`/knowledge/${articleId}$`));
    const resolution = reader.getByTestId('knowledge-resolution');
    await resolution.waitFor();
    expect(await resolution.innerText()).toBe('1. 关闭打印机电源\n2. 打开后盖，取出碎纸\n3. 重新开机并打印测试页');
    expect(await reader.getByTestId('knowledge-cause').textContent()).toBe('碎纸卡在后部出纸口。');
    expect(await reader.getByTestId('knowledge-edit').count()).toBe(0);
    await reader.getByTestId('knowledge-helpful').click();
    await reader.getByTestId('knowledge-helpful').getByText('已标记有用').waitFor();
    await saveScreenshot(reader, 'knowledge-article-phone');
  });

  it('F2: the IT admin deactivates a subcategory after confirming; it stays listed as 已停用 and leaves the active tree the report form offers', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const created = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/ticket-categories/toner',
      headers: admin.headers,
      payload: { parentCode: 'printer', name: { zh: '缺墨', en: 'Out of toner' }, sortOrder: 10, active: true },
    });
    expect(created.statusCode).toBe(200);
    const page = await openHomeAs(t, demo.itLead, '王磊');

    await page.goto('/settings/categories');
    await page.getByTestId('category-row-toner').click();
    await page.getByTestId('category-sheet').getByTestId('category-toggle-active').click();
    await page.locator('.adm-dialog').getByText('停用“缺墨”后').waitFor();
    await page.locator('.adm-dialog').getByRole('button', { name: '停用' }).click();
    await page.getByTestId('category-row-toner').getByText('已停用').waitFor();

    const all = await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories?all=true', headers: admin.headers });
    expect(all.json().items).toContainEqual(expect.objectContaining({ code: 'toner', active: false }));
    const active = await t.app.inject({ method: 'GET', url: '/api/v1/ticket-categories', headers: admin.headers });
    expect(active.json().items.map((node: { code: string }) => node.code)).not.toContain('toner');
  });

  it('T6: the article form names the missing fields; IT staff then renames an article and archives it, and it leaves the employees\' search', async () => {
    const t = await startBrowserApp();
    const lina = await t.loginAs(demo.itStaff);
    const employee = await t.loginAs(demo.employee);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/knowledge',
      headers: lina.headers,
      payload: { title: '会议室投影仪无信号', symptom: '投影仪显示“无信号”。', resolution: '1. 检查 HDMI 线\n2. 按遥控器的信号源键切换到 HDMI1', category: 'meeting_room' },
    });
    expect(created.statusCode).toBe(201);
    const articleId: string = created.json().id;
    const page = await openHomeAs(t, demo.itStaff, '李娜');

    await page.goto('/knowledge/new');
    await page.getByTestId('knowledge-form-submit').click();
    await page.getByTestId('knowledge-error-title').waitFor();
    await page.getByTestId('knowledge-error-category').waitFor();
    await page.getByTestId('knowledge-error-resolution').waitFor();

    await page.goto(`/knowledge/${articleId}`);
    await page.getByTestId('knowledge-edit').click();
    const title = page.getByTestId('knowledge-form-title').locator('input');
    expect(await title.inputValue()).toBe('会议室投影仪无信号');
    await title.fill('会议室投影仪显示无信号');
    await page.getByTestId('knowledge-form-submit').click();
    await page.waitForURL(new RegExp(`/knowledge/${articleId}$`));
    await page.getByTestId('knowledge-article').getByText('会议室投影仪显示无信号').waitFor();

    await page.getByTestId('knowledge-archive-toggle').click();
    await page.locator('.adm-dialog').getByRole('button', { name: '归档' }).click();
    await page.getByTestId('knowledge-archive-toggle').getByText('恢复').waitFor();

    const search = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge?q=${encodeURIComponent('投影仪')}`, headers: employee.headers });
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((item: { id: string }) => item.id)).not.toContain(articleId);
    const archived = await t.app.inject({ method: 'GET', url: '/api/v1/knowledge?status=archived', headers: lina.headers });
    expect(archived.json().items).toContainEqual(expect.objectContaining({ id: articleId, title: '会议室投影仪显示无信号', status: 'archived' }));
  });
});
