import type { OnCallPerson } from '@dingops/shared/oncall';
import type { User } from '@dingops/shared/users';
import type { Executor } from '../../../db/client';
import { defineError } from '../../../platform/errors/domain-error';
import type { OutboxService } from '../../../platform/outbox/outbox.service';
import { warRoomTitle } from '../groups/group-cards';
import type { AlertGroupRow } from '../alerts.table';
import type { OncallContract } from '../../oncall';

/** No scene-group template is configured, so DingOps cannot make groups in this org. */
export const warRoomUnavailable = defineError('alerts.war_room_unavailable', 'unavailable', () => 'War rooms need a scene-group template (DINGTALK_SCENE_GROUP_TEMPLATE_ID)');

/** Who is on call, asked inside the caller's transaction (PGlite has one connection, and a card press already holds it). */
/** What a war room asks of on-call: who is on call, inside the caller's transaction. */
export type OnCallInTransaction = Pick<OncallContract, 'onCall'>;

export interface WarRoomSettings {
  /** Null when no scene-group template is configured: then no war rooms. */
  templateId: string | null;
}

/**
 * DingTalk's dedupe key for the group, and our way back from its answer to the alert group: one
 * war room per alert group, however often the create is retried.
 */
export const warRoomUuid = (groupId: bigint) => `dingops-war-room-${groupId}`;

export function groupIdOfWarRoomUuid(uuid: unknown): bigint | null {
  const match = typeof uuid === 'string' ? /^dingops-war-room-(\d+)$/.exec(uuid) : null;
  return match?.[1] ? BigInt(match[1]) : null;
}

/** An `owner` label may name several people: "yq-a,yq-b" or "yq-a yq-b". */
export const ownersOf = (label: string | undefined) => (label ?? '').split(/[\s,;]+/).filter(Boolean);

/** Who joins: whoever pressed the button (the group owner), the on-call people and the service owners. */
export function warRoomMembers({ clicker, primary, secondary, owners }: { clicker: string; primary: OnCallPerson[]; secondary: OnCallPerson[]; owners: string[] }): string[] {
  return [...new Set([clicker, ...primary.map((person) => person.dingtalkUserId), ...secondary.map((person) => person.dingtalkUserId), ...owners])].filter(Boolean);
}

/**
 * Asks DingTalk (through the outbox) for a level-1 group's war room. The request is recorded on the
 * group in the same transaction (`war_room_requested_at`), so a second press finds it; the created
 * group comes back through the outbox's delivered hook (war-room.hook.ts).
 */
export function createWarRoomRequests({ outbox, oncall, settings }: { outbox: OutboxService; oncall: OnCallInTransaction | null; settings: WarRoomSettings }) {
  return {
    async request(tx: Executor, group: AlertGroupRow, { actor, now }: { actor: User; now: Date }): Promise<AlertGroupRow> {
      if (!settings.templateId) throw warRoomUnavailable();
      const crowd = oncall ? await oncall.onCall({ scheduleId: group.onCallScheduleId, at: now, tx }) : { primary: [], secondary: [] };
      const title = warRoomTitle(group);
      const userIds = warRoomMembers({ clicker: actor.dingtalkUserId, primary: crowd.primary, secondary: crowd.secondary, owners: ownersOf(group.labels.owner) });
      await outbox.enqueue(tx, {
        kind: 'dingtalk.scene_group_create',
        payload: { templateId: settings.templateId, title, ownerUserId: actor.dingtalkUserId, userIds, uuid: warRoomUuid(group.id) },
        idempotencyKey: `alert-group:${group.id}:war-room`,
        priority: 1,
        source: `alerts:${group.id}`,
      });
      return { ...group, warRoomRequestedAt: now, warRoomTitle: title };
    },
  };
}

export type WarRoomRequests = ReturnType<typeof createWarRoomRequests>;
