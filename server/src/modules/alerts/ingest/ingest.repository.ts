import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { executePrepared } from '../../../db/prepared';
import { alertGroupChanges, alertGroups, alerts, previousStates } from '../alerts.table';

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

/** Ingest's one statement per stored batch; the group-state pass (group-state/) takes it from there. */
export function createIngestRepository({ db }: { db: Db }) {
  return {
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
  };
}

export type IngestRepository = ReturnType<typeof createIngestRepository>;
