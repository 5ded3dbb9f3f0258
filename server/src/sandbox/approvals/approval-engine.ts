import { randomInt, randomUUID } from 'node:crypto';
import type { OrgDirectory } from '../org';
import type { SandboxApp } from '../types';
import type { EventBus } from '../events/event-bus';
import { approvalProblem, type ApprovalProblem } from './approval-problems';
import { createAccessProcessDefinition, type ProcessDefinition } from './process-definitions';

// The approval app (OA 审批): instances go NEW → RUNNING → COMPLETED (agree | refuse) or
// TERMINATED. Approver nodes run one after another; inside a node AND (会签) needs everyone,
// OR (或签) and NONE (single) take the first decision. Every change is pushed as
// bpms_task_change / bpms_instance_change events, tasks first.

export type InstanceStatus = 'NEW' | 'RUNNING' | 'COMPLETED' | 'TERMINATED' | 'CANCELED';
export type TaskStatus = 'NEW' | 'RUNNING' | 'PAUSED' | 'CANCELED' | 'COMPLETED' | 'TERMINATED';
export type TaskResult = 'NONE' | 'AGREE' | 'REFUSE' | 'REDIRECTED';
export type ActionType = 'AND' | 'OR' | 'NONE';

export interface ApprovalTask {
  taskId: number;
  userId: string;
  status: TaskStatus;
  result: TaskResult;
  activityId: string;
  createTime: number;
  finishTime: number | null;
}

export interface ApprovalNode {
  activityId: string;
  actionType: ActionType;
  userIds: string[];
}

export interface FormValue {
  id: string;
  name: string;
  value: string;
  componentType: string;
  bizAlias: string;
  extValue: string;
}

export interface OperationRecord {
  userId: string;
  date: number;
  type: 'START_PROCESS_INSTANCE' | 'EXECUTE_TASK_NORMAL' | 'TERMINATE_PROCESS_INSTANCE' | 'PROCESS_CC';
  result: 'NONE' | 'AGREE' | 'REFUSE';
  remark: string;
  activityId: string;
}

export interface ApprovalInstance {
  processInstanceId: string;
  processCode: string;
  title: string;
  businessId: string;
  originatorUserId: string;
  originatorDeptId: number;
  originatorDeptName: string;
  status: InstanceStatus;
  result: '' | 'agree' | 'refuse';
  createTime: number;
  finishTime: number | null;
  formComponentValues: FormValue[];
  nodes: ApprovalNode[];
  /** Index into `nodes` of the running node. */
  currentNode: number;
  tasks: ApprovalTask[];
  ccUserIds: string[];
  operationRecords: OperationRecord[];
}

export interface StartInput {
  processCode: string;
  originatorUserId: string;
  deptId?: number;
  formComponentValues: { name: string; value: string; id?: string }[];
  approvers?: { actionType: string; userIds: string[] }[];
  ccList?: string[];
}

export type EngineResult<T> = { ok: true; value: T } | { ok: false; problem: ApprovalProblem };

export type ApprovalEngine = ReturnType<typeof createApprovalEngine>;

export function createApprovalEngine({ app, org, events, now }: { app: SandboxApp; org: OrgDirectory; events: EventBus; now: () => number }) {
  const creator = org.listUsers().find((user) => user.adminLevel === 1)?.userId ?? '';
  const seeded = createAccessProcessDefinition({ createdAt: now(), creatorUserId: creator });
  const definitions = new Map<string, ProcessDefinition>([[seeded.processCode, seeded]]);
  const instances = new Map<string, ApprovalInstance>();
  let businessSerial = 0;

  const fail = <T>(problem: ApprovalProblem): EngineResult<T> => ({ ok: false, problem });

  /** DingTalk's approval detail page; the sandbox has no such page, but the shape matches. */
  const detailUrl = (id: string) => `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${app.corpId}&dd_share=false&showmenu=true&dd_progress=false&back=native&procInstId=${id}&swfrom=isv&dinghash=approval#approval`;

  function publishInstance(instance: ApprovalInstance, type: 'start' | 'finish' | 'terminate') {
    events.publishEvent({
      eventType: 'bpms_instance_change',
      data: {
        processInstanceId: instance.processInstanceId,
        corpId: app.corpId,
        type,
        ...(type === 'finish' ? { result: instance.result } : {}),
        title: instance.title,
        url: detailUrl(instance.processInstanceId),
        staffId: instance.originatorUserId,
        processCode: instance.processCode,
        bizCategoryId: '',
        businessId: instance.businessId,
        createTime: instance.createTime,
        ...(instance.finishTime !== null ? { finishTime: instance.finishTime } : {}),
      },
    });
  }

  function publishTask(instance: ApprovalInstance, task: ApprovalTask, type: 'start' | 'finish' | 'cancel', remark?: string) {
    events.publishEvent({
      eventType: 'bpms_task_change',
      data: {
        processInstanceId: instance.processInstanceId,
        corpId: app.corpId,
        taskId: task.taskId,
        type,
        ...(type === 'finish' ? { result: task.result === 'AGREE' ? 'agree' : 'refuse' } : {}),
        ...(remark ? { remark } : {}),
        staffId: task.userId,
        title: instance.title,
        processCode: instance.processCode,
        bizCategoryId: '',
        businessId: instance.businessId,
        createTime: task.createTime,
        ...(task.finishTime !== null ? { finishTime: task.finishTime } : {}),
      },
    });
  }

  /** The manager `level` steps up from the originator; null past the top. */
  function managerAt(userId: string, level: number): string | null {
    let current: string | null = userId;
    for (let step = 0; step < level && current; step += 1) current = org.getUser(current)?.managerUserId ?? null;
    return current && current !== userId ? current : null;
  }

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

  function validateForm(definition: ProcessDefinition, values: StartInput['formComponentValues']): EngineResult<FormValue[]> {
    const byLabel = new Map(definition.components.map((component) => [component.label, component]));
    for (const entry of values) {
      if (!byLabel.has(entry.name)) return fail(approvalProblem('formComponentNotFound', `表单中没有名为"${entry.name}"的组件`));
    }
    const form: FormValue[] = [];
    for (const component of definition.components) {
      const value = values.find((entry) => entry.name === component.label)?.value ?? '';
      if (component.required && value.trim() === '') return fail(approvalProblem('formComponentRequired', `"${component.label}"为必填项`));
      if (component.options && value !== '' && !component.options.includes(value)) return fail(approvalProblem('formComponentValueInvalid', `"${component.label}"的值不在选项中`));
      form.push({ id: component.id, name: component.label, value, componentType: component.componentType, bizAlias: component.bizAlias, extValue: '' });
    }
    return { ok: true, value: form };
  }

  function buildNodes(input: StartInput, definition: ProcessDefinition): EngineResult<ApprovalNode[]> {
    if (input.approvers && input.approvers.length > 0) {
      const nodes: ApprovalNode[] = [];
      for (const [index, entry] of input.approvers.entries()) {
        const actionType = entry.actionType.toUpperCase();
        if (actionType !== 'AND' && actionType !== 'OR' && actionType !== 'NONE') return fail(approvalProblem('approversInvalid', `不支持的审批方式 ${entry.actionType}`));
        const unknown = entry.userIds.find((userId) => !org.getUser(userId));
        if (entry.userIds.length === 0 || unknown) return fail(approvalProblem('approversInvalid', unknown ? `审批人 ${unknown} 不存在` : '审批人不能为空'));
        if (actionType === 'NONE' && entry.userIds.length > 1) return fail(approvalProblem('approversInvalid', '单人审批只能有一个审批人'));
        nodes.push({ activityId: `node_${index + 1}`, actionType, userIds: [...new Set(entry.userIds)] });
      }
      return { ok: true, value: nodes };
    }
    // The template's own flow; a step with nobody to ask (the CEO's manager) is skipped, as
    // DingTalk does with "审批人为空时自动通过".
    const nodes = definition.defaultFlow.flatMap((step, index) => {
      const approver = managerAt(input.originatorUserId, step.level);
      return approver ? [{ activityId: `node_${index + 1}`, actionType: 'NONE' as const, userIds: [approver] }] : [];
    });
    return { ok: true, value: nodes };
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
      const nodes = buildNodes(input, definition);
      if (!nodes.ok) return nodes;

      businessSerial += 1;
      const at = now();
      const stamp = new Date(at).toISOString().replace(/\D/g, '').slice(0, 12);
      const instance: ApprovalInstance = {
        processInstanceId: randomUUID(),
        processCode: definition.processCode,
        title: `${originator.name}提交的${definition.name}`,
        businessId: `${stamp}${String(businessSerial).padStart(6, '0')}`,
        originatorUserId: originator.userId,
        originatorDeptId: deptId,
        originatorDeptName: org.getDepartment(deptId)?.name ?? '',
        status: 'RUNNING',
        result: '',
        createTime: at,
        finishTime: null,
        formComponentValues: form.value,
        nodes: nodes.value,
        currentNode: 0,
        tasks: [],
        ccUserIds: (input.ccList ?? []).filter((userId) => org.getUser(userId)),
        operationRecords: [{ userId: originator.userId, date: at, type: 'START_PROCESS_INSTANCE', result: 'NONE', remark: '', activityId: '' }],
      };
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
