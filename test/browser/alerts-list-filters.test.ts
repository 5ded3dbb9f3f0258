import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../server/src/sandbox';
import { alertmanagerPayload, type TestAlert } from '../support/alertmanager-payload';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** Alertmanager (payload version 4) reports these alerts firing. */
async function postFiring(t: BrowserApp, token: string, alerts: TestAlert[]) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${token}` }, payload: alertmanagerPayload(alerts) });
  expect(response.statusCode).toBe(202);
}

describe('finding an alert in the list', () => {
  it('F2: level 1 first, each row with its summary; IT staff narrow the list to 信息安全群, then find the ERP alert by typing erp; a search that matches nothing says so', async () => {
    const t = await startBrowserApp();
    const admin = await t.loginAs(demo.itLead);
    const source = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: 'Prometheus 生产', kind: 'alertmanager' } });
    const rules = { rules: [{ name: 'oa-any', matchers: [{ name: 'service', op: '=', value: 'oa' }], level: 2, groupId: demoGroupIds.security }] };
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/alerts/rules', headers: admin.headers, payload: rules })).statusCode).toBe(200);
    await postFiring(t, (source.json() as { token: string }).token, [
      { labels: { alertname: 'ErpDatabaseDown', service: 'erp', instance: 'db1', severity: 'critical' }, annotations: { summary: 'ERP 数据库无法连接' } },
      { labels: { alertname: 'OaLoginSlow', service: 'oa', instance: 'web1', severity: 'warning' }, annotations: { summary: 'OA 登录缓慢' } },
    ]);

    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itStaff}`);
    await page.getByTestId('home-user-name').getByText('李娜', { exact: true }).waitFor();
    await page.getByTestId('tile-alerts').click();
    const rows = page.getByTestId('alert-group-row');
    await rows.getByText('ErpDatabaseDown').waitFor();
    await rows.getByText('OaLoginSlow').waitFor();
    // Level 1 leads the list, and each row says what the alert says, not why it has its level.
    await rows.first().getByText('ErpDatabaseDown').waitFor();
    expect(await rows.first().getByTestId('alert-group-summary').innerText()).toBe('ERP 数据库无法连接');
    expect(await rows.nth(1).getByTestId('alert-group-summary').innerText()).toBe('OA 登录缓慢');
    expect(await page.getByTestId('alert-groups').innerText()).not.toContain('severity=');

    // A new filter reloads the list (the rows go while it loads): wait for what stays, then count.
    await page.getByTestId('alert-filter-chat').getByText('信息安全群（1）').click();
    await rows.getByText('ErpDatabaseDown').waitFor({ state: 'detached' });
    await rows.getByText('OaLoginSlow').waitFor();
    expect(await rows.count()).toBe(1);
    await saveScreenshot(page, 'alerts-list-filtered-phone');
    await page.getByTestId('alert-filter-chat').getByText('信息安全群（1）').click();

    await page.getByTestId('alert-search').locator('input').fill('erp');
    await rows.getByText('OaLoginSlow').waitFor({ state: 'detached' });
    await rows.getByText('ErpDatabaseDown').waitFor();
    expect(await rows.count()).toBe(1);

    await page.getByTestId('alert-search').locator('input').fill('打印机');
    await page.getByTestId('alert-groups-empty').getByText('没有符合条件的告警').waitFor();
  });
});
