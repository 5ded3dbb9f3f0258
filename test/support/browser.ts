import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { buildTestApp } from './test-app';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const miniappDist = fileURLToPath(new URL('../../miniapp/dist', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../.test-results/screenshots/', import.meta.url));

/** Debian's Chromium; tests never download a browser of their own. */
export const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // No sandbox (containers run as root); no GPU; no calls home for updates, sync or QUIC probes.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** A plain Android phone browser: deliberately not DingTalk's UA, so the app takes the browser path. */
const phoneUserAgent = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36';

const devices = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: phoneUserAgent },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
} satisfies Record<string, BrowserContextOptions>;

export type Device = keyof typeof devices;

/** Hosts a page of the app may talk to: the app itself and the sandbox, both on this machine. */
const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocalUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return localHosts.has(hostname);
}

/** The app (real graph, sandbox DingTalk) serving the built micro-app on a random local port. */
export async function startBrowserApp(env: Record<string, string> = {}) {
  const t = await buildTestApp({ MINIAPP_DIST: miniappDist, ...env });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

export type BrowserApp = Awaited<ReturnType<typeof startBrowserApp>>;

export type OpenedPage = {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for, in order, including ones that were blocked. */
  requests: string[];
  /** Uncaught exceptions and console errors, for a test to assert on or to explain a failure. */
  errors: string[];
};

/**
 * Writes `.test-results/screenshots/<name>.png` (git-ignored) and returns its path from the repo
 * root. By default only what fits the screen, as a person would see it.
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = false } = {}): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = `${screenshotDir}${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.png`;
  // A toast from the step before would cover the layout the screenshot is kept to show.
  await page.screenshot({ path: file, fullPage, style: '.adm-toast-mask { display: none !important; }' });
  return file.slice(repoRoot.length);
}

/**
 * One Chromium per test file; a fresh context (own storage, own device) per page. Pages are closed
 * after each test, with a screenshot first when the test failed.
 */
export function useBrowser() {
  let browser: Browser | null = null;
  let opened: OpenedPage[] = [];

  beforeAll(async () => {
    browser = await chromium.launch(launchOptions);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async ({ task }) => {
    const pages = opened;
    opened = [];
    if (task.result?.state === 'fail') {
      for (const [index, { page, errors }] of pages.entries()) {
        const file = await saveScreenshot(page, `failed-${task.name}-${index}`, { fullPage: true }).catch(() => null);
        const distinct = [...new Set(errors)].slice(0, 10);
        console.error([`[browser] ${task.name}: ${page.url()}${file ? `, screenshot ${file}` : ''}`, ...distinct].join('\n  '));
      }
    }
    await Promise.all(pages.map(({ context }) => context.close()));
  });

  /**
   * A new page on the given device, pointed at the app (relative `page.goto`) and running on the
   * app's test clock: tokens carry expiry times from that clock, which the micro-app checks against
   * the browser's. Requests to anything but this machine are recorded and refused.
   */
  async function openPage(app: BrowserApp, device: Device = 'phone'): Promise<OpenedPage> {
    if (!browser) throw new Error('useBrowser() must be called at the top of the test file');
    const context = await browser.newContext({ ...devices[device], baseURL: app.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    await context.clock.install({ time: app.clock.now() });
    const requests: string[] = [];
    const errors: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    await context.route((url) => !isLocalUrl(url.href), (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    const entry = { page, context, requests, errors };
    opened.push(entry);
    return entry;
  }

  return { openPage };
}
