import { defineError, DomainError } from '../../platform/errors/domain-error';

/** No ticket with this id, or the caller may not see it (not told apart, so ids cannot be probed). */
export const ticketNotFound = defineError('tickets.not_found', 'not_found', (id: string) => `No ticket ${id}`);
/** The action does not apply to the ticket's status, or not for this caller. */
export const invalidTransition = defineError('tickets.invalid_transition', 'conflict', ({ from, action }: { from: string; action: string }) => `A ticket that is ${from} cannot be ${action}ed by you`);
/** Only IT staff and admins see the whole queue. */
export const queueForbidden = defineError('tickets.queue_forbidden', 'forbidden', (view: string) => `Only IT sees the "${view}" view`);
/** Only the person holding a ticket (or an IT admin) diagnoses or resolves it (rule F4). */
export const notTheAssignee = defineError('tickets.not_assignee', 'forbidden', ({ action, assignee }: { action: string; assignee: string }) => `${assignee} holds this ticket: only they or an IT admin may ${action} it (transfer it first)`);
/** Closed and cancelled tickets take no more assignment, 同样问题 or merging. */
export const ticketNotOpen = defineError('tickets.not_open', 'conflict', (status: string) => `The ticket is ${status}: only open tickets can be changed this way`);
export const alreadyAssignee = defineError('tickets.already_assignee', 'conflict', (name: string) => `${name} already holds this ticket`);
export const ownTicketMeToo = defineError('tickets.own_ticket', 'conflict', () => 'You reported this ticket yourself: 同样问题 is for other people with the same fault');
export const invalidMerge = defineError('tickets.invalid_merge', 'conflict', (why: string) => why);
export const recordOfCancelled = defineError('tickets.record_cancelled', 'conflict', () => 'A cancelled ticket has no fault record to edit');

/** A 400 that names one body field, like a schema failure would. */
export const invalidField = (code: string, path: string, message: string) => new DomainError(code, 'invalid', message, [{ path, message }]);
