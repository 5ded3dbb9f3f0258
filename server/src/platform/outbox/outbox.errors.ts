import { defineError } from '../errors/domain-error';

/** No dead letter with this id (it may have been retried or discarded already). */
export const deadLetterNotFound = defineError('outbox.dead_letter_not_found', 'not_found', (id: string) => `No dead letter ${id}`);
