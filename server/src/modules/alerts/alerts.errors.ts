import { defineError } from '../../platform/errors/domain-error';

/** Missing, unknown, disabled or wrong-kind source token: one answer, so tokens cannot be probed. */
export const badSourceToken = defineError('alerts.bad_token', 'unauthenticated', () => 'Send the alert source token as "Authorization: Bearer <token>"');
export const sourceNotFound = defineError('alerts.source_not_found', 'not_found', (id: string) => `No alert source ${id}`);
export const groupNotFound = defineError('alerts.group_not_found', 'not_found', (id: string) => `No alert group ${id}`);
export const silenceNotFound = defineError('alerts.silence_not_found', 'not_found', (id: string) => `No active silence ${id}`);
export const actionNotApplicable = defineError('alerts.action_not_applicable', 'conflict', ({ action, status }: { action: string; status: string }) => `An alert group that is ${status} cannot take "${action}"`);
export const ticketsUnavailable = defineError('alerts.tickets_unavailable', 'unavailable', () => 'Tickets cannot be created from alerts on this server');
