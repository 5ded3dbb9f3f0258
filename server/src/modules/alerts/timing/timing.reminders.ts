import { isRepeatDue, lastToldAt } from '@dingops/shared/rules/alert-timing';
import type { Db } from '../../../db/client';
import { durationText } from '../groups/group-cards';
import type { AlertNotifier } from '../notify/alert-notifier';
import type { PeopleDirectory } from '../escalation/people';
import type { GroupsRepository } from '../groups/groups.repository';
import { repeatReminderMessage } from './timing.cards';
import type { TimingRepository } from './timing.repository';
import type { TimingService } from './timing.service';

/**
 * Repeat reminders (Alertmanager's repeat_interval): a group still firing and unacknowledged is
 * announced again in its card's group once its level's repeat interval has passed. The stamp
 * (`last_notified_at`) is written with the outbox row in one transaction, and the message's
 * idempotency key names the moment it repeats, so a restart or a second runner never sends one twice.
 */
export function createRepeatReminders({ db, alerts, repo, timing, notifier, people, clock, publicUrl }: { db: Db; alerts: GroupsRepository; repo: TimingRepository; timing: Pick<TimingService, 'get'>; notifier: Pick<AlertNotifier, 'remind'>; people: Pick<PeopleDirectory, 'crowdFor'>; clock: () => Date; publicUrl: string }) {
  return {
    /** Sends the reminders that are due; returns how many. */
    async run(): Promise<number> {
      const levels = await timing.get();
      let sent = 0;
      for (const { id } of await repo.repeatCandidates({ timing: levels, now: clock(), limit: 500 })) {
        const now = clock();
        const snapshot = await alerts.findGroup(id);
        if (!snapshot || !isRepeatDue({ group: snapshot, timing: levels, now })) continue;
        // People are looked up before the transaction (PGlite has one connection).
        const crowd = snapshot.level === 1 ? await people.crowdFor({ scheduleId: snapshot.onCallScheduleId, owner: snapshot.labels.owner ?? null, at: now }) : null;
        await db.transaction(async (tx) => {
          const group = await alerts.lockGroup(id, tx);
          if (!group || !isRepeatDue({ group, timing: levels, now })) return;
          const primary = (crowd?.primary ?? []).slice(0, 20);
          const msg = repeatReminderMessage(group, { names: primary.map((person) => person.name), publicUrl, now });
          // A pool robot of the chat @s them for real; the app robot, when it is the one free, names them.
          const after = await notifier.remind(tx, group, { msg, key: `alert-group:${id}:repeat:${lastToldAt(group).getTime()}`, now, atUserIds: primary.map((person) => person.dingtalkUserId) });
          await alerts.updateGroup(id, { lastNotifiedAt: now, cardVersion: after.cardVersion, cardUpdatedAt: after.cardUpdatedAt, cardDirty: after.cardDirty, updatedAt: now }, tx);
          await alerts.addEvents([{ groupId: id, at: now, kind: 'repeat', actorName: 'DingOps', note: `仍未处理，已持续 ${durationText(now.getTime() - group.openedAt.getTime())}，再次提醒`, data: { level: group.level } }], tx);
          sent += 1;
        });
      }
      return sent;
    },
  };
}

export type RepeatReminders = ReturnType<typeof createRepeatReminders>;
