import type { User } from '@dingops/shared/users';
import type { TicketRow } from './tickets.table';

/** The person acting, with what tickets need to know about them. */
export interface TicketActor {
  user: User;
  isIt: boolean;
}

/** Rule F4: once someone holds a ticket, only they or an IT admin diagnose and resolve it. */
export const worksIt = (row: TicketRow, actor: TicketActor) => !row.assigneeId || row.assigneeId === actor.user.id || actor.user.roles.includes('it_admin');
