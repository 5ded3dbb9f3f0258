import { expect, it, describe } from 'vitest';
import { alertmanagerPayload } from '../support/alertmanager-payload';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** An alert source made by the IT admin, and its token. */
async function createSource(t: BrowserApp) {
  const admin = await t.loginAs(demo.itLead);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/sources', headers: admin.headers, payload: { name: 'Prometheus 生产', kind: 'alertmanager' } });
  expect(response.statusCode).toBe(201);
  return { admin, token: (response.json() as { token: string }).token };
}

/** ERP's database goes down, as Alertmanager (payload version 4) reports it. */
async function postErpDown(t: BrowserApp, token: string) {
  const erpDown = { labels: { alertname: 'ErpDatabaseDown', service: 'erp', instance: 'db1', severity: 'critical' }, annotations: { summary: 'ERP 数据库无法连接' } };
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${token}` }, payload: alertmanagerPayload([erpDown]) });
  expect(response.statusCode).toBe(202);
}

describe('alerts in a phone browser', () => {
  it('F2: the on-call engineer claims the level-1 ERP alert; the IT admin tests a rule in the tester', async () => {
    const t = await startBrowserApp();
    const { admin, token } = await createSource(t);
    await postErpDown(t, token);

    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.onCall}`);
    await page.getByTestId('home-user-name').getByText('陈刚', { exact: true }).waitFor();
    // Home tells IT that a level-1 group waits to be claimed: a red count on the 告警 tile.
    const badge = page.getByTestId('tile-alerts-badge');
    await badge.getByText('1', { exact: true }).waitFor();
    expect(await badge.getAttribute('aria-label')).toBe('1 组告警待认领');
    await saveScreenshot(page, 'home-alert-badge-phone');
    await page.getByTestId('tile-alerts').click();
    await page.waitForURL(/\/alerts$/);
    const row = page.getByTestId('alert-group-row').filter({ has: page.locator('[data-level="1"]') });
    await row.getByText('一级', { exact: true }).waitFor();
    await row.getByText('未认领', { exact: true }).waitFor();
    await saveScreenshot(page, 'alerts-list-phone');

    await row.click();
    await page.waitForURL(/\/alerts\/groups\/\d+$/);
    await page.getByTestId('alert-row').getByText('ERP 数据库无法连接').waitFor();
    await page.getByTestId('alert-row').getByText('service=erp').waitFor();
    await page.getByTestId('alert-action-acknowledge').click();
    await page.getByTestId('alert-detail-status').getByText('已认领', { exact: true }).waitFor();
    await page.getByTestId('alert-detail-acknowledged').getByText(/陈刚/).waitFor();
    await page.getByTestId('alert-timeline').getByText(/认领 · 陈刚/).waitFor();
    expect(await page.getByTestId('alert-action-acknowledge').count()).toBe(0);
    await saveScreenshot(page, 'alerts-group-phone');

    const groups = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers: admin.headers })).json() as { items: { status: string; acknowledgedBy: string | null; level: number }[] };
    expect(groups.items).toMatchObject([{ status: 'acknowledged', acknowledgedBy: '陈刚', level: 1 }]);

    // On a wide screen the group opens beside the list.
    const lead = await browser.openPage(t, 'desktop');
    await lead.page.goto(`/?loginAs=${demo.itLead}`);
    await lead.page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await lead.page.getByTestId('tile-alerts').click();
    await lead.page.getByTestId('alert-group-row').getByText('陈刚 已认领').click();
    await lead.page.getByTestId('alert-detail-pane').getByTestId('alert-detail-acknowledged').getByText(/陈刚/).waitFor();
    expect(lead.page.url()).toMatch(/\/alerts\?group=\d+$/);
    await saveScreenshot(lead.page, 'alerts-desktop');
    await lead.page.getByText('规则', { exact: true }).first().click();
    await lead.page.waitForURL(/\/alerts\/rules$/);
    await lead.page.getByTestId('rules-edit').waitFor();
    const tester = lead.page.getByTestId('rule-tester');
    await tester.getByTestId('rule-tester-input').getByRole('textbox').fill('{"alertname": "ErpDatabaseDown", "service": "erp", "severity": "critical"}');
    await tester.getByTestId('rule-tester-run').click();
    const expected = (
      await t.app.inject({ method: 'POST', url: '/api/v1/alerts/rules/test', headers: admin.headers, payload: { labels: { alertname: 'ErpDatabaseDown', service: 'erp', severity: 'critical' } } })
    ).json() as { level: number; groupKey: string };
    await tester.getByTestId('rule-tester-result').getByText(expected.groupKey).waitFor();
    expect(await tester.getByTestId('rule-tester-level').getAttribute('data-level')).toBe(String(expected.level));

    await tester.getByTestId('rule-tester-input').getByRole('textbox').fill('not labels');
    await tester.getByTestId('rule-tester-run').click();
    await tester.getByTestId('rule-tester-invalid').waitFor();

    // The admin adds a rule; a bad regex comes back from the server under its matcher.
    await lead.page.getByTestId('rules-edit').click();
    await lead.page.getByTestId('rule-add').click();
    const editor = lead.page.getByTestId('rule-editor');
    await editor.getByTestId('rule-name-0').locator('input').fill('ERP 数据库');
    await editor.getByText('二级', { exact: true }).click();
    await editor.getByTestId('rule-0-matcher-name-0').locator('input').fill('service');
    await editor.getByTestId('rule-0-matcher-op-0').selectOption('=~');
    await editor.getByTestId('rule-0-matcher-value-0').locator('input').fill('erp(');
    await lead.page.getByTestId('rules-save').click();
    await editor.getByTestId('rule-0-matcher-error-0').waitFor();
    await editor.getByTestId('rule-0-matcher-value-0').locator('input').fill('erp.*');

    // The tester tries the unsaved draft.
    await tester.getByTestId('rule-tester-input').getByRole('textbox').fill('service=erp\nseverity=critical');
    await tester.getByTestId('rule-tester-run').click();
    await tester.getByTestId('rule-tester-rule').getByText('命中规则：ERP 数据库').waitFor();
    expect(await tester.getByTestId('rule-tester-level').getAttribute('data-level')).toBe('2');
    await saveScreenshot(lead.page, 'alerts-rules-desktop');

    await lead.page.getByTestId('rules-save').click();
    await lead.page.getByTestId('rule-view').getByText('ERP 数据库').waitFor();
    const saved = (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/rules', headers: admin.headers })).json();
    expect(saved).toEqual({ rules: [{ name: 'ERP 数据库', level: 2, matchers: [{ name: 'service', op: '=~', value: 'erp.*' }] }] });
  });

  it('S4: IT staff silence ERP with a field error first, end the silence, plan one for tonight, and read rules without editing; an employee gets no tile', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itStaff}`);
    await page.getByTestId('home-user-name').getByText('李娜', { exact: true }).waitFor();
    await page.getByTestId('tile-alerts').click();
    await page.getByTestId('alert-groups-empty').waitFor();

    await page.getByText('静默', { exact: true }).first().click();
    await page.waitForURL(/\/alerts\/silences$/);
    await page.getByTestId('silence-add').click();
    const sheet = page.getByTestId('silence-sheet');
    await sheet.getByTestId('silence-matcher-name-0').locator('input').fill('service');
    await sheet.getByTestId('silence-matcher-value-0').locator('input').fill('erp');
    await sheet.getByTestId('silence-save').click();
    await sheet.getByTestId('silence-error-reason').waitFor();
    await sheet.getByTestId('silence-reason').locator('input').fill('ERP 数据库维护');
    await sheet.getByTestId('silence-save').click();
    await sheet.waitFor({ state: 'detached' });
    const row = page.getByTestId('silence-row');
    await row.getByText('service="erp"').waitFor();
    await row.getByText('李娜 创建').waitFor();
    await saveScreenshot(page, 'alerts-silences-phone');

    await row.getByTestId('silence-expire').click();
    // The row's own button is also labelled 结束: click the one inside the confirm dialog once it is there.
    await page.locator('.adm-dialog').getByRole('button', { name: '结束' }).click();
    await page.getByTestId('silences-empty').waitFor();

    // A silence can be set to start later (tonight's change window): it is listed with its start.
    await page.getByTestId('silence-add').click();
    await sheet.getByTestId('silence-matcher-name-0').locator('input').fill('service');
    await sheet.getByTestId('silence-matcher-value-0').locator('input').fill('erp');
    await sheet.getByTestId('silence-starts-at').locator('input').fill('2026-11-28T22:00');
    await sheet.getByTestId('silence-ends-at').locator('input').fill('2026-11-28T23:30');
    await sheet.getByTestId('silence-reason').locator('input').fill('ERP 夜间变更');
    await sheet.getByTestId('silence-save').click();
    await sheet.waitFor({ state: 'detached' });
    await row.getByText('11/28 22:00 开始').waitFor();
    await row.getByText('至 11/28 23:30').waitFor();

    await page.getByText('规则', { exact: true }).first().click();
    await page.getByTestId('rule-tester').waitFor();
    expect(await page.getByTestId('rules-edit').count()).toBe(0);

    const employee = await browser.openPage(t, 'phone');
    await employee.page.goto(`/?loginAs=${demo.employee}`);
    await employee.page.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    expect(await employee.page.getByTestId('tile-alerts').count()).toBe(0);
  });
});
