import { afterEach, describe, expect, it } from 'vitest';
import type { DingTalkClient } from '../../../server/src/dingtalk/client';
import { DingTalkError } from '../../../server/src/dingtalk/errors';
import type { StreamEvent, StreamTransport } from '../../../server/src/dingtalk/stream';
import { accessProcessCode, demoDepartmentIds, demoUserIds, type RunningSandbox } from '../../../server/src/sandbox';
import { sandboxApi, startEventSandbox, streamTransportFor, waitFor } from './events-fixture';
import { clientFor, failureOf, testApp } from './sandbox-fixture';

const accessForm = [
  { name: '申请系统', value: 'CRM' },
  { name: '申请权限', value: 'CRM 管理员' },
  { name: '变更类型', value: '新增' },
  { name: '有效期（天）', value: '30' },
  { name: '申请理由', value: '季度客户盘点' },
];

interface InboxTask {
  taskId: number;
  processInstanceId: string;
  title: string;
  approverId: string;
  formComponentValues: { name: string; value: string }[];
}

describe('Approvals through the real client and the sandbox approval app', () => {
  let sandbox: RunningSandbox | undefined;
  let transport: StreamTransport | undefined;
  let client: DingTalkClient;
  let events: StreamEvent[];

  afterEach(async () => {
    await transport?.close();
    await sandbox?.close();
    sandbox = undefined;
    transport = undefined;
  });

  async function start() {
    sandbox = await startEventSandbox();
    client = clientFor(sandbox);
    events = [];
    transport = streamTransportFor(sandbox, { onEvent: async (event) => (events.push(event), 'SUCCESS') });
    await transport.connected();
  }

  const bpms = (processInstanceId: string) =>
    events.filter((event) => (event.data as { processInstanceId?: string }).processInstanceId === processInstanceId).map((event): { eventType: string; type?: string; staffId?: string; result?: string } => ({ eventType: event.eventType, ...(event.data as Record<string, unknown>) }));

  const inboxOf = async (userId: string) => (await sandboxApi<{ tasks: InboxTask[] }>(sandbox!, 'GET', `/approvals?approverId=${userId}`)).body.tasks;

  const decide = (processInstanceId: string, body: { userId: string; result: 'agree' | 'refuse'; remark?: string }) => sandboxApi<{ code?: string; status?: string }>(sandbox!, 'POST', `/approvals/${processInstanceId}/decide`, body);

  it('DEMO step 5: 张伟 asks for CRM admin, 刘洋 agrees, and the bpms events arrive in order', async () => {
    await start();

    const { processInstanceId } = await client.startApproval({ processCode: accessProcessCode, originatorUserId: demoUserIds.zhangwei, deptId: demoDepartmentIds.sales, formComponentValues: accessForm });

    const [task] = await inboxOf(demoUserIds.liuyang);
    expect(task).toMatchObject({ processInstanceId, title: '张伟提交的权限变更申请', approverId: demoUserIds.liuyang });
    expect(task!.formComponentValues).toEqual(expect.arrayContaining([expect.objectContaining({ name: '申请权限', value: 'CRM 管理员' })]));
    expect(await inboxOf(demoUserIds.zhangwei)).toEqual([]);

    const decided = await decide(processInstanceId, { userId: demoUserIds.liuyang, result: 'agree', remark: '同意' });
    expect(decided.status).toBe(200);
    await waitFor(() => bpms(processInstanceId).length === 4, { what: 'four bpms events' });

    const base = { processInstanceId, corpId: testApp.corpId, title: '张伟提交的权限变更申请', processCode: accessProcessCode, bizCategoryId: '', businessId: expect.stringMatching(/^\d{18}$/) };
    expect(bpms(processInstanceId)).toEqual([
      { eventType: 'bpms_instance_change', ...base, type: 'start', staffId: demoUserIds.zhangwei, url: expect.stringContaining(processInstanceId), createTime: expect.any(Number) },
      { eventType: 'bpms_task_change', ...base, type: 'start', taskId: task!.taskId, staffId: demoUserIds.liuyang, createTime: expect.any(Number) },
      { eventType: 'bpms_task_change', ...base, type: 'finish', result: 'agree', remark: '同意', taskId: task!.taskId, staffId: demoUserIds.liuyang, createTime: expect.any(Number), finishTime: expect.any(Number) },
      { eventType: 'bpms_instance_change', ...base, type: 'finish', result: 'agree', staffId: demoUserIds.zhangwei, url: expect.any(String), createTime: expect.any(Number), finishTime: expect.any(Number) },
    ]);
    expect(events.every((event) => event.corpId === testApp.corpId)).toBe(true);

    const approval = await client.getApproval(processInstanceId);
    expect(approval).toMatchObject({ status: 'COMPLETED', result: 'agree', originatorUserId: demoUserIds.zhangwei, originatorDeptId: String(demoDepartmentIds.sales), approverUserIds: [demoUserIds.liuyang] });
    expect(approval.tasks).toMatchObject([{ taskId: task!.taskId, userId: demoUserIds.liuyang, status: 'COMPLETED', result: 'AGREE' }]);
    expect(approval.finishedAt).toBeInstanceOf(Date);
    expect(approval.formComponentValues.find((value) => value.name === '申请系统')).toMatchObject({ value: 'CRM', bizAlias: 'system' });
    expect(await inboxOf(demoUserIds.liuyang)).toEqual([]);
  });

  it('a refusal finishes the instance with result refuse', async () => {
    await start();
    const { processInstanceId } = await client.startApproval({ processCode: accessProcessCode, originatorUserId: demoUserIds.gaojie, deptId: demoDepartmentIds.rnd, formComponentValues: accessForm });

    await decide(processInstanceId, { userId: demoUserIds.heming, result: 'refuse', remark: '权限过大' });

    await waitFor(() => bpms(processInstanceId).some((event) => event.eventType === 'bpms_instance_change' && event.type === 'finish'));
    expect(bpms(processInstanceId).slice(2)).toMatchObject([
      { eventType: 'bpms_task_change', type: 'finish', result: 'refuse', remark: '权限过大', staffId: demoUserIds.heming },
      { eventType: 'bpms_instance_change', type: 'finish', result: 'refuse' },
    ]);
    expect(await client.getApproval(processInstanceId)).toMatchObject({ status: 'COMPLETED', result: 'refuse' });
  });

  it('someone who is not the current approver cannot decide', async () => {
    await start();
    const { processInstanceId } = await client.startApproval({ processCode: accessProcessCode, originatorUserId: demoUserIds.zhangwei, deptId: demoDepartmentIds.sales, formComponentValues: accessForm });

    const byOriginator = await decide(processInstanceId, { userId: demoUserIds.zhangwei, result: 'agree' });
    await decide(processInstanceId, { userId: demoUserIds.liuyang, result: 'agree' });
    const twice = await decide(processInstanceId, { userId: demoUserIds.liuyang, result: 'refuse' });

    expect(byOriginator).toMatchObject({ status: 409, body: { code: 'sandbox.not_current_approver' } });
    expect(twice).toMatchObject({ status: 409, body: { code: 'sandbox.not_current_approver' } });
    expect(await client.getApproval(processInstanceId)).toMatchObject({ status: 'COMPLETED', result: 'agree' });
  });

  it('an AND node needs every approver and an OR node the first one, then the next node starts', async () => {
    await start();
    const { processInstanceId } = await client.startApproval({
      processCode: accessProcessCode,
      originatorUserId: demoUserIds.zhangwei,
      deptId: demoDepartmentIds.sales,
      formComponentValues: accessForm,
      approvers: [
        { actionType: 'AND', userIds: [demoUserIds.liuyang, demoUserIds.wanglei] },
        { actionType: 'OR', userIds: [demoUserIds.sunyue, demoUserIds.lina] },
      ],
    });

    await decide(processInstanceId, { userId: demoUserIds.liuyang, result: 'agree' });
    expect(await inboxOf(demoUserIds.sunyue)).toEqual([]);
    expect(await inboxOf(demoUserIds.wanglei)).toHaveLength(1);
    await decide(processInstanceId, { userId: demoUserIds.wanglei, result: 'agree' });
    expect(await inboxOf(demoUserIds.sunyue)).toHaveLength(1);
    expect(await inboxOf(demoUserIds.lina)).toHaveLength(1);
    await decide(processInstanceId, { userId: demoUserIds.lina, result: 'agree' });

    const approval = await client.getApproval(processInstanceId);
    expect(approval).toMatchObject({ status: 'COMPLETED', result: 'agree' });
    expect(approval.tasks.map((task) => [task.userId, task.status, task.result])).toEqual([
      [demoUserIds.liuyang, 'COMPLETED', 'AGREE'],
      [demoUserIds.wanglei, 'COMPLETED', 'AGREE'],
      [demoUserIds.sunyue, 'CANCELED', 'NONE'],
      [demoUserIds.lina, 'COMPLETED', 'AGREE'],
    ]);
    await waitFor(() => bpms(processInstanceId).some((event) => event.type === 'finish' && event.eventType === 'bpms_instance_change'));
    expect(bpms(processInstanceId).map((event) => `${event.eventType}:${event.type}:${String(event.staffId)}`)).toEqual([
      `bpms_instance_change:start:${demoUserIds.zhangwei}`,
      `bpms_task_change:start:${demoUserIds.liuyang}`,
      `bpms_task_change:start:${demoUserIds.wanglei}`,
      `bpms_task_change:finish:${demoUserIds.liuyang}`,
      `bpms_task_change:finish:${demoUserIds.wanglei}`,
      `bpms_task_change:start:${demoUserIds.sunyue}`,
      `bpms_task_change:start:${demoUserIds.lina}`,
      `bpms_task_change:finish:${demoUserIds.lina}`,
      `bpms_task_change:cancel:${demoUserIds.sunyue}`,
      `bpms_instance_change:finish:${demoUserIds.zhangwei}`,
    ]);
  });

  it('a revoked approval is TERMINATED, leaves the inbox and emits a terminate event', async () => {
    await start();
    const { processInstanceId } = await client.startApproval({ processCode: accessProcessCode, originatorUserId: demoUserIds.zhangwei, deptId: demoDepartmentIds.sales, formComponentValues: accessForm });

    await client.terminateApproval({ processInstanceId, operatingUserId: demoUserIds.zhangwei, remark: '不再需要' });

    expect(await client.getApproval(processInstanceId)).toMatchObject({ status: 'TERMINATED', result: null });
    expect(await inboxOf(demoUserIds.liuyang)).toEqual([]);
    await waitFor(() => bpms(processInstanceId).some((event) => event.type === 'terminate'));
    expect(bpms(processInstanceId).at(-1)).not.toHaveProperty('result');
    const again = await failureOf(() => client.terminateApproval({ processInstanceId }));
    expect(again).toMatchObject({ reason: 'bad_request', retryable: false });
  });

  it('the CEO’s request has nobody above him and is agreed at once', async () => {
    await start();

    const { processInstanceId } = await client.startApproval({ processCode: accessProcessCode, originatorUserId: demoUserIds.zhoujianguo, deptId: -1, formComponentValues: accessForm });

    expect(await client.getApproval(processInstanceId)).toMatchObject({ status: 'COMPLETED', result: 'agree', tasks: [] });
  });

  it('a form missing a required field or with an unknown template is refused as a bad request', async () => {
    await start();

    const missing = await failureOf(() =>
      client.startApproval({ processCode: accessProcessCode, originatorUserId: demoUserIds.zhangwei, deptId: demoDepartmentIds.sales, formComponentValues: accessForm.filter((value) => value.name !== '申请理由') }),
    );
    const unknown = await failureOf(() => client.startApproval({ processCode: 'PROC-NOPE', originatorUserId: demoUserIds.zhangwei, deptId: demoDepartmentIds.sales, formComponentValues: accessForm }));

    expect(missing).toBeInstanceOf(DingTalkError);
    expect(missing).toMatchObject({ reason: 'bad_request', code: 'invalidParameter.formComponentValues.required', httpStatus: 400 });
    expect(unknown).toMatchObject({ reason: 'bad_request', code: 'invalidParameter.processCode.notExist' });
    expect(sandbox!.state.approvals.list()).toEqual([]);
  });

  it('the form schema of the seeded template lists its components', async () => {
    await start();
    const token = await client.getAccessToken();

    const response = await fetch(`${sandbox!.url}/v1.0/workflow/forms/schemas/processCodes?processCode=${accessProcessCode}`, { headers: { 'x-acs-dingtalk-access-token': token } });
    const body = (await response.json()) as { result: { name: string; formCode: string; schemaContent: { items: { componentName: string; props: { label: string; required: boolean } }[] } } };

    expect(body.result).toMatchObject({ name: '权限变更申请', formCode: accessProcessCode });
    expect(body.result.schemaContent.items.map((item) => [item.componentName, item.props.label, item.props.required])).toEqual([
      ['TextField', '申请系统', true],
      ['TextField', '申请权限', true],
      ['DDSelectField', '变更类型', true],
      ['NumberField', '有效期（天）', false],
      ['TextareaField', '申请理由', true],
      ['TextField', 'DingOps申请单号', false],
      ['DDSelectField', '风险等级', false],
      ['TextField', '权限使用人', false],
      ['TextField', '详情链接', false],
    ]);
  });
});
