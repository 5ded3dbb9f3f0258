import { and, asc, desc, eq, gt, ilike, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { containing } from '../../../db/like';
import { type AlertGroupRow, alertGroupEvents, alertGroups, alerts } from '../alerts.table';

export interface GroupEventInput {
  groupId: bigint;
  at: Date;
  kind: string;
  actorId?: string | null;
  actorName?: string | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

export interface GroupFilter {
  level?: number | undefined;
  status?: 'firing' | 'acknowledged' | 'resolved' | 'open' | undefined;
  /** Only groups whose card goes to `conversationId`, given where unrouted ones go. */
  chat?: { conversationId: string; defaultChat: string | null } | undefined;
  q?: string | undefined;
}

type Rows<T> = { rows: T[] };

/**
 * The chat a group's card goes to, in SQL: its route, else `defaultChat` (the IT ops group), which
 * also gets every level-3 group (in the digest). `toGroup` (groups.service.ts) says the same in TypeScript.
 */
const chatOfGroup = (defaultChat: string | null) => sql`CASE WHEN ${alertGroups.level} = 3 THEN ${defaultChat}::text ELSE COALESCE(${alertGroups.routeGroupId}, ${defaultChat}::text) END`;

/** Alert groups as people see them: reading, locking and updating one, its alerts and timeline, and the lists the jobs walk. */
export function createGroupsRepository({ db }: { db: Db }) {
  return {
    async addEvents(events: GroupEventInput[], tx: Executor) {
      if (events.length === 0) return;
      await tx.insert(alertGroupEvents).values(events.map((event) => ({ ...event, data: event.data ?? {} })));
    },

    async findGroup(id: bigint, tx: Executor = db): Promise<AlertGroupRow | null> {
      const [row] = await tx.select().from(alertGroups).where(eq(alertGroups.id, id));
      return row ?? null;
    },
    async lockGroup(id: bigint, tx: Executor): Promise<AlertGroupRow | null> {
      const [row] = await tx.select().from(alertGroups).where(eq(alertGroups.id, id)).for('update');
      return row ?? null;
    },
    async updateGroup(id: bigint, patch: Partial<typeof alertGroups.$inferInsert>, tx: Executor): Promise<AlertGroupRow> {
      const [row] = await tx.update(alertGroups).set(patch).where(eq(alertGroups.id, id)).returning();
      if (!row) throw new Error(`Alert group ${id} vanished`);
      return row;
    },
    async resolveAlertsOf(groupId: bigint, now: Date, tx: Executor) {
      await tx.update(alerts).set({ status: 'resolved', endsAt: now }).where(and(eq(alerts.groupId, groupId), eq(alerts.status, 'firing')));
    },
    /**
     * Level 1 first, newest first within a level, continuing after `after` (keyset on level, id). One
     * query per level, each walking the (level, id) or (status, level, id) index backwards, so a page
     * costs the same however many groups a storm left.
     */
    async listGroups({ filter, after, limit }: { filter: GroupFilter; after: { level: number; id: bigint } | null; limit: number }): Promise<AlertGroupRow[]> {
      // A group appears once the group-state pass has folded its first batch in.
      const conditions: SQL[] = [gt(alertGroups.alertCount, 0)];
      if (filter.status === 'open') conditions.push(ne(alertGroups.status, 'resolved'));
      else if (filter.status) conditions.push(eq(alertGroups.status, filter.status));
      if (filter.chat) conditions.push(sql`${chatOfGroup(filter.chat.defaultChat)} = ${filter.chat.conversationId}`);
      if (filter.q) conditions.push(or(ilike(alertGroups.title, containing(filter.q)), ilike(alertGroups.summary, containing(filter.q)), ilike(alertGroups.groupKey, containing(filter.q)))!);
      const rows: AlertGroupRow[] = [];
      for (const level of [1, 2, 3]) {
        if ((filter.level && filter.level !== level) || (after && level < after.level)) continue;
        const onLevel = [...conditions, eq(alertGroups.level, level), ...(after && level === after.level ? [lt(alertGroups.id, after.id)] : [])];
        rows.push(...(await db.select().from(alertGroups).where(and(...onLevel)).orderBy(desc(alertGroups.id)).limit(limit - rows.length)));
        if (rows.length >= limit) break;
      }
      return rows;
    },
    /** Groups per chat their cards go to (`defaultChat` for those without a route of their own, and for level 3's digest). */
    async groupCountsByChat(defaultChat: string | null): Promise<{ chat: string; groups: number; openGroups: number }[]> {
      const { rows } = (await db.execute(sql`
        SELECT chat, count(*)::int AS groups, (count(*) FILTER (WHERE status <> 'resolved'))::int AS open_groups
        FROM (SELECT ${chatOfGroup(defaultChat)} AS chat, status FROM ${alertGroups} WHERE alert_count > 0) AS routed
        WHERE chat IS NOT NULL GROUP BY chat ORDER BY chat`)) as unknown as Rows<{ chat: string; groups: number; open_groups: number }>;
      return rows.map((row) => ({ chat: row.chat, groups: row.groups, openGroups: row.open_groups }));
    },
    alertsOf: (groupId: bigint) => db.select().from(alerts).where(eq(alerts.groupId, groupId)).orderBy(desc(alerts.lastSeenAt)).limit(200),
    eventsOf: (groupId: bigint) => db.select().from(alertGroupEvents).where(eq(alertGroupEvents.groupId, groupId)).orderBy(asc(alertGroupEvents.id)).limit(500),
    /** Label sets of a group's firing alerts (for a silence that covers them). */
    async firingLabelsOf(groupId: bigint, tx: Executor) {
      const rows = await tx.select({ labels: alerts.labels }).from(alerts).where(and(eq(alerts.groupId, groupId), eq(alerts.status, 'firing'))).limit(50);
      return rows.map((row) => row.labels);
    },

    // --- jobs ---
    /** Unacknowledged, unmuted level-1 groups: the escalation walk's candidates. */
    escalationCandidates: (limit: number) =>
      db.select({ id: alertGroups.id }).from(alertGroups).where(and(eq(alertGroups.level, 1), eq(alertGroups.status, 'firing'), eq(alertGroups.suppressed, false), gt(alertGroups.alertCount, 0))).orderBy(asc(alertGroups.id)).limit(limit),
    /** Groups whose card waits (group wait) or lags behind (damped update). */
    cardCandidates: (limit: number) =>
      db
        .select({ id: alertGroups.id })
        .from(alertGroups)
        // A group whose first batch the group-state pass has not folded in yet has no alerts to show.
        .where(or(eq(alertGroups.cardDirty, true), and(eq(alertGroups.cardState, 'none'), eq(alertGroups.level, 2), eq(alertGroups.status, 'firing'), eq(alertGroups.suppressed, false), gt(alertGroups.alertCount, 0))))
        .orderBy(asc(alertGroups.id))
        .limit(limit),
    /** Level-3 groups opened or resolved since the last digest reported them. */
    async takeDigest(now: Date, limit: number, tx: Executor): Promise<AlertGroupRow[]> {
      const rows = await tx
        .select()
        .from(alertGroups)
        .where(and(eq(alertGroups.level, 3), gt(alertGroups.alertCount, 0), or(isNull(alertGroups.digestedStatus), sql`(${alertGroups.digestedStatus} = 'resolved') <> (${alertGroups.status} = 'resolved')`)))
        .orderBy(asc(alertGroups.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (rows.length > 0) {
        await tx.execute(sql`UPDATE ${alertGroups} SET digested_status = CASE WHEN status = 'resolved' THEN 'resolved' ELSE 'firing' END, updated_at = ${now.toISOString()}::timestamptz WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(rows.map((row) => String(row.id)))}::jsonb)::bigint)`);
      }
      return rows;
    },
    /** Open groups per level: unclaimed and audible, unclaimed but silenced, claimed (the summary and /metrics). */
    async openGroupStates(): Promise<{ level: number; unacknowledged: number; silenced: number; acknowledged: number }[]> {
      const result = (await db.execute(sql`
        SELECT level::int AS level,
               (count(*) FILTER (WHERE status = 'firing' AND NOT suppressed))::int AS unacknowledged,
               (count(*) FILTER (WHERE status = 'firing' AND suppressed))::int AS silenced,
               (count(*) FILTER (WHERE status = 'acknowledged'))::int AS acknowledged
        FROM ${alertGroups} WHERE status <> 'resolved' AND alert_count > 0 GROUP BY level`)) as unknown as Rows<{ level: number; unacknowledged: number; silenced: number; acknowledged: number }>;
      return result.rows;
    },
  };
}

export type GroupsRepository = ReturnType<typeof createGroupsRepository>;
