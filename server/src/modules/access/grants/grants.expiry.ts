import { expiryReminderDue } from '@dingops/shared/rules/access';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { systemContext } from '../../../platform/audit/audit.service';
import { grantEnding } from '../access.messages';
import { accessGrants } from '../access.table';
import { type GrantChanges, type GrantChangesDeps, held } from './grants.changes';

/** Grants that end by themselves: ended when due, their holder reminded N days before (issue 12 item 4). */
export function createGrantExpiry({ db, audit, people, notify, links, clock, reminderDays, changes: { catalogued, namesOf, end } }: GrantChangesDeps & { reminderDays: number; changes: GrantChanges }) {
  return {
    /** Scheduler: grants past their end are ended (each in its own transaction, so one failure stops nothing else). */
    async expireDue(): Promise<number> {
      const due = await db.select().from(accessGrants).where(and(inArray(accessGrants.status, [...held]), lte(accessGrants.endsAt, clock()))).limit(500);
      let ended = 0;
      for (const grant of due) if (await db.transaction((tx) => end(tx, grant, { outcome: 'expired', reason: '到期自动结束', context: systemContext }))) ended += 1;
      return ended;
    },

    /** Scheduler: the holder and their manager hear N days before a grant ends, once, with a one-tap extend. */
    async remindDue(): Promise<number> {
      const now = clock();
      const horizon = new Date(now.getTime() + reminderDays * 86_400_000);
      const candidates = await db.select().from(accessGrants).where(and(inArray(accessGrants.status, [...held]), lte(accessGrants.endsAt, horizon), sql`${accessGrants.remindedAt} is null`)).limit(500);
      let reminded = 0;
      for (const grant of candidates) {
        if (!expiryReminderDue({ endsAt: grant.endsAt, now, daysBefore: reminderDays, remindedAt: grant.remindedAt })) continue;
        const holder = (await people.stored([grant.userDingtalkId])).get(grant.userDingtalkId);
        await db.transaction(async (tx) => {
          const [marked] = await tx.update(accessGrants).set({ remindedAt: now }).where(and(eq(accessGrants.id, grant.id), sql`${accessGrants.remindedAt} is null`)).returning();
          if (!marked) return;
          const entry = await catalogued(grant.roleId, tx);
          const msg = grantEnding(namesOf(entry), holder?.name ?? grant.userDingtalkId, grant.endsAt, links.extend(grant.id));
          await notify.person(tx, { userIds: [grant.userDingtalkId, holder?.managerId ?? ''], msg, key: `access-grant:${grant.id}:ending:${grant.endsAt.toISOString()}`, source: `access-grants:${grant.id}` });
          await audit.record(systemContext, { action: 'access.expiry_reminded', target: { type: 'access_grant', id: String(grant.id) }, summary: { userId: grant.userDingtalkId, endsAt: grant.endsAt.toISOString() } }, tx);
          reminded += 1;
        });
      }
      return reminded;
    },
  };
}
