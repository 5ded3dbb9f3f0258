import { levelSchema, ticketCategorySchema, ticketStatusSchema } from '@dingops/shared/tickets';
import { z } from 'zod';
import type { TicketFilters } from '../api/list-tickets';

/** IT's three queue tabs; `mine` is the employee's own list, on its own page. */
export const queueViews = ['unassigned', 'assigned', 'all'] as const;
export type QueueView = (typeof queueViews)[number];

/** Everything the queue keeps in its URL, so back from a ticket returns to the same tab and filters. */
export type QueueSearch = { view: QueueView; filters: TicketFilters; ticket: string | null };

const searchSchema = z.object({
  view: z.enum(queueViews).catch('unassigned'),
  status: ticketStatusSchema.optional().catch(undefined),
  level: z.coerce.number().pipe(levelSchema).optional().catch(undefined),
  category: ticketCategorySchema.optional().catch(undefined),
  overdue: z.literal('true').optional().catch(undefined),
  assignee: z.uuid().optional().catch(undefined),
  ticket: z.string().regex(/^\d{1,18}$/).optional().catch(undefined),
});

export function readQueueSearch(params: URLSearchParams): QueueSearch {
  const parsed = searchSchema.parse(Object.fromEntries(params));
  const { view, status, level, category, overdue, assignee, ticket } = parsed;
  return { view, filters: { status, level, category, overdue: overdue === 'true' || undefined, assigneeId: assignee }, ticket: ticket ?? null };
}

/** The query string for a queue state; empty filters are left out. */
export function writeQueueSearch({ view, filters, ticket }: QueueSearch): Record<string, string> {
  const query: Record<string, string> = { view };
  if (filters.status) query.status = filters.status;
  if (filters.level) query.level = String(filters.level);
  if (filters.category) query.category = filters.category;
  if (filters.overdue) query.overdue = 'true';
  if (filters.assigneeId) query.assignee = filters.assigneeId;
  if (ticket) query.ticket = ticket;
  return query;
}
