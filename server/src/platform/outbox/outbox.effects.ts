import { z } from 'zod';
import type { CreateAndDeliverCardInput, UpdateCardInput } from '../../dingtalk/cards';
import type { DingTalkClient } from '../../dingtalk/client';
import type { RobotDingInput } from '../../dingtalk/robot-ding';
import type { GroupMessageInput, RobotDirectMessagesInput } from '../../dingtalk/robot-messages';
import type { CreateSceneGroupInput } from '../../dingtalk/scene-groups';
import type { WebhookMessageInput } from '../../dingtalk/webhook-robot';
import type { WorkNotificationInput } from '../../dingtalk/work-notifications';
import type { FieldCipher } from '../crypto/field-cipher';
import type { PoolSender } from './outbox.pool';

/**
 * The outbound DingTalk effects the outbox knows how to deliver. Each payload is checked when it is
 * enqueued, so a malformed effect fails in the request that made it, not later in the worker.
 */
const stringMap = z.record(z.string(), z.string());

const webhookRobotSchema = z.object({ url: z.url(), secret: z.string().optional() });

export const effectSchemas = {
  'dingtalk.work_notification': z.object({ userIds: z.array(z.string()).min(1).max(5000), msg: z.record(z.string(), z.unknown()) }),
  'dingtalk.group_message': z.object({ robotCode: z.string(), openConversationId: z.string(), msgKey: z.string(), msgParam: z.record(z.string(), z.unknown()) }),
  'dingtalk.robot_direct': z.object({ robotCode: z.string(), userIds: z.array(z.string()).min(1).max(20), msgKey: z.string(), msgParam: z.record(z.string(), z.unknown()) }),
  /** The custom robot's URL (its access token) and signing secret are stored encrypted (rule S3). */
  'dingtalk.webhook_message': z.object({ robotEncrypted: z.string().startsWith('enc:'), body: z.record(z.string(), z.unknown()) }),
  /**
   * A markdown message to a group, carried by the app robot or any custom robot of the chat's pool,
   * whichever has budget when it is delivered (outbox.pool.ts). Interactive cards cannot go this way:
   * custom robots do not send them.
   */
  'dingtalk.pooled_group_message': z.object({ robotCode: z.string(), openConversationId: z.string(), markdown: z.object({ title: z.string(), text: z.string() }), atUserIds: z.array(z.string().min(1)).max(20).optional() }),
  'dingtalk.card_create': z.object({
    outTrackId: z.string(),
    cardTemplateId: z.string(),
    cardParamMap: stringMap,
    openSpaceId: z.string(),
    robotCode: z.string(),
    atUserIds: stringMap.optional(),
    callbackType: z.enum(['STREAM', 'HTTP']),
  }),
  'dingtalk.card_update': z.object({ outTrackId: z.string(), cardParamMap: stringMap }),
  'dingtalk.approval_start': z.object({
    processCode: z.string(),
    originatorUserId: z.string(),
    deptId: z.number().int(),
    formComponentValues: z.array(z.object({ name: z.string(), value: z.string() })),
    approvers: z.array(z.object({ actionType: z.enum(['AND', 'OR', 'NONE']), userIds: z.array(z.string()) })).optional(),
  }),
  /** Revokes a running approval (a withdrawn request, a leaver's open requests); one already finished is left as it is. */
  'dingtalk.approval_terminate': z.object({ processInstanceId: z.string().min(1), operatingUserId: z.string().optional(), remark: z.string().max(200).optional(), isSystem: z.boolean().optional() }),
  /** A scene group (e.g. an alert's war room); DingTalk dedupes on `uuid`, so a retry finds the first group. */
  'dingtalk.scene_group_create': z.object({
    templateId: z.string().min(1),
    title: z.string().min(1).max(100),
    ownerUserId: z.string().min(1),
    userIds: z.array(z.string().min(1)).max(999),
    uuid: z.string().min(1).max(64),
  }),
  'dingtalk.robot_ding': z.object({
    robotCode: z.string(),
    receiverUserIds: z.array(z.string().min(1)).min(1).max(20),
    content: z.string().min(1).max(1000),
    remindType: z.enum(['app', 'sms', 'call']),
  }),
} as const;

export type EffectKind = keyof typeof effectSchemas;

/** Payload types come from the client's own input types; the zod schemas above are the enqueue-time check. */
export interface EffectPayloads {
  'dingtalk.work_notification': WorkNotificationInput;
  'dingtalk.group_message': GroupMessageInput;
  'dingtalk.robot_direct': RobotDirectMessagesInput;
  'dingtalk.webhook_message': { robotEncrypted: string; body: WebhookMessageInput['body'] };
  /** `atUserIds`: people to @ — only a custom robot can (an app robot's markdown names them). */
  'dingtalk.pooled_group_message': { robotCode: string; openConversationId: string; markdown: { title: string; text: string }; atUserIds?: string[] };
  'dingtalk.card_create': CreateAndDeliverCardInput;
  'dingtalk.card_update': Pick<UpdateCardInput, 'outTrackId' | 'cardParamMap'>;
  'dingtalk.approval_start': z.infer<(typeof effectSchemas)['dingtalk.approval_start']>;
  'dingtalk.approval_terminate': z.infer<(typeof effectSchemas)['dingtalk.approval_terminate']>;
  'dingtalk.scene_group_create': CreateSceneGroupInput;
  'dingtalk.robot_ding': RobotDingInput;
}
export type EffectPayload<K extends EffectKind> = EffectPayloads[K];

/** Checks the stored payload's shape, then hands it on typed as the client expects. */
function payloadOf<K extends EffectKind>(kind: K, payload: unknown): EffectPayload<K> {
  return effectSchemas[kind].parse(payload) as unknown as EffectPayload<K>;
}

export function encryptWebhookRobot(cipher: FieldCipher, robot: z.infer<typeof webhookRobotSchema>): string {
  return cipher.encrypt(JSON.stringify(webhookRobotSchema.parse(robot)));
}

const decryptWebhookRobot = (cipher: FieldCipher, robotEncrypted: string) => webhookRobotSchema.parse(JSON.parse(cipher.decrypt(robotEncrypted)));

/** `sender` is the robot the worker reserved for a pooled message. */
type Deliverer = (input: { client: DingTalkClient; cipher: FieldCipher; payload: unknown; sender?: PoolSender | undefined }) => Promise<Record<string, unknown>>;

/** How each effect reaches DingTalk; what it returns is kept on the outbox row as the result. */
export const deliverers: Record<EffectKind, Deliverer> = {
  'dingtalk.work_notification': async ({ client, payload }) => ({ ...(await client.sendWorkNotification(payloadOf('dingtalk.work_notification', payload))) }),
  'dingtalk.group_message': async ({ client, payload }) => ({ ...(await client.sendGroupMessage(payloadOf('dingtalk.group_message', payload))) }),
  'dingtalk.robot_direct': async ({ client, payload }) => ({ ...(await client.sendRobotDirectMessages(payloadOf('dingtalk.robot_direct', payload))) }),
  'dingtalk.webhook_message': async ({ client, cipher, payload }) => {
    const { robotEncrypted, body } = payloadOf('dingtalk.webhook_message', payload);
    const robot = decryptWebhookRobot(cipher, robotEncrypted);
    await client.sendWebhookMessage({ webhookUrl: robot.url, ...(robot.secret ? { secret: robot.secret } : {}), body });
    return {};
  },
  'dingtalk.pooled_group_message': async ({ client, cipher, payload, sender }) => {
    const { robotCode, openConversationId, markdown, atUserIds = [] } = payloadOf('dingtalk.pooled_group_message', payload);
    if (sender?.kind !== 'webhook') return { via: 'app', ...(await client.sendGroupMessage({ robotCode, openConversationId, msgKey: 'sampleMarkdown', msgParam: { ...markdown } })) };
    const robot = decryptWebhookRobot(cipher, sender.robotEncrypted);
    // DingTalk @s a custom robot's markdown only for ids that also appear in the text as @id.
    const body = atUserIds.length > 0 ? { msgtype: 'markdown' as const, markdown: { title: markdown.title, text: `${markdown.text}\n\n${atUserIds.map((id) => `@${id}`).join(' ')}` }, at: { atUserIds } } : { msgtype: 'markdown' as const, markdown };
    await client.sendWebhookMessage({ webhookUrl: robot.url, ...(robot.secret ? { secret: robot.secret } : {}), body });
    return { via: sender.rateKey };
  },
  'dingtalk.card_create': async ({ client, payload }) => {
    await client.createAndDeliverCard(payloadOf('dingtalk.card_create', payload));
    return {};
  },
  'dingtalk.card_update': async ({ client, payload }) => {
    await client.updateCard(payloadOf('dingtalk.card_update', payload));
    return {};
  },
  'dingtalk.approval_start': async ({ client, payload }) => ({ ...(await client.startApproval(payloadOf('dingtalk.approval_start', payload))) }),
  'dingtalk.approval_terminate': async ({ client, payload }) => {
    const input = payloadOf('dingtalk.approval_terminate', payload);
    const approval = await client.getApproval(input.processInstanceId);
    // Finished or revoked already (the approver was quicker): nothing left to stop.
    if (approval.status !== 'RUNNING' && approval.status !== 'NEW') return { skipped: approval.status };
    await client.terminateApproval(input);
    return {};
  },
  'dingtalk.scene_group_create': async ({ client, payload }) => ({ ...(await client.createSceneGroup(payloadOf('dingtalk.scene_group_create', payload))) }),
  'dingtalk.robot_ding': async ({ client, payload }) => ({ ...(await client.sendRobotDing(payloadOf('dingtalk.robot_ding', payload))) }),
};
