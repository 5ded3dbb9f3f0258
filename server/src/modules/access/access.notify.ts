import type { Executor } from '../../db/client';
import type { WorkNotificationInput } from '../../dingtalk/work-notifications';
import type { OutboxService } from '../../platform/outbox/outbox.service';

/** Everything access tells people goes through the outbox, in the transaction of the change. */
export function createAccessNotifier({ outbox, robotCode, itGroupId, securityGroupId }: { outbox: OutboxService; robotCode: string; itGroupId: string | null; securityGroupId: string | null }) {
  async function group(tx: Executor, chatId: string | null, { title, text, key, source }: { title: string; text: string; key: string; source: string }) {
    if (!chatId) return;
    await outbox.enqueue(tx, { kind: 'dingtalk.pooled_group_message', payload: { robotCode, openConversationId: chatId, markdown: { title, text } }, idempotencyKey: key, source });
  }
  return {
    /** A work notification to each person once per key (a replayed event sends nothing new). */
    async person(tx: Executor, { userIds, msg, key, source }: { userIds: string[]; msg: WorkNotificationInput['msg']; key: string; source: string }) {
      const recipients = [...new Set(userIds.filter(Boolean))];
      if (recipients.length === 0) return;
      await outbox.enqueue(tx, { kind: 'dingtalk.work_notification', payload: { userIds: recipients, msg }, idempotencyKey: key, source });
    },
    /** A message to IT运维值班群 (manual steps, leavers); skipped when no IT group is configured. */
    itGroup: (tx: Executor, message: { title: string; text: string; key: string; source: string }) => group(tx, itGroupId, message),
    /** 信息安全群 sees every grant as it is made (shared/DEMO.md step 5). */
    securityGroup: (tx: Executor, message: { title: string; text: string; key: string; source: string }) => group(tx, securityGroupId, message),
  };
}

export type AccessNotifier = ReturnType<typeof createAccessNotifier>;
