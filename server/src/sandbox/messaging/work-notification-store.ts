import { createHash, randomUUID } from 'node:crypto';
import type { OapiWorkNotificationSendResult } from '../../dingtalk/messaging-wire';
import type { OrgDirectory } from '../org';
import type { MessageContent } from './message-content';

// Work notifications (工作通知) as DingTalk handles them: the send is accepted at once, and its
// limits drop recipients silently. Only `getsendresult` tells: the same content to the same
// person once a day (143106), at most 500 a person a day (143105), unknown people (invalid).

export interface DeliveredNotification {
  id: string;
  taskId: number;
  userId: string;
  agentId: string;
  /** The `msg` as sent. */
  msg: Record<string, unknown>;
  content: MessageContent;
  createdAt: number;
}

interface SendTask {
  taskId: number;
  agentId: string;
  createdAt: number;
  result: OapiWorkNotificationSendResult;
}

const dayMs = 24 * 60 * 60 * 1000;
/** DingTalk's per-person daily cap for an internal app. */
export const notificationsPerPersonPerDay = 500;

export type WorkNotificationStore = ReturnType<typeof createWorkNotificationStore>;

export function createWorkNotificationStore({ now, org }: { now: () => number; org: OrgDirectory }) {
  const delivered: DeliveredNotification[] = [];
  const tasks = new Map<number, SendTask>();
  // Task ids are numbers like 256271667526.
  let nextTaskId = 256_271_667_000 + Math.floor(Math.random() * 1000);

  const digestOf = (msg: unknown) => createHash('sha256').update(JSON.stringify(msg)).digest('hex');

  /** Everyone in the department and its sub-departments. */
  function membersUnder(departmentId: number): string[] {
    const ids = org.listMembers(departmentId).map((user) => user.userId);
    return [...ids, ...org.listSubDepartments(departmentId).flatMap((child) => membersUnder(child.id))];
  }

  return {
    send(input: { agentId: string; userIds: string[]; departmentIds: number[]; toAllUsers: boolean; msg: Record<string, unknown>; content: MessageContent }): number {
      const at = now();
      const taskId = (nextTaskId += 1);
      const result: OapiWorkNotificationSendResult = {
        invalid_user_id_list: [],
        forbidden_user_id_list: [],
        failed_user_id_list: [],
        read_user_id_list: [],
        unread_user_id_list: [],
        invalid_dept_id_list: input.departmentIds.filter((id) => !org.getDepartment(id)),
        forbidden_list: [],
      };
      const fromDepartments = input.departmentIds.filter((id) => org.getDepartment(id)).flatMap(membersUnder);
      const everyone = input.toAllUsers ? org.listUsers().map((user) => user.userId) : [];
      const recipients = [...new Set([...input.userIds, ...fromDepartments, ...everyone])];
      const digest = digestOf(input.msg);

      for (const userId of recipients) {
        if (!org.getUser(userId)) {
          result.invalid_user_id_list.push(userId);
          continue;
        }
        const today = delivered.filter((n) => n.userId === userId && n.agentId === input.agentId && at - n.createdAt < dayMs);
        const forbiddenCode = today.some((n) => digestOf(n.msg) === digest) ? '143106' : today.length >= notificationsPerPersonPerDay ? '143105' : null;
        if (forbiddenCode) {
          result.forbidden_user_id_list.push(userId);
          result.forbidden_list.push({ code: forbiddenCode, count: 1, userid: userId });
          continue;
        }
        delivered.push({ id: randomUUID(), taskId, userId, agentId: input.agentId, msg: input.msg, content: input.content, createdAt: at });
        result.unread_user_id_list.push(userId);
      }
      tasks.set(taskId, { taskId, agentId: input.agentId, createdAt: at, result });
      return taskId;
    },

    /** The send result of a task from the last 24 hours (older ones are gone, as on DingTalk). */
    result(taskId: number): OapiWorkNotificationSendResult | null {
      const task = tasks.get(taskId);
      return task && now() - task.createdAt < dayMs ? task.result : null;
    },

    /** A person's notifications, oldest first. */
    listFor: (userId: string): DeliveredNotification[] => delivered.filter((n) => n.userId === userId),
  };
}
