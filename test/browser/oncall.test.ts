import { describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

describe('on-call calendar and escalation policies in a phone browser', () => {
  it('F4: the IT admin sees 陈刚 on call today, puts 孙悦 in for the evening, and tightens the escalation policy', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    await t.loginAs(demo.security);
    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();

    await page.getByTestId('tile-oncall').click();
    await page.waitForURL(/\/oncall$/);
    // The test clock is Saturday 2026-11-28 16:00 Beijing time.
    const today = page.getByTestId('oncall-day-2026-11-28');
    await today.getByText('陈刚').waitFor();
    await today.getByText('副岗 李娜').waitFor();
    await page.getByTestId('oncall-day-2026-11-30').getByText('李娜', { exact: true }).waitFor();

    await page.getByTestId('oncall-add-override').click();
    const sheet = page.getByTestId('override-sheet');
    await sheet.getByText('孙悦', { exact: true }).click();
    await sheet.getByTestId('override-starts-at').locator('input').fill('2026-11-28T18:00');
    await sheet.getByTestId('override-ends-at').locator('input').fill('2026-11-28T17:00');
    await sheet.getByTestId('override-reason').locator('input').fill('陈刚 晚上有事');
    await sheet.getByTestId('override-save').click();
    await sheet.getByTestId('override-error-endsAt').waitFor();
    await sheet.getByTestId('override-ends-at').locator('input').fill('2026-11-28T23:00');
    await sheet.getByTestId('override-save').click();
    await sheet.waitFor({ state: 'detached' });
    await today.getByTestId('oncall-override-tag').waitFor();
    await today.getByText('孙悦').waitFor();
    await today.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'oncall-calendar-phone');

    const onCallAtEight = await t.app.oncall.onCall({ at: new Date('2026-11-28T12:00:00Z') });
    expect(onCallAtEight.primary.map((person) => person.name)).toEqual(['孙悦']);

    await page.getByText('升级策略', { exact: true }).first().click();
    await page.waitForURL(/\/oncall\/policies$/);
    await page.getByTestId('policy-edit').click();
    const editor = page.getByTestId('policy-sheet');
    await editor.getByTestId('policy-minutes-1').locator('input').fill('3');
    await editor.getByTestId('policy-save').click();
    await editor.waitFor({ state: 'detached' });
    await page.getByText('3 分钟后').waitFor();
    await saveScreenshot(page, 'oncall-policies-phone');

    const policies = (await t.app.inject({ method: 'GET', url: '/api/v1/oncall/policies', headers: admin.headers })).json();
    expect(policies.items[0].steps.map((step: { afterMinutes: number }) => step.afterMinutes)).toEqual([0, 3, 15]);
  });

  it('S4: IT staff see the calendar but cannot add overrides; an employee gets no tile', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itStaff}`);
    await page.getByTestId('home-user-name').getByText('李娜', { exact: true }).waitFor();
    await page.getByTestId('tile-oncall').click();
    await page.getByTestId('oncall-calendar').waitFor();
    expect(await page.getByTestId('oncall-add-override').count()).toBe(0);

    const employee = await browser.openPage(t, 'phone');
    await employee.page.goto(`/?loginAs=${demo.employee}`);
    await employee.page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    expect(await employee.page.getByTestId('tile-oncall').count()).toBe(0);
  });
});
