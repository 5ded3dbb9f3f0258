import { DomainError, defineError } from '../../../platform/errors/domain-error';

/** No such campaign, or the caller has nothing in it to see (a reviewer sees only campaigns they review in). */
export const reviewNotFound = defineError('access.review_not_found', 'not_found', (id: number) => `No access review ${id}`);

/** The scope matched no held grant: a campaign with nothing to decide is refused. */
export const noGrantsToReview = () => new DomainError('access.no_grants_to_review', 'invalid', 'No held grants match this scope: nothing to review', [{ path: 'body.scope', message: 'matches no grants to review' }]);

/** A campaign must leave its reviewers some time. */
export const dueInPast = () => new DomainError('access.review_due_in_past', 'invalid', 'The due date must be in the future', [{ path: 'body.dueAt', message: 'must be in the future' }]);

/** The campaign has closed: every item was decided; nothing more can change. */
export const reviewClosed = () => new DomainError('access.review_closed', 'conflict', 'This review is closed: every item has been decided');

/** An item was decided already (by its reviewer or the manager it was escalated to). */
export const itemDecided = (index: number) => new DomainError('access.item_decided', 'conflict', 'This item has been decided already', [{ path: `body.items.${index}.itemId`, message: 'is decided already' }]);

/** The item is not part of this campaign (or appears twice in the request). */
export const itemNotInReview = (index: number, message = 'is not an item of this review') => new DomainError('access.item_not_in_review', 'invalid', `Item ${index + 1} ${message}`, [{ path: `body.items.${index}.itemId`, message }]);

/** Only the item's reviewer, or the manager it was escalated to, decides it. */
export const notYourItem = () => new DomainError('access.not_your_item', 'forbidden', 'Only the item’s reviewer, or the manager it was escalated to, may decide it');

/** A decision the rules refuse (revoke without a comment, shorten to a later or past end). */
export const badDecision = (index: number, field: 'comment' | 'endsAt', message: string) => new DomainError('access.bad_decision', 'invalid', `Item ${index + 1}: ${field} ${message}`, [{ path: `body.items.${index}.${field}`, message }]);

/** Rule S2: a high-risk grant is looked at one by one, never kept in bulk. */
export const bulkKeepRefused = (index: number) => new DomainError('access.bulk_keep_refused', 'invalid', 'High-risk grants cannot be kept in bulk: decide them one by one', [{ path: `body.items.${index}.decision`, message: 'keeps a high-risk grant in bulk; decide it on its own' }]);
