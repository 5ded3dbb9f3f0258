import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DingTalkClient, WorkNotificationMsg } from '../../../server/src/dingtalk/client';
import { demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { sandboxApi, startMessagingSandbox } from './messaging-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

// Work notifications (asyncsend_v2) through the real client, and what each person receives.

interface Notification {
  taskId: number;
  msgtype: string;
  title: string | null;
  text: string;
  form: { key: string; value: string }[];
}

describe('Work notifications against the sandbox', () => {
  let sandbox: RunningSandbox;
  let client: DingTalkClient;

  beforeAll(async () => {
    sandbox = await startMessagingSandbox();
    client = clientFor(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const notificationsOf = async (userId: string) => (await sandboxApi<{ notifications: Notification[] }>(sandbox, 'GET', `/work-notifications?userId=${userId}`)).body.notifications;

  async function sendResult(taskId: string) {
    const token = await client.getAccessToken();
    const response = await fetch(`${sandbox.url}/topapi/message/corpconversation/getsendresult?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_id: Number(testApp.agentId), task_id: Number(taskId) }),
    });
    return ((await response.json()) as { send_result: Record<string, unknown> }).send_result;
  }

  it('an OA notification reaches each recipient and nobody else', async () => {
    const msg: WorkNotificationMsg = {
      msgtype: 'oa',
      oa: {
        message_url: 'http://localhost:3000/tickets/1024',
        head: { bgcolor: 'FF005FFF', text: 'DingOps' },
        body: { title: '工单 #1024 已解决', form: [{ key: '处理人', value: '李娜' }, { key: '原因', value: 'HDMI 转接头松动' }], content: '请确认修复结果' },
      },
    };

    const { taskId } = await client.sendWorkNotification({ userIds: [demoUserIds.zhangwei, demoUserIds.liuyang], msg });

    expect(taskId).toMatch(/^\d+$/);
    for (const userId of [demoUserIds.zhangwei, demoUserIds.liuyang]) {
      expect((await notificationsOf(userId)).at(-1)).toMatchObject({ taskId: Number(taskId), msgtype: 'oa', title: '工单 #1024 已解决', form: [{ key: '处理人', value: '李娜' }, { key: '原因', value: 'HDMI 转接头松动' }] });
    }
    expect(await notificationsOf(demoUserIds.huangli)).toEqual([]);
  });

  it('the same content to the same person twice in a day is accepted but delivered once, as DingTalk does', async () => {
    const msg: WorkNotificationMsg = { msgtype: 'text', text: { content: '明早 9:00 机房巡检' } };

    await client.sendWorkNotification({ userIds: [demoUserIds.lina], msg });
    const second = await client.sendWorkNotification({ userIds: [demoUserIds.lina, 'yq-nobody'], msg });

    expect((await notificationsOf(demoUserIds.lina)).filter((n) => n.text === '明早 9:00 机房巡检')).toHaveLength(1);
    expect(await sendResult(second.taskId)).toMatchObject({
      invalid_user_id_list: ['yq-nobody'],
      forbidden_list: [{ code: '143106', count: 1, userid: demoUserIds.lina }],
      unread_user_id_list: [],
    });
  });

  it('a markdown notification without text fails as a permanent bad request (40035)', async () => {
    const msg = { msgtype: 'markdown', markdown: { title: '只有标题' } } as unknown as WorkNotificationMsg;

    const error = await failureOf(() => client.sendWorkNotification({ userIds: [demoUserIds.lina], msg }));

    expect(error).toMatchObject({ code: '40035', reason: 'bad_request', retryable: false, httpStatus: 200 });
  });

  it('a notification without recipients is refused before DingTalk is called', async () => {
    const error = await failureOf(() => client.sendWorkNotification({ userIds: [], msg: { msgtype: 'text', text: { content: 'x' } } }));

    expect(error).toMatchObject({ reason: 'bad_request', retryable: false, httpStatus: null });
  });

  it('a notification from another agent id fails as permanent', async () => {
    const error = await failureOf(() => clientFor(sandbox, { agentId: '999' }).sendWorkNotification({ userIds: [demoUserIds.lina], msg: { msgtype: 'text', text: { content: 'x' } } }));

    expect(error).toMatchObject({ code: '40056', retryable: false });
  });

  it('asking for the notifications of an unknown person names the problem', async () => {
    const missing = await sandboxApi(sandbox, 'GET', '/work-notifications');
    const unknown = await sandboxApi(sandbox, 'GET', '/work-notifications?userId=yq-nobody');

    expect(missing).toMatchObject({ status: 400, contentType: expect.stringContaining('application/problem+json'), body: { errors: [{ path: 'query.userId' }] } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'sandbox.user_not_found' } });
  });
});
