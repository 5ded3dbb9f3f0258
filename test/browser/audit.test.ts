import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

describe('the audit log in a phone browser (rules S4, S5)', () => {
  it('S5: 赵敏 opens 审计日志 from home, filters by a person and an action family, verifies the chain and downloads the filtered CSV', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const employee = await t.loginAs(demo.employee);
    await t.loginAs(demo.salesRep);
    // 张伟 tries the user list twice (refused: access.denied); 王磊 reads it (users.listed).
    await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: employee.headers });
    await t.app.inject({ method: 'GET', url: '/api/v1/users?q=x', headers: employee.headers });
    await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers });

    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.auditor}`);
    await page.getByTestId('home-user-name').getByText('赵敏', { exact: true }).waitFor();
    await page.getByTestId('tile-audit').click();
    await page.waitForURL(/\/audit$/);
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    // Newest first: her own login opens the list as 登录 (the app's own reads of the trail come after it).
    await page.locator('[data-testid="audit-row"][data-action="auth.login"]').first().waitFor();
    await saveScreenshot(page, 'audit-log-phone');

    // By person: searched by name, picked from the sheet.
    await page.getByTestId('audit-filter-person').click();
    await page.getByTestId('audit-person-search').locator('input').fill('张伟');
    await page.locator('[data-testid="audit-person-option"][data-name="张伟"]').click();
    await page.getByTestId('audit-filter-person').getByText(`张伟 · ${demo.employee}`).waitFor();
    await page.getByTestId('audit-filter-family').getByText('访问控制', { exact: true }).click();
    await expect.poll(async () => (await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-action'))))).toEqual(['access.denied', 'access.denied']);
    await rows.first().getByTestId('audit-row-action').getByText('越权访问被拒绝').waitFor();
    await rows.first().getByTestId('audit-row-actor').getByText(`张伟（${demo.employee}）`).waitFor();

    // Today, as a Beijing day, keeps them; a day before holds nothing.
    await page.getByTestId('audit-filter-from').fill('2026-11-28');
    await page.getByTestId('audit-filter-to').fill('2026-11-28');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('audit-filter-from').fill('2026-11-27');
    await page.getByTestId('audit-filter-to').fill('2026-11-27');
    await page.getByTestId('audit-empty').waitFor();
    await page.getByTestId('audit-filter-to').fill('2026-11-28');
    await expect.poll(() => rows.count()).toBe(2);

    // A row's summary: what was refused and which roles were needed.
    await rows.first().click();
    const sheet = page.getByTestId('audit-entry-sheet');
    await expect.poll(async () => JSON.parse((await sheet.getByTestId('audit-entry-summary').textContent()) ?? '{}')).toMatchObject({ needed: expect.arrayContaining(['it_staff', 'it_admin']) });
    await saveScreenshot(page, 'audit-entry-phone');
    await page.locator('.adm-mask').last().click({ position: { x: 10, y: 10 } });
    await sheet.waitFor({ state: 'detached' });

    // 校验链: the chain holds.
    await page.getByTestId('audit-verify').click();
    const verdict = page.getByTestId('audit-verify-result');
    await verdict.getByText(/^完整/).waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');

    // 导出 CSV: the same filters, fetched with her token and saved from an object URL.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{8}-\d{4}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = csv.slice(1).trim().split('\r\n');
    expect(records).toHaveLength(3);
    expect(records.slice(1).every((record) => record.includes(',张伟,yq-zhangwei,access.denied,'))).toBe(true);

    // The export is in the trail with the filters she used.
    const exported = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=audit.exported', headers: admin.headers })).json().items;
    expect(exported[0].summary.filters).toEqual({ actorId: employee.userId, action: 'access.*', from: '2026-11-27T00:00:00+08:00', to: '2026-11-28T23:59:59.999+08:00' });
  });

  it('S4: an employee gets no 审计日志 tile, and the page itself tells them who may read it', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'desktop');
    await page.goto(`/?loginAs=${demo.employee}`);
    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    expect(await page.getByTestId('tile-audit').count()).toBe(0);
    await page.goto('/audit');
    await page.getByTestId('audit-forbidden').getByText('审计日志仅审计人员和 IT 管理员可查看。').waitFor();
  });

  it('S5: on a desktop the IT admin reads the log in the centred column', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'desktop');
    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.getByTestId('tile-audit').click();
    await page.getByTestId('audit-row').first().waitFor();
    const box = await page.getByTestId('audit-log').boundingBox();
    expect(box?.width).toBeLessThanOrEqual(720);
    expect(Math.round((box?.x ?? 0) + (box?.width ?? 0) / 2)).toBe(640);
    await saveScreenshot(page, 'audit-log-desktop');
  });
});
