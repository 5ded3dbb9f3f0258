import type { AlertRule } from '@dingops/shared/rules/alert-classify';
import { and, asc, desc, eq, gt, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { rowsOfTable } from '../../db/raw-rows';
import { type AlertGroupRow, type AlertSourceRow, alertGroupEvents, alertGroups, alertRules, alerts, alertSilences, alertSources } from './alerts.table';

/** One alert as the ingest path stores it (the row shape of the batch upsert). */
export interface AlertInput {
  fingerprint: string;
  groupId: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  level: number;
  silenced: boolean;
  /** Inhibited by a level-1 alert in the same request. */
  inhibited: boolean;
  /** Also look for a firing level-1 alert already stored with the same inhibition key. */
  checkInhibition: boolean;
  inhibitionKey: string | null;
  startsAt: string;
  endsAt: string | null;
  generatorUrl: string | null;
}

export interface GroupInput {
  groupKey: string;
  labels: Record<string, string>;
  title: string;
  summary: string | null;
  level: number;
  levelReason: string;
  matchedRule: string | null;
  routeGroupId: string | null;
  escalationPolicyId: string | null;
  onCallScheduleId: string | null;
}

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
}

type Rows<T> = { rows: T[] };

export function createAlertsRepository({ db }: { db: Db }) {
  return {
    // --- sources ---
    async insertSource(values: typeof alertSources.$inferInsert, tx: Executor): Promise<AlertSourceRow> {
      const [row] = await tx.insert(alertSources).values(values).returning();
      if (!row) throw new Error('Source insert returned no row');
      return row;
    },
    listSources: () => db.select().from(alertSources).orderBy(asc(alertSources.createdAt)),
    async findSourceByTokenHash(tokenHash: string): Promise<AlertSourceRow | null> {
      const [row] = await db.select().from(alertSources).where(eq(alertSources.tokenHash, tokenHash));
      return row ?? null;
    },
    async updateSource(id: string, patch: Partial<typeof alertSources.$inferInsert>, tx: Executor): Promise<AlertSourceRow | null> {
      const [row] = await tx.update(alertSources).set(patch).where(eq(alertSources.id, id)).returning();
      return row ?? null;
    },

    // --- rules ---
    async loadRules(): Promise<AlertRule[]> {
      const rows = await db.select().from(alertRules).orderBy(asc(alertRules.position));
      return rows.map((row) => row.rule);
    },
    async replaceRules(rules: AlertRule[], now: Date, tx: Executor) {
      await tx.delete(alertRules);
      if (rules.length > 0) await tx.insert(alertRules).values(rules.map((rule, position) => ({ position, rule, updatedAt: now })));
    },

    // --- silences ---
    async insertSilence(values: typeof alertSilences.$inferInsert, tx: Executor) {
      const [row] = await tx.insert(alertSilences).values(values).returning();
      if (!row) throw new Error('Silence insert returned no row');
      return row;
    },
    /** Silences still in force or yet to start, newest first. */
    listSilences: (now: Date) => db.select().from(alertSilences).where(gt(alertSilences.endsAt, now)).orderBy(desc(alertSilences.createdAt)).limit(500),
    async expireSilence(id: string, now: Date, tx: Executor) {
      const [row] = await tx.update(alertSilences).set({ endsAt: now }).where(and(eq(alertSilences.id, id), gt(alertSilences.endsAt, now))).returning();
      return row ?? null;
    },

    // --- ingest (batch SQL: one statement per table per request) ---

    /** Creates missing groups and locks all of them for the request (in key order); a new group has alertCount 0. */
    async upsertGroups(sourceId: string, groups: GroupInput[], now: Date, tx: Executor): Promise<AlertGroupRow[]> {
      const sorted = [...groups].sort((a, b) => (a.groupKey < b.groupKey ? -1 : 1));
      const at = now.toISOString();
      const result = (await tx.execute(sql`
        INSERT INTO ${alertGroups} (source_id, group_key, labels, title, summary, level, level_reason, matched_rule, route_group_id, escalation_policy_id, on_call_schedule_id, status, opened_at, updated_at)
        SELECT ${sourceId}::uuid, g."groupKey", g."labels", g."title", g."summary", g."level", g."levelReason", g."matchedRule", g."routeGroupId", g."escalationPolicyId", g."onCallScheduleId", 'firing', ${at}::timestamptz, ${at}::timestamptz
        -- A function scan yields the array in order, so rows are locked in key order (no deadlock between batches).
        FROM jsonb_to_recordset(${JSON.stringify(sorted)}::jsonb) AS g(
          "groupKey" text, "labels" jsonb, "title" text, "summary" text, "level" smallint, "levelReason" text, "matchedRule" text,
          "routeGroupId" text, "escalationPolicyId" text, "onCallScheduleId" text)
        ON CONFLICT (source_id, group_key) DO UPDATE SET
          summary = COALESCE(excluded.summary, ${alertGroups}.summary),
          -- A group only climbs by ingest (a more severe alert joined); 升级 by hand is kept.
          level_reason = CASE WHEN excluded.level < ${alertGroups}.level THEN excluded.level_reason ELSE ${alertGroups}.level_reason END,
          matched_rule = CASE WHEN excluded.level < ${alertGroups}.level THEN excluded.matched_rule ELSE ${alertGroups}.matched_rule END,
          level = LEAST(excluded.level, ${alertGroups}.level),
          updated_at = excluded.updated_at
        RETURNING *`)) as unknown as Rows<Record<string, unknown>>;
      return rowsOfTable(alertGroups, result.rows);
    },

    /** Upserts every alert of a request in one statement; returns what changed per group. */
    async upsertAlerts(sourceId: string, input: AlertInput[], now: Date, tx: Executor) {
      const result = (await tx.execute(sql`
        WITH raw AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(input.map(({ inhibited, ...alert }) => ({ ...alert, batchInhibited: inhibited })))}::jsonb) AS x(
            "fingerprint" text, "groupId" bigint, "status" text, "labels" jsonb, "annotations" jsonb, "level" smallint,
            "silenced" boolean, "batchInhibited" boolean, "checkInhibition" boolean, "inhibitionKey" text, "startsAt" timestamptz, "endsAt" timestamptz, "generatorUrl" text)
        ), input AS (
          -- Inhibition by stored level-1 alerts is decided here, saving the request a round trip.
          SELECT r.*, (r."batchInhibited" OR (r."checkInhibition" AND EXISTS (
            SELECT 1 FROM ${alerts} l WHERE l.inhibition_key = r."inhibitionKey" AND l.level = 1 AND l.status = 'firing'))) AS "inhibited"
          FROM raw r
        ), prev AS (
          SELECT a.fingerprint, a.status, (a.silenced OR a.inhibited) AS muted
          FROM ${alerts} a JOIN input i ON a.source_id = ${sourceId}::uuid AND a.fingerprint = i."fingerprint"
        ), up AS (
          INSERT INTO ${alerts} (source_id, fingerprint, group_id, status, labels, annotations, level, silenced, inhibited, inhibition_key, starts_at, ends_at, generator_url, first_seen_at, last_seen_at)
          SELECT ${sourceId}::uuid, "fingerprint", "groupId", "status", "labels", "annotations", "level", "silenced", "inhibited", "inhibitionKey", "startsAt", "endsAt", "generatorUrl", ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz FROM input
          ON CONFLICT (source_id, fingerprint) DO UPDATE SET
            group_id = excluded.group_id, status = excluded.status, labels = excluded.labels, annotations = excluded.annotations,
            level = excluded.level, silenced = excluded.silenced, inhibited = excluded.inhibited, inhibition_key = excluded.inhibition_key,
            starts_at = excluded.starts_at, ends_at = excluded.ends_at, generator_url = excluded.generator_url, last_seen_at = excluded.last_seen_at,
            flips = ${alerts}.flips + CASE WHEN ${alerts}.status <> excluded.status THEN 1 ELSE 0 END
          RETURNING 1
        )
        SELECT i."groupId"::text AS "groupId",
          (count(*) FILTER (WHERE i."status" = 'firing') - count(*) FILTER (WHERE p.status = 'firing'))::int AS "firingDelta",
          (count(*) FILTER (WHERE i."status" = 'firing' AND (i."silenced" OR i."inhibited")) - count(*) FILTER (WHERE p.status = 'firing' AND p.muted))::int AS "mutedFiringDelta",
          count(*) FILTER (WHERE p.fingerprint IS NULL)::int AS "added",
          count(*) FILTER (WHERE p.status IS NOT NULL AND p.status <> i."status")::int AS "flips"
        FROM input i LEFT JOIN prev p ON p.fingerprint = i."fingerprint"
        GROUP BY i."groupId"`)) as unknown as Rows<{ groupId: string; firingDelta: number; mutedFiringDelta: number; added: number; flips: number }>;
      return result.rows;
    },

    /** Writes the new state of every group a request touched and their timeline events, in one statement (one round trip). */
    async updateGroupStates(states: (Pick<AlertGroupRow, 'level' | 'levelReason' | 'growthRaisedAt' | 'status' | 'firingCount' | 'mutedFiringCount' | 'alertCount' | 'openedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgedByDingtalkId' | 'resolvedAt' | 'resolvedManually' | 'escalationStepsDone' | 'flips' | 'flapping' | 'suppressed' | 'cardState' | 'cardVersion' | 'cardUpdatedAt' | 'cardCreatedAt' | 'cardDirty'> & { id: bigint })[], events: GroupEventInput[], now: Date, tx: Executor) {
      if (states.length === 0 && events.length === 0) return;
      const json = JSON.stringify(states.map((state) => ({ ...state, id: String(state.id) })));
      const eventJson = JSON.stringify(events.map((event) => ({ ...event, groupId: String(event.groupId), data: event.data ?? {} })));
      await tx.execute(sql`
        WITH written AS (
          UPDATE ${alertGroups} g SET
            level = s."level", level_reason = s."levelReason", growth_raised_at = s."growthRaisedAt",
            status = s."status", firing_count = s."firingCount", muted_firing_count = s."mutedFiringCount", alert_count = s."alertCount",
            opened_at = s."openedAt", acknowledged_at = s."acknowledgedAt", acknowledged_by = s."acknowledgedBy", acknowledged_by_dingtalk_id = s."acknowledgedByDingtalkId",
            resolved_at = s."resolvedAt", resolved_manually = s."resolvedManually",
            escalation_steps_done = ARRAY(SELECT jsonb_array_elements_text(s."escalationStepsDone"))::int[],
            flips = s."flips", flapping = s."flapping", suppressed = s."suppressed",
            card_state = s."cardState", card_version = s."cardVersion", card_updated_at = s."cardUpdatedAt", card_created_at = s."cardCreatedAt", card_dirty = s."cardDirty",
            updated_at = ${now.toISOString()}::timestamptz
          FROM jsonb_to_recordset(${json}::jsonb) AS s(
            "id" bigint, "level" smallint, "levelReason" text, "growthRaisedAt" timestamptz, "status" text, "firingCount" int, "mutedFiringCount" int, "alertCount" int, "openedAt" timestamptz, "acknowledgedAt" timestamptz,
            "acknowledgedBy" text, "acknowledgedByDingtalkId" text, "resolvedAt" timestamptz, "resolvedManually" boolean, "escalationStepsDone" jsonb,
            "flips" jsonb, "flapping" boolean, "suppressed" boolean, "cardState" text, "cardVersion" int, "cardUpdatedAt" timestamptz, "cardCreatedAt" timestamptz, "cardDirty" boolean)
          WHERE g.id = s."id"
          RETURNING 1
        )
        INSERT INTO ${alertGroupEvents} (group_id, at, kind, actor_id, actor_name, note, data)
        SELECT e."groupId", e."at", e."kind", e."actorId", e."actorName", e."note", e."data"
        FROM jsonb_to_recordset(${eventJson}::jsonb) AS e("groupId" bigint, "at" timestamptz, "kind" text, "actorId" text, "actorName" text, "note" text, "data" jsonb)`);
    },

    async addEvents(events: GroupEventInput[], tx: Executor) {
      if (events.length === 0) return;
      await tx.insert(alertGroupEvents).values(events.map((event) => ({ ...event, data: event.data ?? {} })));
    },

    // --- groups ---
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
    listGroups({ filter, beforeId, limit }: { filter: GroupFilter; beforeId: bigint | null; limit: number }) {
      const conditions: SQL[] = [];
      if (filter.level) conditions.push(eq(alertGroups.level, filter.level));
      if (filter.status === 'open') conditions.push(ne(alertGroups.status, 'resolved'));
      else if (filter.status) conditions.push(eq(alertGroups.status, filter.status));
      if (beforeId !== null) conditions.push(lt(alertGroups.id, beforeId));
      return db.select().from(alertGroups).where(and(...conditions)).orderBy(desc(alertGroups.id)).limit(limit);
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
      db.select({ id: alertGroups.id }).from(alertGroups).where(and(eq(alertGroups.level, 1), eq(alertGroups.status, 'firing'), eq(alertGroups.suppressed, false))).orderBy(asc(alertGroups.id)).limit(limit),
    /** Groups whose card waits (group wait) or lags behind (damped update). */
    cardCandidates: (limit: number) =>
      db
        .select({ id: alertGroups.id })
        .from(alertGroups)
        .where(or(eq(alertGroups.cardDirty, true), and(eq(alertGroups.cardState, 'none'), eq(alertGroups.level, 2), eq(alertGroups.status, 'firing'), eq(alertGroups.suppressed, false))))
        .orderBy(asc(alertGroups.id))
        .limit(limit),
    /** Level-3 groups opened or resolved since the last digest reported them. */
    async takeDigest(now: Date, limit: number, tx: Executor): Promise<AlertGroupRow[]> {
      const rows = await tx
        .select()
        .from(alertGroups)
        .where(and(eq(alertGroups.level, 3), or(isNull(alertGroups.digestedStatus), sql`(${alertGroups.digestedStatus} = 'resolved') <> (${alertGroups.status} = 'resolved')`)))
        .orderBy(asc(alertGroups.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (rows.length > 0) {
        await tx.execute(sql`UPDATE ${alertGroups} SET digested_status = CASE WHEN status = 'resolved' THEN 'resolved' ELSE 'firing' END, updated_at = ${now.toISOString()}::timestamptz WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(rows.map((row) => String(row.id)))}::jsonb)::bigint)`);
      }
      return rows;
    },
    async openGroupsByLevel(): Promise<{ level: number; open: number }[]> {
      const result = (await db.execute(sql`SELECT level::int AS level, count(*)::int AS open FROM ${alertGroups} WHERE status <> 'resolved' GROUP BY level`)) as unknown as Rows<{ level: number; open: number }>;
      return result.rows;
    },
  };
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
