import { defineError } from '../../platform/errors/domain-error';

/** No registered job has this name. */
export const jobNotFound = defineError('operations.job_not_found', 'not_found', (name: string) => `No job named ${name}`);
/** No parked event has this id (it may have been requeued already). */
export const parkedEventNotFound = defineError('operations.parked_event_not_found', 'not_found', (id: string) => `No parked event ${id}`);
