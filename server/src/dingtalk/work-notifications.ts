import { DingTalkError } from './errors';
import { invalidResponseError } from './error-mapping';
import type { WorkNotificationMsg } from './messaging-wire';

export interface WorkNotificationInput {
  /** At most 5,000 per call for an internal app. */
  userIds: string[];
  msg: WorkNotificationMsg;
}

export interface WorkNotificationResult {
  /** DingTalk's task id (a number on the wire), for `getsendresult` and recall. */
  taskId: string;
}

/** Internal apps may address 5,000 people per call. */
export const maxWorkNotificationRecipients = 5000;

type Topapi = (path: string, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

const path = '/topapi/message/corpconversation/asyncsend_v2';
const api = `POST ${path}`;

/**
 * Work notifications (工作通知) from the app's agent. DingTalk accepts the send and delivers in
 * the background; its per-user daily and same-content limits drop recipients silently (visible
 * only in `getsendresult`), so a success here means "accepted", not "seen".
 */
export function createWorkNotifications({ topapi, agentId }: { topapi: Topapi; agentId: string }) {
  return {
    async sendWorkNotification(input: WorkNotificationInput): Promise<WorkNotificationResult> {
      checkRecipients(input.userIds);
      const body = await topapi(path, { agent_id: Number(agentId), userid_list: input.userIds.join(','), msg: input.msg });
      const taskId = body.task_id;
      if ((typeof taskId !== 'number' && typeof taskId !== 'string') || taskId === '') throw invalidResponseError(api, 200);
      return { taskId: String(taskId) };
    },
  };
}

function checkRecipients(userIds: readonly string[]) {
  const problem =
    userIds.length === 0
      ? 'needs at least one userId'
      : userIds.length > maxWorkNotificationRecipients
        ? `takes at most ${maxWorkNotificationRecipients} userIds per call, got ${userIds.length}`
        : userIds.some((id) => id === '' || id.includes(','))
          ? 'got an empty userId or one containing a comma'
          : null;
  if (!problem) return;
  throw new DingTalkError({ code: 'invalid_input', message: `DingTalk ${api} ${problem}`, reason: 'bad_request', retryable: false, httpStatus: null, api });
}
