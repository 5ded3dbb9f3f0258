import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent, StreamTransport } from '../../../server/src/dingtalk/stream';
import { demoDepartmentIds, demoGroupIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { callbackSecrets, startCallbackReceiver, type CallbackReceiver } from './callback-receiver';
import { sandboxApi, startEventSandbox, streamTransportFor, waitFor, waitForStatus } from './events-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

interface OrgEventAnswer {
  eventId: string;
  userId: string;
  code?: string;
}

describe('Org events change the directory and reach the app', () => {
  let sandbox: RunningSandbox | undefined;
  let transport: StreamTransport | undefined;
  let receiver: CallbackReceiver | undefined;
  let events: StreamEvent[];

  afterEach(async () => {
    await transport?.close();
    await sandbox?.close();
    await receiver?.close();
    sandbox = undefined;
    transport = undefined;
    receiver = undefined;
  });

  async function start() {
    sandbox = await startEventSandbox();
    events = [];
    transport = streamTransportFor(sandbox, { onEvent: async (event) => (events.push(event), 'SUCCESS') });
    await transport.connected();
  }

  const orgEvent = (body: Record<string, unknown>) => sandboxApi<OrgEventAnswer>(sandbox!, 'POST', '/org-events', body);

  it('DEMO step 6: 吴强 leaves; topapi no longer finds him and user_leave_org arrives over Stream', async () => {
    await start();
    const client = clientFor(sandbox!);
    expect((await client.getUserProfile(demoUserIds.wuqiang)).name).toBe('吴强');

    const answer = await orgEvent({ type: 'user_leave_org', userId: demoUserIds.wuqiang, operatorUserId: demoUserIds.xieting });

    expect(answer.status).toBe(201);
    expect(await failureOf(() => client.getUserProfile(demoUserIds.wuqiang))).toMatchObject({ reason: 'user_not_found', code: '60121' });
    expect(sandbox!.state.org.getGroup(demoGroupIds.sales)?.memberUserIds).not.toContain(demoUserIds.wuqiang);
    await waitForStatus(sandbox!, answer.body.eventId, 'acked');
    expect(events).toEqual([
      {
        eventId: answer.body.eventId,
        eventType: 'user_leave_org',
        corpId: testApp.corpId,
        bornAt: expect.any(Number),
        data: { userId: [demoUserIds.wuqiang], optStaffId: demoUserIds.xieting, timeStamp: expect.stringMatching(/^\d{13}$/) },
        messageId: expect.any(String),
      },
    ]);
  });

  it('DEMO step 7: a new hire joins R&D with the R&D leader as manager', async () => {
    await start();
    const client = clientFor(sandbox!);

    const answer = await orgEvent({ type: 'user_add_org', name: '周新', departmentId: demoDepartmentIds.rnd, title: '开发工程师' });

    expect(answer.status).toBe(201);
    expect(answer.body.userId).toMatch(/^\d{18}$/);
    const profile = await client.getUserProfile(answer.body.userId);
    expect(profile).toMatchObject({ name: '周新', title: '开发工程师', departmentIds: [demoDepartmentIds.rnd], managerUserId: demoUserIds.heming, active: true });
    await waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ eventType: 'user_add_org', data: { userId: [answer.body.userId], optStaffId: demoUserIds.wanglei } });
  });

  it('a move to another department changes department, title and manager', async () => {
    await start();
    const client = clientFor(sandbox!);

    const answer = await orgEvent({ type: 'user_modify_org', userId: demoUserIds.huangli, departmentId: demoDepartmentIds.finance, title: '会计' });

    expect(answer.status).toBe(201);
    expect(await client.getUserProfile(demoUserIds.huangli)).toMatchObject({ title: '会计', departmentIds: [demoDepartmentIds.finance], managerUserId: demoUserIds.zhengfang });
    expect(sandbox!.state.org.getGroup(demoGroupIds.sales)?.memberUserIds).not.toContain(demoUserIds.huangli);
    await waitFor(() => events.length === 1);
    expect(events[0]).toMatchObject({ eventType: 'user_modify_org', data: { userId: [demoUserIds.huangli] } });
  });

  it('an unknown person or department is refused and publishes nothing', async () => {
    await start();

    const nobody = await orgEvent({ type: 'user_leave_org', userId: 'yq-nobody' });
    const noDepartment = await orgEvent({ type: 'user_add_org', name: '某人', departmentId: 42 });
    const taken = await orgEvent({ type: 'user_add_org', userId: demoUserIds.lina, name: '李娜', departmentId: demoDepartmentIds.it });

    expect(nobody).toMatchObject({ status: 404, body: { code: 'sandbox.user_not_found' } });
    expect(noDepartment).toMatchObject({ status: 404, body: { code: 'sandbox.department_not_found' } });
    expect(taken).toMatchObject({ status: 409, body: { code: 'sandbox.user_exists' } });
    expect(sandbox!.state.events.list()).toEqual([]);
  });

  it('over HTTP the same event arrives as {EventType, CorpId, UserId, OptStaffId, TimeStamp}', async () => {
    receiver = await startCallbackReceiver();
    sandbox = await startEventSandbox({ delivery: { mode: 'http', callbackUrl: `${receiver.url}/dingtalk/callback`, ...callbackSecrets } });

    const answer = await orgEvent({ type: 'user_leave_org', userId: demoUserIds.linjing, operatorUserId: demoUserIds.xieting });

    await waitForStatus(sandbox, answer.body.eventId, 'acked');
    expect(receiver.events.at(-1)!.plain).toEqual({ EventType: 'user_leave_org', CorpId: testApp.corpId, UserId: [demoUserIds.linjing], OptStaffId: demoUserIds.xieting, TimeStamp: expect.stringMatching(/^\d{13}$/) });
  });
});
