import { afterEach, describe, expect, it } from 'vitest';
import { robotMessageTopic, type StreamCallback, type StreamTransport } from '../../../server/src/dingtalk/stream';
import { demoGroupIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { sandboxApi, startEventSandbox, streamTransportFor, waitFor } from './events-fixture';
import { createTestClock, testApp } from './sandbox-fixture';

interface SentBotMessage {
  msgId: string;
  conversationId: string;
  message: { sessionWebhook: string; sessionWebhookExpiredTime: number; createAt: number };
}

describe('Robot messages from people to the app’s robot', () => {
  let sandbox: RunningSandbox | undefined;
  let transport: StreamTransport | undefined;
  let callbacks: StreamCallback[];

  afterEach(async () => {
    await transport?.close();
    await sandbox?.close();
    sandbox = undefined;
    transport = undefined;
  });

  async function start(options: { now?: () => number } = {}) {
    sandbox = await startEventSandbox({}, options);
    callbacks = [];
    transport = streamTransportFor(sandbox, { callbackTopics: [robotMessageTopic], onCallback: async (callback) => (callbacks.push(callback), null) });
    await transport.connected();
  }

  const say = (body: Record<string, unknown>) => sandboxApi<SentBotMessage>(sandbox!, 'POST', '/bot-messages', body);

  const chat = (conversationId: string) => sandbox!.state.messaging.timeline.list(conversationId).map((item) => (item.kind === 'message' ? `${item.sender.name}: ${item.content.text}` : 'card'));

  it('DEMO step 3: 黄丽’s @运维助手 in 销售部群 arrives in DingTalk’s payload shape', async () => {
    await start();

    const sent = await say({ userId: demoUserIds.huangli, openConversationId: demoGroupIds.sales, text: '@运维助手 VPN 连不上 @刘洋' });

    expect(sent.status).toBe(202);
    await waitFor(() => callbacks.length === 1);
    const data = callbacks[0]!.data as Record<string, unknown>;
    expect(data).toEqual({
      msgtype: 'text',
      text: { content: ' VPN 连不上 @刘洋' },
      msgId: sent.body.msgId,
      createAt: expect.any(Number),
      conversationType: '2',
      conversationId: demoGroupIds.sales,
      conversationTitle: '销售部群',
      senderId: expect.stringMatching(/^\$:LWCP_v1:\$/),
      senderNick: '黄丽',
      senderStaffId: demoUserIds.huangli,
      senderCorpId: testApp.corpId,
      chatbotCorpId: testApp.corpId,
      chatbotUserId: expect.stringMatching(/^\$:LWCP_v1:\$/),
      robotCode: testApp.clientId,
      isAdmin: false,
      isInAtList: true,
      atUsers: [{ dingtalkId: data.chatbotUserId }, { dingtalkId: expect.any(String), staffId: demoUserIds.liuyang }],
      sessionWebhook: expect.stringMatching(new RegExp(`^${sandbox!.url}/robot/sendBySession\\?session=`)),
      sessionWebhookExpiredTime: (data.createAt as number) + 90 * 60 * 1000,
    });
    expect(chat(demoGroupIds.sales).at(-1)).toBe('黄丽: @运维助手 VPN 连不上 @刘洋');
    await waitFor(() => sandbox!.state.events.list({ topic: robotMessageTopic })[0]?.status === 'acked');
  });

  it('a reply through the sessionWebhook lands in the same group', async () => {
    await start();
    const sent = await say({ userId: demoUserIds.huangli, openConversationId: demoGroupIds.sales, text: '@运维助手 打印机卡纸' });

    const reply = await fetch(sent.body.message.sessionWebhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { title: '已受理', text: '工单 **T-1** 已创建' }, at: { atUserIds: [demoUserIds.huangli] } }),
    });

    expect(await reply.json()).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(chat(demoGroupIds.sales).slice(-2)).toEqual(['黄丽: @运维助手 打印机卡纸', '运维助手: 工单 **T-1** 已创建']);
  });

  it('a sessionWebhook past its expiry answers errcode 300001', async () => {
    const clock = createTestClock();
    await start({ now: clock.now });
    const sent = await say({ userId: demoUserIds.huangli, openConversationId: demoGroupIds.sales, text: '@运维助手 hi' });
    clock.advance(90 * 60 * 1000 + 1);

    const reply = await fetch(sent.body.message.sessionWebhook, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'text', text: { content: 'late' } }) });

    expect(await reply.json()).toMatchObject({ errcode: 300001 });
    expect(chat(demoGroupIds.sales).at(-1)).toBe('黄丽: @运维助手 hi');
  });

  it('a 1:1 message to the robot has conversationType "1" and no @ list', async () => {
    await start();

    await say({ userId: demoUserIds.lina, text: '你好' });

    await waitFor(() => callbacks.length === 1);
    expect(callbacks[0]!.data).toMatchObject({ conversationType: '1', isInAtList: false, atUsers: [], text: { content: ' 你好' }, senderStaffId: demoUserIds.lina });
    expect(callbacks[0]!.data).not.toHaveProperty('conversationTitle');
  });

  it('someone outside the group cannot post in it', async () => {
    await start();

    const sent = await say({ userId: demoUserIds.lina, openConversationId: demoGroupIds.sales, text: '@运维助手 hi' });

    expect(sent).toMatchObject({ status: 409, body: { code: 'sandbox.not_a_member' } });
  });
});
