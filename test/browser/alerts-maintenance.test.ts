import { expect, it, describe } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

describe('maintenance windows and notification timing in a phone browser', () => {
  it('M2: the IT admin plans a weekly maintenance window (shown 进行中), cancels it, and changes the level-2 repeat interval', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.goto('/alerts/maintenance');
    await page.getByTestId('maintenance-empty').waitFor();

    await page.getByTestId('maintenance-add').click();
    const sheet = page.getByTestId('maintenance-sheet');
    await sheet.getByTestId('maintenance-save').click();
    await sheet.getByTestId('maintenance-error-title').waitFor();
    await sheet.getByTestId('maintenance-title').locator('input').fill('ERP 数据库升级');
    await sheet.getByTestId('maintenance-matcher-name-0').locator('input').fill('service');
    await sheet.getByTestId('maintenance-matcher-value-0').locator('input').fill('erp');
    // The app's clock is 2026-11-28 16:00 Beijing time.
    await sheet.getByTestId('maintenance-starts-at').locator('input').fill('2026-11-28T15:00');
    await sheet.getByTestId('maintenance-ends-at').locator('input').fill('2026-11-28T18:00');
    await sheet.getByTestId('maintenance-recurrence').getByText('每周', { exact: true }).click();
    await sheet.getByTestId('maintenance-repeat-until').waitFor();
    await saveScreenshot(page, 'alerts-maintenance-form-phone');
    await sheet.getByTestId('maintenance-save').click();
    const row = page.getByTestId('maintenance-open').getByTestId('maintenance-row');
    await row.getByText('ERP 数据库升级').waitFor();
    await row.getByText('每周', { exact: true }).waitFor();
    await row.getByText('service="erp"').waitFor();
    await saveScreenshot(page, 'alerts-maintenance-phone');

    await row.getByTestId('maintenance-cancel').click();
    await page.locator('.adm-dialog').getByText('取消维护', { exact: true }).click();
    await page.getByTestId('maintenance-empty').waitFor();

    await page.goto('/alerts/timing');
    const repeat = page.getByTestId('timing-level2-repeatIntervalMinutes').locator('input');
    await expect.poll(() => repeat.inputValue()).toBe('240');
    await page.getByTestId('timing-level3').getByText('三级告警进入汇总卡片，只有重复提醒间隔生效').waitFor();
    await repeat.fill('20000');
    await page.getByTestId('timing-save').click();
    await page.getByTestId('timing-error-level2-repeatIntervalMinutes').waitFor();
    await repeat.fill('120');
    await page.getByTestId('timing-save').click();
    await page.getByText(/王磊 于 .* 修改/).waitFor();
    await saveScreenshot(page, 'alerts-timing-phone');

    const admin = await t.loginAs(demo.itLead);
    const timing = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/timing', headers: admin.headers })).json() as { level2: { repeatIntervalMinutes: number } };
    expect(timing.level2.repeatIntervalMinutes).toBe(120);
  });
});
