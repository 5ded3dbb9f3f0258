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

export const ticketCategorySchema = z.enum(['dingtalk', 'network', 'vpn', 'email', 'printer', 'computer', 'meeting_room', 'account', 'software', 'other']);
export type TicketCategory = z.infer<typeof ticketCategorySchema>;

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
  /** What the caller may do next, for the UI's buttons. */
  allowedActions: z.array(ticketActionSchema),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  kind: z.enum(['created', 'transition', 'comment', 'assigned']),
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
  })
  .refine((body) => body.action !== 'resolve' || Boolean(body.resolution), { message: 'say how it was fixed', path: ['resolution'] });
export type TransitionBody = z.infer<typeof transitionBodySchema>;

export const commentBodySchema = z.object({ note: z.string().trim().min(1).max(4000) });

