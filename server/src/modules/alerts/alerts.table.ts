import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { alertSourceKinds } from '@dingops/shared/alert-sources';
import type { AlertRule } from '@dingops/shared/rules/alert-classify';
import type { LabelMatcher } from '@dingops/shared/rules/alert-matchers';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A monitoring system that posts alerts (rule F1): its token is stored only as a hash. */
export const alertSources = pgTable(
  'alert_sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** One of the kinds in shared alert-sources.ts; 'probe' is the built-in source DingOps's own probes raise alerts through (it has no usable token). */
    kind: text('kind', { enum: alertSourceKinds }).notNull(),
    tokenHash: text('token_hash').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: ts('created_at').notNull(),
    rotatedAt: ts('rotated_at'),
  },
  (table) => [uniqueIndex('alert_sources_token_idx').on(table.tokenHash)],
);

/** The admin-edited rule list; position orders it (first match wins). */
export const alertRules = pgTable('alert_rules', {
  position: integer('position').primaryKey(),
  rule: jsonb('rule').$type<AlertRule>().notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * One card per group: alerts of a source whose group-by labels agree. It keeps what escalation needs
 * (opened, acknowledged, resolved, policy, steps done) so a restart resumes without repeating.
 */
export const alertGroups = pgTable(
  'alert_groups',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    sourceId: uuid('source_id').notNull(),
    groupKey: text('group_key').notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    level: smallint('level').notNull(),
    levelReason: text('level_reason').notNull(),
    matchedRule: text('matched_rule'),
    /** Set by 升级: the level was raised by hand, so ingest does not lower it again. */
    levelRaised: boolean('level_raised').notNull().default(false),
    routeGroupId: text('route_group_id'),
    escalationPolicyId: text('escalation_policy_id'),
    onCallScheduleId: text('on_call_schedule_id'),
    status: text('status', { enum: ['firing', 'acknowledged', 'resolved'] }).notNull(),
    firingCount: integer('firing_count').notNull().default(0),
    /** Firing alerts that are silenced or inhibited; when all firing alerts are, the group is suppressed. */
    mutedFiringCount: integer('muted_firing_count').notNull().default(0),
    alertCount: integer('alert_count').notNull().default(0),
    /** Every firing alert is silenced or inhibited: recorded, but nobody is paged. */
    suppressed: boolean('suppressed').notNull().default(false),
    flips: jsonb('flips').$type<number[]>().notNull().default([]),
    flapping: boolean('flapping').notNull().default(false),
    openedAt: ts('opened_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedByDingtalkId: text('acknowledged_by_dingtalk_id'),
    resolvedAt: ts('resolved_at'),
    resolvedManually: boolean('resolved_manually').notNull().default(false),
    /** The escalation walk so far: `n` for a step that reached someone, `-(n + 1)` for one that found nobody and was passed (see rules/escalation.ts). */
    escalationStepsDone: integer('escalation_steps_done').array().notNull().default([]),
    ticketId: text('ticket_id'),
    /** 'none' until the first card (or, for level 3, the digest) carries it; 'folded' into a storm summary card instead (storm.*.ts). */
    cardState: text('card_state', { enum: ['none', 'sent', 'folded'] }).notNull().default('none'),
    /** When the group's own card was created: the storm guard counts a chat's recent level-2 cards by it. */
    cardCreatedAt: ts('card_created_at'),
    /** The storm summary card (its outTrackId) this group was folded into. */
    stormCardId: text('storm_card_id'),
    cardVersion: integer('card_version').notNull().default(0),
    cardUpdatedAt: ts('card_updated_at'),
    /** Something changed that the card does not show yet (a damped update). */
    cardDirty: boolean('card_dirty').notNull().default(false),
    /** The status the last level-3 digest reported; differs from status when the next digest should list it. */
    digestedStatus: text('digested_status'),
    /** When the group last told people it is still firing (card sent or repeat reminder): the repeat interval counts from here. */
    lastNotifiedAt: ts('last_notified_at'),
    /** Set when a growth rule raised the level (more alerts joined); the card says so. */
    growthRaisedAt: ts('growth_raised_at'),
    /** The DingTalk war-room group (level 1), once asked for and once created. */
    warRoomRequestedAt: ts('war_room_requested_at'),
    warRoomConversationId: text('war_room_conversation_id'),
    warRoomTitle: text('war_room_title'),
    updatedAt: ts('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('alert_groups_key_idx').on(table.sourceId, table.groupKey),
    index('alert_groups_list_idx').on(table.status, table.level, table.id),
    index('alert_groups_level_idx').on(table.level, table.id),
    index('alert_groups_card_created_idx').on(table.cardCreatedAt),
    index('alert_groups_storm_idx').on(table.stormCardId),
  ],
);

/**
 * Each alert by identity (fingerprint) within its source; firing and resolved update the one row.
 * The identity is the key: a surrogate id would cost every stored alert one more index entry.
 */
export const alerts = pgTable(
  'alerts',
  {
    sourceId: uuid('source_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    groupId: bigint('group_id', { mode: 'bigint' }).notNull(),
    status: text('status', { enum: ['firing', 'resolved'] }).notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull(),
    annotations: jsonb('annotations').$type<Record<string, string>>().notNull(),
    level: smallint('level').notNull(),
    silenced: boolean('silenced').notNull().default(false),
    inhibited: boolean('inhibited').notNull().default(false),
    /** Key of the labels a level-1 alert inhibits others by (null when it has none of them). */
    inhibitionKey: text('inhibition_key'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at'),
    generatorUrl: text('generator_url'),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    flips: integer('flips').notNull().default(0),
    /**
     * What the row was before the last upsert wrote it (see `previousStates`): the upsert returns it,
     * so a group's counts move by exactly what changed even when two requests carry the same alert.
     */
    previousState: smallint('previous_state').notNull().default(0),
  },
  (table) => [
    primaryKey({ name: 'alerts_identity_pk', columns: [table.sourceId, table.fingerprint] }),
    index('alerts_group_idx').on(table.groupId, table.status),
    // Only a firing level-1 alert inhibits, so only those rows are indexed (one index write less per alert).
    index('alerts_inhibitors_idx').on(table.inhibitionKey).where(sql`${table.level} = 1 AND ${table.status} = 'firing'`),
  ],
);

/** `alerts.previous_state`: the row was just inserted, or was resolved, firing, firing but muted. */
export const previousStates = { inserted: 0, resolved: 1, firing: 2, firingMuted: 3 } as const;

/**
 * What ingest did to a group that its state does not show yet: one row per group per stored batch,
 * written in the batch's own statement and folded into the group by the group-state pass
 * (group-state/group-changes.ts). Requests never lock a group row, so batches run side by side.
 */
export const alertGroupChanges = pgTable('alert_group_changes', {
  id: bigserial('id', { mode: 'bigint' }).primaryKey(),
  groupId: bigint('group_id', { mode: 'bigint' }).notNull(),
  firingDelta: integer('firing_delta').notNull(),
  mutedFiringDelta: integer('muted_firing_delta').notNull(),
  added: integer('added').notNull(),
  flips: integer('flips').notNull(),
  /** The most severe classification in the batch: a group climbs when a more severe alert joins. */
  level: smallint('level').notNull(),
  levelReason: text('level_reason').notNull(),
  matchedRule: text('matched_rule'),
  summary: text('summary'),
  /** Maintenance windows that muted alerts of this group in the batch (the timeline names them). */
  muted: jsonb('muted').$type<{ windowId: string; title: string; occurrenceStartsAt: string }[]>().notNull().default([]),
  createdAt: ts('created_at').notNull(),
});

/** The group's timeline: state changes, clicks, escalation steps (the record of rule F4's response). */
export const alertGroupEvents = pgTable(
  'alert_group_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    groupId: bigint('group_id', { mode: 'bigint' }).notNull(),
    at: ts('at').notNull(),
    kind: text('kind').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [index('alert_group_events_group_idx').on(table.groupId, table.id)],
);

/** Silences mute notifications for matching alerts between start and end; the alerts are still recorded. */
export const alertSilences = pgTable(
  'alert_silences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchers: jsonb('matchers').$type<LabelMatcher[]>().notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    reason: text('reason').notNull(),
    createdById: text('created_by_id'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (table) => [index('alert_silences_ends_idx').on(table.endsAt)],
);

/** Admin-edited alert settings by key (e.g. 'timing': group wait / group interval / repeat interval per level). */
export const alertSettings = pgTable('alert_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, unknown>>().notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export type AlertSourceRow = typeof alertSources.$inferSelect;
export type AlertGroupRow = typeof alertGroups.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type AlertGroupChangeRow = typeof alertGroupChanges.$inferSelect;
export type AlertSilenceRow = typeof alertSilences.$inferSelect;
