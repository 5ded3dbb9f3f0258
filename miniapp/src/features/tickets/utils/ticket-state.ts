import type { TicketStatus } from '@dingops/shared/tickets';

/** Statuses where the fault is still being worked on: others can join it, IT can hand it on or merge it. */
export const openTicketStatuses: readonly TicketStatus[] = ['reported', 'accepted', 'diagnosing', 'reopened'];

export const isOpenStatus = (status: TicketStatus) => openTicketStatuses.includes(status);
