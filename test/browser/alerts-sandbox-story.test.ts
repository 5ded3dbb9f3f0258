import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** Until the sandbox's Alertmanager has DingOps's webhook (given when DingOps starts listening). */
async function receiverRegistered(t: BrowserApp) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await t.sandboxApi<{ receiver: unknown }>('/monitoring')).receiver) return;
    await sleep(50);
  }
  throw new Error('DingOps never registered its webhook with the sandbox');
}

/** The test app runs no background workers: pass what is queued to DingTalk, and take in card presses. */
async function deliverUntil(t: BrowserApp, done: () => Promise<boolean>) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    await t.app.inbox.runOnce();
    await t.drainOutbox();
    if (await done()) return;
    await sleep(50);
  }
  throw new Error('timed out');
}

describe('DEMO.md step 4 in the sandbox console', () => {
  it('F1/F2/F4: the console fires ERPDatabaseConnectionsHigh; 陈刚 sees the level-1 card in IT运维值班群, presses 认领, and the resolve turns it green', async () => {
    const t = await startBrowserApp();
    await receiverRegistered(t);
    await t.app.inbox.whenConnected();

    const { page, errors } = await browser.openPage(t, 'desktop');
    // The sandbox stamps messages by the wall clock, not the app's test clock the page starts on.
    await page.clock.setSystemTime(Date.now());
    await page.goto(`${t.sandboxUrl}/sandbox/?as=${demo.onCall}`);
    await page.getByTestId('chat-stream').waitFor();

    await page.getByTestId('rail-simulate').click();
    await page.getByTestId('am-state').getByText(/发往 http:\/\/127\.0\.0\.1:\d+\/api\/v1\/alerts\/webhooks\/alertmanager/).waitFor();
    await page.getByTestId('am-sample').selectOption('erp-connections');
    await page.getByTestId('am-fire').click();
    await page.locator('#toast.show').getByText('告警已发给 DingOps').waitFor();

    const groups = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/alerts/groups', headers: (await t.loginAs(demo.itLead)).headers })).json() as { items: { id: string; status: string; acknowledgedBy: string | null }[] };
    await deliverUntil(t, async () => (await groups()).items.length === 1);
    const [group] = (await groups()).items;
    const outTrackId = `alert-group-${group!.id}`;

    await page.getByTestId('rail-messages').click();
    const { conversations } = await t.sandboxApi<{ conversations: { id: string; key: string }[] }>('/conversations');
    await page.getByTestId(`chat-${conversations.find((conversation) => conversation.key === 'it-oncall')!.id}`).click();
    const card = page.getByTestId(`card-${outTrackId}`);
    await card.getByText('[一级] ERPDatabaseConnectionsHigh').waitFor();
    expect(await card.textContent()).toContain('未认领');
    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, 'sandbox-console-alert-story');

    await page.getByTestId(`card-button-${outTrackId}-acknowledge`).click();
    await deliverUntil(t, async () => (await groups()).items[0]?.acknowledgedBy === '陈刚');
    await card.getByText('已认领：陈刚').waitFor();

    await page.getByTestId('rail-simulate').click();
    await page.getByTestId('am-resolve').click();
    await page.locator('#toast.show').getByText('恢复已发给 DingOps').waitFor();
    await deliverUntil(t, async () => (await groups()).items[0]?.status === 'resolved');
    await page.getByTestId('rail-messages').click();
    await card.getByText(/已解决（持续/).waitFor();
    // Resolved looks resolved: the header stripe is green too, not the level's red.
    expect(await card.locator('.head').getAttribute('class')).toContain('green');
    expect(errors).toEqual([]);
  });
});
