import { eq, or, sql } from 'drizzle-orm';
import { accessReviewItems } from '../access.table';

/** What a raw `execute` answers. */
export type Rows<T> = { rows: T[] };
/** The statuses in which a person holds a role, as an SQL list. */
export const held = sql`('provisioning', 'active')`;

/** Items a person may decide: assigned to them, or escalated to them. */
export const decidableBy = (userId: string) => or(eq(accessReviewItems.reviewerDingtalkId, userId), eq(accessReviewItems.escalatedTo, userId));
