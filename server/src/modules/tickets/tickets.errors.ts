import { defineError } from '../../platform/errors/domain-error';

/** No ticket with this id, or the caller may not see it (not told apart, so ids cannot be probed). */
export const ticketNotFound = defineError('tickets.not_found', 'not_found', (id: string) => `No ticket ${id}`);
/** The action does not apply to the ticket's status, or not for this caller. */
export const invalidTransition = defineError('tickets.invalid_transition', 'conflict', ({ from, action }: { from: string; action: string }) => `A ticket that is ${from} cannot be ${action}ed by you`);
/** Only IT staff and admins see the whole queue. */
export const queueForbidden = defineError('tickets.queue_forbidden', 'forbidden', (view: string) => `Only IT sees the "${view}" view`);
