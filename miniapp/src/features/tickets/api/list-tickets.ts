import { ticketPageSchema, type Level, type ListTicketsQuery, type TicketCategory, type TicketStatus } from '@dingops/shared/tickets';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';

export type TicketPage = z.infer<typeof ticketPageSchema>;
/** mine: I reported it; the other views are IT's queue (an employee gets 403 for them). */
export type TicketView = ListTicketsQuery['view'];
/** One status at a time: the API client sends single-valued query parameters. */
export type TicketFilters = { status?: TicketStatus; level?: Level; category?: TicketCategory; overdue?: boolean; assigneeId?: string };

type ListTicketsInput = { view: TicketView; filters?: TicketFilters; cursor?: string | null; limit?: number; signal?: AbortSignal };

/** GET /tickets: one keyset page of a view, newest first. */
export function listTickets({ view, filters = {}, cursor, limit = 30, signal }: ListTicketsInput): Promise<TicketPage> {
  return apiRequest('/tickets', {
    query: {
      view,
      status: filters.status,
      level: filters.level,
      category: filters.category,
      overdue: filters.overdue ? 'true' : undefined,
      assigneeId: filters.assigneeId,
      cursor,
      limit,
    },
    schema: ticketPageSchema,
    signal,
  });
}
