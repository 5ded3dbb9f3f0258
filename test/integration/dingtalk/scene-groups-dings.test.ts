import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DingTalkClient } from '../../../server/src/dingtalk/client';
import { DingTalkError } from '../../../server/src/dingtalk/errors';
import { demoUserIds, sandboxSceneGroupTemplateId, type RunningSandbox } from '../../../server/src/sandbox';
import { conversationItems, sandboxApi, startMessagingSandbox, webhookRobot } from './messaging-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

// Scene groups (topapi/im/chat/scenegroup/create), robot DINGs (/v1.0/robot/ding/send) and the
// 20,000-byte cap, through the real client against the sandbox.

interface ConversationView {
  id: string;
  title: string;
  ownerUserId: string;
  members: { userId: string }[];
  robots: { name: string }[];
}

describe('Scene groups and DINGs against the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: DingTalkClient;
  const members = [demoUserIds.chengang, demoUserIds.lina];
  const create = (overrides: Partial<Parameters<DingTalkClient['createSceneGroup']>[0]> = {}) =>
    client.createSceneGroup({ templateId: sandboxSceneGroupTemplateId, title: '作战群·ERP 数据库', ownerUserId: demoUserIds.wanglei, userIds: members, uuid: `test-${Math.random()}`, ...overrides });

  beforeAll(async () => {
    sandbox = await startMessagingSandbox();
    client = clientFor(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('a created scene group is a new chat with its owner, members and the app robot, which can post into it', async () => {
    const { openConversationId, chatId } = await create();
    expect(openConversationId).toMatch(/^cid.+==$/);
    expect(chatId).toMatch(/^chat/);

    const { body } = await sandboxApi<{ conversations: ConversationView[] }>(sandbox, 'GET', '/conversations');
    const room = body.conversations.find((chat) => chat.id === openConversationId);
    expect(room).toMatchObject({ title: '作战群·ERP 数据库', ownerUserId: demoUserIds.wanglei, robots: [{ name: '运维助手' }] });
    expect(room!.members.map((member) => member.userId).sort()).toEqual([demoUserIds.wanglei, ...members].sort());

    await client.sendGroupMessage({ robotCode: testApp.clientId, openConversationId, msgKey: 'sampleMarkdown', msgParam: { title: '背景', text: '### ERP 数据库无法连接' } });
    expect((await conversationItems(sandbox, openConversationId)).at(-1)).toMatchObject({ kind: 'message', title: '背景' });
  });

  it('the same uuid again answers with the group made the first time (a retry after a crash makes no second group)', async () => {
    const first = await create({ uuid: 'dingops-war-room-42' });
    const again = await create({ uuid: 'dingops-war-room-42', title: '另一个标题' });
    expect(again).toEqual(first);
    const { body } = await sandboxApi<{ conversations: ConversationView[] }>(sandbox, 'GET', '/conversations');
    expect(body.conversations.filter((chat) => chat.id === first.openConversationId)).toHaveLength(1);
  });

  it.each([
    { name: 'an unknown member', input: { userIds: ['yq-nobody'] }, errcode: '60121' },
    { name: 'an unknown owner', input: { ownerUserId: 'yq-nobody' }, errcode: '60121' },
    { name: 'an unknown template', input: { templateId: 'no-such-template' }, errcode: '665036' },
    { name: 'an empty title', input: { title: '' }, errcode: '40035' },
  ])('refuses $name with DingTalk’s errcode, permanently', async ({ input, errcode }) => {
    const error = await failureOf(() => create(input));
    expect(error).toBeInstanceOf(DingTalkError);
    expect(error).toMatchObject({ code: errcode, retryable: false, httpStatus: 200 });
  });

  it('a robot DING is stored for each receiver and listed by GET /sandbox/api/dings; unknown receivers come back as failed', async () => {
    const result = await client.sendRobotDing({ robotCode: testApp.clientId, receiverUserIds: [demoUserIds.chengang, 'yq-nobody'], content: '【一级告警】ERP 数据库无法连接', remindType: 'app' });
    expect(result.openDingId).toMatch(/^ding/);
    expect(result.failed).toEqual({ 'yq-nobody': 'user not found' });

    const { body } = await sandboxApi<{ dings: { openDingId: string; content: string; remindType: number; senderName: string }[] }>(sandbox, 'GET', `/dings?userId=${demoUserIds.chengang}`);
    expect(body.dings).toEqual([expect.objectContaining({ openDingId: result.openDingId, content: '【一级告警】ERP 数据库无法连接', remindType: 1, senderName: '运维助手' })]);
    expect((await sandboxApi(sandbox, 'GET', `/dings?userId=${demoUserIds.lina}`)).body).toMatchObject({ dings: [] });
    expect((await sandboxApi(sandbox, 'GET', '/dings?userId=yq-nobody')).status).toBe(404);
  });

  it.each([
    { name: 'nobody known', input: { receiverUserIds: ['yq-nobody'] }, code: 'invalidParameter.receiverUserIdList.invalid' },
    { name: 'an unknown robot', input: { robotCode: 'dingnotarobot' }, code: 'invalidParameter.robotCode.invalid' },
  ])('refuses a DING to $name with HTTP 400 and the robot API’s code', async ({ input, code }) => {
    const error = await failureOf(() => client.sendRobotDing({ robotCode: testApp.clientId, receiverUserIds: [demoUserIds.chengang], content: 'x', remindType: 'app', ...input }));
    expect(error).toMatchObject({ code, httpStatus: 400, retryable: false });
  });

  it('a custom robot message over 20,000 bytes is refused with 460101, which the client reports as permanent', async () => {
    const robot = webhookRobot(sandbox, 'it-oncall-webhook-1');
    const error = await failureOf(() => client.sendWebhookMessage({ ...robot, body: { msgtype: 'markdown', markdown: { title: '长', text: '长'.repeat(7000) } } }));
    expect(error).toMatchObject({ code: '460101', retryable: false, detail: 'too_long' });
  });
});
