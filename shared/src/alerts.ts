import { z } from 'zod';
import { alertSourceKinds, webhookSourceKinds } from './alert-sources';
import { matcherOperators } from './rules/alert-matchers';

/** Request and response shapes of /api/v1/alerts (rules F1, F2): shared by the server and the micro-app. */

export { alertSourceKinds, webhookSourceKinds, type AlertSourceKind, type WebhookSourceKind } from './alert-sources';

/** Kinds a source can have (alert-sources.ts lists them, one entry per kind). */
export const alertSourceKindSchema = z.enum(alertSourceKinds);

const labelName = z.string().trim().min(1).max(100);
const labelsSchema = z.record(z.string().max(200), z.string().max(4000));
const isoDate = z.iso.datetime({ offset: true });

export const createSourceBodySchema = z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(webhookSourceKinds) });
export const alertSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: alertSourceKindSchema,
  enabled: z.boolean(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
});
export type AlertSource = z.infer<typeof alertSourceSchema>;
/** The token is shown once, here; only its hash is stored. */
export const createdSourceSchema = alertSourceSchema.extend({ token: z.string() });
export const sourceListSchema = z.object({ items: z.array(alertSourceSchema) });
export const sourceIdParamsSchema = z.object({ sourceId: z.uuid() });

// --- Webhook payloads -------------------------------------------------------------------------

const webhookAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelsSchema,
  annotations: labelsSchema.default({}),
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().max(200).optional(),
});

/** Prometheus Alertmanager's webhook, payload version 4. */
export const alertmanagerPayloadSchema = z.object({
  version: z.string().max(10).optional(),
  groupKey: z.string().max(4000).optional(),
  truncatedAlerts: z.number().int().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(200).optional(),
  groupLabels: labelsSchema.optional(),
  commonLabels: labelsSchema.optional(),
  commonAnnotations: labelsSchema.optional(),
  externalURL: z.string().max(2000).optional(),
  alerts: z.array(webhookAlertSchema).min(1).max(5000),
});
export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

/** Grafana unified alerting's webhook: the Alertmanager shape plus a few fields of its own. */
export const grafanaPayloadSchema = alertmanagerPayloadSchema.extend({
  title: z.string().max(1000).optional(),
  state: z.string().max(50).optional(),
  message: z.string().max(20000).optional(),
  orgId: z.number().int().optional(),
  alerts: z.array(webhookAlertSchema.extend({ values: z.record(z.string(), z.number().nullable()).nullable().optional(), valueString: z.string().max(4000).optional() })).min(1).max(5000),
});
export type GrafanaPayload = z.infer<typeof grafanaPayloadSchema>;

const genericAlertSchema = z.object({
  title: z.string().trim().min(1).max(500),
  severity: z.string().trim().max(50).optional(),
  source: z.string().trim().max(200).optional(),
  labels: labelsSchema.default({}),
  annotations: labelsSchema.default({}),
  fingerprint: z.string().max(200).optional(),
  dedupKey: z.string().max(200).optional(),
  status: z.enum(['firing', 'resolved']).default('firing'),
  startsAt: isoDate.optional(),
  value: z.string().max(500).optional(),
});
/** Scripts and other monitors: one alert, or `{alerts: [...]}`. */
export const genericPayloadSchema = z.union([genericAlertSchema, z.object({ alerts: z.array(genericAlertSchema).min(1).max(5000) })]);
export type GenericPayload = z.infer<typeof genericPayloadSchema>;

const uptimeKumaTagSchema = z.object({ name: z.string().max(200), value: z.string().max(4000).nullable().optional() });
/**
 * Uptime Kuma's webhook notification (Request Body: application/json): the heartbeat that changed a
 * monitor's state, the monitor, and the line Uptime Kuma sends everywhere. A test notification has
 * `heartbeat` and `monitor` null. Only the fields DingOps reads are listed; the others are dropped.
 */
export const uptimeKumaPayloadSchema = z.object({
  heartbeat: z
    .object({
      monitorID: z.number().int().optional(),
      /** 0 down, 1 up, 2 pending, 3 maintenance. */
      status: z.number().int(),
      /** UTC, as Uptime Kuma stores it: `2026-11-28 07:59:00.123`. */
      time: z.string().max(64).optional(),
      msg: z.string().max(20000).optional(),
      ping: z.number().nullable().optional(),
    })
    .nullable()
    .optional(),
  monitor: z
    .object({
      id: z.number().int(),
      name: z.string().max(1000),
      description: z.string().max(20000).nullable().optional(),
      type: z.string().max(100).optional(),
      url: z.string().max(2000).nullable().optional(),
      hostname: z.string().max(1000).nullable().optional(),
      port: z.number().int().nullable().optional(),
      tags: z.array(uptimeKumaTagSchema).max(100).optional(),
    })
    .nullable()
    .optional(),
  msg: z.string().max(20000).optional(),
});
export type UptimeKumaPayload = z.infer<typeof uptimeKumaPayloadSchema>;

export const ingestResultSchema = z.object({ accepted: z.number().int(), groups: z.number().int() });

/**
 * A DingTalk group chat's openConversationId: `cid` followed by base64 characters, with up to two
 * `=` of padding (`cidP3vUxD0hX1nT2k9aQ7w5yBg==`). Strict because it is put into DingTalk calls and
 * keys stored robots: anything else is refused before it reaches either.
 */
export const openConversationIdSchema = z
  .string()
  .trim()
  .regex(/^cid[A-Za-z0-9+/]{8,100}={0,2}$/, 'must be a DingTalk openConversationId: "cid" followed by letters, digits, + or /');

// --- Rules ------------------------------------------------------------------------------------

export const labelMatcherSchema = z.object({ name: labelName, op: z.enum(matcherOperators), value: z.string().max(1000) });
export const alertLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const alertRuleSchema = z.object({
  name: z.string().trim().min(1).max(100),
  matchers: z.array(labelMatcherSchema).max(20),
  level: alertLevelSchema,
  /** The group chat this rule's cards go to instead of the IT ops group. */
  groupId: openConversationIdSchema.nullable().optional(),
  escalationPolicyId: z.string().trim().min(1).max(100).nullable().optional(),
  onCallScheduleId: z.string().trim().min(1).max(100).nullable().optional(),
  /** A group that keeps growing is raised one level (3 → 2 → 1) once it has this many firing alerts (each host's alert is one). */
  raiseAtFiring: z.number().int().min(2).max(100_000).nullable().optional(),
});
export const ruleSetSchema = z.object({ rules: z.array(alertRuleSchema).max(500) });
export type RuleSet = z.infer<typeof ruleSetSchema>;

export const ruleTestBodySchema = z.object({
  labels: labelsSchema,
  /** Try rules before saving them; default the saved ones. */
  rules: z.array(alertRuleSchema).max(500).optional(),
});
export const ruleTestResultSchema = z.object({
  level: alertLevelSchema,
  matchedRule: z.string().nullable(),
  reason: z.string(),
  route: z.object({ groupId: z.string().nullable(), escalationPolicyId: z.string().nullable(), onCallScheduleId: z.string().nullable() }),
  groupKey: z.string(),
  fingerprint: z.string(),
});

// --- Silences ---------------------------------------------------------------------------------

export const createSilenceBodySchema = z
  .object({
    matchers: z.array(labelMatcherSchema).min(1).max(20),
    startsAt: isoDate.optional(),
    endsAt: isoDate,
    reason: z.string().trim().min(1).max(500),
  })
  .refine((body) => !body.startsAt || new Date(body.startsAt) < new Date(body.endsAt), { path: ['endsAt'], message: 'must be after startsAt' });
export const silenceSchema = z.object({
  id: z.string(),
  matchers: z.array(labelMatcherSchema),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  active: z.boolean(),
});
export type Silence = z.infer<typeof silenceSchema>;
export const silenceListSchema = z.object({ items: z.array(silenceSchema) });
export const silenceIdParamsSchema = z.object({ silenceId: z.uuid() });

// --- Groups -----------------------------------------------------------------------------------

export const alertGroupStatuses = ['firing', 'acknowledged', 'resolved'] as const;
export const alertGroupActions = ['acknowledge', 'resolve', 'silence_1h', 'escalate', 'create_ticket', 'open_war_room'] as const;
export const alertGroupActionSchema = z.enum(alertGroupActions);
export type AlertGroupAction = z.infer<typeof alertGroupActionSchema>;

export const alertGroupSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  groupKey: z.string(),
  title: z.string(),
  labels: labelsSchema,
  level: alertLevelSchema,
  levelReason: z.string(),
  matchedRule: z.string().nullable(),
  status: z.enum(alertGroupStatuses),
  firingCount: z.number().int(),
  alertCount: z.number().int(),
  summary: z.string().nullable(),
  flapping: z.boolean(),
  suppressed: z.boolean(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  ticketId: z.string().nullable(),
  escalationPolicyId: z.string().nullable(),
  /** Escalation steps (0-based) that reached someone. */
  escalationStepsDone: z.array(z.number().int()),
  /** Steps that found nobody to tell: the walk went straight on, and they are tried again until someone can be told. */
  escalationStepsPassed: z.array(z.number().int()),
  /** When a growth rule raised the level; null when it was not raised that way. */
  growthRaisedAt: z.string().nullable(),
  /** The level-1 war-room group: requested (being created) and then its conversation. */
  warRoom: z.object({ requestedAt: z.string(), conversationId: z.string().nullable(), title: z.string().nullable() }).nullable(),
  /** 已合并: no card of its own, folded into an alert-storm summary card. */
  folded: z.boolean(),
  /** The group chat its card goes to (its rule's route, else the IT ops group, which also gets level 3's digest); null when neither is set. */
  chat: z.string().nullable(),
});
export type AlertGroup = z.infer<typeof alertGroupSchema>;

export const alertSchema = z.object({
  id: z.string(),
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  labels: labelsSchema,
  annotations: labelsSchema,
  level: alertLevelSchema,
  silenced: z.boolean(),
  inhibited: z.boolean(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  lastSeenAt: z.string(),
  generatorUrl: z.string().nullable(),
});

export const alertGroupEventSchema = z.object({ at: z.string(), kind: z.string(), actorName: z.string().nullable(), note: z.string().nullable() });
export const alertGroupDetailSchema = alertGroupSchema.extend({ alerts: z.array(alertSchema), timeline: z.array(alertGroupEventSchema) });
export type AlertGroupDetail = z.infer<typeof alertGroupDetailSchema>;

export const listAlertGroupsQuerySchema = z.object({
  level: z.coerce.number().pipe(alertLevelSchema).optional(),
  status: z.enum([...alertGroupStatuses, 'open']).optional(),
  /** Only groups whose card goes to this chat (an openConversationId, as `chat` gives it). */
  chat: openConversationIdSchema.optional(),
  /** Words in the title, summary or grouping labels (`erp`, `db1`). */
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListAlertGroupsQuery = z.infer<typeof listAlertGroupsQuerySchema>;
export const alertGroupPageSchema = z.object({ items: z.array(alertGroupSchema), nextCursor: z.string().nullable() });

/** A group chat alert cards go to, for the list's chat filter; `role` names the configured ones. */
export const alertGroupChatSchema = z.object({
  conversationId: z.string(),
  role: z.enum(['it_ops', 'security', 'leadership', 'other']),
  groups: z.number().int(),
  openGroups: z.number().int(),
});
export type AlertGroupChat = z.infer<typeof alertGroupChatSchema>;
export const alertGroupChatListSchema = z.object({ items: z.array(alertGroupChatSchema) });

/** Open alert groups per level: those no one has claimed (silenced ones apart) and those claimed. */
export const alertSummarySchema = z.object({
  levels: z.array(z.object({ level: alertLevelSchema, unacknowledged: z.number().int(), silenced: z.number().int(), acknowledged: z.number().int() })),
});
export type AlertSummary = z.infer<typeof alertSummarySchema>;
export const alertGroupIdParamsSchema = z.object({ groupId: z.string().regex(/^\d{1,18}$/, 'must be an alert group id') });
export const alertGroupActionBodySchema = z.object({ action: alertGroupActionSchema, note: z.string().trim().max(500).optional() });
