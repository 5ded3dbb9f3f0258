import { describe, expect, it } from 'vitest';
import { isLocalUrl, saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** URLs named in console errors: a request the page's CSP refused never reaches the network log. */
function urlsIn(messages: readonly string[]): string[] {
  return messages.flatMap((message) => message.match(/\b(?:https?|wss?):\/\/[^\s'"]+/g) ?? []);
}

describe('the micro-app in a phone browser, sandbox mode', () => {
  it('S1/S4: an employee opening the app picks their name in the "log in as" picker, lands on home under that name and sees no admin tile', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');

    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await page.getByTestId('login-as-picker').getByRole('heading', { name: /以谁的身份登录/ }).waitFor();
    await page.getByTestId(`login-as-${demo.employee}`).click();

    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('tile-report').waitFor();
    expect(await page.getByTestId('tile-admin').count()).toBe(0);
  });

  it('S2: the picker shows each person’s DingOps role, not a job title — 张伟 "销售经理" is 员工, 刘洋 部门主管 — and marks a suspended account', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const huang = await t.loginAs(demo.salesRep);
    await t.app.inject({ method: 'POST', url: `/api/v1/users/${huang.userId}/suspend`, headers: admin.headers, payload: { reason: '演示' } });
    const { page } = await browser.openPage(t, 'phone');

    await page.goto('/login');
    const rolesOf = async (userId: string) => {
      const meta = page.getByTestId(`login-as-roles-${userId}`);
      await meta.waitFor();
      return meta.locator('[data-role]').evaluateAll((tags) => tags.map((tag) => tag.textContent));
    };
    expect(await rolesOf(demo.employee)).toEqual(['员工']);
    expect(await page.getByTestId(`login-as-roles-${demo.employee}`).textContent()).toContain('销售经理');
    expect(await rolesOf(demo.salesManager)).toEqual(['部门主管']);
    expect(await rolesOf(demo.itStaff)).toEqual(['信息部门']);
    expect(await rolesOf(demo.itLead)).toEqual(['IT 管理员', '部门主管']);
    expect(await rolesOf(demo.auditor)).toEqual(['审计']);
    expect(await page.getByTestId(`login-as-roles-${demo.salesRep}`).textContent()).toContain('已停用');
    expect(await page.getByTestId(`login-as-roles-${demo.employee}`).textContent()).not.toContain('已停用');

    await page.getByTestId(`login-as-${demo.salesManager}`).click();
    await page.getByTestId('home-user-roles').locator('[data-role=manager]').waitFor();
  });

  it('S2: the IT admin logs in with ?loginAs=, opens administration, finds 李娜 among the people who have logged in and grants her the auditor role', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const lina = await t.loginAs(demo.itStaff);
    const { page } = await browser.openPage(t, 'phone');

    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.getByTestId('tile-admin').click();
    await page.waitForURL(/\/admin\/users$/);

    const list = page.getByTestId('users-list');
    await list.getByTestId(`user-row-${admin.userId}`).filter({ hasText: '王磊' }).waitFor();
    const linaRow = list.getByTestId(`user-row-${lina.userId}`).filter({ hasText: '李娜' });
    await linaRow.locator('[data-role=it_staff]').waitFor();
    expect(await linaRow.locator('[data-role=auditor]').count()).toBe(0);

    await linaRow.click();
    const editor = page.getByTestId('role-editor');
    await editor.filter({ hasText: '李娜' }).waitFor();
    await editor.getByTestId('role-option-auditor').click();
    await editor.getByTestId('role-editor-save').click();
    await editor.waitFor({ state: 'detached' });
    expect(await linaRow.locator('[data-role=auditor]').textContent()).toBe('审计');

    const response = await t.app.inject({ method: 'GET', url: `/api/v1/users/${lina.userId}`, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().roles).toEqual(expect.arrayContaining(['auditor', 'it_staff']));
  });

  it('from the picker through home to administration the page asks nothing of the internet, only this machine', async () => {
    const t = await startBrowserApp();
    const { page, requests, errors } = await browser.openPage(t, 'phone');

    await page.goto('/');
    await page.getByTestId(`login-as-${demo.itLead}`).click();
    await page.getByTestId('tile-admin').click();
    await page.getByTestId('users-list').waitFor();
    await page.waitForLoadState('networkidle');

    expect(requests.some((url) => url.includes('/api/v1/users'))).toBe(true);
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
    expect(urlsIn(errors).filter((url) => !isLocalUrl(url))).toEqual([]);
  });

  it('the language switch on home turns labels into English, and the choice survives a reload', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');

    await page.goto(`/?loginAs=${demo.employee}`);
    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    expect(await page.getByTestId('tile-report').textContent()).toContain('报障');
    await page.getByTestId('settings-language').click();
    await page.getByRole('option', { name: 'English' }).click();

    await page.getByTestId('tile-report').getByText('Report a fault').waitFor();
    expect(await page.getByTestId('settings-logout').textContent()).toBe('Log out');
    expect(await page.getByTestId('settings-language').textContent()).toContain('Language');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByTestId('tile-my-tickets').getByText('My tickets').waitFor();
    expect(await page.getByTestId('home-user-name').textContent()).toBe('张伟');
  });

  it('the login picker and home render at phone size (screenshots kept for review)', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');

    await page.goto('/login');
    await page.getByTestId(`login-as-${demo.employee}`).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, 'login-picker-phone');

    await page.getByTestId(`login-as-${demo.itLead}`).click();
    await page.getByTestId('tile-admin').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, 'home-it-admin-phone');
    expect(await page.getByTestId('home-user-name').textContent()).toBe('王磊');
  });
});
