import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Nonces of accepted HTTP callbacks, kept for the allowed clock skew, so a captured request cannot be replayed. */
export const callbackNonces = pgTable(
  'callback_nonces',
  {
    nonce: text('nonce').primaryKey(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('callback_nonces_seen_idx').on(table.seenAt)],
);
