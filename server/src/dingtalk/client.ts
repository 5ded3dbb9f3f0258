import type { Logger } from 'pino';
import { createAccessTokenFetcher } from './access-token';
import { createCards, type CreateAndDeliverCardInput, type UpdateCardInput } from './cards';
import { isStaleTokenError } from './errors';
import { createMessagingSdk } from './messaging-sdk';
import { postOapi } from './oapi';
import { toDepartment, toIdentity, toUserProfile } from './org-mapping';
import { createRobotDing, type RobotDingInput, type RobotDingResult } from './robot-ding';
import {
  createRobotMessages,
  type GroupMessageInput,
  type GroupMessageResult,
  type RobotDirectMessagesInput,
  type RobotDirectMessagesResult,
} from './robot-messages';
import { createSceneGroups, type CreateSceneGroupInput, type CreateSceneGroupResult } from './scene-groups';
import { createTokenCache } from './token-cache';
import type { DingTalkDepartment, DingTalkIdentity, DingTalkUserProfile } from './types';
import { createWebhookRobot, type WebhookMessageInput } from './webhook-robot';
import { createWorkNotifications, type WorkNotificationInput, type WorkNotificationResult } from './work-notifications';
import { createWorkflow, type Approval, type StartApprovalInput, type StartApprovalResult, type TerminateApprovalInput } from './workflow';

export type { CreateAndDeliverCardInput, UpdateCardInput } from './cards';
export type { CardButton, CardField } from './cards-convention';
export type { RobotMsgKey, WebhookMessage, WorkNotificationMsg } from './messaging-wire';
export type { GroupMessageInput, GroupMessageResult, RobotDirectMessagesInput, RobotDirectMessagesResult } from './robot-messages';
export type { WebhookMessageInput } from './webhook-robot';
export type { RobotDingInput, RobotDingResult } from './robot-ding';
export type { CreateSceneGroupInput, CreateSceneGroupResult } from './scene-groups';
export type { WorkNotificationInput, WorkNotificationResult } from './work-notifications';
export type { Approval, ApprovalStatus, ApprovalTask, StartApprovalInput, StartApprovalResult, TerminateApprovalInput } from './workflow';

export interface DingTalkClientOptions {
  /** AppKey of the internal app. */
  clientId: string;
  /** AppSecret of the internal app. */
  clientSecret: string;
  corpId: string;
  agentId: string;
  /** host[:port] of the v1.0 API for the SDK, e.g. 'api.dingtalk.com'; no scheme. */
  apiEndpoint: string;
  apiProtocol: 'https' | 'http';
  /** Base URL of the old oapi/topapi host, e.g. 'https://oapi.dingtalk.com'. */
  oapiBaseUrl: string;
  /** Timeout of one HTTP call. */
  timeoutMs: number;
  log?: Logger;
  /** Clock for the token cache and robot signatures; tests may pass their own. */
  now?: () => number;
  /**
   * The wait a custom robot's 130101 answer carries as `retryAfterMs`: DingTalk locks a robot for
   * 10 minutes; a sandbox with a shrunk penalty may say less.
   */
  webhookThrottlePenaltyMs?: number;
}

export interface DingTalkClient {
  /** App access token: cached, refreshed five minutes before expiry, one fetch at a time. */
  getAccessToken(): Promise<string>;
  /** Exchange a micro-app login code (single use, 5 minutes) for the user it was issued to. */
  getIdentityByAuthCode(authCode: string): Promise<DingTalkIdentity>;
  getUserProfile(userId: string): Promise<DingTalkUserProfile>;
  getDepartment(departmentId: number): Promise<DingTalkDepartment>;
  /** Enterprise robot message to a group chat (robot_1_0 orgGroupSend). */
  sendGroupMessage(input: GroupMessageInput): Promise<GroupMessageResult>;
  /** Enterprise robot 1:1 messages, 1–20 people per call (batchSendOTO); more is refused before calling. */
  sendRobotDirectMessages(input: RobotDirectMessagesInput): Promise<RobotDirectMessagesResult>;
  /** Work notification (工作通知) from the app's agent (asyncsend_v2). */
  sendWorkNotification(input: WorkNotificationInput): Promise<WorkNotificationResult>;
  /** Custom group robot message. 130101 (20 a minute) fails retryable with `retryAfterMs`. */
  sendWebhookMessage(input: WebhookMessageInput): Promise<void>;
  /** Create and deliver an interactive card; a duplicate outTrackId counts as already delivered. */
  createAndDeliverCard(input: CreateAndDeliverCardInput): Promise<void>;
  /** Change the given card variables (and per-person private data) of a delivered card. */
  updateCard(input: UpdateCardInput): Promise<void>;
  /** Start an OA approval (workflow_1_0 startProcessInstance); decisions arrive as bpms_* events. */
  startApproval(input: StartApprovalInput): Promise<StartApprovalResult>;
  /** One approval instance with its tasks and form values. */
  getApproval(processInstanceId: string): Promise<Approval>;
  /** Revoke a running approval (撤销). */
  terminateApproval(input: TerminateApprovalInput): Promise<void>;
  /** Create a scene group (场景群) from a template; the same uuid again returns the same group. */
  createSceneGroup(input: CreateSceneGroupInput): Promise<CreateSceneGroupResult>;
  /** DING (钉一下) people from the enterprise robot (robot_1_0 robotSendDing). */
  sendRobotDing(input: RobotDingInput): Promise<RobotDingResult>;
}

/** All calls throw DingTalkError. */
export function createDingTalkClient(options: DingTalkClientOptions): DingTalkClient {
  const log = options.log?.child({ module: 'dingtalk' });
  const fetchToken = createAccessTokenFetcher(options);
  const tokens = createTokenCache({
    fetchToken: async () => {
      const fetched = await fetchToken();
      log?.debug({ expiresInSeconds: fetched.expiresInSeconds }, 'Fetched DingTalk access token');
      return fetched;
    },
    now: options.now,
  });

  /**
   * Run a call with the app token. A token DingTalk no longer accepts (restarted tenant, rotated
   * secret) is dropped and the call retried once with a fresh one.
   */
  async function withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await tokens.get();
    try {
      return await call(token);
    } catch (error) {
      if (!isStaleTokenError(error)) throw error;
      log?.warn({ code: error.code, api: error.api }, 'DingTalk refused the access token; fetching a new one');
      tokens.invalidate(token);
      return call(await tokens.get());
    }
  }

  async function topapi(path: string, body: Record<string, unknown>) {
    return withToken((accessToken) => postOapi({ settings: options, path, body, accessToken }));
  }

  const sdk = createMessagingSdk(options);
  const robotMessages = createRobotMessages({ sdk, withToken });
  const cards = createCards({ sdk, withToken });
  const workNotifications = createWorkNotifications({ topapi, agentId: options.agentId });
  const workflow = createWorkflow({ settings: options, withToken });
  const sceneGroups = createSceneGroups({ topapi });
  const robotDing = createRobotDing({ sdk, withToken });
  const webhookRobot = createWebhookRobot({ timeoutMs: options.timeoutMs, now: options.now, throttlePenaltyMs: options.webhookThrottlePenaltyMs });

  return {
    getAccessToken: () => tokens.get(),

    async getIdentityByAuthCode(authCode) {
      const path = '/topapi/v2/user/getuserinfo';
      return toIdentity(await topapi(path, { code: authCode }), `POST ${path}`);
    },

    async getUserProfile(userId) {
      const path = '/topapi/v2/user/get';
      return toUserProfile(await topapi(path, { userid: userId, language: 'zh_CN' }), `POST ${path}`);
    },

    async getDepartment(departmentId) {
      const path = '/topapi/v2/department/get';
      return toDepartment(await topapi(path, { dept_id: departmentId, language: 'zh_CN' }), `POST ${path}`);
    },

    sendGroupMessage: robotMessages.sendGroupMessage,
    sendRobotDirectMessages: robotMessages.sendRobotDirectMessages,
    sendWorkNotification: workNotifications.sendWorkNotification,
    sendWebhookMessage: webhookRobot.sendWebhookMessage,
    createAndDeliverCard: cards.createAndDeliverCard,
    updateCard: cards.updateCard,
    startApproval: workflow.startApproval,
    getApproval: workflow.getApproval,
    terminateApproval: workflow.terminateApproval,
    createSceneGroup: sceneGroups.createSceneGroup,
    sendRobotDing: robotDing.sendRobotDing,
  };
}
