import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { encodeCardButtons } from '../../server/src/dingtalk/cards-convention';
import { sandboxCardTemplateIds } from '../../server/src/sandbox';
import { inboxEvents } from '../../server/src/platform/inbox/inbox.table';
import { isLocalUrl, saveScreenshot, startBrowserApp, useBrowser, type BrowserApp } from '../support/browser';
import { demo } from '../support/demo-people';

const browser = useBrowser();

const cardCallbackTopic = '/v1.0/card/instances/callback';

interface Conversation {
  id: string;
  key: string;
  title: string;
}

async function itOnCallGroup(t: BrowserApp): Promise<Conversation> {
  const { conversations } = await t.sandboxApi<{ conversations: Conversation[] }>('/conversations');
  const group = conversations.find((conversation) => conversation.key === 'it-oncall');
  if (!group) throw new Error('no IT on-call group in the sandbox');
  return group;
}

async function waitFor<T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const value = await probe();
    if (value) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A card click as the Stream transport stored it: who pressed which button on which card. */
function clickOf(payload: Record<string, unknown>): { outTrackId: unknown; userId: unknown; actionIds: unknown; action: unknown } {
  let content: { cardPrivateData?: { actionIds?: unknown; params?: { action?: unknown } } } = {};
  try {
    content = typeof payload.content === 'string' ? JSON.parse(payload.content) : {};
  } catch {
    content = {};
  }
  return { outTrackId: payload.outTrackId, userId: payload.userId, actionIds: content.cardPrivateData?.actionIds, action: content.cardPrivateData?.params?.action };
}

async function cardClicksIn(t: BrowserApp) {
  const rows = await t.database.db.select().from(inboxEvents).where(eq(inboxEvents.topic, cardCallbackTopic));
  return rows.map((row) => ({ row, click: clickOf(row.payload) }));
}

/** URLs named in console errors: a request the page's CSP refused never reaches the network log. */
function urlsIn(messages: readonly string[]): string[] {
  return messages.flatMap((message) => message.match(/\b(?:https?|wss?):\/\/[^\s'"]+/g) ?? []);
}

describe('the sandbox console in a desktop browser', () => {
  it('the on-call engineer sees a level-1 alert card in the IT ops group, presses 认领, and the server receives the card callback', async () => {
    const t = await startBrowserApp();
    // A click reaches only a client connected at that moment; DingTalk does not keep card callbacks.
    await t.app.ready();
    await t.app.inbox.whenConnected();

    const group = await itOnCallGroup(t);
    expect(group.title).toBe('IT运维值班群');
    const outTrackId = 'alert-erp-db-connections-1';
    await t.database.db.transaction(async (tx) => {
      await t.app.outbox.enqueue(tx, {
        kind: 'dingtalk.card_create',
        payload: {
          outTrackId,
          cardTemplateId: sandboxCardTemplateIds.alert,
          cardParamMap: {
            title: 'ERPDatabaseConnectionsHigh',
            level: '1',
            status: '待认领',
            markdown: '**ERP 数据库连接数过高**\n\n- 实例: `erp-db-01`\n- 当前连接数: 962 / 1000\n- 持续: 5 分钟',
            buttons: encodeCardButtons([
              { id: 'ack', text: '认领', style: 'primary' },
              { id: 'resolve', text: '解决' },
            ]),
          },
          openSpaceId: `dtv1.card//IM_GROUP.${group.id}`,
          robotCode: t.config.dingtalk.clientId,
          callbackType: 'STREAM',
        },
        idempotencyKey: `${outTrackId}:create`,
        orderingKey: outTrackId,
        priority: 1,
      });
    });
    expect(await t.drainOutbox()).toBe(1);

    const { page, requests, errors } = await browser.openPage(t, 'desktop');
    // The sandbox stamps messages by the wall clock, not the app's test clock the page starts on.
    await page.clock.setSystemTime(Date.now());
    // Start as someone outside the IT ops group, so that choosing 陈刚 is a real change of identity.
    await page.goto(`${t.sandboxUrl}/sandbox/?as=${demo.employee}`);
    const actingAs = page.getByTestId('acting-as');
    await actingAs.locator(`option[value="${demo.onCall}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('chat-stream').waitFor();
    expect(await actingAs.inputValue()).toBe(demo.employee);

    await actingAs.selectOption(demo.onCall);
    expect(await actingAs.inputValue()).toBe(demo.onCall);
    expect(await actingAs.locator('option:checked').textContent()).toContain('陈刚');
    expect(await page.locator('#me-avatar').getAttribute('src')).toContain(demo.onCall);

    await page.getByTestId(`chat-${group.id}`).click();
    const head = page.locator('.chat-head');
    await head.getByText('IT运维值班群', { exact: true }).waitFor();
    expect(await head.textContent()).not.toContain('未加入');

    const card = page.getByTestId(`card-${outTrackId}`);
    await card.waitFor();
    await card.getByText('ERPDatabaseConnectionsHigh').waitFor();
    expect(await card.textContent()).toContain('一级告警');
    expect(await card.textContent()).toContain('待认领');
    // Level 1 colours the card's header red (DingTalk's red, #F2510C).
    expect(await card.locator('.head').evaluate((element) => getComputedStyle(element).borderTopColor)).toBe('rgb(242, 81, 12)');
    const ack = page.getByTestId(`card-button-${outTrackId}-ack`);
    expect(await ack.textContent()).toBe('认领');
    expect(await ack.isEnabled()).toBe(true);
    expect(await page.getByTestId(`card-button-${outTrackId}-resolve`).textContent()).toBe('解决');

    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, 'sandbox-console-card');

    expect((await cardClicksIn(t)).filter(({ click }) => click.outTrackId === outTrackId)).toEqual([]);
    const clicked = page.waitForResponse((response) => response.url().endsWith(`/sandbox/api/cards/${outTrackId}/click`) && response.request().method() === 'POST');
    await ack.click();
    const answer = await clicked;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toMatchObject({ callback: { outTrackId, userId: demo.onCall, spaceType: 'IM_GROUP', spaceId: group.id } });
    await page.locator('#toast.show').getByText('陈刚 点击了「认领」').waitFor();

    const received = await waitFor(async () => {
      const clicks = await cardClicksIn(t);
      return clicks.find(({ click }) => click.outTrackId === outTrackId && click.userId === demo.onCall);
    }, 'the card callback in the inbox');
    expect(received.row).toMatchObject({ transport: 'stream', kind: 'callback', topic: cardCallbackTopic });
    expect(received.click).toEqual({ outTrackId, userId: demo.onCall, actionIds: ['ack'], action: 'ack' });
    expect((await cardClicksIn(t)).filter(({ click }) => click.outTrackId === outTrackId)).toHaveLength(1);

    expect(requests.some((url) => url.includes(`/sandbox/api/conversations/${encodeURIComponent(group.id)}/messages`))).toBe(true);
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
    expect(urlsIn(errors).filter((url) => !isLocalUrl(url))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the app’s credentials and endpoints (凭证与基础信息) with copy buttons, as a customer’s own SDK script needs them', async () => {
    const t = await startBrowserApp();
    const { page, context, errors } = await browser.openPage(t, 'desktop');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.sandboxUrl });
    await page.goto(`${t.sandboxUrl}/sandbox/?view=app`);

    const { clientId, clientSecret, corpId, agentId } = t.config.dingtalk;
    const sandboxHost = new URL(t.sandboxUrl).host;
    const shown = { clientId, clientSecret, corpId, agentId, apiEndpoint: sandboxHost, oapiBaseUrl: t.sandboxUrl, streamOpenUrl: `${t.sandboxUrl}/v1.0/gateway/connections/open` };
    for (const [key, value] of Object.entries(shown)) {
      await page.getByTestId(`cred-value-${key}`).waitFor();
      expect(await page.getByTestId(`cred-value-${key}`).textContent(), key).toBe(value);
    }
    expect(await page.getByTestId('sdk-snippet').textContent()).toContain(`endpoint: '${sandboxHost}', protocol: 'http'`);

    await page.getByTestId('copy-clientSecret').click();
    await page.locator('#toast.show').getByText('已复制').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);
    await saveScreenshot(page, 'sandbox-console-credentials');
    expect(errors).toEqual([]);
  });
});
