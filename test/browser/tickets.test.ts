import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { isLocalUrl, saveScreenshot, startBrowserApp, useBrowser } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A fresh folder for the files a test "picks" from the phone's gallery. */
function galleryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dingops-gallery-'));
  folders.push(folder);
  return folder;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small real PNG: a projector's blue "no signal" screen with a white bar across it. */
function noSignalPng(width = 96, height = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1); // each row starts with filter type 0
    for (let x = 0; x < width; x += 1) {
      const bar = y > height * 0.42 && y < height * 0.58 && x > width * 0.2 && x < width * 0.8;
      rows.set(bar ? [255, 255, 255] : [0, 95, 255], row + 1 + x * 3);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** URLs named in console errors: a request the page's CSP refused never reaches the network log. */
function urlsIn(messages: readonly string[]): string[] {
  return messages.flatMap((message) => message.match(/\b(?:https?|wss?):\/\/[^\s'"]+/g) ?? []);
}

/** Before a screenshot: fonts loaded, toasts gone, and the part under review in the middle of the screen. */
async function showForReview(page: Page, part: Locator): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
  await part.evaluate((element) => element.scrollIntoView({ block: 'center' }));
}

async function statusIs(page: Page, label: string): Promise<void> {
  await page.getByTestId('ticket-status').getByText(label, { exact: true }).waitFor();
}

describe('reporting a fault with a screenshot, on a phone', () => {
  // Two people on two phones through the whole lifecycle: longer than the default minute on a busy machine.
  it('R5/F3–F6: 张伟 reports a dead projector with a screenshot (suggested 二级), 李娜 accepts and resolves it from 未认领, 张伟 confirms; he is told at each step and the closed ticket keeps the screenshot', { timeout: 180_000 }, async () => {
    const t = await startBrowserApp();
    const png = noSignalPng();
    const screenshotFile = join(galleryFolder(), '投影仪无信号.png');
    writeFileSync(screenshotFile, png);
    const title = '会议室投影仪没有信号';

    // 张伟 reports the fault from home.
    const zhang = await browser.openPage(t, 'phone');
    const reporter = zhang.page;
    await reporter.goto(`/?loginAs=${demo.employee}`);
    await reporter.getByTestId('home-user-name').getByText('张伟', { exact: true }).waitFor();
    await reporter.getByTestId('tile-report').click();
    await reporter.waitForURL(/\/tickets\/new$/);

    await reporter.getByTestId('report-category').click();
    await reporter.getByTestId('report-category-sheet').getByTestId('report-category-meeting_room').click();
    await reporter.getByTestId('report-category-sheet').waitFor({ state: 'hidden' });
    expect(await reporter.getByTestId('report-category').textContent()).toContain('会议室设备');
    await reporter.getByTestId('report-title').fill(title);
    await reporter.getByTestId('report-description').fill('3 楼大会议室投影仪接笔记本后显示“无信号”，换了一台电脑也一样。');
    await reporter.getByTestId('report-impact-team').click();
    const level = reporter.getByTestId('report-suggested-level');
    await level.getByText('二级').waitFor();
    expect(await level.getAttribute('data-level')).toBe('2');

    const picker = reporter.getByTestId('report-images');
    await picker.locator('input[type=file]').setInputFiles(screenshotFile);
    await reporter.locator('[data-testid="report-images"][data-count="1"]').waitFor();
    await picker.locator('.adm-image-uploader-cell img').first().waitFor();
    await showForReview(reporter, picker);
    await saveScreenshot(reporter, 'report-form-with-screenshot-phone');

    await reporter.getByTestId('report-submit').click();
    await reporter.waitForURL(/\/tickets\/\d+$/);
    const detail = reporter.getByTestId('ticket-detail');
    await detail.waitFor();
    const ticketId = (await detail.getAttribute('data-ticket-id'))!;
    expect(reporter.url()).toMatch(new RegExp(`/tickets/${ticketId}$`));
    await statusIs(reporter, '已提交');
    const attachments = reporter.getByTestId('ticket-attachments');
    const thumbs = attachments.locator('[data-testid^="ticket-attachment-"][data-state]');
    await attachments.locator('[data-testid^="ticket-attachment-"][data-state="ready"]').waitFor();
    expect(await thumbs.count()).toBe(1);
    expect(await attachments.getByTestId('ticket-upload-failed').count()).toBe(0);
    await showForReview(reporter, attachments);
    await saveScreenshot(reporter, 'ticket-detail-with-screenshot-phone');

    // Tapping the thumbnail opens it full screen; a tap on the image closes it again.
    await thumbs.first().click();
    const viewer = reporter.locator('.adm-image-viewer-slides img');
    await viewer.first().waitFor();
    expect(await viewer.first().getAttribute('src')).toMatch(/^blob:/);
    await reporter.getByTestId('ticket-attachment-viewer-close').waitFor();
    const viewerMask = reporter.locator('.adm-mask:has(.adm-image-viewer-slides)');
    await expect.poll(() => viewerMask.evaluate((element) => getComputedStyle(element).opacity)).toBe('1'); // faded in
    await saveScreenshot(reporter, 'ticket-attachment-viewer-phone');
    await viewer.first().tap();
    await viewer.first().waitFor({ state: 'hidden' });

    // 李娜 (IT), on her own phone, takes it from the unassigned queue and resolves it.
    const lina = await browser.openPage(t, 'phone');
    const it = lina.page;
    await it.goto(`/?loginAs=${demo.itStaff}`);
    await it.getByTestId('home-user-name').getByText('李娜', { exact: true }).waitFor();
    await it.getByTestId('tile-queue').click();
    await it.waitForURL(/\/tickets\/queue/);
    await it.getByTestId('queue-view-unassigned').click();
    const row = it.getByTestId(`ticket-row-${ticketId}`);
    await row.getByText(title).waitFor();
    expect(await row.textContent()).toContain('张伟');
    await row.click();
    await it.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    await it.getByTestId('ticket-attachments').locator('[data-testid^="ticket-attachment-"][data-state="ready"]').waitFor();
    await it.getByTestId('ticket-action-accept').click();
    await statusIs(it, '已受理');
    await it.getByTestId('ticket-action-resolve').click();
    const sheet = it.getByTestId('resolve-sheet');
    await sheet.getByTestId('resolve-cause').fill('HDMI 转接头损坏');
    await sheet.getByTestId('resolve-resolution').fill('更换 HDMI 转接头');
    await sheet.getByTestId('resolve-submit').click();
    await statusIs(it, '已解决');
    await it.getByTestId('ticket-resolution').getByText('更换 HDMI 转接头').waitFor();

    // 张伟 sees it resolved and confirms.
    await reporter.reload();
    await statusIs(reporter, '已解决');
    await reporter.getByTestId('ticket-cause').getByText('HDMI 转接头损坏').waitFor();
    await reporter.getByTestId('ticket-action-confirm').click();
    await statusIs(reporter, '已关闭');
    // Closed: the screenshot stays, nobody can add more.
    await reporter.getByTestId('ticket-attachments').locator('[data-testid^="ticket-attachment-"][data-state="ready"]').waitFor();
    expect(await reporter.getByTestId('ticket-attachment-add').count()).toBe(0);

    // DingTalk told 张伟 at each step (work notifications, delivered through the outbox).
    await t.drainOutbox();
    const { notifications } = await t.sandboxApi<{ notifications: { title: string | null }[] }>(`/work-notifications?userId=${demo.employee}`);
    const titles = notifications.map((notification) => notification.title);
    const number = `GZ-${ticketId.padStart(6, '0')}`;
    expect(titles).toEqual(expect.arrayContaining([`工单 ${number} 已提交：${title}`, `工单 ${number} 已受理：${title}`, `工单 ${number} 已解决：${title}`]));

    // The record: closed, with cause and resolution, and the screenshot's very bytes.
    const zhangApi = await t.loginAs(demo.employee);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}`, headers: zhangApi.headers });
    expect(response.statusCode).toBe(200);
    const ticket = response.json();
    expect(ticket).toMatchObject({ status: 'closed', category: 'meeting_room', impact: 'team', level: 2, cause: 'HDMI 转接头损坏', resolution: '更换 HDMI 转接头' });
    expect(ticket.attachments).toEqual([expect.objectContaining({ fileName: '投影仪无信号.png', contentType: 'image/png', size: png.length })]);
    const image = await t.app.inject({ method: 'GET', url: ticket.attachments[0].url, headers: zhangApi.headers });
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.equals(png)).toBe(true);

    // Both phones only ever talked to this machine.
    for (const { requests, errors } of [zhang, lina]) {
      expect(requests.some((url) => url.includes('/api/v1/tickets'))).toBe(true);
      expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
      expect(urlsIn(errors).filter((url) => !isLocalUrl(url))).toEqual([]);
      expect(errors).toEqual([]);
    }
    expect(zhang.requests.some((url) => url.includes(`/api/v1/tickets/${ticketId}/attachments`))).toBe(true);
  });

  it('R5: a screenshot that fails to upload never costs the ticket: the ticket page names it and a retry sends it; a file that is not an image is refused before upload', async () => {
    const t = await startBrowserApp();
    const folder = galleryFolder();
    const first = join(folder, '投影仪菜单.png');
    const second = join(folder, '信号源设置.png');
    const notAnImage = join(folder, '会议纪要.png');
    writeFileSync(first, noSignalPng(64, 48));
    writeFileSync(second, noSignalPng(48, 64));
    writeFileSync(notAnImage, '这不是图片');

    const { page, requests } = await browser.openPage(t, 'phone');
    await page.goto(`/?loginAs=${demo.employee}`);
    await page.getByTestId('tile-report').click();
    await page.getByTestId('report-category').click();
    await page.getByTestId('report-category-meeting_room').click();
    await page.getByTestId('report-title').fill('投影仪无法切换信号源');
    await page.getByTestId('report-description').fill('遥控器和机身按键都切换不了信号源。');
    await page.getByTestId('report-impact-self').click();

    // Checked by its bytes in the browser, whatever its name says: refused with a reason, never sent.
    const input = page.getByTestId('report-images').locator('input[type=file]');
    await input.setInputFiles(notAnImage);
    await page.locator('.adm-toast-main').getByText('“会议纪要.png”不是 PNG、JPEG、WebP 或 GIF 图片，无法添加').waitFor();
    await input.setInputFiles([first, second]);
    await page.locator('[data-testid="report-images"][data-count="2"]').waitFor();

    // The network drops the second screenshot's upload.
    let uploads = 0;
    await page.route('**/api/v1/tickets/*/attachments', (route) => ((uploads += 1) === 2 ? route.abort('connectionreset') : route.continue()));
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.locator('.adm-toast-main').getByText('工单已提交，1 张截图未上传成功，可在工单页重试').waitFor();
    const ticketId = (await page.getByTestId('ticket-detail').getAttribute('data-ticket-id'))!;
    const attachments = page.getByTestId('ticket-attachments');
    const ready = attachments.locator('[data-testid^="ticket-attachment-"][data-state="ready"]');
    await ready.first().waitFor();
    const failed = attachments.getByTestId('ticket-upload-failed');
    expect(await failed.getAttribute('data-file-name')).toBe('信号源设置.png');
    expect(await failed.textContent()).toContain('网络链接发生问题');
    await page.unroute('**/api/v1/tickets/*/attachments');
    await showForReview(page, attachments);
    await saveScreenshot(page, 'ticket-detail-upload-failed-phone');

    await failed.getByTestId('ticket-upload-retry').click();
    await failed.waitFor({ state: 'detached' });
    await ready.nth(1).waitFor();
    expect(await ready.count()).toBe(2);

    // The second thumbnail opens the viewer at the second image; its button closes it (the PC client has no touch).
    await ready.nth(1).click();
    const slides = page.locator('.adm-image-viewer-slides');
    await slides.waitFor();
    await page.locator('.adm-image-viewer-indicator').getByText('2 / 2').waitFor();
    await page.getByTestId('ticket-attachment-viewer-close').click();
    await slides.waitFor({ state: 'hidden' });

    const api = await t.loginAs(demo.employee);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketId}`, headers: api.headers });
    expect(response.json().attachments.map((file: { fileName: string }) => file.fileName)).toEqual(['投影仪菜单.png', '信号源设置.png']);
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
  });
});
