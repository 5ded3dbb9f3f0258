import { and, eq } from 'drizzle-orm';
import { accessGrants, accessSystems } from '../../../server/src/modules/access/access.table';
import { outbox } from '../../../server/src/platform/outbox/outbox.table';
import { demoRoleId as roleId } from '../../support/access';
import type { TestApp } from '../../support/test-app';

// Shared by the access review tests (request and grant helpers are in test/support/access.ts): the sandbox seeds the demo catalog and grants at start
// (server/src/demo/access.seed.ts); tests add grants of their own by table.

const dayMs = 86_400_000;

export async function systemId(t: TestApp, name: string): Promise<number> {
  const [row] = await t.database.db.select().from(accessSystems).where(eq(accessSystems.name, name));
  if (!row) throw new Error(`no demo system ${name}`);
  return row.id;
}

/** A held grant, as an approval would have made it. */
export async function aGrant(t: TestApp, { userId, system, role, days = 90 }: { userId: string; system: string; role: string; days?: number }) {
  const now = t.clock.now();
  const [row] = await t.database.db
    .insert(accessGrants)
    .values({ userDingtalkId: userId, roleId: await roleId(t, system, role), status: 'active', startsAt: now, endsAt: new Date(now.getTime() + days * dayMs), activatedAt: now, createdAt: now })
    .returning();
  return row!;
}

export async function grantOf(t: TestApp, userId: string, system: string, role: string) {
  const [row] = await t.database.db.select().from(accessGrants).where(and(eq(accessGrants.userDingtalkId, userId), eq(accessGrants.roleId, await roleId(t, system, role))));
  if (!row) throw new Error(`no grant of ${userId} for ${system}/${role}`);
  return row;
}

/** Work notifications the sandbox received for a person, as text to search. */
export async function notificationsOf(t: TestApp, userId: string): Promise<string[]> {
  const { notifications } = await t.sandboxApi<{ notifications: { msg: unknown }[] }>(`/work-notifications?userId=${userId}`);
  return notifications.map((note) => JSON.stringify(note.msg));
}

export async function outboxRowsFrom(t: TestApp, source: string) {
  return t.database.db.select().from(outbox).where(eq(outbox.source, source));
}

type AuditItem = { action: string; actorId: string; targetId: string; summary: Record<string, unknown> };

export async function auditOf(t: TestApp, query: string): Promise<AuditItem[]> {
  const admin = await t.loginAs('yq-wanglei');
  return (await t.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: admin.headers })).json().items;
}

export const inDays = (t: TestApp, days: number) => new Date(t.clock.now().getTime() + days * dayMs).toISOString();
export { dayMs };
