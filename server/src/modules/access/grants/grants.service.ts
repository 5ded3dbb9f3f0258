import type { Grant, ListGrantsQuery } from '@dingops/shared/access';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import type { AuditContext, AuditService } from '../../../platform/audit/audit.service';
import type { Actor } from '../../../platform/identity/identity.service';
import { beforeIdOf, keysetPage } from '../../../platform/pagination/cursor';
import { grantNotFound, grantNotHeld, notAllowed } from '../access.errors';
import type { AccessLinks } from '../access.messages';
import type { AccessNotifier } from '../access.notify';
import type { People } from '../access.people';
import { accessGrants, accessRequests, accessRoles, type AccessGrantRow, type AccessRequestRow } from '../access.table';
import { createGrantChanges, held } from './grants.changes';
import { createGrantExpiry } from './grants.expiry';

/** Grants: made on approval, ended by expiry, revocation, a review or a leaver (issue 12 items 3–6). */
export function createGrantsService({ db, audit, people, notify, links, clock, reminderDays }: { db: Db; audit: AuditService; people: People; notify: AccessNotifier; links: AccessLinks; clock: () => Date; reminderDays: number }) {
  const changes = createGrantChanges({ db, audit, people, notify, links, clock });
  const { views, end } = changes;

  return {
    views,
    end,
    grantApproved: changes.grantApproved,
    activate: changes.activate,
    ...createGrantExpiry({ db, audit, people, notify, links, clock, reminderDays, changes }),

    async list({ query, actor }: { query: ListGrantsQuery; actor: Actor }): Promise<{ items: Grant[]; nextCursor: string | null }> {
      const userId = query.userId ?? actor.dingtalkUserId;
      await assertMayRead(people, actor, userId);
      const beforeId = beforeIdOf(query.cursor);
      const rows = await db
        .select({ grant: accessGrants })
        .from(accessGrants)
        .innerJoin(accessRoles, eq(accessRoles.id, accessGrants.roleId))
        .where(
          and(
            eq(accessGrants.userDingtalkId, userId),
            query.status ? eq(accessGrants.status, query.status) : undefined,
            query.systemId ? eq(accessRoles.systemId, query.systemId) : undefined,
            beforeId !== null ? lt(accessGrants.id, Number(beforeId)) : undefined,
          ),
        )
        .orderBy(desc(accessGrants.id))
        .limit(query.limit + 1);
      const page = keysetPage(rows.map((row) => row.grant), query.limit, (row) => [String(row.id)]);
      return { items: await views(page.items), nextCursor: page.nextCursor };
    },

    /** IT admins, or the holder's manager, take a grant away now (with a reason, audited). */
    async revoke({ grantId, reason, actor, context }: { grantId: number; reason: string; actor: Actor; context: AuditContext }): Promise<Grant> {
      const [grant] = await db.select().from(accessGrants).where(eq(accessGrants.id, grantId));
      if (!grant) throw grantNotFound(grantId);
      // One team lookup answers both questions: may they see it, and may they take it away.
      const manager = await isManagerOf(people, actor, grant.userDingtalkId);
      if (!manager && grant.userDingtalkId !== actor.dingtalkUserId && !readsEveryone(actor)) throw grantNotFound(grantId);
      if (!manager && !actor.roles.includes('it_admin')) throw notAllowed('revoke this grant: IT admins and the holder’s manager can');
      return db.transaction(async (tx) => {
        const [locked] = await tx.select().from(accessGrants).where(eq(accessGrants.id, grantId)).for('update');
        if (!(await end(tx, locked!, { outcome: 'revoked', reason, context }))) throw grantNotHeld(locked!.status);
        const [after] = await tx.select().from(accessGrants).where(eq(accessGrants.id, grantId));
        return (await views([after!], tx))[0]!;
      });
    },

    /** Every held grant of these people (a leaver's, at once). */
    async heldBy(userIds: string[], tx: Executor): Promise<AccessGrantRow[]> {
      if (userIds.length === 0) return [];
      return tx.select().from(accessGrants).where(and(inArray(accessGrants.userDingtalkId, userIds), inArray(accessGrants.status, [...held]))).for('update');
    },

    /** Pending requests for these people (a leaver's), to close with their approvals. */
    async pendingRequestsOf(userIds: string[], tx: Executor): Promise<AccessRequestRow[]> {
      if (userIds.length === 0) return [];
      return tx.select().from(accessRequests).where(and(inArray(accessRequests.userDingtalkId, userIds), eq(accessRequests.status, 'pending')));
    },
  };

}

async function isManagerOf(people: People, actor: Actor, userId: string): Promise<boolean> {
  if (!actor.roles.includes('manager')) return false;
  return (await people.teamOf(actor.dingtalkUserId)).includes(userId);
}

function readsEveryone(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'it_staff' || role === 'it_admin' || role === 'auditor');
}

async function mayRead(people: People, actor: Actor, userId: string): Promise<boolean> {
  if (userId === actor.dingtalkUserId || readsEveryone(actor)) return true;
  return isManagerOf(people, actor, userId);
}

async function assertMayRead(people: People, actor: Actor, userId: string) {
  if (!(await mayRead(people, actor, userId))) throw notAllowed('see this person’s access: only they, their manager, IT and auditors can');
}

export type GrantsService = ReturnType<typeof createGrantsService>;
