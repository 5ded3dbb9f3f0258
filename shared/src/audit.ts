import { z } from 'zod';

export const auditResultSchema = z.enum(['success', 'failure', 'denied']);

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** The actor's DingTalk user id when the actor is a person DingOps knows; null for system actors. */
  actorDingtalkId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: auditResultSchema,
  sourceIp: z.string().nullable(),
  requestId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * The first part of every action name (`tickets.created` → tickets). `action=tickets.*` asks for the
 * whole family; a family not listed here is refused, so a typo never looks like "no rows".
 */
export const auditActionFamilies = ['auth', 'access', 'users', 'tickets', 'alerts', 'knowledge', 'oncall', 'audit', 'scheduler', 'inbox', 'outbox'] as const;
export type AuditActionFamily = (typeof auditActionFamilies)[number];

/** `tickets.created`, `alerts.group_acknowledge`, or a family `tickets.*`. */
const actionPattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/;

/** The family an `action` filter names (`users.*` → users), or null when it names one exact action. */
export function actionFamilyOf(action: string): string | null {
  return action.endsWith('.*') ? action.slice(0, -2) : null;
}

const auditFilterFields = {
  /** DingOps user id (or a system actor such as `system`, `dingtalk`). */
  actorId: z.string().max(100).optional(),
  /** The actor's DingTalk user id. */
  actorDingtalkId: z.string().max(64).optional(),
  action: z.string().max(100).regex(actionPattern, 'an action such as tickets.created, or a family such as tickets.*').optional(),
  targetType: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

type AuditFilterInput = { action?: string | undefined; from?: string | undefined; to?: string | undefined };

function checkFilters(query: AuditFilterInput, ctx: z.RefinementCtx) {
  const family = query.action ? actionFamilyOf(query.action) : null;
  if (family !== null && !(auditActionFamilies as readonly string[]).includes(family)) {
    ctx.addIssue({ code: 'custom', path: ['action'], message: `unknown action family; one of ${auditActionFamilies.join(', ')}` });
  }
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
}

/** GET /api/v1/audit/export.csv: the list's filters, without paging. */
export const auditFiltersSchema = z.object(auditFilterFields).superRefine(checkFilters);
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export const listAuditQuerySchema = z
  .object({
    ...auditFilterFields,
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkFilters);
export type ListAuditQuery = z.infer<typeof listAuditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** GET /api/v1/audit/people?q=: whom the auditor can filter by, by name or DingTalk id. */
export const auditPeopleQuerySchema = z.object({ q: z.string().trim().min(1).max(50).optional() });

/** Just enough of a person to pick them as the actor filter (no contact details). */
export const auditPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  dingtalkUserId: z.string(),
  department: z.string().nullable(),
});
export type AuditPerson = z.infer<typeof auditPersonSchema>;
export const auditPeopleSchema = z.object({ items: z.array(auditPersonSchema) });
