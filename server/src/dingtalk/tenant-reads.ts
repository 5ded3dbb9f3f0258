import { httpError, invalidResponseError, transportError } from './error-mapping';
import { createMessagingSdk } from './messaging-sdk';
import { postOapi, type OapiSettings } from './oapi';
import { createSdkConfig, errorFromSdk, loadSdk, type SdkSettings } from './sdk';

// Read-only calls that check how a tenant is set up, for `pnpm run doctor`: nothing here sends a
// message or changes anything in DingTalk. Each answers with what the doctor reports, or throws a
// DingTalkError.

type DingTalkSdk = typeof import('@alicloud/dingtalk');
type TeaUtil = typeof import('@alicloud/tea-util');
type WorkflowClient = InstanceType<DingTalkSdk['workflow_1_0']['default']>;

export interface TenantReadsSettings extends SdkSettings, OapiSettings {}

export interface CardTemplateInfo {
  templateId: string;
  name: string;
}

export interface ApprovalFormInfo {
  name: string;
  /** The labels of the form's components, e.g. 申请系统. */
  fieldLabels: string[];
}

export interface GroupRobot {
  /** Empty for custom (webhook) robots. */
  robotCode: string;
  name: string;
}

const apis = {
  listSubDepartments: 'POST /topapi/v2/department/listsub',
  listUserIds: 'POST /topapi/user/listid',
  cardTemplate: 'GET /v1.0/card/templates',
  approvalForm: 'GET /v1.0/workflow/forms/schemas/processCodes',
  groupRobots: 'POST /v1.0/robot/groups/robots/query',
  robotGroups: 'POST /v1.0/robot/groups/query',
  streamOpen: 'POST /v1.0/gateway/connections/open',
};

export function createTenantReads({ settings, getAccessToken }: { settings: TenantReadsSettings; getAccessToken: () => Promise<string> }) {
  const sdk = createMessagingSdk(settings);
  let workflow: Promise<{ client: WorkflowClient; sdk: DingTalkSdk; util: TeaUtil }> | null = null;
  const loadWorkflow = () =>
    (workflow ??= Promise.all([loadSdk(), import('@alicloud/tea-util')]).then(([{ sdk: loaded, Config }, util]) => ({
      client: new loaded.workflow_1_0.default(createSdkConfig(Config, settings)),
      sdk: loaded,
      util,
    })));

  const topapi = async (path: string, body: Record<string, unknown>) => postOapi({ settings, path, body, accessToken: await getAccessToken() });

  return {
    async listSubDepartments(departmentId: number): Promise<{ id: number; name: string }[]> {
      const { result } = await topapi('/topapi/v2/department/listsub', { dept_id: departmentId, language: 'zh_CN' });
      if (!Array.isArray(result)) throw invalidResponseError(apis.listSubDepartments, 200);
      return (result as { dept_id?: unknown; name?: unknown }[]).map((item) => ({ id: Number(item.dept_id), name: String(item.name ?? '') }));
    },

    /** Direct members of one department. */
    async listUserIds(departmentId: number): Promise<string[]> {
      const { result } = await topapi('/topapi/user/listid', { dept_id: departmentId });
      const ids = (result as { userid_list?: unknown } | undefined)?.userid_list;
      if (!Array.isArray(ids)) throw invalidResponseError(apis.listUserIds, 200);
      return ids.map(String);
    },

    async getCardTemplate(templateId: string): Promise<CardTemplateInfo> {
      const accessToken = await getAccessToken();
      const response = await sdk.card(apis.cardTemplate, ({ client, models, runtime }) =>
        client.getTemplateWithOptions(new models.GetTemplateRequest({ templateId }), new models.GetTemplateHeaders({ xAcsDingtalkAccessToken: accessToken }), runtime),
      );
      const data = response.body?.data;
      if (!data?.templateId) throw invalidResponseError(apis.cardTemplate, response.statusCode ?? 200);
      return { templateId: data.templateId, name: data.name ?? '' };
    },

    async getApprovalForm(processCode: string): Promise<ApprovalFormInfo> {
      const accessToken = await getAccessToken();
      let response;
      try {
        const { client, sdk: models, util } = await loadWorkflow();
        response = await client.querySchemaByProcessCodeWithOptions(
          new models.workflow_1_0.QuerySchemaByProcessCodeRequest({ processCode }),
          new models.workflow_1_0.QuerySchemaByProcessCodeHeaders({ xAcsDingtalkAccessToken: accessToken }),
          new util.RuntimeOptions({ autoretry: false, readTimeout: settings.timeoutMs, connectTimeout: settings.timeoutMs }),
        );
      } catch (error) {
        throw errorFromSdk(error, apis.approvalForm);
      }
      const result = response.body?.result;
      if (!result?.name) throw invalidResponseError(apis.approvalForm, response.statusCode ?? 200);
      const items = result.schemaContent?.items ?? [];
      return { name: result.name, fieldLabels: items.map((item) => item.props?.label ?? '').filter(Boolean) };
    },

    async listGroupRobots(openConversationId: string): Promise<GroupRobot[]> {
      const accessToken = await getAccessToken();
      const response = await sdk.robot(apis.groupRobots, ({ client, models, runtime }) =>
        client.getBotListInGroupWithOptions(new models.GetBotListInGroupRequest({ openConversationId }), new models.GetBotListInGroupHeaders({ xAcsDingtalkAccessToken: accessToken }), runtime),
      );
      const list = response.body?.chatbotInstanceVOList;
      if (!Array.isArray(list)) throw invalidResponseError(apis.groupRobots, response.statusCode ?? 200);
      return list.map((robot) => ({ robotCode: robot.robotCode ?? '', name: robot.name ?? '' }));
    },

    /** The first page of groups the robot is in: enough to prove the robot code exists. */
    async listRobotGroups(robotCode: string): Promise<{ openConversationIds: string[]; hasMore: boolean }> {
      const accessToken = await getAccessToken();
      const response = await sdk.robot(apis.robotGroups, ({ client, models, runtime }) =>
        client.queryBotInstanceInGroupInfoWithOptions(
          new models.QueryBotInstanceInGroupInfoRequest({ robotCode, pageNumber: 0, pageSize: 20 }),
          new models.QueryBotInstanceInGroupInfoHeaders({ xAcsDingtalkAccessToken: accessToken }),
          runtime,
        ),
      );
      const ids = response.body?.openConversationIds;
      if (!Array.isArray(ids)) throw invalidResponseError(apis.robotGroups, response.statusCode ?? 200);
      return { openConversationIds: ids, hasMore: response.body?.hasMore === true };
    },
  };
}

export type TenantReads = ReturnType<typeof createTenantReads>;

/**
 * Register with the Stream gateway the way the Stream client does, without connecting: the ticket
 * it hands back is never used, so no running instance loses events to this check.
 */
export async function openStreamTicket({ url, clientId, clientSecret, timeoutMs }: { url: string; clientId: string; clientSecret: string; timeoutMs: number }): Promise<{ endpoint: string }> {
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, subscriptions: [{ type: 'EVENT', topic: '*' }], ua: 'dingops-doctor' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw transportError(error, apis.streamOpen);
  }
  if (!response.ok) {
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    throw httpError({ status: response.status, code: text(body.code), message: text(body.message), requestId: text(body.requestid), api: apis.streamOpen });
  }
  if (typeof body.endpoint !== 'string' || typeof body.ticket !== 'string') throw invalidResponseError(apis.streamOpen, response.status);
  return { endpoint: body.endpoint };
}
