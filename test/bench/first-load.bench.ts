// What a phone downloads to show the login page: every response's bytes on the wire (headers and
// body as sent, so compressed when the server compresses), measured by Chromium itself, for a first
// visit with an empty cache and for a second visit. Needs Debian's Chromium and a built micro-app.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { printTable } from './report';
import { compileServer, startServer, stopServer, waitReady } from './server-process';

const port = 3960 + 2 * Math.floor(Math.random() * 20);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36',
};

interface Transfer {
  requests: number;
  wireBytes: number;
  bodyBytes: number;
  fromCache: number;
}

/** Loads `/` until the login picker shows, counting what Chromium's network layer saw. */
async function loadLoginPage(page: Page, base: string): Promise<Transfer> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const transfer: Transfer = { requests: 0, wireBytes: 0, bodyBytes: 0, fromCache: 0 };
  cdp.on('Network.requestWillBeSent', () => (transfer.requests += 1));
  cdp.on('Network.requestServedFromCache', () => (transfer.fromCache += 1));
  cdp.on('Network.dataReceived', (event: { dataLength: number }) => (transfer.bodyBytes += event.dataLength));
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (transfer.wireBytes += event.encodedDataLength));
  await page.goto(`${base}/`);
  await page.getByTestId('login-as-picker').waitFor();
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return transfer;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

export async function benchFirstLoad() {
  if (!existsSync(chromiumPath)) {
    console.log(`\nFirst load: skipped, no Chromium at ${chromiumPath}`);
    return;
  }
  if (!existsSync('miniapp/dist/index.html')) throw new Error('build the micro-app first (pnpm build)');
  compileServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'dingops-bench-'));
  const server = startServer({ port, dataDir });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    await waitReady(server);
    const context = await browser.newContext({ ...phone, locale: 'zh-CN' });
    const page = await context.newPage();
    const first = await loadLoginPage(page, server.base);
    // A second visit in the same browser: what the cache headers save.
    const second = await loadLoginPage(page, server.base);
    await context.close();
    const row = (name: string, t: Transfer): [string, string] => [name, `${kB(t.wireBytes)} on the wire (${kB(t.bodyBytes)} unpacked), ${t.requests} requests, ${t.fromCache} from cache`];
    printTable('Micro-app: loading the login page on a phone (Chromium, loopback)', [row('first visit, empty cache', first), row('second visit', second)]);
  } finally {
    await browser.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
