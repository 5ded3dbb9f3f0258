import { describe, expect, it } from 'vitest';
import { isLocalUrl, saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

describe('logging in to the micro-app in a phone browser (sandbox)', () => {
  it('S1: an employee opening the app is sent to the "log in as" picker, picks their name and lands on home without the admin tile', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage('phone');

    await page.goto(`${t.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    const picker = page.getByTestId('login-as-picker');
    await picker.getByRole('heading', { name: /以谁的身份登录/ }).waitFor();
    await page.getByTestId(`login-as-${demo.employee}`).click();

    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('tile-report').waitFor();
    expect(await page.getByTestId('tile-admin').count()).toBe(0);
  });

  it('S2: the IT admin logs in with ?loginAs=, opens administration and grants 李娜 the auditor role in the role editor', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const lina = await t.loginAs(demo.itStaff);
    const { page } = await browser.openPage('phone');

    await page.goto(`${t.baseUrl}/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.getByTestId('tile-admin').click();
    await page.waitForURL(/\/admin\/users$/);

    const list = page.getByTestId('users-list');
    await list.getByText('王磊', { exact: true }).waitFor();
    const linaRow = page.getByTestId(`user-row-${lina.userId}`);
    await linaRow.getByText('李娜', { exact: true }).waitFor();

    await linaRow.click();
    const editor = page.getByTestId('role-editor');
    await editor.waitFor();
    await editor.getByTestId('role-option-auditor').click();
    await editor.getByTestId('role-editor-save').click();
    await editor.waitFor({ state: 'detached' });
    await linaRow.getByText('审计', { exact: true }).waitFor();

    const response = await t.app.inject({ method: 'GET', url: `/api/v1/users/${lina.userId}`, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().roles).toContain('auditor');
  });

  it('S4: from the picker to home the page asks nothing of the internet, only this machine', async () => {
    const t = await startBrowserApp();
    const { page, requests } = await browser.openPage('phone');

    await page.goto(`${t.baseUrl}/`);
    await page.getByTestId(`login-as-${demo.employee}`).click();
    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    await page.waitForLoadState('networkidle');

    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
  });

  it('the language switch on home turns the app into English and the choice survives a reload', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage('phone');

    await page.goto(`${t.baseUrl}/?loginAs=${demo.employee}`);
    await page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    await page.getByTestId('settings-language').click();
    await page.getByRole('button', { name: 'English' }).click();

    await page.getByTestId('tile-report').getByText('Report a fault').waitFor();
    expect(await page.getByTestId('settings-logout').textContent()).toBe('Log out');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByTestId('tile-my-tickets').getByText('My tickets').waitFor();
  });

  it('the login picker and home render in Chinese at phone size (screenshots for review)', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage('phone');

    await page.goto(`${t.baseUrl}/login`);
    await page.getByTestId(`login-as-${demo.employee}`).waitFor();
    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, 'login-picker-phone');

    await page.getByTestId(`login-as-${demo.itLead}`).click();
    await page.getByTestId('tile-admin').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, 'home-it-admin-phone');
  });
});
