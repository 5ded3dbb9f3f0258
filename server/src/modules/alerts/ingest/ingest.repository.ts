import type { AlertRule } from '@dingops/shared/rules/alert-classify';
import { and, asc, desc, eq, gt, ilike, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { containing } from '../../../db/like';
import { executePrepared } from '../../../db/prepared';
import { rowsOfTable } from '../../../db/raw-rows';
import { type AlertGroupChangeRow, type AlertGroupRow, type AlertSourceRow, alertGroupChanges, alertGroupEvents, alertGroups, alertRules, alerts, alertSilences, alertSources, previousStates } from '../alerts.table';

/** One alert as the ingest path stores it (the row shape of the batch upsert). */
export interface AlertInput {
  fingerprint: string;
  groupKey: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  level: number;
  silenced: boolean;
  /** Known to be inhibited already (the statement itself checks the batch's and the stored level-1 alerts). */
  inhibited?: boolean;
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
  /** Maintenance windows that muted alerts of this group in the batch. */
  muted: { windowId: string; title: string; occurrenceStartsAt: string }[];
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
  /** Only groups whose card goes to `conversationId`, given where unrouted ones go. */
  chat?: { conversationId: string; defaultChat: string | null } | undefined;
  q?: string | undefined;
}

type Rows<T> = { rows: T[] };

/** An alert ready for the batch statement: its group, and its wire form without the group's place in the batch. */
export interface PreparedAlert {
  fingerprint: string;
  groupKey: string;
  /** The wire JSON from its second character on: the batch puts `{"g":<group index>,` in front. */
  wireTail: string;
}

/**
 * An alert as the batch statement reads it: short keys, and flags only when set. Every byte of a
 * batch crosses the socket to Postgres and is parsed there, so the common case stays small.
 */
export function prepareAlert(alert: AlertInput): PreparedAlert {
  const wire: Record<string, unknown> = { f: alert.fingerprint, l: alert.labels, a: alert.annotations, v: alert.level, t: alert.startsAt };
  if (alert.status === 'resolved') wire.r = 1;
  if (alert.silenced) wire.m = 1;
  if (alert.inhibited) wire.i = 1;
  if (alert.inhibitionKey !== null) wire.k = alert.inhibitionKey;
  if (alert.endsAt !== null) wire.e = alert.endsAt;
  if (alert.generatorUrl !== null) wire.u = alert.generatorUrl;
  return { fingerprint: alert.fingerprint, groupKey: alert.groupKey, wireTail: JSON.stringify(wire).slice(1) };
}

/** The batch's alerts as one JSON array, each pointing at its group by index (fewer bytes than the key). */
function wireArrayOf(alerts: PreparedAlert[], groups: GroupInput[]): string {
  const groupIndex = new Map(groups.map((group, index) => [group.groupKey, index]));
  const parts = alerts.map((alert) => {
    const index = groupIndex.get(alert.groupKey);
    if (index === undefined) throw new Error(`Alert ${alert.fingerprint} names group ${alert.groupKey}, which the batch lacks`);
    return `{"g":${index},${alert.wireTail}`;
  });
  return `[${parts.join(',')}]`;
}

/**
 * The chat a group's card goes to, in SQL: its route, else `defaultChat` (the IT ops group), which
 * also gets every level-3 group (in the digest). The service's `toGroup` says the same in TypeScript.
 */
const chatOfGroup = (defaultChat: string | null) => sql`CASE WHEN ${alertGroups.level} = 3 THEN ${defaultChat}::text ELSE COALESCE(${alertGroups.routeGroupId}, ${defaultChat}::text) END`;

/** The `previous_state` codes as SQL literals (a bound parameter would arrive as text). */
const state = Object.fromEntries(Object.entries(previousStates).map(([name, code]) => [name, sql.raw(String(code))])) as Record<keyof typeof previousStates, SQL>;

/**
 * What running the batch statement again mends, as pg and PGlite report it: not_null_violation
 * (23502: a group another batch was creating at that moment) and deadlock_detected (40P01).
 */
const isWorthRetrying = (error: unknown) => {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === '23502' || code === '40P01';
};

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

    // --- ingest: one statement per stored batch, then the group-state pass ---

    /**
     * Stores a batch in one statement (atomic without a transaction): creates the groups it needs,
     * upserts every alert (in fingerprint order, so two batches never deadlock on each other) and
     * records per group what changed for the group-state pass. No group row is locked, so batches of
     * one source are stored side by side. Returns how many groups the batch touched.
     */
    recordBatch({ sourceId, groups, alerts: input, now }: { sourceId: string; groups: GroupInput[]; alerts: AlertInput[]; now: Date }): Promise<number> {
      return this.recordPrepared({ sourceId, groups, alerts: input.map(prepareAlert), now });
    },

    /** `recordBatch` for alerts already in wire form (webhooks prepare theirs on arrival); in fingerprint order. */
    async recordPrepared({ sourceId, groups, alerts: input, now }: { sourceId: string; groups: GroupInput[]; alerts: PreparedAlert[]; now: Date }): Promise<number> {
      const at = now.toISOString();
      const statement = sql`
        WITH group_input AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(groups.map((group, index) => ({ ...group, index })))}::jsonb) AS i(
            "groupKey" text, "labels" jsonb, "title" text, "summary" text, "level" smallint, "levelReason" text, "matchedRule" text,
            "routeGroupId" text, "escalationPolicyId" text, "onCallScheduleId" text, "muted" jsonb, "index" int)
        ), created AS (
          INSERT INTO ${alertGroups} (source_id, group_key, labels, title, summary, level, level_reason, matched_rule, route_group_id, escalation_policy_id, on_call_schedule_id, status, opened_at, updated_at)
          SELECT ${sourceId}::uuid, i."groupKey", i."labels", i."title", i."summary", i."level", i."levelReason", i."matchedRule", i."routeGroupId", i."escalationPolicyId", i."onCallScheduleId", 'firing', ${at}::timestamptz, ${at}::timestamptz
          FROM group_input i
          -- Only the groups not there yet: trying the insert for every group costs a conflict check each.
          WHERE NOT EXISTS (SELECT 1 FROM ${alertGroups} g WHERE g.source_id = ${sourceId}::uuid AND g.group_key = i."groupKey")
          ON CONFLICT (source_id, group_key) DO NOTHING
          RETURNING id, group_key, level, summary
        ), grp AS (
          SELECT c.id, c.group_key, c.level, c.summary, true AS created, i."index" FROM created c JOIN group_input i ON i."groupKey" = c.group_key
          UNION ALL
          SELECT g.id, g.group_key, g.level, g.summary, false, i."index" FROM ${alertGroups} g JOIN group_input i ON g.source_id = ${sourceId}::uuid AND g.group_key = i."groupKey"
        ), raw AS (
          -- The compact form of prepareAlert; jsonb_array_elements and -> hand labels and annotations
          -- over as jsonb (jsonb_to_recordset would print each to text and parse it again).
          SELECT e->>'f' AS "fingerprint", (e->>'g')::int AS "groupIndex", CASE WHEN e ? 'r' THEN 'resolved' ELSE 'firing' END AS "status",
            e->'l' AS "labels", e->'a' AS "annotations", (e->>'v')::smallint AS "level", e ? 'm' AS "silenced", e ? 'i' AS "inhibited",
            e->>'k' AS "inhibitionKey", (e->>'t')::timestamptz AS "startsAt", (e->>'e')::timestamptz AS "endsAt", e->>'u' AS "generatorUrl"
          FROM jsonb_array_elements(${wireArrayOf(input, groups)}::jsonb) AS e
        ), checked AS (
          SELECT r.*, r."level" > 1 AND r."status" = 'firing' AND r."inhibitionKey" IS NOT NULL AS "checkInhibition" FROM raw r
        ), inhibiting AS (
          -- The firing level-1 alerts of the batch itself inhibit …
          SELECT "inhibitionKey" AS key FROM checked WHERE "level" = 1 AND "status" = 'firing' AND "inhibitionKey" IS NOT NULL
          UNION
          -- … and so do stored ones: one index probe per distinct key of the batch (the partial index
          -- holds only firing level-1 alerts); LATERAL … LIMIT 1 keeps it a probe.
          SELECT k.key FROM (SELECT DISTINCT "inhibitionKey" AS key FROM checked WHERE "checkInhibition") k,
            LATERAL (SELECT 1 FROM ${alerts} l WHERE l.inhibition_key = k.key AND l.level = 1 AND l.status = 'firing' LIMIT 1) AS found
        ), up AS (
          -- A group another batch is creating this very moment is in neither half of grp: its group_id is
          -- NULL, the NOT NULL check fails the whole statement and the caller runs it again.
          INSERT INTO ${alerts} (source_id, fingerprint, group_id, status, labels, annotations, level, silenced, inhibited, inhibition_key, starts_at, ends_at, generator_url, first_seen_at, last_seen_at, previous_state)
          SELECT ${sourceId}::uuid, r."fingerprint", grp.id, r."status", r."labels", r."annotations", r."level", r."silenced",
            r."inhibited" OR (r."checkInhibition" AND r."inhibitionKey" IN (SELECT key FROM inhibiting)),
            r."inhibitionKey", r."startsAt", r."endsAt", r."generatorUrl", ${at}::timestamptz, ${at}::timestamptz, ${state.inserted}
          FROM checked r LEFT JOIN grp ON grp."index" = r."groupIndex"
          ON CONFLICT (source_id, fingerprint) DO UPDATE SET
            group_id = excluded.group_id, status = excluded.status, labels = excluded.labels, annotations = excluded.annotations,
            level = excluded.level, silenced = excluded.silenced, inhibited = excluded.inhibited, inhibition_key = excluded.inhibition_key,
            starts_at = excluded.starts_at, ends_at = excluded.ends_at, generator_url = excluded.generator_url, last_seen_at = excluded.last_seen_at,
            flips = ${alerts}.flips + CASE WHEN ${alerts}.status <> excluded.status THEN 1 ELSE 0 END,
            -- The row as it was, read under the row lock: exact even when two batches carry the same alert.
            previous_state = CASE WHEN ${alerts}.status <> 'firing' THEN ${state.resolved}
              WHEN ${alerts}.silenced OR ${alerts}.inhibited THEN ${state.firingMuted} ELSE ${state.firing} END
          RETURNING group_id, status, (silenced OR inhibited) AS muted, previous_state
        ), delta AS (
          SELECT group_id,
            (count(*) FILTER (WHERE status = 'firing') - count(*) FILTER (WHERE previous_state >= ${state.firing}))::int AS firing_delta,
            (count(*) FILTER (WHERE status = 'firing' AND muted) - count(*) FILTER (WHERE previous_state = ${state.firingMuted}))::int AS muted_firing_delta,
            count(*) FILTER (WHERE previous_state = ${state.inserted})::int AS added,
            count(*) FILTER (WHERE previous_state <> ${state.inserted} AND (previous_state >= ${state.firing}) <> (status = 'firing'))::int AS flips
          FROM up GROUP BY group_id
        ), changed AS (
          -- The same alerts sent again (monitors repeat themselves) change nothing: no row for the pass.
          INSERT INTO ${alertGroupChanges} (group_id, firing_delta, muted_firing_delta, added, flips, level, level_reason, matched_rule, summary, muted, created_at)
          SELECT d.group_id, d.firing_delta, d.muted_firing_delta, d.added, d.flips, i."level", i."levelReason", i."matchedRule", i."summary", i."muted", ${at}::timestamptz
          FROM delta d JOIN grp ON grp.id = d.group_id JOIN group_input i ON i."groupKey" = grp.group_key
          WHERE grp.created OR d.firing_delta <> 0 OR d.muted_firing_delta <> 0 OR d.added <> 0 OR d.flips <> 0
            OR i."level" < grp.level OR (grp.summary IS NULL AND i."summary" IS NOT NULL) OR jsonb_array_length(i."muted") > 0
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM delta)::int AS groups, (SELECT count(*) FROM changed)::int AS changed`;
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await executePrepared<{ groups: number; changed: number }>(db, 'alerts.record_batch', statement);
          return result.rows[0]?.groups ?? 0;
        } catch (error) {
          if (attempt >= 4 || !isWorthRetrying(error)) throw error;
        }
      }
    },

    /** Group changes waiting for the pass, oldest first, with what escalation needs to know of their groups. */
    async peekChanges(limit: number) {
      const result = (await db.execute(sql`
        SELECT c.id::text AS id, c.group_id::text AS "groupId", LEAST(c.level, g.level)::int AS level, COALESCE(g.matched_rule, c.matched_rule) AS "matchedRule",
          g.on_call_schedule_id AS "onCallScheduleId", g.labels->>'owner' AS owner, g.escalation_policy_id AS "escalationPolicyId"
        FROM (SELECT * FROM ${alertGroupChanges} ORDER BY id LIMIT ${limit}) c JOIN ${alertGroups} g ON g.id = c.group_id
        ORDER BY c.id`)) as unknown as Rows<{ id: string; groupId: string; level: number; matchedRule: string | null; onCallScheduleId: string | null; owner: string | null; escalationPolicyId: string | null }>;
      return result.rows;
    },

    /** Takes the changes up to `throughId` (those another instance holds are skipped) and locks their groups in id order. */
    async claimChanges(throughId: string, tx: Executor): Promise<{ changes: AlertGroupChangeRow[]; groups: AlertGroupRow[] }> {
      const taken = (await tx.execute(sql`
        DELETE FROM ${alertGroupChanges} WHERE id IN (
          SELECT id FROM ${alertGroupChanges} WHERE id <= ${throughId}::bigint ORDER BY id FOR UPDATE SKIP LOCKED)
        RETURNING *`)) as unknown as Rows<Record<string, unknown>>;
      const changes = rowsOfTable(alertGroupChanges, taken.rows).sort((a, b) => (a.id < b.id ? -1 : 1));
      if (changes.length === 0) return { changes, groups: [] };
      const ids = [...new Set(changes.map((change) => String(change.groupId)))];
      const locked = (await tx.execute(sql`
        SELECT * FROM ${alertGroups} WHERE id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint) ORDER BY id FOR UPDATE`)) as unknown as Rows<Record<string, unknown>>;
      return { changes, groups: rowsOfTable(alertGroups, locked.rows) };
    },

    /** Writes the new state of every group a request touched and their timeline events, in one statement (one round trip). */
    async updateGroupStates(states: (Pick<AlertGroupRow, 'level' | 'levelReason' | 'matchedRule' | 'summary' | 'growthRaisedAt' | 'status' | 'firingCount' | 'mutedFiringCount' | 'alertCount' | 'openedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'acknowledgedByDingtalkId' | 'resolvedAt' | 'resolvedManually' | 'escalationStepsDone' | 'flips' | 'flapping' | 'suppressed' | 'cardState' | 'cardVersion' | 'cardUpdatedAt' | 'cardCreatedAt' | 'cardDirty'> & { id: bigint })[], events: GroupEventInput[], now: Date, tx: Executor) {
      if (states.length === 0 && events.length === 0) return;
      const json = JSON.stringify(states.map((state) => ({ ...state, id: String(state.id) })));
      const eventJson = JSON.stringify(events.map((event) => ({ ...event, groupId: String(event.groupId), data: event.data ?? {} })));
      await tx.execute(sql`
        WITH written AS (
          UPDATE ${alertGroups} g SET
            level = s."level", level_reason = s."levelReason", matched_rule = s."matchedRule", summary = s."summary", growth_raised_at = s."growthRaisedAt",
            status = s."status", firing_count = s."firingCount", muted_firing_count = s."mutedFiringCount", alert_count = s."alertCount",
            opened_at = s."openedAt", acknowledged_at = s."acknowledgedAt", acknowledged_by = s."acknowledgedBy", acknowledged_by_dingtalk_id = s."acknowledgedByDingtalkId",
            resolved_at = s."resolvedAt", resolved_manually = s."resolvedManually",
            escalation_steps_done = ARRAY(SELECT jsonb_array_elements_text(s."escalationStepsDone"))::int[],
            flips = s."flips", flapping = s."flapping", suppressed = s."suppressed",
            card_state = s."cardState", card_version = s."cardVersion", card_updated_at = s."cardUpdatedAt", card_created_at = s."cardCreatedAt", card_dirty = s."cardDirty",
            updated_at = ${now.toISOString()}::timestamptz
          FROM jsonb_to_recordset(${json}::jsonb) AS s(
            "id" bigint, "level" smallint, "levelReason" text, "matchedRule" text, "summary" text, "growthRaisedAt" timestamptz, "status" text, "firingCount" int, "mutedFiringCount" int, "alertCount" int, "openedAt" timestamptz, "acknowledgedAt" timestamptz,
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
    /** How far the group-state pass is behind: changes waiting and the age of the oldest (for /metrics). */
    async pendingGroupChanges(now: Date): Promise<{ pending: number; oldestSeconds: number }> {
      const result = (await db.execute(sql`
        SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM (${now.toISOString()}::timestamptz - min(created_at))), 0)::float8 AS "oldestSeconds"
        FROM ${alertGroupChanges}`)) as unknown as Rows<{ pending: number; oldestSeconds: number }>;
      return result.rows[0] ?? { pending: 0, oldestSeconds: 0 };
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

export type AlertsRepository = ReturnType<typeof createAlertsRepository>;
