import type { Executor } from '../../../db/client';
import type { OutboxRow } from '../../../platform/outbox/outbox.table';
import { warRoomContextMessage } from '../groups/group-cards';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { GroupsRepository } from '../groups/groups.repository';
import type { AlertGroupRow } from '../alerts.table';
import { groupIdOfWarRoomUuid } from './war-room';

/**
 * When DingTalk has made a war room (the outbox delivered 'dingtalk.scene_group_create'): store its
 * conversation on the alert group, post the context into it and show it on the card — all in the
 * delivery's transaction. Idempotent: a group that already has its room is left alone, so a retried
 * create (DingTalk answers the same room for the same uuid) changes nothing.
 */
export function createWarRoomDeliveredHook({ repo, notifier, clock }: { repo: GroupsRepository; notifier: AlertNotifier; clock: () => Date }) {
  return async function onSceneGroupCreated(row: OutboxRow, result: Record<string, unknown>, tx: Executor): Promise<void> {
    const groupId = groupIdOfWarRoomUuid((row.payload as { uuid?: unknown }).uuid);
    const conversationId = result.openConversationId;
    if (groupId === null || typeof conversationId !== 'string') return;
    const group = await repo.lockGroup(groupId, tx);
    if (!group || group.warRoomConversationId) return;
    const now = clock();
    const title = group.warRoomTitle ?? String((row.payload as { title?: unknown }).title ?? '作战群');
    let after: AlertGroupRow = { ...group, warRoomConversationId: conversationId, warRoomTitle: title };
    await notifier.groupMessage(tx, { group: after, conversationId, msg: warRoomContextMessage(after, { publicUrl: notifier.publicUrl, now }), key: `alert-group:${groupId}:war-room:context` });
    after = await notifier.updateCard(tx, after, { now });
    await repo.updateGroup(groupId, { warRoomConversationId: conversationId, warRoomTitle: title, cardVersion: after.cardVersion, cardUpdatedAt: after.cardUpdatedAt, cardDirty: after.cardDirty, updatedAt: now }, tx);
    await repo.addEvents([{ groupId, at: now, kind: 'war_room_created', actorName: 'DingOps', note: `作战群「${title}」已建立` }], tx);
  };
}
