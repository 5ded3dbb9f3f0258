import { z } from 'zod';

/** Ticket lifecycle (DESIGN.md "Ticket lifecycle"): reported → accepted → diagnosing → resolved → closed, plus reopened and cancelled. */
export const ticketStatusSchema = z.enum(['reported', 'accepted', 'diagnosing', 'resolved', 'closed', 'reopened', 'cancelled']);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** What a person does to a ticket; each maps to one status change (rules/ticket-lifecycle.ts). */
export const ticketActionSchema = z.enum(['accept', 'diagnose', 'resolve', 'confirm', 'reopen', 'close', 'cancel']);
export type TicketAction = z.infer<typeof ticketActionSchema>;

/** Rule F3: the scope of impact a reporter states. */
export const impactScopeSchema = z.enum(['self', 'team', 'department', 'company']);
export type ImpactScope = z.infer<typeof impactScopeSchema>;

export const urgencySchema = z.enum(['low', 'medium', 'high']);
export type Urgency = z.infer<typeof urgencySchema>;

/** Rule F2: three warning levels; 1 is the most serious. */
export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Level = z.infer<typeof levelSchema>;

/**
 * A category code from the category tree IT edits (GET /api/v1/ticket-categories). The server checks
 * that the code exists and is active; these are the codes a new installation starts with.
 */
export const ticketCategorySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a category code (lower-case letters, digits, _)');
export type TicketCategory = z.infer<typeof ticketCategorySchema>;
export const defaultTicketCategoryCodes = ['dingtalk', 'network', 'vpn', 'email', 'printer', 'computer', 'meeting_room', 'account', 'software', 'other'] as const;

/** One node of the editable category tree; `parentCode` null is a root. Deactivated nodes stay for old tickets. */
export const ticketCategoryNodeSchema = z.object({
  code: ticketCategorySchema,
  parentCode: ticketCategorySchema.nullable(),
  name: z.object({ zh: z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) }),
  sortOrder: z.number().int().min(0).max(10_000),
  active: z.boolean(),
});
export type TicketCategoryNode = z.infer<typeof ticketCategoryNodeSchema>;
/** PUT /api/v1/ticket-categories/:code (it_admin): create or change one node. */
export const putTicketCategoryBodySchema = ticketCategoryNodeSchema.omit({ code: true });
export const ticketCategoryParamsSchema = z.object({ code: ticketCategorySchema });
export const ticketCategoryListSchema = z.object({ items: z.array(ticketCategoryNodeSchema) });

/** Rule F6: what the fault turned out to be. */
export const causeCategorySchema = z.enum(['hardware', 'software', 'network', 'configuration', 'account', 'user_error', 'vendor', 'power_environment', 'unknown']);
export type CauseCategory = z.infer<typeof causeCategorySchema>;

/** Rule F6: what IT did about it. */
export const repairActionSchema = z.enum(['configuration', 'patch', 'restart', 'hardware_replaced', 'reinstall', 'vendor_escalation', 'account_change', 'user_guidance', 'workaround', 'other']);
export type RepairAction = z.infer<typeof repairActionSchema>;

/** PUT /api/v1/tickets/:ticketId/fault-record (IT): the fault record, editable until the ticket is cancelled. */
export const faultRecordBodySchema = z.object({
  causeCategory: causeCategorySchema.nullable().optional(),
  cause: z.string().trim().max(2000).nullable().optional(),
  actionsTaken: z.array(repairActionSchema).max(10).optional(),
  /** The result: what was done and how it ended (shown as 解决方案). */
  resolution: z.string().trim().max(4000).nullable().optional(),
  timeSpentMinutes: z.number().int().min(0).max(100_000).nullable().optional(),
});
export type FaultRecordBody = z.infer<typeof faultRecordBodySchema>;

export const createTicketBodySchema = z.object({
  category: ticketCategorySchema,
  title: z.string().trim().min(2, 'say in a few words what is wrong').max(100),
  /** Rule R5: what happened, in detail. */
  description: z.string().trim().min(1, 'describe what happened').max(4000),
  /** Rule R5: the steps that led to it. */
  steps: z.string().trim().max(4000).optional(),
  impact: impactScopeSchema,
  urgency: urgencySchema,
  /** Rule F3: when it started; defaults to now. */
  startedAt: z.iso.datetime({ offset: true }).optional(),
  contact: z.string().trim().max(100).optional(),
});
export type CreateTicketBody = z.infer<typeof createTicketBodySchema>;

export const slaStateSchema = z.enum(['ok', 'due_soon', 'breached', 'met']);
export type SlaState = z.infer<typeof slaStateSchema>;

export const ticketSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  category: ticketCategorySchema,
  description: z.string(),
  steps: z.string().nullable(),
  impact: impactScopeSchema,
  urgency: urgencySchema,
  level: levelSchema,
  status: ticketStatusSchema,
  source: z.enum(['miniapp', 'chat']),
  reporter: z.object({ id: z.string(), name: z.string(), department: z.string().nullable() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  contact: z.string().nullable(),
  startedAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  responseDueAt: z.iso.datetime(),
  resolutionDueAt: z.iso.datetime(),
  responseSla: slaStateSchema,
  resolutionSla: slaStateSchema,
  cause: z.string().nullable(),
  resolution: z.string().nullable(),
  causeCategory: causeCategorySchema.nullable(),
  actionsTaken: z.array(repairActionSchema),
  timeSpentMinutes: z.number().int().nullable(),
  /** The reporter plus everyone who pressed 同样问题 (and the reporters of merged duplicates). */
  affectedCount: z.number().int(),
  /** The caller pressed 同样问题 on this ticket. */
  affectedMe: z.boolean(),
  /** Set when this ticket was merged into another as a duplicate. */
  mergedInto: z.object({ id: z.string(), number: z.string() }).nullable(),
  /** The alert group this fault belongs to (the alerts module links it). */
  alertGroupId: z.string().nullable(),
  /** What the caller may do next, for the UI's buttons. */
  allowedActions: z.array(ticketActionSchema),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketEventKindSchema = z.enum(['created', 'transition', 'comment', 'assigned', 'me_too', 'merged', 'linked', 'record_updated']);
export type TicketEventKind = z.infer<typeof ticketEventKindSchema>;

export const ticketEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  kind: ticketEventKindSchema,
  action: z.string().nullable(),
  fromStatus: ticketStatusSchema.nullable(),
  toStatus: ticketStatusSchema.nullable(),
  note: z.string().nullable(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

/** Screenshots of a fault (rule R5: a detailed description). Up to 9 per ticket, images only. */
export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: z.iso.datetime(),
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentParamsSchema = z.object({
  ticketId: z.string().regex(/^\d{1,18}$/, 'must be a ticket id'),
  attachmentId: z.string().regex(/^\d{1,18}$/, 'must be an attachment id'),
});

export const maxAttachmentsPerTicket = 9;
export const maxAttachmentBytes = 5 * 1024 * 1024;
export const attachmentContentTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export const ticketDetailSchema = ticketSchema.extend({ timeline: z.array(ticketEventSchema), attachments: z.array(attachmentSchema) });
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const ticketIdParamsSchema = z.object({ ticketId: z.string().regex(/^\d{1,18}$/, 'must be a ticket id') });

export const listTicketsQuerySchema = z.object({
  /** mine: I reported it; assigned: assigned to me; unassigned: nobody has it; all: IT's whole queue. */
  view: z.enum(['mine', 'assigned', 'unassigned', 'all']).default('mine'),
  status: z.array(ticketStatusSchema).or(ticketStatusSchema.transform((status) => [status])).optional(),
  level: z.coerce.number().pipe(levelSchema).optional(),
  category: ticketCategorySchema.optional(),
  overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** IT only: tickets assigned to this person (a DingOps user id). */
  assigneeId: z.uuid().optional(),
  alertGroupId: z.string().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuerySchema>;

export const ticketPageSchema = z.object({ items: z.array(ticketSchema), nextCursor: z.string().nullable() });

export const transitionBodySchema = z
  .object({
    action: ticketActionSchema,
    note: z.string().trim().max(4000).optional(),
    /** Rule F5/F6 on resolve: the cause found and what fixed it. */
    cause: z.string().trim().max(2000).optional(),
    resolution: z.string().trim().max(4000).optional(),
    causeCategory: causeCategorySchema.optional(),
    actionsTaken: z.array(repairActionSchema).max(10).optional(),
    timeSpentMinutes: z.number().int().min(0).max(100_000).optional(),
    /** On resolve: also publish the resolution as a knowledge article (issue "Knowledge"). */
    publishArticle: z.boolean().optional(),
  })
  .refine((body) => body.action !== 'resolve' || Boolean(body.resolution), { message: 'say how it was fixed', path: ['resolution'] });
export type TransitionBody = z.infer<typeof transitionBodySchema>;

export const commentBodySchema = z.object({ note: z.string().trim().min(1).max(4000) });


/** POST /api/v1/tickets/:ticketId/assignment (IT): assign, or transfer to another IT person. */
export const assignmentBodySchema = z.object({ assigneeId: z.uuid(), note: z.string().trim().max(1000).optional() });

/** POST /api/v1/tickets/:ticketId/merge (IT): this ticket is a duplicate of `intoTicketId`. */
export const mergeBodySchema = z.object({ intoTicketId: z.string().regex(/^\d{1,18}$/, 'must be a ticket id'), note: z.string().trim().max(1000).optional() });

/** PUT /api/v1/tickets/:ticketId/alert-group (IT, and the alerts module): link or unlink an alert group. */
export const alertGroupLinkBodySchema = z.object({ alertGroupId: z.string().min(1).max(100).nullable() });

/** GET /api/v1/tickets/export.csv takes the list filters (no cursor; at most `maxExportRows` rows). */
export const exportTicketsQuerySchema = listTicketsQuerySchema.omit({ cursor: true, limit: true });
export const maxExportRows = 10_000;

/** Business calendar and SLA targets (rule F4 response times), edited by it_admin. */
export const calendarDaySchema = z.object({ date: z.iso.date(), name: z.string().trim().max(40) });
export const slaTargetSchema = z.object({
  responseMinutes: z.number().int().min(1).max(100_000),
  resolutionMinutes: z.number().int().min(1).max(1_000_000),
  businessHoursOnly: z.boolean(),
});
export const slaSettingsSchema = z
  .object({
    calendar: z.object({
      utcOffsetMinutes: z.number().int().min(-720).max(840),
      /** 0 = Sunday … 6 = Saturday. */
      workdays: z.array(z.number().int().min(0).max(6)).max(7),
      startMinute: z.number().int().min(0).max(1439),
      endMinute: z.number().int().min(1).max(1440),
      /** Public holidays (法定节假日) not worked even on a workday. */
      holidays: z.array(calendarDaySchema).max(400),
      /** Weekend days that are worked (调休). */
      extraWorkdays: z.array(calendarDaySchema).max(100),
    }),
    targets: z.object({ '1': slaTargetSchema, '2': slaTargetSchema, '3': slaTargetSchema }),
  })
  .refine((settings) => settings.calendar.startMinute < settings.calendar.endMinute, { message: 'the working day must end after it starts', path: ['calendar', 'endMinute'] })
  .refine((settings) => settings.calendar.workdays.length > 0 || settings.calendar.extraWorkdays.length > 0, { message: 'at least one working day is needed', path: ['calendar', 'workdays'] });
export type SlaSettings = z.infer<typeof slaSettingsSchema>;
