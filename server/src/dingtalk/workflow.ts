import { z } from 'zod';
import { invalidResponseError } from './error-mapping';
import { createSdkConfig, errorFromSdk, loadSdk, type SdkSettings } from './sdk';

// OA approvals (workflow_1_0) through the official SDK: start an instance of a template, read it
// back, revoke it. Decisions arrive as bpms_task_change / bpms_instance_change events.

type DingTalkSdk = typeof import('@alicloud/dingtalk');
type TeaUtil = typeof import('@alicloud/tea-util');
type WorkflowModels = DingTalkSdk['workflow_1_0'];
type WorkflowClient = InstanceType<WorkflowModels['default']>;
type WithToken = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

export interface StartApprovalInput {
  /** The template, e.g. 'PROC-…'. */
  processCode: string;
  originatorUserId: string;
  /** The originator's department; -1 for the root department. */
  deptId: number;
  /** Values by component label; multi-value components take a JSON-stringified array. */
  formComponentValues: { name: string; value: string }[];
  /** Approver nodes in order; omitted, the template's own flow applies. AND = everyone, OR = anyone, NONE = one person. */
  approvers?: { actionType: 'AND' | 'OR' | 'NONE'; userIds: string[] }[];
  ccList?: string[];
  ccPosition?: 'START' | 'FINISH' | 'START_FINISH';
}

export interface StartApprovalResult {
  processInstanceId: string;
}

export type ApprovalStatus = 'NEW' | 'RUNNING' | 'TERMINATED' | 'COMPLETED' | 'CANCELED';

export interface ApprovalTask {
  taskId: number;
  userId: string;
  /** NEW, RUNNING, PAUSED, CANCELED, COMPLETED or TERMINATED. */
  status: string;
  /** AGREE, REFUSE, REDIRECTED or NONE (upper case, unlike the instance result). */
  result: string;
  activityId: string | null;
  createdAt: Date | null;
  finishedAt: Date | null;
}

export interface Approval {
  processInstanceId: string;
  title: string;
  businessId: string | null;
  status: ApprovalStatus;
  /** Set once COMPLETED; null while running and for TERMINATED instances. */
  result: 'agree' | 'refuse' | null;
  originatorUserId: string;
  originatorDeptId: string | null;
  createdAt: Date | null;
  finishedAt: Date | null;
  approverUserIds: string[];
  tasks: ApprovalTask[];
  formComponentValues: { name: string; value: string; id: string | null; componentType: string | null; bizAlias: string | null }[];
}

export interface TerminateApprovalInput {
  processInstanceId: string;
  /** Who revokes it; DingTalk records them. */
  operatingUserId?: string;
  remark?: string;
  /** True when the app, not a person, revokes it. */
  isSystem?: boolean;
}

const startApi = 'POST /v1.0/workflow/processInstances';
const getApi = 'GET /v1.0/workflow/processInstances';
const terminateApi = 'POST /v1.0/workflow/processInstances/terminate';

const text = z.string().nullish().transform((value) => (value === null || value === undefined || value === '' ? null : value));
/** Workflow times are UTC minutes such as '2022-08-31T11:52Z'. */
const time = text.transform((value) => {
  if (value === null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
});

const instanceResult = z.object({
  title: z.string().nullish(),
  businessId: text,
  status: z.enum(['NEW', 'RUNNING', 'TERMINATED', 'COMPLETED', 'CANCELED']),
  result: text,
  originatorUserId: z.string(),
  originatorDeptId: text,
  createTime: time,
  finishTime: time,
  approverUserIds: z.array(z.string()).nullish(),
  tasks: z
    .array(z.object({ taskId: z.coerce.number(), userId: z.string(), status: z.string().nullish(), result: z.string().nullish(), activityId: text, createTime: time, finishTime: time }))
    .nullish(),
  formComponentValues: z.array(z.object({ name: z.string().nullish(), value: z.string().nullish(), id: text, componentType: text, bizAlias: text })).nullish(),
});

let loadingUtil: Promise<TeaUtil> | null = null;

/**
 * Approval calls. The SDK client is built on first use (the SDK is slow to load) and every call
 * goes through a `*WithOptions` variant, the only ones that send the access-token header.
 */
export function createWorkflow({ settings, withToken }: { settings: SdkSettings; withToken: WithToken }) {
  let loaded: Promise<{ client: WorkflowClient; models: WorkflowModels; util: TeaUtil }> | null = null;

  const load = () => {
    loadingUtil ??= import('@alicloud/tea-util');
    loaded ??= Promise.all([loadSdk(), loadingUtil]).then(
      ([{ sdk, Config }, util]) => ({ client: new sdk.workflow_1_0.default(createSdkConfig(Config, settings)), models: sdk.workflow_1_0, util }),
      (error: unknown) => {
        loaded = null;
        loadingUtil = null;
        throw error;
      },
    );
    return loaded;
  };

  /** One SDK call with the app token; the SDK's own retry stays off (the outbox retries). */
  function call<T>(api: string, run: (context: { client: WorkflowClient; models: WorkflowModels; accessToken: string; runtime: InstanceType<TeaUtil['RuntimeOptions']> }) => Promise<T>): Promise<T> {
    return withToken(async (accessToken) => {
      try {
        const { client, models, util } = await load();
        const runtime = new util.RuntimeOptions({ autoretry: false, readTimeout: settings.timeoutMs, connectTimeout: settings.timeoutMs });
        return await run({ client, models, accessToken, runtime });
      } catch (error) {
        throw errorFromSdk(error, api);
      }
    });
  }

  return {
    async startApproval(input: StartApprovalInput): Promise<StartApprovalResult> {
      const response = await call(startApi, ({ client, models, accessToken, runtime }) =>
        client.startProcessInstanceWithOptions(
          new models.StartProcessInstanceRequest({
            processCode: input.processCode,
            originatorUserId: input.originatorUserId,
            deptId: input.deptId,
            formComponentValues: input.formComponentValues.map((entry) => new models.StartProcessInstanceRequestFormComponentValues({ name: entry.name, value: entry.value })),
            ...(input.approvers ? { approvers: input.approvers.map((node) => new models.StartProcessInstanceRequestApprovers({ actionType: node.actionType, userIds: node.userIds })) } : {}),
            ...(input.ccList?.length ? { ccList: input.ccList, ccPosition: input.ccPosition ?? 'FINISH' } : {}),
          }),
          new models.StartProcessInstanceHeaders({ xAcsDingtalkAccessToken: accessToken }),
          runtime,
        ),
      );
      const processInstanceId = response.body?.instanceId;
      if (typeof processInstanceId !== 'string' || processInstanceId === '') throw invalidResponseError(startApi, response.statusCode ?? 200);
      return { processInstanceId };
    },

    async getApproval(processInstanceId: string): Promise<Approval> {
      const response = await call(getApi, ({ client, models, accessToken, runtime }) =>
        client.getProcessInstanceWithOptions(
          new models.GetProcessInstanceRequest({ processInstanceId }),
          new models.GetProcessInstanceHeaders({ xAcsDingtalkAccessToken: accessToken }),
          runtime,
        ),
      );
      const parsed = instanceResult.safeParse(response.body?.result);
      if (!parsed.success) throw invalidResponseError(getApi, response.statusCode ?? 200, parsed.error);
      const result = parsed.data;
      return {
        processInstanceId,
        title: result.title ?? '',
        businessId: result.businessId,
        status: result.status,
        result: result.result === 'agree' || result.result === 'refuse' ? result.result : null,
        originatorUserId: result.originatorUserId,
        originatorDeptId: result.originatorDeptId,
        createdAt: result.createTime,
        finishedAt: result.finishTime,
        approverUserIds: result.approverUserIds ?? [],
        tasks: (result.tasks ?? []).map((task) => ({
          taskId: task.taskId,
          userId: task.userId,
          status: task.status ?? '',
          result: task.result ?? 'NONE',
          activityId: task.activityId,
          createdAt: task.createTime,
          finishedAt: task.finishTime,
        })),
        formComponentValues: (result.formComponentValues ?? []).map((value) => ({
          name: value.name ?? '',
          value: value.value ?? '',
          id: value.id,
          componentType: value.componentType,
          bizAlias: value.bizAlias,
        })),
      };
    },

    async terminateApproval(input: TerminateApprovalInput): Promise<void> {
      await call(terminateApi, ({ client, models, accessToken, runtime }) =>
        client.terminateProcessInstanceWithOptions(
          new models.TerminateProcessInstanceRequest({
            processInstanceId: input.processInstanceId,
            isSystem: input.isSystem ?? input.operatingUserId === undefined,
            ...(input.operatingUserId ? { operatingUserId: input.operatingUserId } : {}),
            ...(input.remark ? { remark: input.remark } : {}),
          }),
          new models.TerminateProcessInstanceHeaders({ xAcsDingtalkAccessToken: accessToken }),
          runtime,
        ),
      );
    },
  };
}
