import { invalidResponseError } from './error-mapping';
import type { MessagingSdk } from './messaging-sdk';

/** How DING reaches people: in the app, by SMS, by a phone call (robot_1_0 `remindType` 1/2/3). */
export const dingRemindTypes = { app: 1, sms: 2, call: 3 } as const;
export type DingRemindType = keyof typeof dingRemindTypes;

export interface RobotDingInput {
  /** The enterprise robot that sends the DING; for an internal app its AppKey. */
  robotCode: string;
  receiverUserIds: string[];
  content: string;
  remindType: DingRemindType;
}

export interface RobotDingResult {
  /** DingTalk's handle for recalling the DING or asking who read it. */
  openDingId: string;
  /** Receivers DingTalk could not ring, with its reason. */
  failed: Record<string, string>;
}

type WithToken = <T>(call: (accessToken: string) => Promise<T>) => Promise<T>;

const api = 'POST /v1.0/robot/ding/send';

/** A DING (钉一下) from the enterprise robot (robot_1_0 robotSendDing): rings until read. */
export function createRobotDing({ sdk, withToken }: { sdk: MessagingSdk; withToken: WithToken }) {
  return {
    async sendRobotDing(input: RobotDingInput): Promise<RobotDingResult> {
      const response = await withToken((accessToken) =>
        sdk.robot(api, ({ client, models, runtime }) =>
          client.robotSendDingWithOptions(
            new models.RobotSendDingRequest({ robotCode: input.robotCode, receiverUserIdList: input.receiverUserIds, content: input.content, remindType: dingRemindTypes[input.remindType] }),
            new models.RobotSendDingHeaders({ xAcsDingtalkAccessToken: accessToken }),
            runtime,
          ),
        ),
      );
      const openDingId = response.body?.openDingId;
      if (typeof openDingId !== 'string' || openDingId === '') throw invalidResponseError(api, response.statusCode ?? 200);
      const failed = Object.fromEntries(Object.entries(response.body?.failedList ?? {}).map(([userId, reason]) => [userId, String(reason)]));
      return { openDingId, failed };
    },
  };
}
