import type { AccessRequest, ListRequestsQuery } from '@dingops/shared/access';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import type { Actor } from '../../../platform/identity/identity.service';
import { beforeIdOf, keysetPage } from '../../../platform/pagination/cursor';
import { notAllowed, requestNotFound } from '../access.errors';
import type { People } from '../access.people';
import { accessGrants, accessRequests, accessRoles, accessSystems, type AccessRequestRow } from '../access.table';
import { peopleOfRequest, requestView } from '../access.views';
import type { RequestSettings } from './requests.types';

const readers = ['it_staff', 'it_admin', 'auditor'] as const;

/** Who may read a request, and requests as the API shows them: one, or a page of a scope (mine, approvals, team, all). */
export function createRequestReads({ db, people, settings }: { db: Db; people: People; settings: Pick<RequestSettings, 'approvalUrl'> }) {
  async function views(rows: AccessRequestRow[], tx: Executor = db): Promise<AccessRequest[]> {
    if (rows.length === 0) return [];
    const entries = await tx.select({ role: accessRoles, system: accessSystems }).from(accessRoles).innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId)).where(inArray(accessRoles.id, [...new Set(rows.map((row) => row.roleId))]));
    const byRole = new Map(entries.map((entry) => [entry.role.id, entry]));
    const names = await people.names(rows.flatMap(peopleOfRequest), tx);
    const grants = await tx.select({ id: accessGrants.id, requestId: accessGrants.requestId }).from(accessGrants).where(inArray(accessGrants.requestId, rows.map((row) => row.id)));
    const grantOf = new Map(grants.map((grant) => [grant.requestId, grant.id]));
    return rows.map((row) => requestView(row, byRole.get(row.roleId)!, names, { grantId: grantOf.get(row.id) ?? row.extendsGrantId ?? null, approvalUrl: settings.approvalUrl }));
  }

  async function mayRead(actor: Actor, row: AccessRequestRow): Promise<boolean> {
    if (peopleOfRequest(row).includes(actor.dingtalkUserId)) return true;
    if (actor.roles.some((role) => (readers as readonly string[]).includes(role))) return true;
    return actor.roles.includes('manager') && (await people.teamOf(actor.dingtalkUserId)).includes(row.userDingtalkId);
  }

  return {
    views,
    mayRead,

    async get({ id, actor }: { id: number; actor: Actor }): Promise<AccessRequest> {
      const [row] = await db.select().from(accessRequests).where(eq(accessRequests.id, id));
      if (!row || !(await mayRead(actor, row))) throw requestNotFound(id);
      return (await views([row]))[0]!;
    },

    async list({ query, actor }: { query: ListRequestsQuery; actor: Actor }): Promise<{ items: AccessRequest[]; nextCursor: string | null }> {
      const me = actor.dingtalkUserId;
      let scope;
      if (query.scope === 'mine') scope = or(eq(accessRequests.userDingtalkId, me), eq(accessRequests.requesterDingtalkId, me));
      else if (query.scope === 'approvals') scope = and(eq(accessRequests.status, 'pending'), sql`${accessRequests.approvers} @> ${JSON.stringify([{ userId: me }])}::jsonb`);
      else if (query.scope === 'team') {
        const team = actor.roles.includes('manager') ? await people.teamOf(me) : [];
        scope = team.length > 0 ? inArray(accessRequests.userDingtalkId, team) : sql`false`;
      } else {
        if (!actor.roles.some((role) => (readers as readonly string[]).includes(role))) throw notAllowed('list every request: IT and auditors can');
        scope = undefined;
      }
      const beforeId = beforeIdOf(query.cursor);
      const rows = await db
        .select()
        .from(accessRequests)
        .where(and(scope, query.status ? eq(accessRequests.status, query.status) : undefined, beforeId !== null ? lt(accessRequests.id, Number(beforeId)) : undefined))
        .orderBy(desc(accessRequests.id))
        .limit(query.limit + 1);
      const page = keysetPage(rows, query.limit, (row) => [String(row.id)]);
      return { items: await views(page.items), nextCursor: page.nextCursor };
    },
  };
}
