import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/client';
import { rowsOfTable } from '../../../db/raw-rows';
import { type AlertGroupChangeRow, type AlertGroupRow, alertGroupChanges, alertGroupEvents, alertGroups } from '../alerts.table';
import type { GroupEventInput } from '../groups/groups.repository';

type Rows<T> = { rows: T[] };

/** The group-state pass's queries: the changes stored batches left, taken with their groups locked, and the groups' new states written back. */
export function createGroupStateRepository({ db }: { db: Db }) {
  return {
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
    /** How far the group-state pass is behind: changes waiting and the age of the oldest (for /metrics). */
    async pendingGroupChanges(now: Date): Promise<{ pending: number; oldestSeconds: number }> {
      const result = (await db.execute(sql`
        SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM (${now.toISOString()}::timestamptz - min(created_at))), 0)::float8 AS "oldestSeconds"
        FROM ${alertGroupChanges}`)) as unknown as Rows<{ pending: number; oldestSeconds: number }>;
      return result.rows[0] ?? { pending: 0, oldestSeconds: 0 };
    },
  };
}

export type GroupStateRepository = ReturnType<typeof createGroupStateRepository>;
