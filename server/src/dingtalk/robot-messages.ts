import { DingTalkError } from './errors';
import { invalidResponseError } from './error-mapping';
import type { MessagingSdk } from './messaging-sdk';
import type { RobotMsgKeyName } from './messaging-wire';

export interface GroupMessageInput {
  /** The enterprise robot; for an internal app it is the app's AppKey. */
  robotCode: string;
  openConversationId: string;
  msgKey: RobotMsgKeyName;
  /** The template's fields, e.g. `{ title, text }` for sampleMarkdown; sent JSON-stringified. */
  msgParam: Record<string, unknown>;
}

export interface GroupMessageResult {
  /** DingTalk's handle for recalling or querying the message. */
  processQueryKey: string;
}

export interface RobotDirectMessagesInput {
  robotCode: string;
  /** At most 20 per call (DingTalk's limit). */
  userIds: string[];
  msgKey: RobotMsgKeyName;
  msgParam: Record<string, unknown>;
}

export interface RobotDirectMessagesResult {
  processQueryKey: string;
  /** Recipients DingTalk does not know. */
  invalidUserIds: string[];
  /** Recipients DingTalk skipped by flow control; send to them again later. */
  flowControlledUserIds: string[];
}

/** DingTalk takes at most 20 userIds per batchSendOTO call. */
export const maxRobotDirectRecipients = 20;

type WithToken = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

const groupSendApi = 'POST /v1.0/robot/groupMessages/send';
const batchSendApi = 'POST /v1.0/robot/oToMessages/batchSend';

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** Enterprise robot messages (robot_1_0): to a group chat and 1:1 to people. */
export function createRobotMessages({ sdk, withToken }: { sdk: MessagingSdk; withToken: WithToken }) {
  return {
    async sendGroupMessage(input: GroupMessageInput): Promise<GroupMessageResult> {
      const response = await withToken((accessToken) =>
        sdk.robot(groupSendApi, ({ client, models, runtime }) =>
          client.orgGroupSendWithOptions(
            new models.OrgGroupSendRequest({
              robotCode: input.robotCode,
              openConversationId: input.openConversationId,
              msgKey: input.msgKey,
              msgParam: JSON.stringify(input.msgParam),
            }),
            new models.OrgGroupSendHeaders({ xAcsDingtalkAccessToken: accessToken }),
            runtime,
          ),
        ),
      );
      const processQueryKey = response.body?.processQueryKey;
      if (typeof processQueryKey !== 'string' || processQueryKey === '') throw invalidResponseError(groupSendApi, response.statusCode ?? 200);
      return { processQueryKey };
    },

    async sendRobotDirectMessages(input: RobotDirectMessagesInput): Promise<RobotDirectMessagesResult> {
      checkRecipientCount(input.userIds);
      const response = await withToken((accessToken) =>
        sdk.robot(batchSendApi, ({ client, models, runtime }) =>
          client.batchSendOTOWithOptions(
            new models.BatchSendOTORequest({
              robotCode: input.robotCode,
              userIds: input.userIds,
              msgKey: input.msgKey,
              msgParam: JSON.stringify(input.msgParam),
            }),
            new models.BatchSendOTOHeaders({ xAcsDingtalkAccessToken: accessToken }),
            runtime,
          ),
        ),
      );
      const body = response.body;
      if (typeof body?.processQueryKey !== 'string' || body.processQueryKey === '') throw invalidResponseError(batchSendApi, response.statusCode ?? 200);
      return {
        processQueryKey: body.processQueryKey,
        invalidUserIds: stringList(body.invalidStaffIdList),
        flowControlledUserIds: stringList(body.flowControlledStaffIdList),
      };
    },
  };
}

/** Refused before calling: DingTalk would refuse it anyway, and the caller must split the batch. */
function checkRecipientCount(userIds: readonly string[]) {
  if (userIds.length >= 1 && userIds.length <= maxRobotDirectRecipients) return;
  throw new DingTalkError({
    code: userIds.length === 0 ? 'invalidParameter.userIds.empty' : 'invalidParameter.userIds.overMax',
    message: `DingTalk ${batchSendApi} takes 1 to ${maxRobotDirectRecipients} userIds per call, got ${userIds.length}`,
    reason: 'bad_request',
    retryable: false,
    httpStatus: null,
    api: batchSendApi,
    detail: userIds.length === 0 ? 'no_recipients' : 'too_many_recipients',
  });
}
