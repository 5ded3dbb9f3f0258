import type { EventBus } from '../events/event-bus';
import type { SandboxApp } from '../types';
import type { ApprovalInstance, ApprovalTask } from './approval-types';

/** bpms_instance_change and bpms_task_change events, as DingTalk pushes them. */
export function createApprovalEvents({ app, events }: { app: SandboxApp; events: EventBus }) {
  /** DingTalk's approval detail page; the sandbox has no such page, but the shape matches. */
  const detailUrl = (id: string) => `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${app.corpId}&dd_share=false&showmenu=true&dd_progress=false&back=native&procInstId=${id}&swfrom=isv&dinghash=approval#approval`;

  function publishInstance(instance: ApprovalInstance, type: 'start' | 'finish' | 'terminate') {
    events.publishEvent({
      eventType: 'bpms_instance_change',
      data: {
        processInstanceId: instance.processInstanceId,
        corpId: app.corpId,
        type,
        ...(type === 'finish' ? { result: instance.result } : {}),
        title: instance.title,
        url: detailUrl(instance.processInstanceId),
        staffId: instance.originatorUserId,
        processCode: instance.processCode,
        bizCategoryId: '',
        businessId: instance.businessId,
        createTime: instance.createTime,
        ...(instance.finishTime !== null ? { finishTime: instance.finishTime } : {}),
      },
    });
  }

  function publishTask(instance: ApprovalInstance, task: ApprovalTask, type: 'start' | 'finish' | 'cancel', remark?: string) {
    events.publishEvent({
      eventType: 'bpms_task_change',
      data: {
        processInstanceId: instance.processInstanceId,
        corpId: app.corpId,
        taskId: task.taskId,
        type,
        ...(type === 'finish' ? { result: task.result === 'AGREE' ? 'agree' : 'refuse' } : {}),
        ...(remark ? { remark } : {}),
        staffId: task.userId,
        title: instance.title,
        processCode: instance.processCode,
        bizCategoryId: '',
        businessId: instance.businessId,
        createTime: task.createTime,
        ...(task.finishTime !== null ? { finishTime: task.finishTime } : {}),
      },
    });
  }

  return { publishInstance, publishTask };
}
