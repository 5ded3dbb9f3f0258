import { describe, expect, it } from 'vitest';
import { alertmanagerPayload } from '../support/alertmanager-payload';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

async function postWith(t: BrowserApp, token: string): Promise<number> {
  const payload = alertmanagerPayload([{ labels: { alertname: 'NodeDown', service: 'erp', instance: 'app-03', severity: 'warning' } }]);
  return (await t.app.inject({ method: 'POST', url: '/api/v1/alerts/webhooks/alertmanager', headers: { authorization: `Bearer ${token}` }, payload })).statusCode;
}

describe('monitoring sources (监控源)', () => {
  it('F1: the IT admin adds Prometheus 生产 (a missing name named first), copies what Alertmanager needs from the token sheet, and disables the source; IT staff are told it is for admins', async () => {
    const t = await startBrowserApp();
    // DingOps makes the sandbox's source once it listens; the page should find it there.
    for (let attempt = 0; attempt < 100 && !(await t.sandboxApi<{ receiver: unknown }>('/monitoring')).receiver; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.goto('/alerts/sources');
    const rows = page.getByTestId('source-row');
    // Started in sandbox mode, DingOps made a source for the sandbox's own Alertmanager.
    await rows.getByText('沙箱 Alertmanager').waitFor();

    await page.getByTestId('source-add').click();
    const sheet = page.getByTestId('source-sheet');
    await sheet.getByTestId('source-save').click();
    await sheet.getByTestId('source-error-name').waitFor();
    await sheet.getByTestId('source-name').locator('input').fill('Prometheus 生产');
    await sheet.getByTestId('source-save').click();

    const tokenSheet = page.getByTestId('source-token-sheet');
    await tokenSheet.getByText('令牌只显示这一次', { exact: false }).waitFor();
    const token = (await tokenSheet.getByTestId('source-token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^dops_/);
    expect(await tokenSheet.getByTestId('source-url').textContent()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/alerts\/webhooks\/alertmanager$/);
    const setup = (await tokenSheet.getByTestId('source-setup').textContent()) ?? '';
    expect(setup).toContain(`credentials: ${token}`);
    expect(setup).toContain('send_resolved: true');
    await saveScreenshot(page, 'alerts-source-token-phone');
    expect(await postWith(t, token)).toBe(202);
    await tokenSheet.getByTestId('source-token-done').click();
    await tokenSheet.waitFor({ state: 'detached' });

    const added = rows.filter({ hasText: 'Prometheus 生产' });
    await added.getByTestId('source-toggle').click();
    await page.locator('.adm-dialog').getByRole('button', { name: '停用' }).click();
    await added.getByText('已停用').waitFor();
    expect(await postWith(t, token)).toBe(401);

    const staff = await browser.openPage(t, 'phone');
    await staff.page.goto(`/?loginAs=${demo.itStaff}`);
    await staff.page.getByTestId('home-user-name').getByText('李娜', { exact: true }).waitFor();
    await staff.page.goto('/alerts/sources');
    await staff.page.getByTestId('sources-forbidden').waitFor();
  });
});
