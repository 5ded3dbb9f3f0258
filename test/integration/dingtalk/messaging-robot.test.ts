import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DingTalkClient } from '../../../server/src/dingtalk/client';
import { DingTalkError } from '../../../server/src/dingtalk/errors';
import { demoGroupIds, demoUserIds, enterpriseRobotKey, type RunningSandbox } from '../../../server/src/sandbox';
import { conversationItems, sandboxApi, startMessagingSandbox } from './messaging-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

// The enterprise robot (robot_1_0 orgGroupSend / batchSendOTO) through the real client and SDK.

describe('Enterprise robot messages against the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: DingTalkClient;

  beforeAll(async () => {
    sandbox = await startMessagingSandbox();
    client = clientFor(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('a markdown message to a group is stored in that chat as sent by 运维助手', async () => {
    const { processQueryKey } = await client.sendGroupMessage({
      robotCode: testApp.clientId,
      openConversationId: demoGroupIds.sales,
      msgKey: 'sampleMarkdown',
      msgParam: { title: '工单已创建', text: '### 工单 #1024\nVPN 连不上，已分配给 **李娜**' },
    });

    const items = await conversationItems(sandbox, demoGroupIds.sales);
    expect(processQueryKey).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(items.at(-1)).toMatchObject({ kind: 'message', sender: { kind: 'robot', name: '运维助手' }, via: 'robot_api', msgtype: 'markdown', title: '工单已创建' });
    expect(items.at(-1)?.text).toContain('VPN 连不上');
  });

  it.each([
    { name: 'an empty robotCode', input: { robotCode: '' }, code: 'invalidParameter.robotCode.empty' },
    { name: 'an unknown robotCode', input: { robotCode: 'dingnotarobot' }, code: 'invalidParameter.robotCode.invalid' },
    { name: 'an unknown msgKey', input: { msgKey: 'sampleHologram' }, code: 'invalidParameter.msgKey.invalid' },
    { name: 'a markdown param without text', input: { msgParam: { title: 'only a title' } }, code: 'invalidParameter.msgParam.invalid' },
    { name: 'an unknown group', input: { openConversationId: 'cidNoSuchGroup00000000==' }, code: 'invalidParameter.openConversationId.invalid' },
  ])('a group message with $name fails as a permanent bad request ($code)', async ({ input, code }) => {
    const error = await failureOf(() =>
      client.sendGroupMessage({ robotCode: testApp.clientId, openConversationId: demoGroupIds['it-oncall'], msgKey: 'sampleMarkdown', msgParam: { title: 't', text: 'x' }, ...input }),
    );

    expect(error).toBeInstanceOf(DingTalkError);
    expect(error).toMatchObject({ code, httpStatus: 400, reason: 'bad_request', retryable: false });
  });

  it('1:1 messages reach known people and name the unknown ones', async () => {
    const result = await client.sendRobotDirectMessages({
      robotCode: testApp.clientId,
      userIds: [demoUserIds.zhangwei, demoUserIds.huangli, 'yq-nobody'],
      msgKey: 'sampleText',
      msgParam: { content: '您的工单 #1024 已解决，请确认' },
    });

    expect(result.invalidUserIds).toEqual(['yq-nobody']);
    expect(result.flowControlledUserIds).toEqual([]);
    const { body } = await sandboxApi<{ items: { text: string; sender: { name: string } }[] }>(sandbox, 'GET', `/direct-messages?userId=${demoUserIds.zhangwei}`);
    expect(body.items.at(-1)).toMatchObject({ text: '您的工单 #1024 已解决，请确认', sender: { name: '运维助手' } });
  });

  it('more than twenty 1:1 recipients are refused before DingTalk is called', async () => {
    const before = sandbox.state.requests.count('POST', '/v1.0/robot/oToMessages/batchSend');
    const userIds = Array.from({ length: 21 }, (_, index) => `yq-user-${index}`);

    const error = await failureOf(() => client.sendRobotDirectMessages({ robotCode: testApp.clientId, userIds, msgKey: 'sampleText', msgParam: { content: 'hi' } }));

    expect(error).toMatchObject({ code: 'invalidParameter.userIds.overMax', reason: 'bad_request', retryable: false, httpStatus: null });
    expect(sandbox.state.requests.count('POST', '/v1.0/robot/oToMessages/batchSend')).toBe(before);
  });

  it('every enterprise robot message is counted in the robot stats', async () => {
    const { body } = await sandboxApi<{ accepted: number; limitPerWindow: number | null }>(sandbox, 'GET', `/robots/${enterpriseRobotKey}/stats`);

    expect(body.accepted).toBeGreaterThanOrEqual(2);
    expect(body.limitPerWindow).toBeNull();
    expect(sandbox.state.messaging.maxInAnyWindow(enterpriseRobotKey)).toBe(body.accepted);
  });
});
