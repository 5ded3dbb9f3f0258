import type { User } from '@dingops/shared/users';
import type { Executor } from '../../db/client';
import type { WorkNotificationInput } from '../../dingtalk/work-notifications';
import type { OutboxService } from '../../platform/outbox/outbox.service';

/** Rule S1: the person hears of IT's review decision in DingTalk. */
export function activatedNotification(publicUrl: string): WorkNotificationInput['msg'] {
  return {
    msgtype: 'action_card',
    action_card: {
      title: 'DingOps 账号已开通',
      markdown: ['### 账号审核已通过', '信息部门已核实你的注册信息，DingOps 账号已开通，现在可以报修、查看工单和知识库。'].join('\n\n'),
      single_title: '打开 DingOps',
      single_url: publicUrl,
    },
  };
}

export function rejectedNotification(reason: string): WorkNotificationInput['msg'] {
  return {
    msgtype: 'markdown',
    markdown: { title: 'DingOps 账号审核未通过', text: ['### 账号审核未通过', `原因：${reason}`, '如有疑问，请联系信息部门。'].join('\n\n') },
  };
}

/** Each decision goes out through the outbox, in the transaction that made it. */
export function createRegistrationNotifier({ outbox, publicUrl }: { outbox: OutboxService; publicUrl: string }) {
  const enqueue = (tx: Executor, user: User, decision: 'activated' | 'rejected', msg: WorkNotificationInput['msg']) =>
    outbox.enqueue(tx, {
      kind: 'dingtalk.work_notification',
      payload: { userIds: [user.dingtalkUserId], msg },
      idempotencyKey: `user:${user.id}:registration:${decision}`,
      priority: 5,
      source: `users:${user.id}`,
    });

  return {
    activated: (user: User, tx: Executor) => enqueue(tx, user, 'activated', activatedNotification(publicUrl)),
    rejected: (user: User, reason: string, tx: Executor) => enqueue(tx, user, 'rejected', rejectedNotification(reason)),
  };
}
