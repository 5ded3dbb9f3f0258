import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideConfig } from '../../../server/src/config';
import { demoGroupIds, startSandbox, type RunningSandbox } from '../../../server/src/sandbox';
import { inboxEvents } from '../../../server/src/platform/inbox/inbox.table';
import { demo } from '../../support/demo-people';
import { buildTestApp, type TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait';

// DINGTALK_EVENT_TRANSPORT=http in sandbox mode: DingOps tells the sandbox where its callback URLs
// are once it listens, as an admin saves them in DingTalk's developer console. Nobody switches
// anything by hand. (Real clocks: the callback's timestamp is checked against DingOps' clock.)

interface Delivery {
  mode: string;
  callbackUrl: string | null;
  robotUrl: string | null;
  cardCallbackUrl: string | null;
  token: string | null;
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
}

async function sandboxJson<T>(baseUrl: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/sandbox/api${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`sandbox ${path} → ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const inboxRowsOf = (t: TestApp, topic: string) => t.database.db.select().from(inboxEvents).where(eq(inboxEvents.topic, topic));

describe('HTTP event transport against the sandbox', () => {
  let external: RunningSandbox | undefined;

  afterEach(async () => {
    await external?.close();
    external = undefined;
  });

  it('S2: DingOps switches its own sandbox to HTTP callbacks when it listens; a leave event then arrives encrypted and the leaver’s session is refused', async () => {
    const t = await buildTestApp({ DINGTALK_EVENT_TRANSPORT: 'http' }, { realClock: true });
    const zhang = await t.loginAs(demo.employee);
    const base = await listen(t);

    const delivery = await waitFor(async () => {
      const current = await sandboxJson<Delivery>(t.sandboxUrl, '/event-delivery');
      return current.mode === 'http' ? current : null;
    }, 'the sandbox to deliver by HTTP');
    expect(delivery).toMatchObject({ callbackUrl: `${base}/dingtalk/callback`, robotUrl: `${base}/dingtalk/robot`, cardCallbackUrl: `${base}/dingtalk/cards`, token: t.config.dingtalk.events.callbackToken });

    const { eventId } = await sandboxJson<{ eventId: string }>(t.sandboxUrl, '/org-events', { method: 'POST', body: { type: 'user_leave_org', userId: demo.employee } });
    const [row] = await waitFor(async () => {
      const rows = await inboxRowsOf(t, 'user_leave_org');
      return rows.length ? rows : null;
    }, 'the leave event in the inbox');
    expect(row).toMatchObject({ transport: 'http', payload: expect.objectContaining({ userId: [demo.employee] }) });
    await waitFor(async () => (await sandboxJson<{ status: string }>(t.sandboxUrl, `/events/${eventId}`)).status === 'acked', 'the sandbox to see "success"');
    await t.app.inbox.runOnce();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: zhang.headers })).statusCode).toBe(401);

    // Robot messages come the same way, signed with the app secret.
    await sandboxJson(t.sandboxUrl, '/bot-messages', { method: 'POST', body: { userId: demo.salesRep, openConversationId: demoGroupIds.sales, text: '打印机卡纸' } });
    const [message] = await waitFor(async () => {
      const rows = await inboxRowsOf(t, '/v1.0/im/bot/messages/get');
      return rows.length ? rows : null;
    }, 'the robot message in the inbox');
    expect(message).toMatchObject({ transport: 'http', kind: 'callback' });
  });

  it('a sandbox given by DINGTALK_SANDBOX_URL is switched the same way', async () => {
    const { clientId, clientSecret, corpId, agentId } = overrideConfig({}).dingtalk;
    external = await startSandbox({ host: '127.0.0.1', port: 0, clientId, clientSecret, corpId, agentId });
    const t = await buildTestApp({ DINGTALK_EVENT_TRANSPORT: 'http', DINGTALK_SANDBOX_URL: external.url }, { realClock: true });
    const base = await listen(t);

    await waitFor(async () => (await sandboxJson<Delivery>(external!.url, '/event-delivery')).callbackUrl === `${base}/dingtalk/callback`, 'the external sandbox to deliver to this DingOps');
    await sandboxJson(external.url, '/org-events', { method: 'POST', body: { type: 'user_modify_org', userId: demo.salesRep, title: '高级销售代表' } });

    await waitFor(async () => (await inboxRowsOf(t, 'user_modify_org')).length === 1, 'the change event in the inbox');
  });

  it('in Stream mode the sandbox is left delivering by Stream', async () => {
    const t = await buildTestApp({}, { realClock: true });
    await listen(t);
    await t.app.inbox.whenConnected();

    expect(await sandboxJson<Delivery>(t.sandboxUrl, '/event-delivery')).toMatchObject({ mode: 'stream', callbackUrl: null });
  });
});
