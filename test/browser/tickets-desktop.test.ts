import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** A ticket with a long story, so its page is taller than a desktop window. */
async function longTicket(t: BrowserApp): Promise<string> {
  const zhang = await t.loginAs(demo.employee);
  const description = '在家连公司 VPN，输入密码后一直转圈，最后提示“连接超时”。'.repeat(6);
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: zhang.headers, payload: { category: 'vpn', title: 'VPN 连接超时', description, impact: 'team', urgency: 'high' } });
  const id = response.json().id as string;
  for (let note = 1; note <= 4; note += 1) {
    await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/comments`, headers: zhang.headers, payload: { note: `补充 ${note}：换了网络、重启电脑后依旧连不上。` } });
  }
  return id;
}

/** The bar is on screen: inside the window, with nothing scrolled. */
async function expectOnScreen(page: Page, bar: Locator) {
  const box = await bar.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  await expect.poll(() => bar.getByTestId('ticket-action-accept').isVisible()).toBe(true);
}

describe('the ticket detail on a desktop window', () => {
  it('F4: at 1280×800 the 受理 bar of a long ticket is on screen without scrolling, in the queue’s detail pane and on the ticket’s own page, and stays there while the ticket scrolls', async () => {
    const t = await startBrowserApp();
    const id = await longTicket(t);
    await t.loginAs(demo.itStaff);
    const { page, errors } = await browser.openPage(t, 'desktop');
    await page.goto(`/?loginAs=${demo.itStaff}`);
    await page.getByTestId('home-user-name').getByText('李娜', { exact: true }).waitFor();

    await page.goto(`/tickets/queue?view=unassigned&ticket=${id}`);
    const pane = page.getByTestId('queue-detail-pane');
    await pane.locator('[data-testid="ticket-timeline"] [data-kind="comment"]').nth(3).waitFor();
    // The ticket is longer than the window: the pane scrolls, not the page.
    expect(await pane.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    const bar = pane.getByTestId('ticket-actions');
    await expectOnScreen(page, bar);
    await saveScreenshot(page, 'ticket-queue-detail-desktop');
    await pane.evaluate((element) => element.scrollTo(0, element.scrollHeight / 2));
    await expectOnScreen(page, bar);

    await page.goto(`/tickets/${id}`);
    await page.locator('[data-testid="ticket-timeline"] [data-kind="comment"]').nth(3).waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectOnScreen(page, page.getByTestId('ticket-actions'));
    expect(errors).toEqual([]);
  });
});
