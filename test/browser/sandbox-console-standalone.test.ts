import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeCardButtons } from '../../server/src/dingtalk/cards-convention';
import { demoGroupIds, demoUserIds, sandboxCardTemplateIds, type RunningSandbox } from '../../server/src/sandbox';
import { startMessagingSandbox, webhookRobot } from '../integration/dingtalk/messaging-fixture';
import { clientFor, testApp } from '../integration/dingtalk/sandbox-fixture';
import { launchOptions } from '../support/browser';

// The sandbox console on its own (no DingOps): card buttons pushed over HTTP to a stand-in receiver,
// and each person's work notifications. The console with DingOps behind it: sandbox-console.test.ts.

describe('Sandbox console without DingOps', () => {
  let browser: Browser;
  let sandbox: RunningSandbox | undefined;
  let receiver: Server | undefined;

  beforeAll(async () => {
    browser = await chromium.launch(launchOptions);
  });

  afterAll(async () => {
    await browser.close();
  });

  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
    receiver?.closeAllConnections();
    await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
    receiver = undefined;
  });

  it('shows the card in IT运维值班群, and pressing 认领 as 陈刚 reaches the app and updates the card', async () => {
    const presses: string[] = [];
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        const callback = JSON.parse(text) as { userId: string; content: string };
        presses.push(`${callback.userId}:${JSON.parse(callback.content).cardPrivateData.actionIds[0]}`);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cardData: { cardParamMap: { status: '陈刚 已认领', statusColor: 'green', buttons: '[]' } } }));
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    const cardCallbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/card`;
    sandbox = await startMessagingSandbox({ eventDelivery: { delivery: { mode: 'http', cardCallbackUrl } } });
    await clientFor(sandbox).createAndDeliverCard({
      outTrackId: 'alert-console-1',
      cardTemplateId: sandboxCardTemplateIds.alert,
      cardParamMap: { title: 'ERPDatabaseConnectionsHigh', level: '1', status: '待认领', markdown: '**连接数** 980/1000', buttons: encodeCardButtons([{ id: 'claim', text: '认领', style: 'primary' }]) },
      openSpaceId: `dtv1.card//IM_GROUP.${demoGroupIds['it-oncall']}`,
      robotCode: testApp.clientId,
      callbackType: 'STREAM',
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));

    await page.goto(`${sandbox.url}/sandbox/?as=${demoUserIds.chengang}`);
    await page.click(`[data-testid="chat-${demoGroupIds['it-oncall']}"]`);
    await page.click('[data-testid="card-button-alert-console-1-claim"]');
    await page.waitForSelector('[data-testid="card-alert-console-1"] >> text=陈刚 已认领');

    expect(presses).toEqual([`${demoUserIds.chengang}:claim`]);
    expect(await page.locator('[data-testid="card-button-alert-console-1-claim"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows each person their own work notifications', async () => {
    sandbox = await startMessagingSandbox();
    await clientFor(sandbox).sendWorkNotification({ userIds: [demoUserIds.zhangwei], msg: { msgtype: 'markdown', markdown: { title: '工单已解决', text: '### 工单 #1024 已解决\n请确认修复结果' } } });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    await page.goto(`${sandbox.url}/sandbox/?as=${demoUserIds.zhangwei}&chat=work-notifications`);
    await page.waitForSelector('text=工单 #1024 已解决');
    await page.selectOption('[data-testid="acting-as"]', demoUserIds.lina);
    await page.waitForSelector('text=暂无内容');

    expect(await page.locator('[data-testid^="work-notification-"]').count()).toBe(0);
    await page.close();
  });

  it('the robot table counts the refusals the fault injection gave a robot, and the fault panel the totals', async () => {
    sandbox = await startMessagingSandbox();
    const client = clientFor(sandbox);
    await client.getAccessToken();
    const robot = webhookRobot(sandbox, 'it-oncall-webhook-1');
    await client.sendWebhookMessage({ ...robot, body: { msgtype: 'text', text: { content: 'ping' } } });
    sandbox.state.faults.set({ throttle: true });
    for (let i = 0; i < 3; i += 1) await client.sendWebhookMessage({ ...robot, body: { msgtype: 'text', text: { content: `ping ${i}` } } }).catch(() => undefined);
    sandbox.state.faults.reset();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    await page.goto(`${sandbox.url}/sandbox/?view=simulate`);
    const row = page.getByTestId('robot-stats-it-oncall-webhook-1');
    await row.getByText('含故障注入 3').waitFor();

    expect(await row.locator('td').nth(1).textContent()).toBe('1');
    expect(await row.locator('td').nth(2).getAttribute('title')).toBe('注入限流 3');
    expect(await page.locator('#fault-state').textContent()).toContain('已注入：限流 3 次、错误 0 次、断开 0 次');
    await page.close();
  });
});
