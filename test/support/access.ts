import { and, eq, sql } from 'drizzle-orm';
import { accessRoles, accessSystems } from '../../server/src/modules/access/access.table';
import { inboxEvents } from '../../server/src/platform/inbox/inbox.table';
import type { TestApp } from './test-app';
import { waitFor } from './wait';

// Helpers for access-governance tests: the demo catalog's roles, and settling DingTalk round trips
// (outbox → sandbox → event → inbox) without sleeping on fixed times.

/** The id of a demo catalog role (server/src/demo/access.seed.ts), e.g. demoRoleId(t, 'VPN', '远程访问'). */
export async function demoRoleId(t: TestApp, system: string, role: string): Promise<number> {
  const [row] = await t.database.db.select({ id: accessRoles.id }).from(accessRoles).innerJoin(accessSystems, eq(accessSystems.id, accessRoles.systemId)).where(and(eq(accessSystems.name, system), eq(accessRoles.name, role)));
  if (!row) throw new Error(`no demo role ${system}/${role}`);
  return row.id;
}

/** How many inbox rows of a topic DingOps holds. */
export async function inboxCount(t: TestApp, topic: string): Promise<number> {
  const [row] = await t.database.db.select({ count: sql<number>`count(*)::int` }).from(inboxEvents).where(eq(inboxEvents.topic, topic));
  return row?.count ?? 0;
}

/**
 * Delivers what the outbox holds, waits until DingTalk's events for it (`expectEvents` more rows of
 * `topic`) are in the inbox, then dispatches them.
 */
export async function settle(t: TestApp, { topic = 'bpms_instance_change', expectEvents = 0, waitMs = 30_000 }: { topic?: string; expectEvents?: number; waitMs?: number } = {}) {
  const before = await inboxCount(t, topic);
  await t.drainOutbox();
  if (expectEvents > 0) await waitFor(async () => (await inboxCount(t, topic)) >= before + expectEvents, `${expectEvents} ${topic} event(s) in the inbox`, waitMs);
  while ((await t.app.inbox.runOnce()) > 0) {
    // dispatch until nothing is due
  }
  await t.drainOutbox();
}

/** Waits until DingTalk's `type` event (finish, terminate) for an approval instance is in the inbox, then dispatches. */
export async function settleInstance(t: TestApp, processInstanceId: string, type: 'finish' | 'terminate') {
  await t.drainOutbox();
  await waitFor(
    async () => (await t.database.db.select({ id: inboxEvents.id }).from(inboxEvents).where(and(eq(inboxEvents.topic, 'bpms_instance_change'), sql`${inboxEvents.payload}->>'processInstanceId' = ${processInstanceId}`, sql`${inboxEvents.payload}->>'type' = ${type}`))).length > 0,
    `the ${type} event of ${processInstanceId}`,
    30_000,
  );
  await settle(t);
}

/** The running approval task of an approver in the sandbox's approval inbox. */
export async function pendingApprovalFor(t: TestApp, approverId: string) {
  const { tasks } = await t.sandboxApi<{ tasks: { processInstanceId: string; approverId: string; formComponentValues: { name: string; value: string }[] }[] }>(`/approvals?approverId=${approverId}`);
  return tasks;
}

/** An approver agrees or refuses in the sandbox (as in DingTalk's approval app). */
export async function decideInSandbox(t: TestApp, processInstanceId: string, userId: string, result: 'agree' | 'refuse', remark = '同意') {
  await t.sandboxApi(`/approvals/${processInstanceId}/decide`, { method: 'POST', body: { userId, result, remark } });
}
