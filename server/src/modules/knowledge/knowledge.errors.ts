import { defineError } from '../../platform/errors/domain-error';

/** No article with this id, or an archived one asked for by someone outside IT (not told apart). */
export const articleNotFound = defineError('knowledge.not_found', 'not_found', (id: string) => `No knowledge article ${id}`);
/** Archived articles are IT's working set: only IT staff and admins may list them. */
export const archiveForbidden = defineError('knowledge.archive_forbidden', 'forbidden', () => 'Only IT sees archived articles');
