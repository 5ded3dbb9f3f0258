import { randomInt, randomUUID } from 'node:crypto';
import type { OrgDirectory } from '../org';
import type { SandboxApp } from '../types';
import type { EventBus } from '../events/event-bus';
import { createApprovalEvents } from './approval-events';
import { buildNodes, validateForm } from './approval-input';
import { approvalProblem } from './approval-problems';
import { fail, type ApprovalInstance, type ApprovalNode, type ApprovalTask, type EngineResult, type FormValue, type StartInput } from './approval-types';
import { createAccessProcessDefinition, type ProcessDefinition } from './process-definitions';

// The approval app (OA 审批): instances go NEW → RUNNING → COMPLETED (agree | refuse) or
// TERMINATED. Approver nodes run one after another; inside a node AND (会签) needs everyone,
// OR (或签) and NONE (single) take the first decision. Every change is pushed as
// bpms_task_change / bpms_instance_change events, tasks first.

export type { ActionType, ApprovalInstance, ApprovalNode, ApprovalTask, EngineResult, FormValue, InstanceStatus, OperationRecord, StartInput, TaskResult, TaskStatus } from './approval-types';

/** A running instance as just started, before its first node opens. */
function newInstance(input: { definition: ProcessDefinition; originator: { userId: string; name: string }; deptId: number; deptName: string; form: FormValue[]; nodes: ApprovalNode[]; at: number; businessId: string }): ApprovalInstance {
  const { definition, originator, at } = input;
  return {
    processInstanceId: randomUUID(),
    processCode: definition.processCode,
    title: `${originator.name}提交的${definition.name}`,
    businessId: input.businessId,
    originatorUserId: originator.userId,
    originatorDeptId: input.deptId,
    originatorDeptName: input.deptName,
    status: 'RUNNING',
    result: '',
    createTime: at,
    finishTime: null,
    formComponentValues: input.form,
    nodes: input.nodes,
    currentNode: 0,
    tasks: [],
    ccUserIds: [],
    operationRecords: [{ userId: originator.userId, date: at, type: 'START_PROCESS_INSTANCE', result: 'NONE', remark: '', activityId: '' }],
  };
}

export type ApprovalEngine = ReturnType<typeof createApprovalEngine>;

export function createApprovalEngine({ app, org, events, now }: { app: SandboxApp; org: OrgDirectory; events: EventBus; now: () => number }) {
  const creator = org.listUsers().find((user) => user.adminLevel === 1)?.userId ?? '';
  const seeded = createAccessProcessDefinition({ createdAt: now(), creatorUserId: creator });
  const definitions = new Map<string, ProcessDefinition>([[seeded.processCode, seeded]]);
  const instances = new Map<string, ApprovalInstance>();
  let businessSerial = 0;

  const { publishInstance, publishTask } = createApprovalEvents({ app, events });

  function openNode(instance: ApprovalInstance, index: number) {
    instance.currentNode = index;
    const node = instance.nodes[index]!;
    const at = now();
    for (const userId of node.userIds) {
      const task: ApprovalTask = { taskId: randomInt(10_000_000_000, 99_999_999_999), userId, status: 'RUNNING', result: 'NONE', activityId: node.activityId, createTime: at, finishTime: null };
      instance.tasks.push(task);
      publishTask(instance, task, 'start');
    }
  }

  function finish(instance: ApprovalInstance, result: 'agree' | 'refuse') {
    instance.status = 'COMPLETED';
    instance.result = result;
    instance.finishTime = now();
    publishInstance(instance, 'finish');
  }

  function cancelRunningTasks(instance: ApprovalInstance) {
    for (const task of instance.tasks) {
      if (task.status !== 'RUNNING') continue;
      task.status = 'CANCELED';
      task.finishTime = now();
      publishTask(instance, task, 'cancel');
    }
  }

  return {
    listDefinitions: () => [...definitions.values()],
    getDefinition: (processCode: string) => definitions.get(processCode),
    get: (processInstanceId: string) => instances.get(processInstanceId),
    list: () => [...instances.values()],

    start(input: StartInput): EngineResult<ApprovalInstance> {
      const definition = definitions.get(input.processCode);
      if (!definition) return fail(approvalProblem('processCodeNotFound', `审批模板 ${input.processCode} 不存在`));
      const originator = org.getUser(input.originatorUserId);
      if (!originator) return fail(approvalProblem('originatorNotFound', `发起人 ${input.originatorUserId} 不存在`));
      // -1 (and 1) stand for the root department in DingTalk's API.
      const deptId = input.deptId === undefined || input.deptId === -1 ? (originator.departments[0]?.departmentId ?? 1) : input.deptId;
      if (deptId !== 1 && !originator.departments.some((entry) => entry.departmentId === deptId)) {
        return fail(approvalProblem('deptInvalid', `发起人不在部门 ${deptId}`));
      }
      const form = validateForm(definition, input.formComponentValues);
      if (!form.ok) return form;
      const nodes = buildNodes(input, definition, org);
      if (!nodes.ok) return nodes;

      businessSerial += 1;
      const at = now();
      const stamp = new Date(at).toISOString().replace(/\D/g, '').slice(0, 12);
      const instance = newInstance({ definition, originator, deptId, deptName: org.getDepartment(deptId)?.name ?? '', form: form.value, nodes: nodes.value, at, businessId: `${stamp}${String(businessSerial).padStart(6, '0')}` });
      instance.ccUserIds = (input.ccList ?? []).filter((userId) => org.getUser(userId));
      instances.set(instance.processInstanceId, instance);
      publishInstance(instance, 'start');
      if (instance.nodes.length > 0) openNode(instance, 0);
      else finish(instance, 'agree');
      return { ok: true, value: instance };
    },

    /** An approver agrees or refuses; only someone with a running task on the current node may. */
    decide({ processInstanceId, userId, result, remark = '' }: { processInstanceId: string; userId: string; result: 'agree' | 'refuse'; remark?: string }): EngineResult<ApprovalInstance> {
      const instance = instances.get(processInstanceId);
      if (!instance) return fail(approvalProblem('instanceNotFound', `审批实例 ${processInstanceId} 不存在`));
      const task = instance.status === 'RUNNING' ? instance.tasks.find((t) => t.userId === userId && t.status === 'RUNNING') : undefined;
      if (!task) return fail(approvalProblem('notCurrentApprover', `${userId} 不是该审批的当前审批人`));
      const node = instance.nodes[instance.currentNode]!;
      task.status = 'COMPLETED';
      task.result = result === 'agree' ? 'AGREE' : 'REFUSE';
      task.finishTime = now();
      instance.operationRecords.push({ userId, date: task.finishTime, type: 'EXECUTE_TASK_NORMAL', result: task.result, remark, activityId: node.activityId });
      publishTask(instance, task, 'finish', remark);

      if (result === 'refuse') {
        cancelRunningTasks(instance);
        finish(instance, 'refuse');
        return { ok: true, value: instance };
      }
      const stillWaiting = node.actionType === 'AND' && instance.tasks.some((t) => t.activityId === node.activityId && t.status === 'RUNNING');
      if (stillWaiting) return { ok: true, value: instance };
      cancelRunningTasks(instance);
      if (instance.currentNode + 1 < instance.nodes.length) openNode(instance, instance.currentNode + 1);
      else finish(instance, 'agree');
      return { ok: true, value: instance };
    },

    /** Revoke a running instance (撤销): open tasks are cancelled, no result. */
    terminate({ processInstanceId, operatingUserId, remark = '' }: { processInstanceId: string; operatingUserId?: string; remark?: string }): EngineResult<ApprovalInstance> {
      const instance = instances.get(processInstanceId);
      if (!instance) return fail(approvalProblem('instanceNotFound', `审批实例 ${processInstanceId} 不存在`));
      if (instance.status !== 'RUNNING') return fail(approvalProblem('instanceFinished', '审批实例已结束，不能撤销'));
      cancelRunningTasks(instance);
      instance.status = 'TERMINATED';
      instance.finishTime = now();
      instance.operationRecords.push({ userId: operatingUserId ?? instance.originatorUserId, date: instance.finishTime, type: 'TERMINATE_PROCESS_INSTANCE', result: 'NONE', remark, activityId: '' });
      publishInstance(instance, 'terminate');
      return { ok: true, value: instance };
    },
  };
}
