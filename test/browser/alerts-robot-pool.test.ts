import { describe, expect, it } from 'vitest';
import { demoGroupIds } from '../../server/src/sandbox';
import { saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

describe('robot pools in a phone browser', () => {
  it('P2: the IT admin sees the IT ops group’s seeded robots (masked), is told a foreign URL is refused, adds one and removes it', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.goto('/alerts/robots');
    const chat = page.getByTestId('robot-pool-chat').filter({ hasText: 'IT 运维值班群' });
    // The sandbox's two webhook robots were added to the IT ops group at start.
    await expect.poll(() => chat.getByTestId('robot-pool-row').count()).toBe(2);
    await chat.getByText('运维告警1号').waitFor();
    await chat.getByText('已加签').first().waitFor();
    expect(await chat.textContent()).toMatch(/access_token=…\w{4}/);
    await saveScreenshot(page, 'alerts-robot-pool-phone');

    await chat.getByTestId('robot-pool-add').click();
    const sheet = page.getByTestId('robot-pool-sheet');
    await sheet.getByTestId('robot-pool-name').locator('input').fill('备用机器人');
    await sheet.getByTestId('robot-pool-webhookUrl').locator('input').fill('https://example.com/robot/send?access_token=abc');
    await sheet.getByTestId('robot-pool-save').click();
    await sheet.getByTestId('robot-pool-error-webhookUrl').waitFor();
    await sheet.getByTestId('robot-pool-webhookUrl').locator('input').fill(`${t.sandboxUrl}/robot/send?access_token=0123456789abcdef`);
    await sheet.getByTestId('robot-pool-save').click();
    await chat.getByText('备用机器人').waitFor();
    expect(await chat.getByTestId('robot-pool-row').count()).toBe(3);

    await chat.getByTestId('robot-pool-row').filter({ hasText: '备用机器人' }).getByTestId('robot-pool-remove').click();
    await page.locator('.adm-dialog').getByText('移除', { exact: true }).click();
    await expect.poll(() => chat.getByTestId('robot-pool-row').count()).toBe(2);

    const admin = await t.loginAs(demo.itLead);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/alerts/chats/${encodeURIComponent(demoGroupIds['it-oncall'])}/robots`, headers: admin.headers });
    expect((listed.json() as { items: { name: string }[] }).items.map((robot) => robot.name)).toEqual(['运维告警1号', '运维告警2号']);
  });
});
