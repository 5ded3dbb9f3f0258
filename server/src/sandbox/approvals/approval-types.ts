import type { ApprovalProblem } from './approval-problems';

// The approval app's records, as the engine keeps them and the routes render them.

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

export const fail = <T>(problem: ApprovalProblem): EngineResult<T> => ({ ok: false, problem });
