import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

/** A service on this machine for the probe to check; it answers 200 after a few milliseconds. */
const target = createServer((_request, response) => void setTimeout(() => response.writeHead(200).end('ok'), 5));
afterEach(async () => {
  if (target.listening) await new Promise((resolve) => target.close(resolve));
});

describe('probes in a phone browser', () => {
  it('F1: the IT admin sees the demo probes, adds a probe against a local service, runs it and sees the chart and the result', async () => {
    // The test runs checks itself (立即探测); the 10-second job stays off.
    const t = await startBrowserApp({ SCHEDULER_ENABLED: 'false' });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;

    const { page, errors } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.itLead}`);
    await page.getByTestId('home-user-name').getByText('王磊', { exact: true }).waitFor();
    await page.goto('/alerts/probes');
    // Seeded when the server started listening (sandbox mode): DingOps itself and the sandbox's port.
    await page.getByTestId('probe-row').getByText('DingOps 自身').waitFor();
    await page.getByTestId('probe-row').getByText('钉钉沙箱端口').waitFor();

    await page.getByTestId('probe-add').click();
    await page.getByTestId('probe-name').locator('input').fill('官网');
    await page.getByTestId('probe-target').locator('input').fill('ftp://nope');
    await page.getByTestId('probe-save').click();
    await page.getByTestId('probe-error-target').waitFor();
    await page.getByTestId('probe-target').locator('input').fill(url);
    await page.getByTestId('probe-slowMs').locator('input').fill('2000');
    await page.getByTestId('probe-save').click();
    await page.waitForURL(/\/alerts\/probes\/[0-9a-f-]{36}$/);
    await page.getByTestId('probe-name-title').getByText('官网').waitFor();

    await page.getByTestId('probe-run').click();
    await page.getByTestId('probe-detail').getByTestId('probe-status').first().getByText('正常').waitFor();
    await page.getByTestId('probe-result-row').first().getByText('HTTP 200').waitFor();
    await page.getByTestId('probe-chart').locator('canvas').waitFor();
    await page.getByTestId('probe-summary').getByText('100%').waitFor();
    await saveScreenshot(page, 'probe-detail-phone');

    await page.goto('/alerts/probes');
    const row = page.getByTestId('probe-row').filter({ hasText: '官网' });
    await row.getByText('24 小时可用率 100%').waitFor();
    expect(await row.getByTestId('probe-status').getAttribute('data-outcome')).toBe('up');
    await saveScreenshot(page, 'probes-list-phone');
    expect(errors).toEqual([]);
  });
});
