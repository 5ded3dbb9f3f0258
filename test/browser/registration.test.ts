import { describe, expect, it } from 'vitest';
import { demoDepartmentIds } from '../../server/src/sandbox';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** An HR admin adds someone in the sandbox (入职): not a demo person, so their first login waits for review. */
async function newPerson(t: BrowserApp, name: string) {
  const { userId } = await t.sandboxApi<{ userId: string }>('/org-events', {
    method: 'POST',
    body: { type: 'user_add_org', name, departmentId: demoDepartmentIds.finance, title: '会计', mobile: '13912345678' },
  });
  return userId;
}

describe('registration review (账号审核) in the micro-app', () => {
  it('S1: a new person sees 等待信息部门审核; IT admin 王磊 opens 账号审核 on a desktop and passes them; the person then lands on home', async () => {
    const t = await startBrowserApp();
    const newcomer = await newPerson(t, '何新');

    const { page: phone } = await browser.openPage(t, 'phone');
    await phone.goto(`/?loginAs=${newcomer}`);
    const waiting = phone.getByTestId('registration-pending');
    await waiting.getByText('等待信息部门审核').waitFor();
    expect(await waiting.textContent()).toContain('何新');
    await saveScreenshot(phone, 'registration-pending-phone');
    // Any other page shows the same wait, not an error.
    await phone.goto('/tickets');
    await waiting.waitFor();
    await phone.goto('/');
    await waiting.waitFor();

    const { page: desktop } = await browser.openPage(t, 'desktop');
    await desktop.goto(`/admin/users?loginAs=${demo.itLead}`);
    await desktop.getByTestId('admin-registrations-link').click();
    await desktop.waitForURL(/\/admin\/registrations$/);
    const row = desktop.getByTestId(`pending-row-${newcomer}`);
    await row.getByText('何新').waitFor();
    expect(await row.textContent()).toContain('139****5678');
    expect(await row.textContent()).toContain('财务部');
    await saveScreenshot(desktop, 'registration-review-desktop');

    await desktop.getByTestId(`activate-${newcomer}`).click();
    await desktop.locator('.adm-dialog').getByRole('button', { name: '通过' }).click();
    await desktop.getByTestId('pending-empty').waitFor();

    // 刷新状态 (or the page's own re-check, whichever comes first) lets them in.
    await phone.getByTestId('registration-check').click({ timeout: 5000 }).catch(() => undefined);
    await phone.getByTestId('home-user-name').getByText('何新', { exact: true }).waitFor();
    await phone.getByTestId('tile-report').waitFor();
  });

  it('S1: on a phone, 拒绝 asks a reason; the person’s next visit shows 账号审核未通过 with that reason', async () => {
    const t = await startBrowserApp();
    const stranger = await newPerson(t, '冒名者');
    await t.loginAs(stranger);

    const { page: admin } = await browser.openPage(t, 'phone');
    await admin.goto(`/admin/registrations?loginAs=${demo.itLead}`);
    await admin.getByTestId(`reject-${stranger}`).click();
    const sheet = admin.getByTestId('reject-sheet');
    await sheet.getByTestId('reject-confirm').click();
    await admin.getByText('请填写拒绝原因').first().waitFor();
    await sheet.getByTestId('reject-reason').locator('textarea').fill('非本公司员工');
    await sheet.getByTestId('reject-confirm').click();
    await admin.getByTestId('pending-empty').waitFor();

    const { page: phone } = await browser.openPage(t, 'phone');
    await phone.goto(`/?loginAs=${stranger}`);
    const rejected = phone.getByTestId('registration-rejected');
    await rejected.getByText('账号审核未通过').waitFor();
    expect(await phone.getByTestId('registration-rejected-reason').textContent()).toBe('原因：非本公司员工');
  });

  it('S1: IT staff 李娜 sees who waits but has no 通过 / 拒绝 buttons', async () => {
    const t = await startBrowserApp();
    const newcomer = await newPerson(t, '钱新');
    await t.loginAs(newcomer);

    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/admin/registrations?loginAs=${demo.itStaff}`);
    await page.getByTestId(`pending-row-${newcomer}`).getByText('钱新').waitFor();
    expect(await page.getByTestId(`activate-${newcomer}`).count()).toBe(0);
    expect(await page.getByTestId(`reject-${newcomer}`).count()).toBe(0);
  });
});
