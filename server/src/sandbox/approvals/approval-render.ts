import type { OrgDirectory } from '../org';
import type { ApprovalInstance } from './approval-engine';

// Approval instances in DingTalk's wire shapes: `GET /v1.0/workflow/processInstances` and the
// sandbox's own approval inbox.

/** Workflow times are UTC minutes: '2022-08-31T11:52Z'. */
export function workflowTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

const operationNames = {
  START_PROCESS_INSTANCE: '发起审批',
  EXECUTE_TASK_NORMAL: '审批人',
  TERMINATE_PROCESS_INSTANCE: '撤销',
  PROCESS_CC: '抄送人',
} as const;

export function renderInstance(instance: ApprovalInstance, baseUrl: string) {
  const detailUrl = `${baseUrl}/sandbox/approvals/${instance.processInstanceId}`;
  return {
    success: true,
    result: {
      title: instance.title,
      businessId: instance.businessId,
      originatorUserId: instance.originatorUserId,
      originatorDeptId: String(instance.originatorDeptId),
      originatorDeptName: instance.originatorDeptName,
      status: instance.status,
      result: instance.result,
      createTime: workflowTime(instance.createTime),
      ...(instance.finishTime !== null ? { finishTime: workflowTime(instance.finishTime) } : {}),
      approverUserIds: [...new Set(instance.nodes.flatMap((node) => node.userIds))],
      ccUserIds: instance.ccUserIds,
      bizAction: 'NONE',
      bizData: '',
      attachedProcessInstanceIds: [],
      mainProcessInstanceId: '',
      formComponentValues: instance.formComponentValues.map((value) => ({ ...value })),
      operationRecords: instance.operationRecords.map((record) => ({
        userId: record.userId,
        date: workflowTime(record.date),
        type: record.type,
        result: record.result,
        ...(record.remark ? { remark: record.remark } : {}),
        showName: operationNames[record.type],
        activityId: record.activityId,
        attachments: [],
        images: [],
        ccUserIds: [],
      })),
      tasks: instance.tasks.map((task) => ({
        taskId: task.taskId,
        userId: task.userId,
        status: task.status,
        result: task.result,
        activityId: task.activityId,
        createTime: workflowTime(task.createTime),
        ...(task.finishTime !== null ? { finishTime: workflowTime(task.finishTime) } : {}),
        pcUrl: detailUrl,
        mobileUrl: detailUrl,
        processInstanceId: instance.processInstanceId,
      })),
    },
  };
}

/** One instance for the sandbox console and tests, with names resolved. */
export function summarizeInstance(instance: ApprovalInstance, org: OrgDirectory) {
  const nameOf = (userId: string) => org.getUser(userId)?.name ?? userId;
  return {
    processInstanceId: instance.processInstanceId,
    processCode: instance.processCode,
    title: instance.title,
    businessId: instance.businessId,
    status: instance.status,
    result: instance.result,
    originatorUserId: instance.originatorUserId,
    originatorName: nameOf(instance.originatorUserId),
    createTime: new Date(instance.createTime).toISOString(),
    finishTime: instance.finishTime === null ? null : new Date(instance.finishTime).toISOString(),
    formComponentValues: instance.formComponentValues.map(({ name, value, bizAlias }) => ({ name, value, bizAlias })),
    nodes: instance.nodes.map((node, index) => ({ actionType: node.actionType, approvers: node.userIds.map((userId) => ({ userId, name: nameOf(userId) })), isCurrent: index === instance.currentNode && instance.status === 'RUNNING' })),
    tasks: instance.tasks.map((task) => ({ taskId: task.taskId, userId: task.userId, name: nameOf(task.userId), status: task.status, result: task.result })),
  };
}
