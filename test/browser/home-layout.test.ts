import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

// Home on a desktop window (DingTalk's PC client, a browser at 1280×800) uses the width; a phone keeps
// the phone layout (UI.md §5). Other pages stay one centred column.

const browser = useBrowser();

async function boxOf(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  return box;
}

const pageBox = async (page: Page) => {
  const box = await page.locator('[data-layout]').first().boundingBox();
  if (!box) throw new Error('no page layout');
  return box;
};

describe('home layout', () => {
  it('at 1280×800 home is a centred two-column board — greeting and settings left, tiles right — with no phone column', async () => {
    const t = await startBrowserApp();
    const { page, errors } = await browser.openPage(t, 'desktop');

    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('tile-admin').waitFor();
    await page.evaluate(() => document.fonts.ready);

    expect(await page.locator('[data-layout]').first().getAttribute('data-layout')).toBe('wide');
    expect((await pageBox(page)).width).toBe(1280);
    const board = await boxOf(page, 'home-layout');
    expect(board.width).toBeLessThanOrEqual(1120);
    expect(Math.abs(board.x - (1280 - board.x - board.width))).toBeLessThanOrEqual(1);

    const greeting = await page.getByTestId('home-user-name').boundingBox();
    const report = await boxOf(page, 'tile-report');
    const logout = await boxOf(page, 'settings-logout');
    expect(greeting!.x).toBeLessThan(report.x);
    expect(logout.x).toBeLessThan(report.x);
    expect(logout.y).toBeGreaterThan(greeting!.y);
    // The tiles sit in one wide card: the first row carries six of them.
    const tiles = await page.locator('[data-testid^="tile-"]:not([data-testid$="-badge"])').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
    expect(tiles.filter((top) => Math.abs(top - tiles[0]!) < 1).length).toBeGreaterThanOrEqual(6);
    // Everything fits the window: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    await saveScreenshot(page, 'home-it-admin-desktop');
    expect(errors).toEqual([]);
  });

  it('on a phone home keeps the phone layout: greeting, tiles and settings stacked at full width', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'phone');

    await page.goto(`/?loginAs=${demo.employee}`);
    await page.getByTestId('tile-report').waitFor();

    expect((await pageBox(page)).width).toBe(390);
    const board = await boxOf(page, 'home-layout');
    expect(board).toMatchObject({ x: 0, width: 390 });
    const greeting = await page.getByTestId('home-user-name').boundingBox();
    const report = await boxOf(page, 'tile-report');
    const logout = await boxOf(page, 'settings-logout');
    expect(greeting!.y).toBeLessThan(report.y);
    expect(report.y).toBeLessThan(logout.y);
    expect(logout.width).toBe(390);
    // Four tiles a row, as DingTalk's workbench on a phone.
    const tiles = await page.locator('[data-testid^="tile-"]:not([data-testid$="-badge"])').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
    expect(tiles.filter((top) => Math.abs(top - tiles[0]!) < 1)).toHaveLength(4);
    await saveScreenshot(page, 'home-employee-phone');
  });

  it('other pages stay one centred 720 px column on a desktop window', async () => {
    const t = await startBrowserApp();
    const { page } = await browser.openPage(t, 'desktop');

    await page.goto(`/?loginAs=${demo.employee}`);
    await page.getByTestId('tile-my-tickets').click();
    await page.waitForURL((url) => url.pathname !== '/');
    await page.locator('[data-layout="column"]').waitFor();

    expect(await pageBox(page)).toMatchObject({ x: 280, width: 720 });
  });
});
